/* sniff.c: which format is this? */
#include <string.h>

#include "fmt_events.h"
#include "fmt_handle.h"
#include "fmt_poolmon.h"
#include "fmt_poolused.h"
#include "fmt_wpa.h"
#include "sniff.h"
#include "util.h"

static const char *const names[FORMAT_N] = { "unknown", "poolmon", "csv",
    "powershell", "poolused", "perfmon", "handle", "events", "wpa" };

const char *
sniff_name(enum format f)
{
	return names[f];
}

enum format
sniff_by_name(const char *name)
{
	int	 f;

	for (f = FORMAT_POOLMON; f < FORMAT_N; f++)
		if (strcmp(name, names[f]) == 0)
			return (enum format)f;
	return FORMAT_UNKNOWN;
}

/* The first cell of a performance counter log: "(PDH-CSV 4.0) ...". */
static int
pdh_header(const char *l, size_t n)
{
	while (n > 0 && (*l == ' ' || *l == '"')) {
		l++;
		n--;
	}
	return n >= 13 && memcmp(l, "(PDH-CSV 4.0)", 13) == 0;
}

/* Which CSV does a header line start, if any? */
static enum format
csv_header(const char *l, size_t n)
{
	if (memchr(l, ',', n) == NULL || !util_has_word(l, n, "tag"))
		return FORMAT_UNKNOWN;
	if (util_has_word(l, n, "timestamp") && util_has_word(l, n, "type") &&
	    util_has_word(l, n, "bytes"))
		return FORMAT_CSV;
	if ((util_has_word(l, n, "PagedUsedBytes") ||
	    util_has_word(l, n, "NonPagedUsedBytes")) &&
	    (util_has_word(l, n, "DateTime") || util_has_word(l, n, "DateTimeUTC")))
		return FORMAT_PSCSV;
	if (fmt_wpa_header(l, n))
		return FORMAT_WPA;
	return FORMAT_UNKNOWN;
}

enum format
sniff_format(const char *buf, size_t len)
{
	const char	*l = buf, *e = buf + len, *nl;
	size_t		 n;
	int		 lines = 0, first = 1, col;
	enum format	 f;
	struct pm_row	 row;
	int64_t		 v1, v2;
	char		 msg[8];

	while (l < e && lines < 200) {
		nl = memchr(l, '\n', (size_t)(e - l));
		n = (size_t)((nl == NULL ? e : nl) - l);
		if (nl == NULL && e - buf == 65536)
			break;		/* a cut line proves nothing */
		if (n > 0 && l[n - 1] == '\r')
			n--;
		switch (pm_classify(l, n, &row, &v1, &v2, &col, msg,
		    sizeof(msg))) {
		case PM_BLANK:
			break;
		case PM_ROW:
		case PM_MEMORY:
		case PM_COMMIT:
		case PM_COLUMNS:
			return FORMAT_POOLMON;
		default:
			if (first && (f = csv_header(l, n)) != FORMAT_UNKNOWN)
				return f;
			if (first && pdh_header(l, n))
				return FORMAT_PERFMON;
			if (fmt_poolused_header(l, n))
				return FORMAT_POOLUSED;
			if (fmt_handle_line(l, n))
				return FORMAT_HANDLE;
			if (fmt_events_line(l, n))
				return FORMAT_EVENTS;
			first = 0;
			break;
		}
		lines++;
		if (nl == NULL)
			break;
		l = nl + 1;
	}
	return FORMAT_UNKNOWN;
}
