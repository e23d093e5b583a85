/* timestamp_test.c: civil times, formatting, time lines, fields, names.
 *
 * Expected milliseconds were computed independently with Python:
 * int((datetime(...) - datetime(1970, 1, 1)).total_seconds()) * 1000. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "timestamp.h"
#include "testutil.h"

#define T_2019_07_24_122157	INT64_C(1563970917000)
#define T_2019_07_24_002157	INT64_C(1563927717000)
#define T_2019_07_24_090503	INT64_C(1563959103000)
#define T_2019_07_24_102157	INT64_C(1563963717000)
#define T_2019_07_08_122157	INT64_C(1562588517000)
#define T_2019_08_07_122157	INT64_C(1565180517000)
#define T_2026_11_21_192800	INT64_C(1795289280000)

/* ts_parse_line on a C string, which must succeed. */
static int64_t
line_time(const char *s)
{
	int64_t	 ms = -1;

	if (ts_parse_line(s, strlen(s), &ms) != 1) {
		print_error("ts_parse_line rejected \"%s\"\n", s);
		fail();
	}
	return ms;
}

static void
test_civil_epoch_zero(void **state)
{
	(void)state;
	assert_int_equal(ts_from_civil(1970, 1, 1, 0, 0, 0, 0), 0);
	assert_int_equal(ts_from_civil(1970, 1, 1, 0, 0, 1, 250), 1250);
	assert_int_equal(ts_from_civil(1970, 1, 2, 0, 0, 0, 0), 86400000);
}

static void
test_civil_leap_day(void **state)
{
	(void)state;
	assert_int_equal(ts_from_civil(2024, 2, 29, 0, 0, 0, 0),
	    INT64_C(1709164800000));
	/* 2000 is a leap year (divisible by 400), 1900 is not */
	assert_true(ts_from_civil(2000, 2, 29, 0, 0, 0, 0) != INT64_MIN);
	assert_int_equal(ts_from_civil(1900, 2, 29, 0, 0, 0, 0), INT64_MIN);
}

static void
test_civil_rejects_invalid_fields(void **state)
{
	(void)state;
	assert_int_equal(ts_from_civil(2023, 2, 29, 0, 0, 0, 0), INT64_MIN);
	assert_int_equal(ts_from_civil(2023, 4, 31, 0, 0, 0, 0), INT64_MIN);
	assert_int_equal(ts_from_civil(2023, 13, 1, 0, 0, 0, 0), INT64_MIN);
	assert_int_equal(ts_from_civil(2023, 0, 1, 0, 0, 0, 0), INT64_MIN);
	assert_int_equal(ts_from_civil(2023, 1, 0, 0, 0, 0, 0), INT64_MIN);
	assert_int_equal(ts_from_civil(2023, 1, 1, 24, 0, 0, 0), INT64_MIN);
	assert_int_equal(ts_from_civil(2023, 1, 1, 0, 60, 0, 0), INT64_MIN);
	assert_int_equal(ts_from_civil(2023, 1, 1, 0, 0, 0, 1000), INT64_MIN);
	assert_int_equal(ts_from_civil(2023, 1, 1, -1, 0, 0, 0), INT64_MIN);
}

static void
test_civil_end_of_century(void **state)
{
	(void)state;
	assert_int_equal(ts_from_civil(1999, 12, 31, 23, 59, 59, 0),
	    INT64_C(946684799000));
	assert_int_equal(ts_from_civil(2000, 1, 1, 0, 0, 0, 0),
	    INT64_C(946684800000));
}

static void
test_format_whole_seconds(void **state)
{
	char	 buf[40];

	(void)state;
	assert_string_equal(ts_format(0, 0, buf, sizeof(buf)),
	    "1970-01-01T00:00:00");
	assert_string_equal(ts_format(T_2019_07_24_122157, 0, buf,
	    sizeof(buf)), "2019-07-24T12:21:57");
	assert_string_equal(ts_format(INT64_C(1709164800000), 0, buf,
	    sizeof(buf)), "2024-02-29T00:00:00");
	assert_string_equal(ts_format(INT64_C(946684799000), 0, buf,
	    sizeof(buf)), "1999-12-31T23:59:59");
}

