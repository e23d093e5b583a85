/* fmt_poolused.h: WinDbg !poolused output, one snapshot from a dump. */
#ifndef FMT_POOLUSED_H
#define FMT_POOLUSED_H

#include "parse.h"

/* Read !poolused output into ctx->table as one snapshot at ctx->dump_ms
 * (or, without a dump time, one marked untimed).  Returns 0, or -1 with
 * ctx->diag set. */
int	fmt_poolused_parse(struct parse_ctx *, struct input *,
	    struct file_stats *);

/* Is the line the column header of a !poolused table? */
int	fmt_poolused_header(const char *, size_t);

#endif
