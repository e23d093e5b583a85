/* fmt_events.h: exported System logs: the exhaustion events in them. */
#ifndef FMT_EVENTS_H
#define FMT_EVENTS_H

#include <stddef.h>

#include "parse.h"

/* Read an exported System log (wevtutil qe /f:text, Event Viewer's CSV
 * or its details text, PowerShell's Export-Csv of Get-WinEvent or
 * Get-EventLog) and add its exhaustion events to the table: 2004 of the
 * Resource-Exhaustion-Detector, 2019 and 2020 of Srv.  Other events are
 * counted and passed over.  Returns 0, or -1 with ctx->diag set. */
int	fmt_events_parse(struct parse_ctx *, struct input *,
	    struct file_stats *);

/* Is the line one that starts an exported event log: "Event[0]:", an
 * Event Viewer or PowerShell CSV header?  For sniffing. */
int	fmt_events_line(const char *, size_t);

/* The kind of exhaustion an event reports, or NULL if it reports none;
 * *pool is the pool it says ran out, or -1. */
const char *fmt_events_kind(const char *source, size_t len, long id,
	    int *pool);

#endif