static void
test_format_milliseconds_and_utc(void **state)
{
	char	 buf[40];

	(void)state;
	assert_string_equal(ts_format(T_2019_07_24_122157 + 430, 0, buf,
	    sizeof(buf)), "2019-07-24T12:21:57.430");
	assert_string_equal(ts_format(T_2019_07_24_122157 + 5, 1, buf,
	    sizeof(buf)), "2019-07-24T12:21:57.005Z");
	assert_string_equal(ts_format(T_2019_07_24_122157, 1, buf,
	    sizeof(buf)), "2019-07-24T12:21:57Z");
	assert_string_equal(ts_format(-1, 0, buf, sizeof(buf)),
	    "1969-12-31T23:59:59.999");
}

static void
test_format_round_trips_through_field(void **state)
{
	static const int64_t ms[] = { 0, INT64_C(946684799000),
	    INT64_C(1709164800000), T_2019_07_24_122157 + 430,
	    T_2019_07_24_122157 + 999, INT64_C(253402300799999) };
	char	 buf[40];
	int64_t	 back;
	size_t	 i;
	int	 utc, u;

	(void)state;
	for (i = 0; i < sizeof(ms) / sizeof(ms[0]); i++)
		for (u = 0; u < 2; u++) {
			ts_format(ms[i], u, buf, sizeof(buf));
			back = -1;
			utc = -1;
			assert_int_equal(ts_parse_field(buf, strlen(buf), &back,
			    &utc), 1);
			assert_int_equal(back, ms[i]);
			assert_int_equal(utc, u);
		}
}

static void
test_line_pacific_standard_time(void **state)
{
	(void)state;
	/* the form of collect_ps1_misc_poolmon_n_invocations */
	assert_int_equal(line_time("2019.07.24-12:21:57 Pacific Standard Time "
	    "(local time of the PC where this was collected)"),
	    T_2019_07_24_122157);
}

static void
test_line_get_date_pm(void **state)
{
	(void)state;
	assert_int_equal(line_time("Wednesday, July 24, 2019 12:21:57 PM"),
	    T_2019_07_24_122157);
	assert_int_equal(line_time("Wednesday, July 24, 2019 10:21:57 AM"),
	    T_2019_07_24_102157);
}

static void
test_line_get_date_midnight_hour_is_zero(void **state)
{
	(void)state;
	assert_int_equal(line_time("Wednesday, July 24, 2019 12:21:57 AM"),
	    T_2019_07_24_002157);
}

static void
test_line_cmd_date_time_centiseconds(void **state)
{
	(void)state;
	assert_int_equal(line_time("Wed 07/24/2019 12:21:57.43"),
	    T_2019_07_24_122157 + 430);
}

static void
test_line_cmd_date_time_blank_padded_hour(void **state)
{
	(void)state;
	assert_int_equal(line_time("Wed 07/24/2019  9:05:03.12"),
	    T_2019_07_24_090503 + 120);
}

static void
test_line_iso(void **state)
{
	(void)state;
	assert_int_equal(line_time("2019-07-24T12:21:57"), T_2019_07_24_122157);
	assert_int_equal(line_time("2019-07-24 12:21:57"), T_2019_07_24_122157);
}

static void
test_line_day_month_year(void **state)
{
	(void)state;
	assert_int_equal(line_time("Wednesday, 24 July 2019 12:21:57"),
	    T_2019_07_24_122157);
}

static void
test_line_reads_only_given_length(void **state)
{
	int64_t	 ms = -1;
	const char *s = "Wed 07/24/2019 12:21:57.43XYZ";

	(void)state;
	/* only the given length counts */
	assert_int_equal(ts_parse_line(s, strlen(s) - 3, &ms), 1);
	assert_int_equal(ms, T_2019_07_24_122157 + 430);
}

