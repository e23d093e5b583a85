/* util.c: allocation that never fails, and option-value parsing. */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		err(2, "malloc");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		err(2, "calloc");
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		errno = ENOMEM;
		err(2, "reallocarray");
	}
	if ((p = realloc(p, n * size == 0 ? 1 : n * size)) == NULL)
		err(2, "realloc");
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Digits with an optional fraction (no sign, exponent or hex), followed
 * by the rest of the text. */
static int
parse_number(const char *s, double *v, const char **end)
{
	const char	*p = s;
	char		 buf[64];
	int		 digits = 0;

	while (isdigit((unsigned char)*p)) {
		p++;
		digits++;
	}
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			digits++;
	if (digits == 0 || (size_t)(p - s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, (size_t)(p - s));
	buf[p - s] = '\0';
	errno = 0;
	*v = strtod(buf, NULL);
	if (errno == ERANGE || !isfinite(*v))
		return -1;
	*end = p;
	return 0;
}

int
util_parse_size(const char *s, int64_t *bytes)
{
	const char	*e;
	double		 v, mult = 1;

	if (parse_number(s, &v, &e) == -1)
		return -1;
	switch (toupper((unsigned char)*e)) {
	case 'K': mult = 1024.0; e++; break;
	case 'M': mult = 1024.0 * 1024; e++; break;
	case 'G': mult = 1024.0 * 1024 * 1024; e++; break;
	case 'T': mult = 1024.0 * 1024 * 1024 * 1024; e++; break;
	default: break;
	}
	if (toupper((unsigned char)*e) == 'B')
		e++;
	if (*e != '\0' || v * mult >= 9.2e18)
		return -1;
	*bytes = (int64_t)llround(v * mult);
	return 0;
}

int
util_parse_duration(const char *s, double *sec)
{
	const char	*e;
	double		 v, mult = 1;

	if (parse_number(s, &v, &e) == -1)
		return -1;
	switch (*e) {
	case 's': e++; break;
	case 'm': mult = 60; e++; break;
	case 'h': mult = 3600; e++; break;
	case 'd': mult = 86400; e++; break;
	default: break;
	}
	if (*e != '\0' || v <= 0 || v * mult > 1e10)
		return -1;
	*sec = v * mult;
	return 0;
}

/* The length of the UTF-8 sequence at s, or 0 if it is not one: no
 * overlong forms, surrogates, code points past U+10FFFF or C1 controls. */
size_t
util_utf8_len(const unsigned char *s)
{
	size_t	 n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((s[0] == 0xc2 && s[1] < 0xa0) || (s[0] == 0xe0 && s[1] < 0xa0) ||
	    (s[0] == 0xed && s[1] > 0x9f) || (s[0] == 0xf0 && s[1] < 0x90) ||
	    (s[0] == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

void
util_workers(size_t n, void *(*fn)(void *), void *arg)
{
	pthread_t	*tid;
	size_t		 i, started = 0;

	if (n <= 1) {
		fn(arg);
		return;
	}
	tid = xcalloc(n - 1, sizeof(*tid));
	/* the caller is the n-th, and works alone if no other can start */
	for (i = 0; i < n - 1; i++)
		if (pthread_create(&tid[started], NULL, fn, arg) == 0)
			started++;
	fn(arg);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	free(tid);
}

int
util_has_word(const char *l, size_t n, const char *w)
{
	size_t	 i, k = strlen(w);

	for (i = 0; i + k <= n; i++)
		if (strncasecmp(l + i, w, k) == 0 &&
		    (i == 0 || !isalpha((unsigned char)l[i - 1])) &&
		    (i + k == n || !isalpha((unsigned char)l[i + k])))
			return 1;
	return 0;
}

/* util_digits past its common case: under eight bytes to e, or eight
 * digits first. */
size_t
util_digits_slow(const char *p, const char *e, uint64_t *u)
{
	static const uint64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000,
	    1000000, 10000000, 100000000 };
	uint64_t	 w, v = 0;
	size_t		 n = 0, k;

	if (e - p >= 8) {
		/* eight digits, then the next eight the same way */
		v = util_value8(util_load_le(p), 8);
		n = 8;
		if (e - p >= 16) {
			w = util_load_le(p + 8);
			if ((k = util_digits8(w)) > 0)
				v = v * pow10[k] + util_value8(w, k);
			n += k;
			if (k < 8) {
				*u = v;
				return n;
			}
		}
	}
	for (p += n; p < e && *p >= '0' && *p <= '9'; p++, n++)
		if (n < 18)
			v = v * 10 + (uint64_t)(*p - '0');
	*u = v;
	return n;
}
