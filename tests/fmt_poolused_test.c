/* fmt_poolused_test.c: WinDbg !poolused tables. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fmt_poolused.h"
#include "timestamp.h"
#include "testutil.h"
#include "parseutil.h"

const parse_fn run_parser = fmt_poolused_parse;

/* The flag-2 layout of recent debuggers: chatter, a TAB before the
 * description (windbg_poolused_2_* shapes). */
static const char tab_layout[] =
    "0: kd> !poolused 2\n"
    "*** CacheSize too low - increasing to 81 MB\n"
    "....................\n"
    " Sorting by NonPaged Pool Consumed\n"
    "\n"
    "               NonPaged                  Paged\n"
    " Tag     Allocs         Used     Allocs         Used\n"
    "\n"
    " amda   5768754   1938325232         32         9360\tUNKNOWN pooltag "
    "'amda', please update pooltag.txt\n"
    " EtwB      1428    254173440          6       196608\tEtw Buffer , "
    "Binary: nt!etw\n"
    " Vad      13703      2192480          0            0\tMm virtual "
    "address descriptors , Binary: nt!mm\n"
    " File      9386      3741536          0            0\tFile objects \n"
    " ...\n";

/* The older layout: no TAB, the description touches the last number, a
 * shifted row, a TOTAL row (windbg_poolused_default_xp shape). */
static const char old_layout[] =
    "0: kd> !poolused\n"
    "   Sorting by  Tag\n"
    "\n"
    "  Pool Used:\n"
    "            NonPaged            Paged\n"
    " Tag    Allocs     Used    Allocs     Used\n"
    " 1394        1      520         0        0UNKNOWN pooltag '1394', "
    "please update pooltag.txt\n"
    " ohci        1      136         0        01394 OHCI host controller "
    "driver \n"
    " rx..       3     1248         0        0UNKNOWN pooltag '  rx'\n"
    " Wmip      146     3504       182    18600Wmi General purpose "
    "allocation \n"
    " TOTAL     3570214 209120008     38769 13066104\n";

static void
test_tab_layout(void **state)
{
	struct run	*r = *state;

	r->ctx.have_dump_time = 1;
	r->ctx.dump_ms = ts_from_civil(2026, 11, 21, 2, 0, 0, 0);
	assert_parsed(r, parse_text(r, tab_layout));
	table_finish(r->table);
	assert_int_equal(r->fs.rows, 6);
	assert_int_equal(r->fs.snapshots, 1);
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 0);
	assert_int_equal(table_nsnapshots(r->table), 1);
	assert_int_equal(table_snapshot(r->table, 0)->t_ms, r->ctx.dump_ms);
	assert_false(table_snapshot(r->table, 0)->untimed);
	/* Allocs is outstanding, poolmon's Diff; Allocs and Frees unknown */
	check_sample(r->table, "amda", POOL_NONPAGED, 0, 0, -1, -1, 5768754,
	    1938325232);
	check_sample(r->table, "amda", POOL_PAGED, 0, 0, -1, -1, 32, 9360);
	check_sample(r->table, "Vad ", POOL_NONPAGED, 0, 0, -1, -1, 13703,
	    2192480);
	assert_null(table_series(r->table, series_of(r->table, "amda",
	    POOL_NONPAGED))->driver);
	assert_string_equal(table_series(r->table, series_of(r->table, "EtwB",
	    POOL_PAGED))->driver, "nt!etw - Etw Buffer");
	assert_string_equal(table_series(r->table, series_of(r->table, "File",
	    POOL_NONPAGED))->driver, "File objects");
	/* a side with nothing is no row: Vad has no paged side */
	assert_int_equal(table_nseries(r->table), 6);
}

