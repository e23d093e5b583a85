/* fmt_csv.h: pooltrend's long CSV, timestamp,tag,type,allocs,frees,diff,bytes. */
#ifndef FMT_CSV_H
#define FMT_CSV_H

#include "parse.h"

/* Read a long CSV into ctx->table.  Returns 0, or -1 with ctx->diag set. */
int	fmt_csv_parse(struct parse_ctx *, struct input *, struct file_stats *);

#endif
