/* units.h: numbers for people: sizes, rates, durations, tag names. */
#ifndef UNITS_H
#define UNITS_H

#include <stddef.h>

/* "512 B", "1.5 KB", "83.2 MB" (powers of 1024, as poolmon's K). */
char	*units_bytes(double bytes, char *buf, size_t size);

/* "+83.2 KB/h", "-1.0 MB/h", "0 B/h". */
char	*units_rate(double bytes_per_hour, char *buf, size_t size);

/* "45 min", "19.8 h", "4.2 d". */
char	*units_hours(double hours, char *buf, size_t size);

/* A tag as text: trailing blanks trimmed, inner blanks kept, bytes outside
 * printable ASCII and the backslash written as \xNN. */
char	*units_tag(const unsigned char tag[4], char *buf, size_t size);

#endif
