/* fmt_handle.h: Sysinternals handle.exe type summaries (handle -s). */
#ifndef FMT_HANDLE_H
#define FMT_HANDLE_H

#include <stddef.h>

#include "parse.h"

/* Read captures of handle -s (and handle -s -p NAME) over time: each
 * capture's counts become counters "handles: TYPE" and "handles" (the
 * total), or "NAME handles: TYPE" and "NAME handles" after a command line
 * that names the process.  Returns 0, or -1 with ctx->diag set. */
int	fmt_handle_parse(struct parse_ctx *, struct input *,
	    struct file_stats *);

/* Is the line one only handle.exe writes (its summary header or its
 * banner)?  For sniffing. */
int	fmt_handle_line(const char *, size_t);

#endif
