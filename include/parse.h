/* parse.h: what every input parser shares: the run's time options, the
 * table it fills, and the accounting of what it read and skipped. */
#ifndef PARSE_H
#define PARSE_H

#include <stdint.h>

#include "diag.h"
#include "input.h"
#include "table.h"

enum skip_reason {
	SKIP_DAMAGED,		/* a row that could not be read */
	SKIP_UNRECOGNISED,	/* a line that is not part of the format */
	SKIP_DUPLICATE,		/* a second row for a (tag, type) and time */
	SKIP_NREASONS
};

/* Accounting for one input file. */
struct file_stats {
	char	*name;			/* owned by the caller */
	const char *format;		/* "poolmon", "csv" or NULL */
	long	 lines;
	long	 rows;			/* rows added to the table */
	long	 snapshots;
	long	 skipped[SKIP_NREASONS];
	long	 first_line[SKIP_NREASONS];	/* first skip of each kind */
	char	 first_msg[SKIP_NREASONS][160];
	char	 note[160];		/* something else to tell, or "" */
};

/* Shared state of one run over all inputs. */
struct parse_ctx {
	struct table	*table;
	struct diag	*diag;
	int		 have_start;	/* --start and --interval */
	int64_t		 start_ms;
	int64_t		 interval_ms;	/* 0 if not given */
	long		 untimed;	/* snapshots timed from --start so far */
	char		*host;		/* the one host of the run, or NULL */
	int		 have_dump_time;	/* --dump-time */
	int64_t		 dump_ms;
	/* per file, set by the caller */
	int		 have_name_time;
	int64_t		 name_ms;
};

/* Count a skipped line, keeping the first message of each kind. */
void	parse_skip(struct file_stats *, enum skip_reason, long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

const char *parse_skip_name(enum skip_reason);

/* Up to 40 bytes of a line as printable text for a message ("..." when
 * cut; other bytes as '?'); returns buf. */
char	*parse_excerpt(const char *, size_t, char *buf, size_t size);

#endif
