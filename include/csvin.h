/* csvin.h: CSV rows with line numbers (libcsv gives none), and what the
 * CSV formats share: field helpers and adding rows to the table. */
#ifndef CSVIN_H
#define CSVIN_H

#include <stddef.h>
#include <stdint.h>

#include "parse.h"

struct csv_row {
	int		 n;		/* fields in the row */
	char *const	*field;		/* NUL-terminated; at most CSVIN_MAXFIELDS */
	const size_t	*len;
	long		 line;		/* where the row began */
};

#define CSVIN_MAXFIELDS 64

/* Called for each row; returns 0 to go on or -1 to stop (with the diag
 * set). */
typedef int (*csv_row_fn)(const struct csv_row *, void *arg);

/* A format's fast path for a line that begins a record: returns 1 when
 * it read the line as a row and accounted for it (added to the table, or
 * skipped as a duplicate), 0 to leave the line to the general path, which
 * splits it into fields for the row function. */
typedef int (*csv_line_fn)(const char *line, size_t len, long lineno,
    void *arg);

/* Read the CSV rows of an input, counting its lines in fs.  Returns 0, or
 * -1 with diag set. */
int	 csvin_rows(struct input *, struct file_stats *, struct diag *,
	    csv_row_fn, void *arg);

/* The same with fields separated by delim: ',' or a TAB (then only
 * spaces around a field are blanks). */
int	 csvin_rows_delim(struct input *, struct file_stats *, struct diag *,
	    char delim, csv_row_fn, void *arg);

/* Find the columns named in a header row, in any letter case and with
 * blanks around them: col[k] is the field of names[k], or -1. */
void	 csvin_columns(const struct csv_row *, const char *const *names,
	    int nnames, int *col);

/* Trim blanks (isspace(3) of the C locale) at both ends of (s, n).
 * Inline: it is called for every field of every row, and most have no
 * blank to trim. */
static inline int
csvin_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline void
csvin_trim(const char **s, size_t *n)
{
	while (*n > 0 && csvin_space((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && csvin_space((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* An integer field, blanks around allowed.  Returns 0, or -1. */
int	 csvin_int(const char *, size_t, int64_t *);

/* A tag as written in CSV: up to 4 bytes, \xNN escapes, blank padded.
 * Returns 0, or -1 if it is not a tag. */
int	 csvin_tag(const char *, size_t, unsigned char tag[4]);

/* Where CSV rows go: the snapshot of the last time seen, and the
 * snapshots this file has rows in. */
struct csv_sink {
	struct parse_ctx	*ctx;
	struct file_stats	*fs;
	int64_t			 last_t;
	uint32_t		 last_snap;
	int			 have_last;
	uint8_t			*seen;
	size_t			 seencap;
	long			 nseen;
	int			 header_done;	/* set by the row function */
	csv_line_fn		 fast;		/* set by it too, or NULL */
	/* Set with fast, or NULL: a copy of the row function's argument
	 * for reading part of the file on another thread, and in *sink the
	 * sink inside it, which the caller sets up. */
	void			*(*clone)(const void *arg,
				    struct csv_sink **sink);
};

/* Add a row at time t to the table, counting it in fs or as a duplicate. */
void	 csvin_add(struct csv_sink *, long line, int64_t t, int utc,
	    const unsigned char tag[4], enum pool_type, int64_t allocs,
	    int64_t frees, int64_t diff, int64_t bytes, const char *driver,
	    size_t driver_len);

/* Set fs->snapshots and free what the sink holds. */
void	 csvin_sink_done(struct csv_sink *);

/* Read a CSV format (fields separated by delim, as csvin_rows_delim)
 * into the table: set up sk (which fn reaches through arg), read every
 * row, and fail if no row set sk->header_done.  Once the row function
 * sets sk->fast, each line that begins a record is offered to it first,
 * with arg.  Returns 0, or -1 with
 * diag set. */
int	 csvin_parse(struct parse_ctx *, struct input *, struct file_stats *,
	    const char *format, char delim, struct csv_sink *sk, csv_row_fn fn,
	    void *arg);

#endif
