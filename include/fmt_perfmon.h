/* fmt_perfmon.h: performance counter logs (typeperf, relog, logman PDH-CSV). */
#ifndef FMT_PERFMON_H
#define FMT_PERFMON_H

#include "parse.h"

/* Read a PDH-CSV: \Memory\Pool Paged Bytes and \Memory\Pool Nonpaged Bytes
 * become the pool totals of each snapshot, \Process(NAME)\Handle Count the
 * counter "NAME handles".  Returns 0, or -1 with ctx->diag set. */
int	fmt_perfmon_parse(struct parse_ctx *, struct input *,
	    struct file_stats *);

#endif
