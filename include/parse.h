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

/* What a line of input was.  Each line read is counted once, in the
 * strongest class anything on it was given: a line with a skipped part is
 * skipped, else a line with a row is a row line, else it is structure. */
enum line_class {
	LINE_STRUCTURE,		/* time line, header, title, blank, comment */
	LINE_ROW,		/* a row of pool data (or a tag entry) */
	LINE_SKIPPED		/* by parse_skip, with its reason */
};

/* Accounting for one input file.  Once parse_lines_done has run, lines =
 * row_lines + structure_lines + the skipped lines of every reason. */
struct file_stats {
	char	*name;			/* owned by the caller */
	const char *format;		/* "poolmon", "csv" or NULL */
	long	 lines;			/* lines read */
	long	 row_lines;
	long	 structure_lines;
	long	 skipped[SKIP_NREASONS];	/* skipped lines, by reason */
	long	 rows;			/* rows added to the table */
	long	 snapshots;
	long	 first_line[SKIP_NREASONS];	/* first skip of each kind */
	char	 first_msg[SKIP_NREASONS][160];
	char	 note[160];		/* something else to tell, or "" */
	int	 split;			/* its second half was read on
					 * another thread */
	/* the lines being classified, not yet counted */
	long	 cl_first, cl_last;	/* none while cl_last is 0 */
	enum line_class cl_class;
	enum skip_reason cl_reason;
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
	int		 jobs;		/* threads a file may be read on */
	int64_t		 split_min;	/* bytes from which a CSV file or a
					 * poolmon log is read on two (0:
					 * SPLIT_MIN, 32 MiB) */
};

/* How far through a file, or the part of one a thread reads, the lines
 * read so far are, told to the table every few thousand lines (see
 * table_expect). */
struct parse_progress {
	struct table	*table;		/* NULL: tell nothing */
	size_t		 before;	/* snapshots before the part */
	int64_t		 size;		/* the part's bytes */
	int64_t		 done;		/* those of the lines read so far */
	unsigned	 lines;
};

/* Start counting the part of in from offset from (-1: its next line) to
 * its end.  Withdraws what the table was told of the file before, and
 * tells it nothing more when in is not a regular file read as bytes;
 * with the table NULL, does nothing. */
void	parse_progress_start(struct parse_progress *, struct table *,
	    struct input *in, int64_t from);

/* A line of n bytes without its line end was read. */
static inline void
parse_progress(struct parse_progress *p, size_t n)
{
	p->done += (int64_t)n + 1;
	if (++p->lines % 4096 == 0 && p->table != NULL)
		table_expect(p->table, p->before, (double)p->done /
		    (double)p->size);
}

/* The time of a snapshot, what ("snapshot", "handle summary"), that
 * begins at line of file name: the time line before it (have_time,
 * line_ms), else the file name's time if no snapshot of the file took it
 * yet (*name_used), else the next time from --start and --interval.
 * Returns 0 and sets *t, or -1 with the diag set when there is none. */
int	parse_snapshot_time(struct parse_ctx *, const char *name, long line,
	    const char *what, int have_time, int64_t line_ms, int *name_used,
	    int64_t *t);

/* Classify lines first to last (the lines of one CSV record).  Calls come
 * in the order of the lines; calls for one line merge. */
void	parse_line(struct file_stats *, long first, long last,
	    enum line_class);

/* Count the lines classified so far.  Returns 0 if every line read has
 * been counted in exactly one class, or -1. */
int	parse_lines_done(struct file_stats *);

/* The lines read but not counted in any class (0 after parse_lines_done
 * returned 0). */
long	parse_lines_unaccounted(const struct file_stats *);

/* Add the lines, rows and snapshots counted in from, a part of the same
 * file that began after line after, to those of to. */
void	parse_lines_add(struct file_stats *to, struct file_stats *from,
	    long after);

/* Classify a line as skipped for a reason, keeping the first message of
 * each kind.  A line already skipped keeps its first reason. */
void	parse_skip(struct file_stats *, enum skip_reason, long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

const char *parse_skip_name(enum skip_reason);

/* Up to 40 bytes of a line as printable text for a message ("..." when
 * cut; other bytes as '?'); returns buf. */
char	*parse_excerpt(const char *, size_t, char *buf, size_t size);

#endif