static void
test_line_rejects_non_time_lines(void **state)
{
	static const char *const bad[] = {
		" Tag  Type  Allocs",
		" Memory:  260620K Avail:   96364K  PageFlts:     0   InRam "
		    "Krnl: 1916K P:17856K",
		"2019 Nonp 1 0 1 64 64",
		"hello",
		"",
		"Wednesday, July 24, 2019",
		"Wednesday, February 30, 2019 12:21:57 PM",
		"Wednesday, July 24, 2019 13:21:57 PM",
	};
	size_t	 i;
	int64_t	 ms;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ms = 777;
		if (ts_parse_line(bad[i], strlen(bad[i]), &ms) != 0) {
			print_error("ts_parse_line accepted \"%s\" as %lld\n",
			    bad[i], (long long)ms);
			fail();
		}
	}
}

static void
test_field_iso_without_fraction(void **state)
{
	const char *s = "2019-07-24T12:21:57";
	int64_t	 ms = -1;
	int	 utc = -1;

	(void)state;
	assert_int_equal(ts_parse_field(s, strlen(s), &ms, &utc), 1);
	assert_int_equal(ms, T_2019_07_24_122157);
	assert_int_equal(utc, 0);
}

static void
test_field_iso_with_fraction(void **state)
{
	const char *s = "2019-07-24T12:21:57.25";
	int64_t	 ms = -1;
	int	 utc = -1;

	(void)state;
	assert_int_equal(ts_parse_field(s, strlen(s), &ms, &utc), 1);
	assert_int_equal(ms, T_2019_07_24_122157 + 250);
	assert_int_equal(utc, 0);
}

static void
test_field_iso_z_is_utc(void **state)
{
	const char *s = "2019-07-24T12:21:57.430Z";
	int64_t	 ms = -1;
	int	 utc = -1;

	(void)state;
	assert_int_equal(ts_parse_field(s, strlen(s), &ms, &utc), 1);
	assert_int_equal(ms, T_2019_07_24_122157 + 430);
	assert_int_equal(utc, 1);
}

static void
test_field_iso_offset_shifts_to_utc(void **state)
{
	const char *plus = "2019-07-24T12:21:57+02:00";
	const char *minus = "2019-07-24T12:21:57-0130";
	int64_t	 ms = -1;
	int	 utc = -1;

	(void)state;
	assert_int_equal(ts_parse_field(plus, strlen(plus), &ms, &utc), 1);
	assert_int_equal(ms, T_2019_07_24_102157);
	assert_int_equal(utc, 1);
	ms = -1;
	utc = -1;
	assert_int_equal(ts_parse_field(minus, strlen(minus), &ms, &utc), 1);
	assert_int_equal(ms, T_2019_07_24_122157 + 90 * 60000);
	assert_int_equal(utc, 1);
}

static void
test_field_epoch_seconds(void **state)
{
	const char *s = "1563970917", *f = "1563970917.5";
	int64_t	 ms = -1;
	int	 utc = -1;

	(void)state;
	assert_int_equal(ts_parse_field(s, strlen(s), &ms, &utc), 1);
	assert_int_equal(ms, T_2019_07_24_122157);
	assert_int_equal(utc, 1);
	ms = -1;
	utc = -1;
	assert_int_equal(ts_parse_field(f, strlen(f), &ms, &utc), 1);
	assert_int_equal(ms, T_2019_07_24_122157 + 500);
	assert_int_equal(utc, 1);
}

static void
test_field_blanks_around_are_ignored(void **state)
{
	const char *s = "  2019-07-24T12:21:57Z ";
	int64_t	 ms = -1;
	int	 utc = -1;

	(void)state;
	assert_int_equal(ts_parse_field(s, strlen(s), &ms, &utc), 1);
	assert_int_equal(ms, T_2019_07_24_122157);
	assert_int_equal(utc, 1);
}

