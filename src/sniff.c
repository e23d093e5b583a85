/* sniff.c: which format is this? */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "fmt_poolmon.h"
#include "sniff.h"

static const char *const names[] = { "unknown", "poolmon", "csv" };

const char *
sniff_name(enum format f)
{
	return names[f];
}

/* Does a CSV header line name the columns of the long CSV? */
static int
csv_header(const char *l, size_t n)
{
	static const char *const need[] = { "timestamp", "tag", "type",
	    "bytes" };
	size_t	 i, k, w;
	int	 found;

	if (memchr(l, ',', n) == NULL)
		return 0;
	for (k = 0; k < sizeof(need) / sizeof(need[0]); k++) {
		w = strlen(need[k]);
		found = 0;
		for (i = 0; i + w <= n && !found; i++)
			if (strncasecmp(l + i, need[k], w) == 0 &&
			    (i == 0 || !isalpha((unsigned char)l[i - 1])) &&
			    (i + w == n || !isalpha((unsigned char)l[i + w])))
				found = 1;
		if (!found)
			return 0;
	}
	return 1;
}

enum format
sniff_format(const char *buf, size_t len)
{
	const char	*l = buf, *e = buf + len, *nl;
	size_t		 n;
	int		 lines = 0, first = 1, col;
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
			if (first && csv_header(l, n))
				return FORMAT_CSV;
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
