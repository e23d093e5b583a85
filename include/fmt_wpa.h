/* fmt_wpa.h: the Pool table of Windows Performance Analyzer, exported to
 * CSV, after a pool trace (wpr -start Pool). */
#ifndef FMT_WPA_H
#define FMT_WPA_H

#include <stddef.h>

#include "parse.h"

/* Read a WPA Pool table export into ctx->table as allocation groups
 * (table_alloc_add), not snapshots: the rows still outstanding at the end
 * of the trace (Type AIFO or AOFO, or every row without a Type column).
 * Returns 0, or -1 with ctx->diag set (a header without a required
 * column). */
int	fmt_wpa_parse(struct parse_ctx *, struct input *, struct file_stats *);

/* Does the line name the columns of a WPA Pool table export (Pool Tag or
 * Tag, Paged, Size and Count)?  For sniffing. */
int	fmt_wpa_header(const char *, size_t);

#endif
