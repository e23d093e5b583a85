/* util_test.c: option-value parsing (sizes and durations). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "util.h"
#include "testutil.h"

/* Parse s as a size, which must succeed. */
static int64_t
size_of(const char *s)
{
	int64_t	 v = -12345;

	if (util_parse_size(s, &v) != 0) {
		print_error("util_parse_size(\"%s\") failed\n", s);
		fail();
	}
	return v;
}

static double
duration_of(const char *s)
{
	double	 v = -1;

	if (util_parse_duration(s, &v) != 0) {
		print_error("util_parse_duration(\"%s\") failed\n", s);
		fail();
	}
	return v;
}

static void
test_size_plain_bytes(void **state)
{
	(void)state;
	assert_int_equal(size_of("512"), 512);
	assert_int_equal(size_of("0"), 0);
	assert_int_equal(size_of("1B"), 1);
}

static void
test_size_suffixes_are_powers_of_1024(void **state)
{
	(void)state;
	assert_int_equal(size_of("1.5K"), 1536);
	assert_int_equal(size_of("2G"), INT64_C(2147483648));
	assert_int_equal(size_of("10MB"), INT64_C(10485760));
	assert_int_equal(size_of("1T"), INT64_C(1099511627776));
	assert_int_equal(size_of("512M"), INT64_C(536870912));
	assert_int_equal(size_of("4KB"), 4096);
}

static void
test_size_lower_case_suffixes(void **state)
{
	(void)state;
	assert_int_equal(size_of("1.5k"), 1536);
	assert_int_equal(size_of("10mb"), INT64_C(10485760));
	assert_int_equal(size_of("2g"), INT64_C(2147483648));
	assert_int_equal(size_of("3kb"), 3072);
}

static void
test_size_rejects_non_sizes(void **state)
{
	static const char *const bad[] = { "", "-1", "1X", "K", "1.2.3",
	    "1KK", "1 K", "KB", " 5", "5 ", "1KBB", "abc" };
	size_t	 i;
	int64_t	 v;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 777;
		if (util_parse_size(bad[i], &v) != -1) {
			print_error("util_parse_size(\"%s\") accepted: %lld\n",
			    bad[i], (long long)v);
			fail();
		}
		assert_int_equal(v, 777);
	}
}

static void
test_size_rejects_overflow(void **state)
{
	int64_t	 v = 777;

	(void)state;
	/* 2^63 bytes and beyond do not fit an int64_t */
	assert_int_equal(util_parse_size("8388608T", &v), -1);
	assert_int_equal(util_parse_size("99999999999999999999", &v), -1);
	assert_int_equal(util_parse_size("1e300", &v), -1);
	assert_int_equal(v, 777);
	/* 2^62 still fits */
	assert_int_equal(size_of("4194304T"), INT64_C(4611686018427387904));
}

static void
test_size_rejects_hex_and_exponent(void **state)
{
	static const char *const bad[] = { "0x10", "1e3", "1E3K", "0x1p4" };
	size_t	 i;
	int64_t	 v;
	int	 accepted = 0;

	(void)state;
	/* "digits with an optional fraction": no strtod extensions */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 777;
		if (util_parse_size(bad[i], &v) != -1) {
			print_error("util_parse_size(\"%s\") accepted: %lld\n",
			    bad[i], (long long)v);
			accepted++;
		}
	}
	assert_int_equal(accepted, 0);
}

static void
test_duration_units(void **state)
{
	(void)state;
	assert_close(duration_of("300"), 300, 1e-12);
	assert_close(duration_of("90s"), 90, 1e-12);
	assert_close(duration_of("5m"), 300, 1e-12);
	assert_close(duration_of("1h"), 3600, 1e-12);
	assert_close(duration_of("1.5h"), 5400, 1e-12);
	assert_close(duration_of("2d"), 172800, 1e-12);
	assert_close(duration_of("0.5s"), 0.5, 1e-12);
}

static void
test_duration_rejects_non_durations(void **state)
{
	static const char *const bad[] = { "0", "-5", "m", "5x", "", "0h",
	    "5 m", "5mm", "h5" };
	size_t	 i;
	double	 v;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 777;
		if (util_parse_duration(bad[i], &v) != -1) {
			print_error("util_parse_duration(\"%s\") accepted: %g\n",
			    bad[i], v);
			fail();
		}
		assert_close(v, 777, 0);
	}
}

/* The first outputs of SplitMix64 from state 0, as printed by the
 * reference splitmix64.c of Sebastiano Vigna (prng.di.unimi.it). */
