/* timestamp.c: the time forms found in pool logs, as milliseconds. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "timestamp.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's
 * days_from_civil). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31,28,31,30,31,30,31,31,30,31,30,31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int64_t
ts_from_civil(int y, int mo, int d, int h, int mi, int s, int ms)
{
	if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h < 0 || h > 23 || mi < 0 ||
	    mi > 59 || s < 0 || s > 60 || ms < 0 || ms > 999)
		return INT64_MIN;
	return ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000 +
	    (int64_t)s * 1000 + ms;
}

void
ts_civil(int64_t ms, struct civil *c)
{
	int64_t	 days, z, era, doe, yoe, doy, mp, m, rem;

	days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
	rem = ms - days * 86400000;
	/* Hinnant's civil_from_days */
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp + (mp < 10 ? 3 : -9);
	c->year = (int)(yoe + era * 400 + (m <= 2));
	c->month = (int)m;
	c->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->hour = (int)(rem / 3600000);
	c->min = (int)(rem / 60000 % 60);
	c->sec = (int)(rem / 1000 % 60);
	c->msec = (int)(rem % 1000);
}

char *
ts_format(int64_t ms, int utc, char *buf, size_t size)
{
	struct civil	 c;

	ts_civil(ms, &c);
	if (c.msec != 0)
		snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%s",
		    c.year, c.month, c.day, c.hour, c.min, c.sec, c.msec,
		    utc ? "Z" : "");
	else
		snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%s", c.year,
		    c.month, c.day, c.hour, c.min, c.sec, utc ? "Z" : "");
	return buf;
}

/* A small cursor over a bounded string. */
struct cur {
	const char	*p, *e;
};

