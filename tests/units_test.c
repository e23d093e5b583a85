/* units_test.c: sizes, rates, durations and tags as text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "units.h"
#include "testutil.h"

static void
test_bytes_below_one_kb(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_bytes(0, buf, sizeof(buf)), "0 B");
	assert_string_equal(units_bytes(1, buf, sizeof(buf)), "1 B");
	assert_string_equal(units_bytes(512, buf, sizeof(buf)), "512 B");
	assert_string_equal(units_bytes(1023, buf, sizeof(buf)), "1023 B");
}

static void
test_bytes_two_decimals_below_ten(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_bytes(1024, buf, sizeof(buf)), "1.00 KB");
	assert_string_equal(units_bytes(1536, buf, sizeof(buf)), "1.50 KB");
	assert_string_equal(units_bytes(1.5 * 1048576, buf, sizeof(buf)),
	    "1.50 MB");
	assert_string_equal(units_bytes(1073741824.0, buf, sizeof(buf)),
	    "1.00 GB");
	assert_string_equal(units_bytes(5 * 1099511627776.0, buf, sizeof(buf)),
	    "5.00 TB");
}

static void
test_bytes_one_decimal_from_ten(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_bytes(10 * 1024, buf, sizeof(buf)),
	    "10.0 KB");
	/* 83.2 MB = 87241523.2 bytes */
	assert_string_equal(units_bytes(87241523.2, buf, sizeof(buf)),
	    "83.2 MB");
	assert_string_equal(units_bytes(1023 * 1024, buf, sizeof(buf)),
	    "1023.0 KB");
	/* TB is the largest unit */
	assert_string_equal(units_bytes(2048 * 1099511627776.0, buf,
	    sizeof(buf)), "2048.0 TB");
}

static void
test_bytes_round_up_into_the_next_unit(void **state)
{
	char	 buf[32];

	(void)state;
	/* never "1024.0 KB" or "10.00 KB" */
	assert_string_equal(units_bytes(1048575, buf, sizeof(buf)), "1.00 MB");
	assert_string_equal(units_bytes(10239, buf, sizeof(buf)), "10.0 KB");
	assert_string_equal(units_bytes(1048524, buf, sizeof(buf)),
	    "1023.9 KB");
}

static void
test_bytes_negative(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_bytes(-2048, buf, sizeof(buf)), "-2.00 KB");
	assert_string_equal(units_bytes(-100, buf, sizeof(buf)), "-100 B");
}

static void
test_rate_signs(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_rate(87241523.2, buf, sizeof(buf)),
	    "+83.2 MB/h");
	assert_string_equal(units_rate(-1048576, buf, sizeof(buf)),
	    "-1.00 MB/h");
	assert_string_equal(units_rate(512, buf, sizeof(buf)), "+512 B/h");
	assert_string_equal(units_rate(0, buf, sizeof(buf)), "0 B/h");
}

static void
test_rate_nan_is_dash(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_rate(NAN, buf, sizeof(buf)), "-");
}

static void
test_hours_minutes_hours_days(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_hours(0.75, buf, sizeof(buf)), "45 min");
	assert_string_equal(units_hours(0, buf, sizeof(buf)), "0 min");
	assert_string_equal(units_hours(1, buf, sizeof(buf)), "1.0 h");
	assert_string_equal(units_hours(19.8, buf, sizeof(buf)), "19.8 h");
	assert_string_equal(units_hours(47.9, buf, sizeof(buf)), "47.9 h");
	assert_string_equal(units_hours(48, buf, sizeof(buf)), "2.0 d");
	assert_string_equal(units_hours(100.8, buf, sizeof(buf)), "4.2 d");
}

static void
test_hours_nan_is_dash(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_hours(NAN, buf, sizeof(buf)), "-");
}

static void
test_tag_plain(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_tag((const unsigned char *)"Toke", buf,
	    sizeof(buf)), "Toke");
}

static void
test_tag_trailing_blanks_trimmed(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_tag((const unsigned char *)"Irp ", buf,
	    sizeof(buf)), "Irp");
	assert_string_equal(units_tag((const unsigned char *)"Io  ", buf,
	    sizeof(buf)), "Io");
	assert_string_equal(units_tag((const unsigned char *)"    ", buf,
	    sizeof(buf)), "");
}

static void
test_tag_inner_blank_kept(void **state)
{
	char	 buf[32];

	(void)state;
	assert_string_equal(units_tag((const unsigned char *)"Dh 1", buf,
	    sizeof(buf)), "Dh 1");
	assert_string_equal(units_tag((const unsigned char *)" ab ", buf,
	    sizeof(buf)), " ab");
}

static void
test_tag_escapes_non_printable_and_backslash(void **state)
{
	static const unsigned char ctl[4] = { 0x01, 'a', 'b', 'c' };
	static const unsigned char bs[4] = { 'a', '\\', 'b', ' ' };
	static const unsigned char hi[4] = { 'T', 0xE9, 0x7F, 'x' };
	char	 buf[32];

	(void)state;
	assert_string_equal(units_tag(ctl, buf, sizeof(buf)), "\\x01abc");
	assert_string_equal(units_tag(bs, buf, sizeof(buf)), "a\\x5Cb");
	assert_string_equal(units_tag(hi, buf, sizeof(buf)), "T\\xE9\\x7Fx");
}

static void
test_tag_small_buffer_truncates_cleanly(void **state)
{
	static const unsigned char ctl[4] = { 0x01, 'a', 'b', 'c' };
	char	 buf[8];

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	assert_string_equal(units_tag((const unsigned char *)"Toke", buf, 3),
	    "To");
	assert_int_equal(buf[3], 'Z');
	/* an escape that does not fit is left out whole */
	assert_string_equal(units_tag(ctl, buf, 4), "");
	assert_string_equal(units_tag(ctl, buf, 6), "\\x01a");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bytes_below_one_kb),
		cmocka_unit_test(test_bytes_two_decimals_below_ten),
		cmocka_unit_test(test_bytes_one_decimal_from_ten),
		cmocka_unit_test(test_bytes_round_up_into_the_next_unit),
		cmocka_unit_test(test_bytes_negative),
		cmocka_unit_test(test_rate_signs),
		cmocka_unit_test(test_rate_nan_is_dash),
		cmocka_unit_test(test_hours_minutes_hours_days),
		cmocka_unit_test(test_hours_nan_is_dash),
		cmocka_unit_test(test_tag_plain),
		cmocka_unit_test(test_tag_trailing_blanks_trimmed),
		cmocka_unit_test(test_tag_inner_blank_kept),
		cmocka_unit_test(test_tag_escapes_non_printable_and_backslash),
		cmocka_unit_test(test_tag_small_buffer_truncates_cleanly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
