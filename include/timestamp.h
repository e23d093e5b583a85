/* timestamp.h: the time forms found in pool logs, as milliseconds.
 *
 * Times without a zone are kept as written: they are counted on the civil
 * calendar as if they were UTC, never shifted to another zone. */
#ifndef TIMESTAMP_H
#define TIMESTAMP_H

#include <stddef.h>
#include <stdint.h>

/* Milliseconds since 1970-01-01T00:00:00 of a civil date and time, or
 * INT64_MIN if a field is out of range. */
int64_t	 ts_from_civil(int year, int month, int day, int hour, int min,
	    int sec, int msec);

/* A time line written by a collector before a snapshot: "2019.07.24-12:21:57
 * Pacific Standard Time (...)", "Wednesday, July 24, 2019 12:21:57 PM",
 * "Wed 07/24/2019 12:21:57.43", ISO 8601.  Returns 1 and sets *ms, or 0. */
int	 ts_parse_line(const char *, size_t, int64_t *ms);

/* A timestamp field: ISO 8601 (with an optional Z or +hh:mm, which is
 * applied and makes the time UTC) or epoch seconds (UTC).  Returns 1 and
 * sets *ms and *utc, or 0. */
int	 ts_parse_field(const char *, size_t, int64_t *ms, int *utc);

/* The time in a file name such as poolsnap_20261121_192800.log or
 * poolmon.2026-11-21-19-28-00.log.  Six numeric fields year, a, b, hour,
 * minute, second may be year-month-day or year-day-month: each reading that
 * is a valid date is returned (0 in *have_* when not).  Returns 1 if any. */
struct name_time {
	int	 have_ymd, have_ydm;
	int64_t	 ymd, ydm;
};
int	 ts_parse_name(const char *basename, struct name_time *);

/* The civil date and time of milliseconds since 1970-01-01T00:00:00. */
struct civil {
	int	 year, month, day, hour, min, sec, msec;
};
void	 ts_civil(int64_t ms, struct civil *);

/* Write "YYYY-MM-DDTHH:MM:SS" (".mmm" when not whole seconds, "Z" when
 * utc) into buf; returns buf. */
char	*ts_format(int64_t ms, int utc, char *buf, size_t size);

#endif