static void
skip_blanks(struct cur *c)
{
	while (c->p < c->e && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

/* Read 1 to maxd digits; returns the number of digits read. */
static int
digits(struct cur *c, int maxd, int *v)
{
	int	 n = 0;

	*v = 0;
	while (c->p < c->e && n < maxd && isdigit((unsigned char)*c->p)) {
		*v = *v * 10 + (*c->p++ - '0');
		n++;
	}
	return n;
}

static int
lit(struct cur *c, char ch)
{
	if (c->p < c->e && *c->p == ch) {
		c->p++;
		return 1;
	}
	return 0;
}

/* A word of letters; returns its length. */
static size_t
word(struct cur *c, const char **w)
{
	*w = c->p;
	while (c->p < c->e && isalpha((unsigned char)*c->p))
		c->p++;
	return (size_t)(c->p - *w);
}

static int
month_name(const char *w, size_t n)
{
	static const char *const mon[] = {
	    "january", "february", "march", "april", "may", "june", "july",
	    "august", "september", "october", "november", "december"
	};
	int	 i;

	if (n < 3)
		return 0;
	for (i = 0; i < 12; i++)
		if (n <= strlen(mon[i]) && strncasecmp(w, mon[i], n) == 0)
			return i + 1;
	return 0;
}

static int
weekday_name(const char *w, size_t n)
{
	static const char *const day[] = {
	    "monday", "tuesday", "wednesday", "thursday", "friday",
	    "saturday", "sunday"
	};
	int	 i;

	if (n < 3)
		return 0;
	for (i = 0; i < 7; i++)
		if (n <= strlen(day[i]) && strncasecmp(w, day[i], n) == 0)
			return 1;
	return 0;
}

/* H:MM[:SS[.frac]] [AM|PM]; the hour may be one digit or blank padded. */
static int
clock_time(struct cur *c, int *h, int *mi, int *s, int *ms)
{
	const char	*w, *mark;
	size_t		 n;
	int		 frac, nd;

	skip_blanks(c);
	*s = *ms = 0;
	if (digits(c, 2, h) == 0 || !lit(c, ':') || digits(c, 2, mi) != 2)
		return 0;
	if (lit(c, ':')) {
		if (digits(c, 2, s) != 2)
			return 0;
		if (lit(c, '.') || lit(c, ',')) {
			nd = 0;
			*ms = 0;
			while (c->p < c->e && isdigit((unsigned char)*c->p)) {
				frac = *c->p++ - '0';
				if (nd < 3)
					*ms = *ms * 10 + frac;
				nd++;
			}
			if (nd == 0)
				return 0;
			for (; nd < 3; nd++)
				*ms *= 10;
		}
	}
	mark = c->p;
	skip_blanks(c);
	n = word(c, &w);
	if (n == 2 && strncasecmp(w, "PM", 2) == 0) {
		if (*h < 1 || *h > 12)
			return 0;
		if (*h != 12)
			*h += 12;
	} else if (n == 2 && strncasecmp(w, "AM", 2) == 0) {
		if (*h < 1 || *h > 12)
			return 0;
		if (*h == 12)
			*h = 0;
	} else
		c->p = mark;
	return 1;
}

/* Only blanks, or blanks then free text, may follow a time. */
static int
end_ok(struct cur *c, int free_text)
{
	const char *p = c->p;

	skip_blanks(c);
	if (c->p == c->e)
		return 1;
	return free_text && p < c->p;
}

/* Y-M-D[T| ]h:m[:s[.f]], Y.M.D-h:m:s, Y/M/D h:m:s. */
static int
ymd_form(struct cur *c, int64_t *ms, int *sep_out)
{
	int	 y, mo, d, h, mi, s, f;
	char	 sep;

	if (digits(c, 4, &y) != 4 || c->p >= c->e)
		return 0;
	sep = *c->p;
	if (sep != '-' && sep != '.' && sep != '/')
		return 0;
	c->p++;
	if (digits(c, 2, &mo) == 0 || !lit(c, sep) || digits(c, 2, &d) == 0)
		return 0;
	if (!lit(c, 'T') && !lit(c, '-') && !lit(c, '_') &&
	    (c->p >= c->e || (*c->p != ' ' && *c->p != '\t')))
		return 0;
	if (!clock_time(c, &h, &mi, &s, &f))
		return 0;
	*ms = ts_from_civil(y, mo, d, h, mi, s, f);
	*sep_out = (unsigned char)sep;
	return *ms != INT64_MIN;
}

int
ts_parse_line(const char *s, size_t len, int64_t *ms)
{
	struct cur	 c = { s, s + len };
	const char	*w;
	size_t		 n;
	int		 y, mo, d, h, mi, sec, f, sep;

	skip_blanks(&c);
	if (c.p < c.e && isdigit((unsigned char)*c.p)) {
		struct cur	 c2 = c;

		/* 2019.07.24-12:21:57 Pacific Standard Time (...), ISO */
		if (ymd_form(&c2, ms, &sep)) {
			lit(&c2, 'Z');	/* allowed, and ignored in a time line */
			return end_ok(&c2, 1);
		}
		/* 07/24/2019 12:21:57.43 (%date% %time%, month first) */
		if (digits(&c, 2, &mo) == 0 || !lit(&c, '/') ||
		    digits(&c, 2, &d) == 0 || !lit(&c, '/') ||
		    digits(&c, 4, &y) != 4 || !clock_time(&c, &h, &mi, &sec, &f))
			return 0;
		*ms = ts_from_civil(y, mo, d, h, mi, sec, f);
		return *ms != INT64_MIN && end_ok(&c, 0);
	}
	/* Wed 07/24/2019 ..., Wednesday, July 24, 2019 12:21:57 PM,
	 * Wednesday, 24 July 2019 12:21:57 */
	n = word(&c, &w);
	if (!weekday_name(w, n))
		return 0;
	lit(&c, ',');
	skip_blanks(&c);
	if (c.p < c.e && isdigit((unsigned char)*c.p)) {
		struct cur	 c2 = c;

		if (digits(&c2, 2, &mo) > 0 && lit(&c2, '/')) {
			if (digits(&c2, 2, &d) == 0 || !lit(&c2, '/') ||
			    digits(&c2, 4, &y) != 4 ||
			    !clock_time(&c2, &h, &mi, &sec, &f))
				return 0;
			*ms = ts_from_civil(y, mo, d, h, mi, sec, f);
			return *ms != INT64_MIN && end_ok(&c2, 0);
		}
		/* day month year */
		if (digits(&c, 2, &d) == 0)
			return 0;
		lit(&c, '.');
		skip_blanks(&c);
		n = word(&c, &w);
		if ((mo = month_name(w, n)) == 0)
			return 0;
	} else {
		n = word(&c, &w);
		if ((mo = month_name(w, n)) == 0)
			return 0;
		skip_blanks(&c);
		if (digits(&c, 2, &d) == 0)
			return 0;
		lit(&c, ',');
	}
	skip_blanks(&c);
	if (digits(&c, 4, &y) != 4 || !clock_time(&c, &h, &mi, &sec, &f))
		return 0;
	*ms = ts_from_civil(y, mo, d, h, mi, sec, f);
	return *ms != INT64_MIN && end_ok(&c, 0);
}

int
ts_parse_field(const char *s, size_t len, int64_t *ms, int *utc)
{
	struct cur	 c = { s, s + len };
	const char	*p;
	int		 y, mo, d, h, mi, sec, f, oh, om, neg;
	long double	 v;
	int		 nd;

	skip_blanks(&c);
	while (c.e > c.p && (c.e[-1] == ' ' || c.e[-1] == '\t'))
		c.e--;
	if (c.p == c.e)
		return 0;
	/* epoch seconds, with an optional fraction */
	for (p = c.p; p < c.e && isdigit((unsigned char)*p); p++)
		;
	nd = (int)(p - c.p);
	if (nd > 0 && nd <= 12 && (p == c.e || *p == '.')) {
		v = 0;
		for (p = c.p; p < c.e && *p != '.'; p++)
			v = v * 10 + (*p - '0');
		if (p < c.e) {
			long double scale = 0.1L;

			if (++p == c.e)
				return 0;
			for (; p < c.e; p++, scale /= 10) {
				if (!isdigit((unsigned char)*p))
					return 0;
				v += (*p - '0') * scale;
			}
		}
		*ms = (int64_t)(v * 1000 + 0.5L);
		*utc = 1;
		return 1;
	}
	if (digits(&c, 4, &y) != 4 || !lit(&c, '-') || digits(&c, 2, &mo) != 2 ||
	    !lit(&c, '-') || digits(&c, 2, &d) != 2)
		return 0;
	if (c.p == c.e) {
		h = mi = sec = f = 0;
	} else {
		if (!lit(&c, 'T') && !lit(&c, ' '))
			return 0;
		if (!clock_time(&c, &h, &mi, &sec, &f))
			return 0;
	}
	if ((*ms = ts_from_civil(y, mo, d, h, mi, sec, f)) == INT64_MIN)
		return 0;
	*utc = 0;
	if (lit(&c, 'Z') || lit(&c, 'z'))
		*utc = 1;
	else if (c.p < c.e && (*c.p == '+' || *c.p == '-')) {
		neg = *c.p++ == '-';
		if (digits(&c, 2, &oh) != 2)
			return 0;
		lit(&c, ':');
		if (digits(&c, 2, &om) != 2 || oh > 23 || om > 59)
			return 0;
		*ms -= (neg ? -1 : 1) * ((int64_t)oh * 60 + om) * 60000;
		*utc = 1;
	}
	return c.p == c.e;
}

int
ts_parse_name(const char *base, struct name_time *nt)
{
	int		 f[16], len[16], nf = 0, v, i, k;
	const char	*p = base, *at[16];
	int64_t		 t;

	memset(nt, 0, sizeof(*nt));
	while (*p != '\0' && nf < 16) {
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		at[nf] = p;
		len[nf] = 0;
		v = 0;
		while (isdigit((unsigned char)*p)) {
			if (len[nf] < 9)
				v = v * 10 + (*p - '0');
			len[nf]++;
			p++;
		}
		f[nf++] = v;
	}
	/* the first place where a date and time begin: host names and
	 * counters before it are passed over */
	for (i = 0; i < nf; i++) {
		/* 20261121192800 */
		if (len[i] == 14) {
			const char *q = at[i];
			int	 d[14];

			for (k = 0; k < 14; k++)
				d[k] = q[k] - '0';
			t = ts_from_civil(d[0] * 1000 + d[1] * 100 + d[2] * 10 +
			    d[3], d[4] * 10 + d[5], d[6] * 10 + d[7], d[8] * 10 +
			    d[9], d[10] * 10 + d[11], d[12] * 10 + d[13], 0);
			if (t != INT64_MIN) {
				nt->have_ymd = 1;
				nt->ymd = t;
				return 1;
			}
		}
		/* 20261121_192800, 20261121-1928 */
		if (i + 1 < nf && len[i] == 8 && (len[i + 1] == 6 ||
		    len[i + 1] == 4)) {
			int hh = len[i + 1] == 6 ? f[i + 1] / 10000 : f[i + 1] / 100;
			int mm = len[i + 1] == 6 ? f[i + 1] / 100 % 100 :
			    f[i + 1] % 100;
			int ss = len[i + 1] == 6 ? f[i + 1] % 100 : 0;

			t = ts_from_civil(f[i] / 10000, f[i] / 100 % 100,
			    f[i] % 100, hh, mm, ss, 0);
			if (t != INT64_MIN) {
				nt->have_ymd = 1;
				nt->ymd = t;
				return 1;
			}
		}
		/* 2026-11-21-19-28-00, 2019.07.24_12.21.57_1563970917 */
		if (i + 5 < nf && len[i] == 4) {
			for (k = 1; k < 6 && len[i + k] <= 2; k++)
				;
			if (k < 6)
				continue;
			t = ts_from_civil(f[i], f[i + 1], f[i + 2], f[i + 3],
			    f[i + 4], f[i + 5], 0);
			if (t != INT64_MIN) {
				nt->have_ymd = 1;
				nt->ymd = t;
			}
			t = ts_from_civil(f[i], f[i + 2], f[i + 1], f[i + 3],
			    f[i + 4], f[i + 5], 0);
			if (t != INT64_MIN) {
				nt->have_ydm = 1;
				nt->ydm = t;
			}
			if (nt->have_ymd || nt->have_ydm)
				return 1;
		}
	}
	return 0;
}
