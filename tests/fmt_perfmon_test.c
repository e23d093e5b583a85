/* fmt_perfmon_test.c: performance counter logs (PDH-CSV). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fmt_perfmon.h"
#include "sniff.h"
#include "timestamp.h"
#include "testutil.h"
#include "parseutil.h"

const parse_fn run_parser = fmt_perfmon_parse;

static void
test_relog_file(void **state)
{
	struct run	*r = *state;
	const uint32_t	*snaps;
	const double	*vals;
	size_t		 c;

	/* pdh_csv_typeperf_logfile shape with pool and process counters */
	assert_parsed(r, parse_text(r,
	    "\"(PDH-CSV 4.0) (Eastern Daylight Time)(240)\","
	    "\"\\\\SQL01\\Memory\\Pool Paged Bytes\","
	    "\"\\\\SQL01\\Memory\\Pool Nonpaged Bytes\","
	    "\"\\\\SQL01\\Process(lsass)\\Handle Count\","
	    "\"\\\\SQL01\\Memory\\Pages/sec\"\n"
	    "\"09/08/2002 12:35:45.166\",\"1000.5\",\"2000.000000\","
	    "\"24238.000000\",\"11.29\"\n"
	    "\"09/08/2002 12:36:00.167\",\"-1\",\"2100.000000\",\" \","
	    "\"0.26\"\n"));
	table_finish(r->table);
	assert_int_equal(r->fs.rows, 2);
	assert_int_equal(r->fs.snapshots, 2);
	assert_non_null(strstr(r->fs.note, "1 counter not used"));
	assert_int_equal(table_nsnapshots(r->table), 2);
	/* kept as written: the header's zone is not applied */
	assert_int_equal(table_snapshot(r->table, 0)->t_ms,
	    ts_from_civil(2002, 9, 8, 12, 35, 45, 166));
	assert_int_equal(table_snapshot(r->table, 0)->hdr_bytes[POOL_PAGED],
	    1001);
	assert_int_equal(table_snapshot(r->table, 0)->hdr_bytes[POOL_NONPAGED],
	    2000);
	/* "-1" is a gap */
	assert_int_equal(table_snapshot(r->table, 1)->hdr_bytes[POOL_PAGED], -1);
	assert_int_equal(table_ncounters(r->table), 1);
	assert_string_equal(table_counter_name(r->table, 0), "lsass handles");
	/* " " is a gap too: one value */
	c = table_counter_values(r->table, 0, &snaps, &vals);
	assert_int_equal(c, 1);
	assert_int_equal(snaps[0], 0);
	assert_close(vals[0], 24238, 0);
	assert_int_equal(table_nsamples(r->table), 0);
}

static void
test_console_capture(void **state)
{
	struct run	*r = *state;

	/* blank first line, no zone part, the closing message */
	assert_parsed(r, parse_text(r, "\r\n"
	    "\"(PDH-CSV 4.0)\",\"\\\\M\\Memory\\Pool Nonpaged Bytes\"\r\n"
	    "\"09/19/2013 15:41:35.540\",\"12.000000\"\r\n"
	    "\r\n"
	    "The command completed successfully.\r\n"));
	assert_int_equal(r->fs.rows, 1);
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 1);
	assert_int_equal(r->fs.first_line[SKIP_UNRECOGNISED], 5);
	/* the header and the two blank lines are structure */
	assert_lines(r, 5, 1, 3, 1);
}

static void
test_damaged_value_and_missing_header(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "\"(PDH-CSV 4.0) (UTC)(0)\",\"\\\\H\\Memory\\Pool Paged Bytes\"\n"
	    "\"09/08/2002 12:35:45.166\",\"7.0625001143654654e\"\n"
	    "\"09/08/2002 12:36:00.000\",\"8.5\"\n"));
	assert_int_equal(r->fs.rows, 1);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 1);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 2);
	assert_lines(r, 3, 1, 1, 1);
	assert_int_equal(parse_text(r, "\"Time\",\"Pool\"\n\"1\",\"2\"\n"), -1);
	assert_non_null(strstr(r->diag.msg, "PDH-CSV"));
}

static void
test_no_useful_counter_is_an_error(void **state)
{
	struct run	*r = *state;

	assert_int_equal(parse_text(r, "\"(PDH-CSV 4.0)\","
	    "\"\\\\M\\Processor(_Total)\\% Processor Time\"\n"
	    "\"09/19/2013 15:41:35.540\",\"12.000000\"\n"), -1);
	assert_non_null(strstr(r->diag.msg, "Handle Count"));
	assert_int_equal(r->diag.line, 1);
}

static void
test_sniff_pdh(void **state)
{
	static const char log[] = "\"(PDH-CSV 4.0) (GMT Standard Time)(0)\","
	    "\"x\"\n";
	static const char console[] = "\r\n\"(PDH-CSV 4.0)\",\"x\"\r\n";
	static const char blank_inside[] = "\" (PDH-CSV 4.0) (UTC)(0)\",\"x\"\n";

	(void)state;
	assert_int_equal(sniff_format(log, sizeof(log) - 1), FORMAT_PERFMON);
	assert_int_equal(sniff_format(console, sizeof(console) - 1),
	    FORMAT_PERFMON);
	assert_int_equal(sniff_format(blank_inside, sizeof(blank_inside) - 1),
	    FORMAT_PERFMON);
	assert_int_equal(sniff_by_name("perfmon"), FORMAT_PERFMON);
}

#define RUN_TEST(f)	cmocka_unit_test_setup_teardown(f, setup_run, \
			    teardown_run)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		RUN_TEST(test_relog_file),
		RUN_TEST(test_console_capture),
		RUN_TEST(test_damaged_value_and_missing_header),
		RUN_TEST(test_no_useful_counter_is_an_error),
		cmocka_unit_test(test_sniff_pdh),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
