/* fmt_pscsv_test.c: the PowerShell collector's CSV. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fmt_pscsv.h"
#include "sniff.h"
#include "timestamp.h"
#include "testutil.h"
#include "parseutil.h"

const parse_fn run_parser = fmt_pscsv_parse;

#define FULL_HEADER "\"DateTime\",\"DateTimeUTC\",\"Tag\",\"PagedAllocs\"," \
	"\"PagedFrees\",\"PagedDiff\",\"PagedUsedBytes\",\"NonPagedAllocs\"," \
	"\"NonPagedFrees\",\"NonPagedDiff\",\"NonPagedUsedBytes\"," \
	"\"TotalUsedBytes\",\"Binary\",\"Description\"\n"

static void
test_full_columns_both_sides(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r, FULL_HEADER
	    "\"2019-07-24T12:21:57\",\"2019-07-24T19:21:57\",\"Toke\",\"100\","
	    "\"90\",\"10\",\"16640\",\"5\",\"1\",\"4\",\"256\",\"16896\","
	    "\"nt!se\",\"Token objects\"\n"
	    "\"2019-07-24T12:21:57\",\"2019-07-24T19:21:57\",\"Io  \",\"0\","
	    "\"0\",\"0\",\"0\",\"7\",\"3\",\"4\",\"512\",\"512\",\"\",\"\"\n"));
	table_finish(r->table);
	assert_int_equal(r->fs.rows, 3);
	assert_int_equal(r->fs.snapshots, 1);
	assert_string_equal(r->fs.format, "powershell");
	/* DateTimeUTC is used, as UTC */
	assert_int_equal(table_snapshot(r->table, 0)->t_ms,
	    ts_from_civil(2019, 7, 24, 19, 21, 57, 0));
	assert_true(table_snapshot(r->table, 0)->utc);
	check_sample(r->table, "Toke", POOL_PAGED, 0, 0, 100, 90, 10, 16640);
	check_sample(r->table, "Toke", POOL_NONPAGED, 0, 0, 5, 1, 4, 256);
	check_sample(r->table, "Io  ", POOL_NONPAGED, 0, 0, 7, 3, 4, 512);
	assert_string_equal(table_series(r->table, series_of(r->table, "Toke",
	    POOL_PAGED))->driver, "nt!se - Token objects");
	/* Io has no paged side: no row for it */
	assert_int_equal(table_nseries(r->table), 3);
	assert_null(table_series(r->table, series_of(r->table, "Io  ",
	    POOL_NONPAGED))->driver);
}

static void
test_subset_of_columns(void **state)
{
	struct run	*r = *state;

	/* the -values DateTime,Tag,PagedUsedBytes,Binary,Description example
	 * with -loop: one header, then rows */
	assert_parsed(r, parse_text(r,
	    "\"DateTime\",\"Tag\",\"PagedUsedBytes\",\"Binary\",\"Description\"\n"
	    "\"2019-07-24T12:21:57\",\"FMfn\",\"199922400\",\"fltmgr.sys\","
	    "\"NAME_CACHE_NODE structure\"\n"
	    "\"2019-07-24T12:22:02\",\"FMfn\",\"199941136\",\"fltmgr.sys\","
	    "\"NAME_CACHE_NODE structure\"\n"
	    "\"2019-07-24T12:22:07\",\"FMfn\",\"199878016\",\"fltmgr.sys\","
	    "\"NAME_CACHE_NODE structure\"\n"));
	table_finish(r->table);
	assert_int_equal(r->fs.rows, 3);
	assert_int_equal(r->fs.snapshots, 3);
	assert_false(table_snapshot(r->table, 0)->utc);
	assert_int_equal(table_snapshot(r->table, 1)->t_ms,
	    ts_from_civil(2019, 7, 24, 12, 22, 2, 0));
	/* absent counts are 0 */
	check_sample(r->table, "FMfn", POOL_PAGED, 2, 2, 0, 0, 0, 199878016);
	assert_string_equal(table_series(r->table, 0)->driver,
	    "fltmgr.sys - NAME_CACHE_NODE structure");
}