static void
test_field_rejects_garbage(void **state)
{
	static const char *const bad[] = { "", "   ", "abc", "2019-13-01T00:00:00",
	    "2019-07-24T12:21:57 junk", "2019-07-24T25:00:00", "1563970917.",
	    "1563970917x", "2019-07-24T12:21:57+2", "2019/07/24 12:21:57",
	    "2019-07-24T12:21:57+24:00" };
	size_t	 i;
	int64_t	 ms;
	int	 utc;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ms = 777;
		utc = 7;
		if (ts_parse_field(bad[i], strlen(bad[i]), &ms, &utc) != 0) {
			print_error("ts_parse_field accepted \"%s\" as %lld\n",
			    bad[i], (long long)ms);
			fail();
		}
	}
}

static void
test_name_poolsnap_date_underscore_time(void **state)
{
	struct name_time nt;

	(void)state;
	assert_int_equal(ts_parse_name("poolsnap_20261121_192800.log", &nt), 1);
	assert_int_equal(nt.have_ymd, 1);
	assert_int_equal(nt.ymd, T_2026_11_21_192800);
	assert_int_equal(nt.have_ydm, 0);
}

static void
test_name_after_other_digits(void **state)
{
	struct name_time nt;

	(void)state;
	/* a host name with digits before the date */
	assert_int_equal(ts_parse_name("poolsnap_srv2_20261121_192800.log",
	    &nt), 1);
	assert_int_equal(nt.ymd, T_2026_11_21_192800);
	assert_int_equal(ts_parse_name("srv01_poolmon.2026-11-21-19-28-00.log",
	    &nt), 1);
	assert_int_equal(nt.have_ymd, 1);
	assert_int_equal(nt.ymd, T_2026_11_21_192800);
}

static void
test_name_dashed_six_fields(void **state)
{
	struct name_time nt;

	(void)state;
	assert_int_equal(ts_parse_name("poolmon.2026-11-21-19-28-00.log", &nt),
	    1);
	assert_int_equal(nt.have_ymd, 1);
	assert_int_equal(nt.ymd, T_2026_11_21_192800);
	assert_int_equal(nt.have_ydm, 0);	/* month 21 */
}

static void
test_name_year_day_month_only(void **state)
{
	struct name_time nt;

	(void)state;
	/* the %DATE% slicing of collect_cmd_alexboyd92_poolmon_script */
	assert_int_equal(ts_parse_name("poolmon.2019-24-07-12-21-57.log", &nt),
	    1);
	assert_int_equal(nt.have_ymd, 0);	/* month 24 */
	assert_int_equal(nt.have_ydm, 1);
	assert_int_equal(nt.ydm, T_2019_07_24_122157);
}

static void
test_name_ambiguous_gives_both_readings(void **state)
{
	struct name_time nt;

	(void)state;
	assert_int_equal(ts_parse_name("poolmon.2019-07-08-12-21-57.log", &nt),
	    1);
	assert_int_equal(nt.have_ymd, 1);
	assert_int_equal(nt.ymd, T_2019_07_08_122157);
	assert_int_equal(nt.have_ydm, 1);
	assert_int_equal(nt.ydm, T_2019_08_07_122157);
}

static void
test_name_poolmonviz_csv(void **state)
{
	struct name_time nt;

	(void)state;
	/* collect_ps1_PoolmonViz_csv_per_snapshot_files */
	assert_int_equal(ts_parse_name("2019.07.24_12.21.57_1563970917.pool.csv",
	    &nt), 1);
	assert_int_equal(nt.have_ymd, 1);
	assert_int_equal(nt.ymd, T_2019_07_24_122157);
	assert_int_equal(nt.have_ydm, 0);
}

static void
test_name_fourteen_digits(void **state)
{
	struct name_time nt;

	(void)state;
	assert_int_equal(ts_parse_name("20261121192800.log", &nt), 1);
	assert_int_equal(nt.have_ymd, 1);
	assert_int_equal(nt.ymd, T_2026_11_21_192800);
	assert_int_equal(nt.have_ydm, 0);
}

