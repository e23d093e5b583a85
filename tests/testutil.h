/* testutil.h: helpers the cmocka tests share. */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cmocka 1.1 has no double comparison: |a - b| <= rel * max(|a|, |b|). */
#define assert_close(a, b, rel) \
	assert_close_at((double)(a), (double)(b), (rel), #a, __FILE__, __LINE__)

static inline void
assert_close_at(double a, double b, double rel, const char *what,
    const char *file, int line)
{
	double	 m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

	if (a == b)
		return;
	if (isnan(a) || isnan(b) || fabs(a - b) > rel * m) {
		print_error("%s = %.17g, expected %.17g (rel %g)\n", what, a, b,
		    rel);
		_fail(file, line);
	}
}

#define assert_nan(x) do {						\
	if (!isnan((double)(x))) {					\
		print_error("%s = %.17g, expected NaN\n", #x, (double)(x)); \
		_fail(__FILE__, __LINE__);				\
	}								\
} while (0)

/* Write text to a new temporary file; returns its path (free it with
 * test_file_remove). */
static inline char *
test_file(const char *text, size_t len)
{
	char	*path = strdup("/tmp/pooltrend-test-XXXXXX");
	int	 fd;

	if (path == NULL || (fd = mkstemp(path)) == -1)
		abort();
	if (write(fd, text, len) != (ssize_t)len)
		abort();
	close(fd);
	return path;
}

static inline void
test_file_remove(char *path)
{
	unlink(path);
	free(path);
}

#endif