static void
test_splitmix64_reference(void **state)
{
	uint64_t	 st = 0;
	double		 u;

	(void)state;
	assert_true(util_splitmix64(&st) == 0xe220a8397b1dcdafULL);
	assert_true(util_splitmix64(&st) == 0x6e789e6aa1b965f4ULL);
	st = 0;
	u = util_unit(&st);	/* 0xe220a8397b1dcdaf >> 11, over 2^53 */
	assert_true(u == (double)(0xe220a8397b1dcdafULL >> 11) / 9007199254740992.0);
	assert_true(u >= 0 && u < 1);
}

/* A pair of indices below n from one number: by hand for the first
 * output from state 0, 0xe220a8397b1dcdaf (low half 0x7b1dcdaf, high half
 * 0xe220a839; each times n over 2^32, with Python's integers: 480 and 883
 * for n = 1000, 1298 and 2384 for n = 2700); for n of 2^33, as
 * util_unit times n; below n for the largest n of 32 bits; and evenly
 * spread: over 700,000 pairs with n = 7, each index within five standard
 * deviations of 100,000 on either side. */
static void
test_pair(void **state)
{
	uint64_t	 a = 0, b;
	size_t		 i, j, k, ni[7] = { 0 }, nj[7] = { 0 };

	(void)state;
	util_pair(&a, 1000, &i, &j);
	assert_int_equal(i, 480);
	assert_int_equal(j, 883);
	a = 0;
	util_pair(&a, 2700, &i, &j);
	assert_int_equal(i, 1298);
	assert_int_equal(j, 2384);
	/* 2^33: two numbers, each util_unit times n */
	if (sizeof(size_t) > 4) {
		a = b = 3;
		util_pair(&a, (size_t)1 << 33, &i, &j);
		assert_true(i == (size_t)(util_unit(&b) * 0x1p33));
		assert_true(j == (size_t)(util_unit(&b) * 0x1p33));
	}
	for (k = 0; k < 1000000; k++) {
		util_pair(&a, 4294967295u, &i, &j);
		assert_true(i < 4294967295u && j < 4294967295u);
	}
	for (k = 0; k < 700000; k++) {
		util_pair(&a, 7, &i, &j);
		ni[i]++;
		nj[j]++;
	}
	/* sd = sqrt(700000 (1/7) (6/7)) = 292.8 */
	for (k = 0; k < 7; k++) {
		assert_true(ni[k] > 100000 - 1464 && ni[k] < 100000 + 1464);
		assert_true(nj[k] > 100000 - 1464 && nj[k] < 100000 + 1464);
	}
}

/* UTF-8 sequences as RFC 3629 allows them, and what it does not. */
/* A word in any letter case, but not inside a longer word. */
static void
test_has_word(void **state)
{
	const char	*h = "Pool Tag,Paged,\"Id\",DateTimeUTC";

	(void)state;
	assert_true(util_has_word(h, strlen(h), "pool tag"));
	assert_true(util_has_word(h, strlen(h), "PAGED"));
	assert_true(util_has_word(h, strlen(h), "\"Id\""));
	assert_true(util_has_word(h, strlen(h), "DateTimeUTC"));
	assert_false(util_has_word(h, strlen(h), "DateTime"));
	assert_false(util_has_word(h, strlen(h), "Tags"));
	assert_false(util_has_word(h, 7, "Pool Tag"));
	assert_false(util_has_word("", 0, "Tag"));
}

static void
test_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(util_utf8_len((const unsigned char *)"a"), 1);
	assert_int_equal(util_utf8_len((const unsigned char *)"\xc3\xa9"), 2);
	assert_int_equal(util_utf8_len((const unsigned char *)"\xe2\x96\x81"),
	    3);
	assert_int_equal(util_utf8_len((const unsigned char *)
	    "\xf0\x9f\x98\x80"), 4);
	/* a lone continuation byte, a cut sequence */
	assert_int_equal(util_utf8_len((const unsigned char *)"\x80"), 0);
	assert_int_equal(util_utf8_len((const unsigned char *)"\xe2\x96"), 0);
	/* overlong forms of '/' and of U+0800 */
	assert_int_equal(util_utf8_len((const unsigned char *)"\xc0\xaf"), 0);
	assert_int_equal(util_utf8_len((const unsigned char *)"\xe0\x9f\xbf"),
	    0);
	/* a surrogate, past U+10FFFF, a C1 control */
	assert_int_equal(util_utf8_len((const unsigned char *)"\xed\xa0\x80"),
	    0);
	assert_int_equal(util_utf8_len((const unsigned char *)
	    "\xf4\x90\x80\x80"), 0);
	assert_int_equal(util_utf8_len((const unsigned char *)"\xc2\x85"), 0);
}

/* The digits of a string, one byte at a time: the reference for
 * util_digits. */
static size_t
digits_ref(const char *p, const char *e, uint64_t *u)
{
	size_t	 n = 0;

	*u = 0;
	for (; p < e && *p >= '0' && *p <= '9'; p++, n++)
		if (n < 18)
			*u = *u * 10 + (uint64_t)(*p - '0');
	return n;
}

