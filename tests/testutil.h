/* testutil.h: helpers shared by the cmocka tests (include after cmocka.h). */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "table.h"

/* Fail unless a and b agree to within rel * max(|a|, |b|).  Two zeros
 * agree; a NaN never agrees with anything (use assert_nan for that). */
static inline void
tu_close(double a, double b, double rel, const char *sa, const char *sb,
    const char *file, int line)
{
	double	 m = fmax(fabs(a), fabs(b));

	if (a == b)
		return;
	if (isnan(a) || isnan(b) || isinf(a) || isinf(b) ||
	    !(fabs(a - b) <= rel * m)) {
		print_error("%s (%.17g) is not within %g (relative) of %s "
		    "(%.17g)\n", sa, a, rel, sb, b);
		_fail(file, line);
	}
}
#define assert_close(a, b, rel) \
	tu_close((a), (b), (rel), #a, #b, __FILE__, __LINE__)

static inline void
tu_nan(double x, const char *sx, const char *file, int line)
{
	if (!isnan(x)) {
		print_error("%s (%.17g) is not NaN\n", sx, x);
		_fail(file, line);
	}
}
#define assert_nan(x)	tu_nan((x), #x, __FILE__, __LINE__)

/* Write len bytes to a new file under /tmp; returns its path, which the
 * caller gives to tu_remove. */
static inline char *
tu_write_temp_len(const char *data, size_t len)
{
	char	*path;
	int	 fd;
	size_t	 off = 0;
	ssize_t	 w;

	path = strdup("/tmp/pooltrend-test-XXXXXX");
	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd != -1);
	while (off < len) {
		w = write(fd, data + off, len - off);
		assert_true(w > 0);
		off += (size_t)w;
	}
	assert_int_equal(close(fd), 0);
	return path;
}

/* Write a string to a new temporary file; see tu_write_temp_len. */
static inline char *
tu_write_temp(const char *text)
{
	return tu_write_temp_len(text, strlen(text));
}

/* Remove a file made by tu_write_temp and free its path; NULL is a no-op. */
static inline void
tu_remove(char *path)
{
	if (path == NULL)
		return;
	unlink(path);
	free(path);
}

/* Index of the series (tag, type), failing if there is none. */
static inline size_t
series_of(const struct table *t, const char *tag, enum pool_type type)
{
	const struct series_info *si;
	size_t	 i;

	for (i = 0; i < table_nseries(t); i++) {
		si = table_series(t, i);
		if (memcmp(si->tag, tag, 4) == 0 && si->type == type)
			return i;
	}
	print_error("no series '%.4s' %d\n", tag, (int)type);
	fail();
	return 0;
}

#endif