static void
test_header_needs_tag_time_and_bytes(void **state)
{
	struct run	*r = *state;

	assert_int_equal(parse_text(r, "\"DateTime\",\"Tag\",\"PagedAllocs\"\n"
	    "\"2019-07-24T12:21:57\",\"Toke\",\"1\"\n"), -1);
	assert_int_equal(r->diag.line, 1);
	assert_non_null(strstr(r->diag.msg, "PagedUsedBytes"));
}

static void
test_empty_file_is_error(void **state)
{
	struct run	*r = *state;

	assert_int_equal(parse_text(r, "\r\n\r\n"), -1);
	assert_int_equal(r->diag.set, 1);
	assert_int_equal(r->diag.line, 1);
	assert_string_equal(r->diag.msg, "no header row");
	assert_int_equal(table_nsnapshots(r->table), 0);
}

static void
test_damaged_rows_are_counted(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r, FULL_HEADER
	    "\"2019-07-24T12:21:57\",\"2019-07-24T19:21:57\",\"Toke\",\"100\","
	    "\"90\",\"10\",\"lots\",\"0\",\"0\",\"0\",\"0\",\"0\",\"\",\"\"\n"
	    "\"yesterday\",\"soon\",\"Toke\",\"100\",\"90\",\"10\",\"640\","
	    "\"0\",\"0\",\"0\",\"0\",\"640\",\"\",\"\"\n"
	    "\"2019-07-24T12:21:57\",\"2019-07-24T19:21:57\",\"Toke\"\n"
	    "\"2019-07-24T12:21:57\",\"2019-07-24T19:21:57\",\"TooLong\",\"1\","
	    "\"0\",\"1\",\"64\",\"0\",\"0\",\"0\",\"0\",\"64\",\"\",\"\"\n"
	    "\"2019-07-24T12:26:57\",\"2019-07-24T19:26:57\",\"Toke\",\"110\","
	    "\"90\",\"20\",\"1280\",\"0\",\"0\",\"0\",\"0\",\"1280\",\"\",\"\"\n"));
	assert_int_equal(r->fs.rows, 1);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 4);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 2);
	assert_non_null(strstr(r->fs.first_msg[SKIP_DAMAGED],
	    "'PagedUsedBytes'"));
	assert_lines(r, 6, 1, 1, 4);
}

static void
test_sniff_tells_the_csv_formats_apart(void **state)
{
	static const char ps[] = FULL_HEADER;
	static const char ps_subset[] =
	    "\"DateTime\",\"Tag\",\"PagedUsedBytes\"\n";
	static const char long_csv[] =
	    "timestamp,tag,type,allocs,frees,diff,bytes\n";
	static const char other[] = "\"Date\",\"Tag\",\"Owner\"\n";

	(void)state;
	assert_int_equal(sniff_format(ps, sizeof(ps) - 1), FORMAT_PSCSV);
	assert_int_equal(sniff_format(ps_subset, sizeof(ps_subset) - 1),
	    FORMAT_PSCSV);
	assert_int_equal(sniff_format(long_csv, sizeof(long_csv) - 1),
	    FORMAT_CSV);
	assert_int_equal(sniff_format(other, sizeof(other) - 1),
	    FORMAT_UNKNOWN);
	assert_int_equal(sniff_by_name("powershell"), FORMAT_PSCSV);
	assert_int_equal(sniff_by_name("poolmon"), FORMAT_POOLMON);
	assert_int_equal(sniff_by_name("xml"), FORMAT_UNKNOWN);
	assert_string_equal(sniff_name(FORMAT_CSV), "csv");
}

#define RUN_TEST(f)	cmocka_unit_test_setup_teardown(f, setup_run, \
			    teardown_run)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		RUN_TEST(test_full_columns_both_sides),
		RUN_TEST(test_subset_of_columns),
		RUN_TEST(test_header_needs_tag_time_and_bytes),
		RUN_TEST(test_empty_file_is_error),
		RUN_TEST(test_damaged_rows_are_counted),
		cmocka_unit_test(test_sniff_tells_the_csv_formats_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