/* Every count of digits from 0 to 20, before each byte next to the digits
 * in ASCII ('/' and ':'), a blank, a comma, a byte over 127 and NUL, read
 * with eight or more bytes to go (a word at a time) and with fewer (the
 * end of the text right after). */
static void
test_digits(void **state)
{
	static const char after[] = { '/', ':', ' ', ',', (char)0xb0, '\0' };
	char		 buf[64];
	uint64_t	 u, want, seed = 7;
	size_t		 n, k, a, tail, got;

	(void)state;
	for (n = 0; n <= 20; n++)
		for (a = 0; a < sizeof(after); a++)
			for (tail = 0; tail <= 9; tail += 9) {
				for (k = 0; k < n; k++)
					buf[k] = (char)('0' +
					    util_splitmix64(&seed) % 10);
				/* a string of nines now and then */
				if (n % 3 == 0)
					memset(buf, '9', n);
				memset(buf + n, after[a], tail + 1);
				got = util_digits(buf, buf + n + (tail > 0 ?
				    tail : (after[a] == '\0' ? 0 : 1)), &u);
				assert_int_equal(got, digits_ref(buf, buf + n +
				    1, &want));
				assert_int_equal(got, n);
				if (n <= 18)
					assert_int_equal(u, want);
			}
	got = util_digits("12345678 ", strchr("12345678 ", ' ') + 1, &u);
	assert_int_equal(got, 8);
	assert_int_equal(u, 12345678);
	got = util_digits("999999999999999999,", strchr(
	    "999999999999999999,", ',') + 1, &u);
	assert_int_equal(got, 18);
	assert_int_equal(u, UINT64_C(999999999999999999));
	got = util_digits("1", strchr("1", '\0'), &u);
	assert_int_equal(got, 1);
	assert_int_equal(u, 1);
}

/* The last field of a line: every run of 0 to 9 digits, with and
 * without a byte that is not one within it, ending the line, with
 * eight bytes of the line before it or more (a field before it), read
 * as the reference reads it, up to the end and not past it. */
static void
test_digits_end(void **state)
{
	static const char notdig[] = { '/', ':', ',', 'x', (char)0xb0 };
	char		 buf[40];
	uint64_t	 u, want, seed = 3;
	size_t		 n, k, a, got, len;

	(void)state;
	for (n = 0; n <= 9; n++)
		for (a = 0; a <= sizeof(notdig); a++) {
			/* "12345678," before the field; digits after the end */
			memcpy(buf, "12345678,", 9);
			for (k = 0; k < n; k++)
				buf[9 + k] = (char)('0' +
				    util_splitmix64(&seed) % 10);
			if (a < sizeof(notdig) && n > 0)
				buf[9 + n / 2] = notdig[a];
			len = n;
			memset(buf + 9 + len, '7', 8);
			got = util_digits_end(buf + 9, buf + 9 + len, &u);
			assert_int_equal(got, digits_ref(buf + 9, buf + 9 +
			    len, &want));
			assert_true(u == want);
		}
}

/* Blanks skipped, a word at a time or byte by byte, up to the first
 * other byte or the end. */
static void
test_skip_blanks(void **state)
{
	char	 buf[40];
	size_t	 n;

	(void)state;
	/* runs within one, two and three blocks of 8 or 16 bytes */
	for (n = 0; n <= 36; n++) {
		memset(buf, ' ', n);
		if (n > 2)
			buf[n / 2] = '\t';
		buf[n] = 'x';
		buf[n + 1] = ' ';
		assert_ptr_equal(util_skip_blanks(buf, buf + n + 2), buf + n);
		assert_ptr_equal(util_skip_blanks(buf, buf + n), buf + n);
	}
	memset(buf, ' ', 16);
	buf[9] = '\v';		/* not a blank here */
	assert_ptr_equal(util_skip_blanks(buf, buf + 16), buf + 9);
	memset(buf, ' ', 32);
	buf[21] = '\n';
	assert_ptr_equal(util_skip_blanks(buf, buf + 32), buf + 21);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_plain_bytes),
		cmocka_unit_test(test_size_suffixes_are_powers_of_1024),
		cmocka_unit_test(test_size_lower_case_suffixes),
		cmocka_unit_test(test_size_rejects_non_sizes),
		cmocka_unit_test(test_size_rejects_overflow),
		cmocka_unit_test(test_size_rejects_hex_and_exponent),
		cmocka_unit_test(test_duration_units),
		cmocka_unit_test(test_duration_rejects_non_durations),
		cmocka_unit_test(test_splitmix64_reference),
		cmocka_unit_test(test_pair),
		cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_has_word),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_digits_end),
		cmocka_unit_test(test_skip_blanks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
