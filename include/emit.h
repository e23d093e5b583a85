/* emit.h: the table as pooltrend's long CSV (--emit-series), for any other
 * tool to take over, and for pooltrend to read back. */
#ifndef EMIT_H
#define EMIT_H

#include <stdio.h>

#include "diag.h"
#include "table.h"

/* Write every sample of a finished table, grouped by tag and type, in
 * time order: timestamp,tag,type,allocs,frees,diff,bytes,driver, and host
 * when host is not NULL.  Unknown Allocs and Frees (from a dump) are
 * empty.  Returns 0, or -1 with diag set if a snapshot has no time. */
int	emit_series(FILE *, const struct table *, const char *host,
	    struct diag *);

#endif
