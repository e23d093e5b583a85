/* host.h: one machine's inputs (files, directories, standard input) ->
 * its table of samples, with the accounting of every file. */
#ifndef HOST_H
#define HOST_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "parse.h"
#include "report.h"
#include "sniff.h"
#include "table.h"

/* How to read: the same for every host of a run. */
struct load_opts {
	const struct parse_ctx	*ctx;	/* --start, --interval, --dump-time,
					 * --host (table and diag unused) */
	enum format		 forced;	/* or FORMAT_UNKNOWN: sniff */
	int			 have_tz;
	int64_t			 tz_ms;
};

struct host {
	/* in */
	char		**paths;	/* files, directories or "-" */
	size_t		 npaths;
	FILE		*err;		/* warnings; stderr, or a buffer */
	/* in and out: the host's name, else --host, else a CSV host column */
	char		*name;
	struct table	*table;
	struct file_stats *files;	/* room for nfiles + 2 more */
	size_t		 nfiles, filecap;
	struct report_input ri;		/* files, counts and table */
	struct diag	 diag;
};

/* Read every input of h into a new table and finish it.  Returns 0, or -1
 * with h->diag set (h can then still be freed). */
int	host_load(struct host *, const struct load_opts *);

/* A file read, in h->files after the inputs (pooltag.txt, !vm): returns
 * its file_stats, named, counted only by host_add_done. */
struct file_stats *host_add_file(struct host *, const char *name);
void	host_add_done(struct host *);

/* The end of a file: check that its lines add up (an internal error if
 * not, for a file read whole, ok), then write one warning per kind of
 * skipped line and the parser's note to err.  Returns 0, or -1 with d
 * set. */
int	host_finish_file(struct file_stats *, int ok, FILE *err,
	    struct diag *d);

/* The skipped lines, files and dropped samples of h. */
long	host_skips(const struct host *);

void	host_free(struct host *);

#endif
