/* fmt_pscsv.h: the PowerShell collector's CSV, one row per tag with paged
 * and nonpaged side by side. */
#ifndef FMT_PSCSV_H
#define FMT_PSCSV_H

#include "parse.h"

/* Read a PowerShell pool CSV into ctx->table.  Returns 0, or -1 with
 * ctx->diag set. */
int	fmt_pscsv_parse(struct parse_ctx *, struct input *, struct file_stats *);

#endif
