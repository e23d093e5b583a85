/* fmt_csv.h: pooltrend's long CSV, timestamp,tag,type,allocs,frees,diff,bytes. */
#ifndef FMT_CSV_H
#define FMT_CSV_H

#include "parse.h"

/* Read a long CSV into ctx->table.  Returns 0, or -1 with ctx->diag set. */
int	fmt_csv_parse(struct parse_ctx *, struct input *, struct file_stats *);

/* Decode a tag as written in CSV: up to 4 bytes, \xNN escapes, blank
 * padded.  Returns 0, or -1 if it is not a tag. */
int	fmt_csv_tag(const char *, size_t, unsigned char tag[4]);

#endif
