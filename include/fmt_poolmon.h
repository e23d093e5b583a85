/* fmt_poolmon.h: poolmon snapshots (poolmon -n) and interactive screens. */
#ifndef FMT_POOLMON_H
#define FMT_POOLMON_H

#include <stddef.h>
#include <stdint.h>

#include "parse.h"

struct pm_row {
	unsigned char	 tag[4];
	enum pool_type	 type;
	int64_t		 allocs, frees, diff, bytes, per_alloc;
	const char	*driver;	/* driver_buf, or NULL */
	size_t		 driver_len;
	char		 driver_buf[256];
};

enum pm_line {
	PM_BLANK,
	PM_ROW,
	PM_DAMAGED,		/* looks like a row but cannot be read */
	PM_MEMORY,		/* " Memory: ... InRam Krnl: ... P: ..." */
	PM_COMMIT,		/* " Commit: ... Pool N: ... P: ..." */
	PM_TITLE,		/* " System pool information" */
	PM_COLUMNS,		/* " Tag  Type  Allocs ..." */
	PM_TIME,		/* a collector's time line */
	PM_OTHER
};

/* Classify one line (without its line end).  For PM_ROW fills row; for
 * PM_DAMAGED sets *col and writes what is wrong into msg; for PM_MEMORY
 * and PM_COMMIT sets *v1 (physical memory, or nonpaged pool) and *v2
 * (paged pool) in bytes, -1 when absent; for PM_TIME sets *v1 to the
 * time in ms. */
enum pm_line	 pm_classify(const char *line, size_t len, struct pm_row *row,
		    int64_t *v1, int64_t *v2, int *col, char *msg,
		    size_t msgsize);

/* Read a poolmon log into ctx->table.  Returns 0, or -1 with ctx->diag
 * set. */
int		 fmt_poolmon_parse(struct parse_ctx *, struct input *,
		    struct file_stats *);

#endif