static void
test_name_without_time(void **state)
{
	struct name_time nt;

	(void)state;
	memset(&nt, 0x55, sizeof(nt));
	assert_int_equal(ts_parse_name("poolsnap.log", &nt), 0);
	assert_int_equal(nt.have_ymd, 0);
	assert_int_equal(nt.have_ydm, 0);
	assert_int_equal(ts_parse_name("poolmon-2.log", &nt), 0);
	assert_int_equal(nt.have_ymd, 0);
	assert_int_equal(nt.have_ydm, 0);
}

/* ts_civil inverts ts_from_civil: a leap day, the last millisecond of a
 * year, and a time before 1970 (Hinnant's algorithms, checked by hand:
 * 2024-02-29 is day 19782, 1969-12-31 day -1). */
static void
test_civil_inverts_from_civil(void **state)
{
	struct civil	 c;

	(void)state;
	ts_civil(ts_from_civil(2024, 2, 29, 13, 5, 7, 250), &c);
	assert_int_equal(c.year, 2024);
	assert_int_equal(c.month, 2);
	assert_int_equal(c.day, 29);
	assert_int_equal(c.hour, 13);
	assert_int_equal(c.min, 5);
	assert_int_equal(c.sec, 7);
	assert_int_equal(c.msec, 250);
	assert_true(ts_from_civil(2024, 2, 29, 0, 0, 0, 0) ==
	    19782LL * 86400000);
	ts_civil(ts_from_civil(2026, 12, 31, 23, 59, 59, 999), &c);
	assert_int_equal(c.year * 10000 + c.month * 100 + c.day, 20261231);
	assert_int_equal(c.msec, 999);
	ts_civil(-1, &c);		/* 1969-12-31T23:59:59.999 */
	assert_int_equal(c.year * 10000 + c.month * 100 + c.day, 19691231);
	assert_int_equal(c.hour * 10000 + c.min * 100 + c.sec, 235959);
	assert_int_equal(c.msec, 999);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_epoch_zero),
		cmocka_unit_test(test_civil_leap_day),
		cmocka_unit_test(test_civil_rejects_invalid_fields),
		cmocka_unit_test(test_civil_end_of_century),
		cmocka_unit_test(test_format_whole_seconds),
		cmocka_unit_test(test_format_milliseconds_and_utc),
		cmocka_unit_test(test_format_round_trips_through_field),
		cmocka_unit_test(test_line_pacific_standard_time),
		cmocka_unit_test(test_line_get_date_pm),
		cmocka_unit_test(test_line_get_date_midnight_hour_is_zero),
		cmocka_unit_test(test_line_cmd_date_time_centiseconds),
		cmocka_unit_test(test_line_cmd_date_time_blank_padded_hour),
		cmocka_unit_test(test_line_iso),
		cmocka_unit_test(test_line_day_month_year),
		cmocka_unit_test(test_line_reads_only_given_length),
		cmocka_unit_test(test_line_rejects_non_time_lines),
		cmocka_unit_test(test_field_iso_without_fraction),
		cmocka_unit_test(test_field_iso_with_fraction),
		cmocka_unit_test(test_field_iso_z_is_utc),
		cmocka_unit_test(test_field_iso_offset_shifts_to_utc),
		cmocka_unit_test(test_field_epoch_seconds),
		cmocka_unit_test(test_field_blanks_around_are_ignored),
		cmocka_unit_test(test_field_rejects_garbage),
		cmocka_unit_test(test_name_poolsnap_date_underscore_time),
		cmocka_unit_test(test_name_after_other_digits),
		cmocka_unit_test(test_name_dashed_six_fields),
		cmocka_unit_test(test_name_year_day_month_only),
		cmocka_unit_test(test_name_ambiguous_gives_both_readings),
		cmocka_unit_test(test_name_poolmonviz_csv),
		cmocka_unit_test(test_name_fourteen_digits),
		cmocka_unit_test(test_name_without_time),
		cmocka_unit_test(test_civil_inverts_from_civil),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