static void
test_old_layout_cut_under_the_column_names(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r, old_layout));
	table_finish(r->table);
	/* TOTAL is not a tag */
	assert_int_equal(r->fs.rows, 5);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 0);
	check_sample(r->table, "1394", POOL_NONPAGED, 0, 0, -1, -1, 1, 520);
	/* "01394 OHCI": the last number is the 0 under "Used" */
	check_sample(r->table, "ohci", POOL_NONPAGED, 0, 0, -1, -1, 1, 136);
	assert_string_equal(table_series(r->table, series_of(r->table, "ohci",
	    POOL_NONPAGED))->driver, "1394 OHCI host controller driver");
	/* a row shifted left */
	check_sample(r->table, "rx..", POOL_NONPAGED, 0, 0, -1, -1, 3, 1248);
	check_sample(r->table, "Wmip", POOL_PAGED, 0, 0, -1, -1, 182, 18600);
	/* no dump time: alone, untimed */
	assert_true(table_snapshot(r->table, 0)->untimed);
}

static void
test_damaged_rows_and_new_commands(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    " Tag     Allocs         Used     Allocs         Used\n"
	    " Toke         0            0       4518      7517952\n"
	    " Trun       100\n"
	    " Bad?       1x0         6400          0            0\n"
	    "0: kd> !poolused 4\n"
	    " Sorting by Paged Pool Consumed\n"
	    " Tag     Allocs         Used     Allocs         Used\n"
	    " CM31         0            0      19797     91705344\tInternal "
	    "Configuration manager allocations , Binary: nt!cm\n"
	    "a stray line after the table\n"));
	assert_int_equal(r->fs.rows, 2);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 2);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 3);
	assert_non_null(strstr(r->fs.first_msg[SKIP_DAMAGED],
	    "column NonPaged Used"));
	/* the chatter of the second command is not counted */
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 1);
	assert_int_equal(r->fs.first_line[SKIP_UNRECOGNISED], 9);
	/* two headers, a prompt and a title are structure */
	assert_lines(r, 9, 2, 4, 3);
}

static void
test_row_cut_at_the_end_of_the_input(void **state)
{
	struct run	*r = *state;

	/* found by valgrind: the next column began past the cut line */
	assert_parsed(r, parse_text(r,
	    " Tag     Allocs         Used     Allocs         Used\n"
	    " amda   5768754   1938325232         32         9360\tUNKNOWN\n"
	    " IoWI   5769999    6462"));
	assert_int_equal(r->fs.rows, 2);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 1);
	assert_non_null(strstr(r->fs.first_msg[SKIP_DAMAGED], "Paged Allocs"));
}

static void
test_no_table_is_an_error(void **state)
{
	struct run	*r = *state;

	assert_int_equal(parse_text(r, "0: kd> !poolused\nNo pool tags\n"), -1);
	assert_non_null(strstr(r->diag.msg, "no !poolused table"));
	assert_int_equal(table_nsnapshots(r->table), 0);
}

static void
test_all_rows_damaged_makes_no_snapshot(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    " Tag     Allocs         Used     Allocs         Used\n"
	    " Toke         x            0       4518      7517952\n"));
	assert_int_equal(r->fs.snapshots, 0);
	assert_int_equal(table_nsnapshots(r->table), 0);
}

static void
test_header_recognised(void **state)
{
	(void)state;
	assert_true(fmt_poolused_header(" Tag     Allocs         Used     "
	    "Allocs         Used", 52));
	assert_true(fmt_poolused_header("Tag    Allocs     Used    Allocs     "
	    "Used ", 42));
	assert_false(fmt_poolused_header(" Tag  Type     Allocs            "
	    "Frees", 37));
}

#define RUN_TEST(f)	cmocka_unit_test_setup_teardown(f, setup_run, \
			    teardown_run)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		RUN_TEST(test_tab_layout),
		RUN_TEST(test_old_layout_cut_under_the_column_names),
		RUN_TEST(test_damaged_rows_and_new_commands),
		RUN_TEST(test_row_cut_at_the_end_of_the_input),
		RUN_TEST(test_no_table_is_an_error),
		RUN_TEST(test_all_rows_damaged_makes_no_snapshot),
		cmocka_unit_test(test_header_recognised),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
