/* units.c: numbers for people: sizes, rates, durations, tag names. */
#include <math.h>
#include <stdio.h>

#include "units.h"

char *
units_bytes(double b, char *buf, size_t size)
{
	static const char *const unit[] = { "B", "KB", "MB", "GB", "TB" };
	double	 a = fabs(b);
	int	 u = 0;

	/* 1023.96 KB would print as 1024.0 KB: take the next unit */
	while (a >= (u == 0 ? 1024 : 1023.95) && u < 4) {
		a /= 1024;
		b /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, size, "%.0f %s", b, unit[u]);
	else
		snprintf(buf, size, "%.*f %s", a < 9.995 ? 2 : 1, b, unit[u]);
	return buf;
}

char *
units_rate(double r, char *buf, size_t size)
{
	char	 b[32];

	if (isnan(r)) {
		snprintf(buf, size, "-");
		return buf;
	}
	units_bytes(fabs(r), b, sizeof(b));
	snprintf(buf, size, "%s%s/h", r > 0 ? "+" : r < 0 ? "-" : "", b);
	return buf;
}

char *
units_hours(double h, char *buf, size_t size)
{
	if (isnan(h))
		snprintf(buf, size, "-");
	else if (h < 1)
		snprintf(buf, size, "%.0f min", h * 60);
	else if (h < 48)
		snprintf(buf, size, "%.1f h", h);
	else
		snprintf(buf, size, "%.1f d", h / 24);
	return buf;
}

char *
units_tag(const unsigned char tag[4], char *buf, size_t size)
{
	size_t	 n = 4, i, o = 0;
	int	 w;

	while (n > 0 && tag[n - 1] == ' ')
		n--;
	for (i = 0; i < n && o + 1 < size; i++) {
		if (tag[i] >= 0x20 && tag[i] < 0x7f && tag[i] != '\\')
			buf[o++] = (char)tag[i];
		else {
			w = snprintf(buf + o, size - o, "\\x%02X", tag[i]);
			if (w < 0 || (size_t)w >= size - o)
				break;
			o += (size_t)w;
		}
	}
	buf[o < size ? o : size - 1] = '\0';
	return buf;
}
