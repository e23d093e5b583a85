/* fmt_wpa_test.c: WPA Pool table exports, and what the trend engine makes
 * of them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "fmt_wpa.h"
#include "sniff.h"
#include "trend.h"
#include "testutil.h"
#include "parseutil.h"

const parse_fn run_parser = fmt_wpa_parse;

/* Check group k of (tag, type) after table_finish. */
static void
check_group(const struct table *t, const char *tag, enum pool_type type,
    size_t n, size_t k, int aifo, int64_t size, int64_t count)
{
	const struct alloc_group *g;

	assert_int_equal(table_allocs(t, (const unsigned char *)tag, type, &g),
	    n);
	assert_non_null(g);
	assert_true(k < n);
	assert_int_equal(g[k].aifo, aifo);
	assert_int_equal(g[k].size_bytes, size);
	assert_int_equal(g[k].count, count);
}

/* The columns in another order, other columns between them, names in
 * other letter cases and the alternative names: the same groups. */
static void
test_column_order(void **state)
{
	struct run	*r = *state;
	const struct alloc_group *g;

	assert_parsed(r, parse_text(r,
	    "Count,Total Size,size,Pool Type,Process,TAG\n"
	    "7,11648,1664,Paged,lsass.exe,Toke\n"
	    "3,288,96,NonPaged,System,Even\n"));
	table_finish(r->table);
	assert_lines(r, 3, 2, 1, 0);
	assert_int_equal(r->fs.rows, 2);
	assert_string_equal(r->fs.format, "wpa");
	/* no Type column: every row is outstanding, inside the trace */
	check_group(r->table, "Toke", POOL_PAGED, 1, 0, 1, 1664, 7);
	check_group(r->table, "Even", POOL_NONPAGED, 1, 0, 1, 96, 3);
	assert_int_equal(table_allocs(r->table, (const unsigned char *)"Toke",
	    POOL_NONPAGED, &g), 0);
	assert_null(g);
	/* groups are no samples */
	assert_int_equal(table_nsnapshots(r->table), 0);
	assert_int_equal(table_nsamples(r->table), 0);
}

/* Numbers with thousands separators inside quotes; tags with trailing
 * blanks or shorter than 4 bytes; every spelling of the pool type. */
static void
test_separators_and_names(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "Pool Tag,Paged,Size,Count\r\n"
	    "Toke,Paged,\"1,664\",\"1,234,567\"\r\n"
	    "Irp ,Nonpaged,256,\"1,000\"\r\n"
	    "Irp,Non Paged,512,1\r\n"
	    "MmSt,Paged Pool,4096,2\r\n"
	    "Vad ,NonPaged Pool,128,3\r\n"
	    "Vad ,nonp,144,4\r\n"));
	table_finish(r->table);
	assert_lines(r, 7, 6, 1, 0);
	check_group(r->table, "Toke", POOL_PAGED, 1, 0, 1, 1664, 1234567);
	check_group(r->table, "Irp ", POOL_NONPAGED, 2, 0, 1, 256, 1000);
	check_group(r->table, "Irp ", POOL_NONPAGED, 2, 1, 1, 512, 1);
	check_group(r->table, "MmSt", POOL_PAGED, 1, 0, 1, 4096, 2);
	check_group(r->table, "Vad ", POOL_NONPAGED, 2, 0, 1, 128, 3);
	check_group(r->table, "Vad ", POOL_NONPAGED, 2, 1, 1, 144, 4);
}

/* The Type column: freed allocations (AIFI, AOFI) are read and left out;
 * those allocated before the trace (AOFO) are kept apart from AIFO. */
static void
test_type_filter(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "Pool Tag,Paged,Type,Size,Count\n"
	    "Toke,Paged,AIFO,1664,10\n"
	    "Toke,Paged,AIFI,1664,500\n"
	    "Toke,Paged,aofo,1664,20\n"
	    "Toke,Paged,AOFI,1664,30\n"
	    "Even,NonPaged,AIFI,96,40\n"));
	table_finish(r->table);
	assert_lines(r, 6, 5, 1, 0);
	assert_int_equal(r->fs.rows, 2);
	/* inside the trace first */
	check_group(r->table, "Toke", POOL_PAGED, 2, 0, 1, 1664, 10);
	check_group(r->table, "Toke", POOL_PAGED, 2, 1, 0, 1664, 20);
	assert_int_equal(table_nalloc_groups(r->table), 2);
}

/* Rows of equal tag, type, size and class are summed; sizes are sorted. */
static void
test_sum_equal_groups(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "Pool Tag,Paged,Type,Size,Count\n"
	    "Toke,Paged,AIFO,2048,5\n"
	    "Toke,Paged,AIFO,1664,\"4,000\"\n"
	    "Toke,Paged,AOFO,1664,7\n"
	    "Toke,Paged,AIFO,1664,\"2,043\"\n"
	    "Toke,NonPaged,AIFO,1664,1\n"));
	assert_int_equal(table_nalloc_groups(r->table), 5);
	table_finish(r->table);
	check_group(r->table, "Toke", POOL_PAGED, 3, 0, 1, 1664, 6043);
	check_group(r->table, "Toke", POOL_PAGED, 3, 1, 1, 2048, 5);
	check_group(r->table, "Toke", POOL_PAGED, 3, 2, 0, 1664, 7);
	check_group(r->table, "Toke", POOL_NONPAGED, 1, 0, 1, 1664, 1);
}

/* A header without a required column is an error at its line, naming
 * the column; so is a file with no header. */
static void
test_missing_column(void **state)
{
	struct run	*r = *state;

	assert_int_equal(parse_text(r, "Pool Tag,Paged,Type,Count\n"
	    "Toke,Paged,AIFO,6043\n"), -1);
	assert_int_equal(r->diag.line, 1);
	assert_non_null(strstr(r->diag.msg, "no column 'Size'"));
	memset(&r->diag, 0, sizeof(r->diag));
	assert_int_equal(parse_text(r, "Tag,Size,Count\n"), -1);
	assert_int_equal(r->diag.line, 1);
	assert_non_null(strstr(r->diag.msg, "no column 'Paged'"));
	memset(&r->diag, 0, sizeof(r->diag));
	assert_int_equal(parse_text(r, "Paged,Size,Count\n"), -1);
	assert_non_null(strstr(r->diag.msg, "no column 'Pool Tag'"));
	memset(&r->diag, 0, sizeof(r->diag));
	assert_int_equal(parse_text(r, "Tag,Paged,Size\n"), -1);
	assert_non_null(strstr(r->diag.msg, "no column 'Count'"));
	memset(&r->diag, 0, sizeof(r->diag));
	assert_int_equal(parse_text(r, ""), -1);
	assert_non_null(strstr(r->diag.msg, "no header row"));
}

/* Damaged rows are counted, the first reported; the good ones stay. */
static void
test_damaged_rows(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "Pool Tag,Paged,Type,Size,Count\n"
	    "Toke,Paged,AIFO,1664,10\n"
	    "Toke,Session,AIFO,1664,10\n"
	    "Toke,Paged,AIFO,1.664,10\n"
	    "Toke,Paged,AIFO,1664,\"1,00\"\n"
	    "Toke,Paged,AIFO,1664,-3\n"
	    "Toke,Paged,FREE,1664,3\n"
	    "Tokens,Paged,AIFO,1664,3\n"
	    ",Paged,AIFO,1664,3\n"
	    "Toke,Paged,AIFO\n"
	    "Toke,Paged,AIFO,1664,99999999999999999999\n"
	    "Even,NonPaged,AIFO,96,2\n"));
	table_finish(r->table);
	assert_lines(r, 12, 2, 1, 9);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 9);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 3);
	assert_non_null(strstr(r->fs.first_msg[SKIP_DAMAGED],
	    "expected Paged or NonPaged in column 'Paged': 'Session'"));
	check_group(r->table, "Toke", POOL_PAGED, 1, 0, 1, 1664, 10);
	check_group(r->table, "Even", POOL_NONPAGED, 1, 0, 1, 96, 2);
}

/* An export alone becomes one untimed snapshot of what is outstanding:
 * Diff the count of AIFO and AOFO, Bytes their size times count. */
static void
test_alone_is_a_snapshot(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "Pool Tag,Paged,Type,Size,Count\n"
	    "Toke,Paged,AIFO,1664,6\n"
	    "Toke,Paged,AOFO,1648,2\n"
	    "Toke,Paged,AIFI,1664,100\n"
	    "Even,NonPaged,AIFO,96,3\n"));
	assert_int_equal(table_allocs_snapshot(r->table), 1);
	assert_int_equal(table_allocs_snapshot(r->table), 0);
	table_finish(r->table);
	assert_int_equal(table_nsnapshots(r->table), 1);
	assert_true(table_snapshot(r->table, 0)->untimed);
	/* 6 * 1664 + 2 * 1648 = 13280 */
	check_sample(r->table, "Toke", POOL_PAGED, 0, 0, -1, -1, 8, 13280);
	check_sample(r->table, "Even", POOL_NONPAGED, 0, 0, -1, -1, 3, 288);
	/* the groups are still there for the trend engine */
	check_group(r->table, "Toke", POOL_PAGED, 2, 0, 1, 1664, 6);
}

/* With a time series, the table gets no snapshot from the export. */
static void
test_no_snapshot_beside_series(void **state)
{
	struct run	*r = *state;
	uint32_t	 s;

	s = table_snapshot_at(r->table, 1000, 1);
	table_add(r->table, s, (const unsigned char *)"Toke", POOL_PAGED, 2, 1,
	    1, 1664, NULL, 0);
	assert_parsed(r, parse_text(r, "Tag,Paged,Size,Count\n"
	    "Toke,Paged,1664,5\n"));
	assert_int_equal(table_allocs_snapshot(r->table), 0);
	table_finish(r->table);
	assert_int_equal(table_nsnapshots(r->table), 1);
	assert_int_equal(table_nsamples(r->table), 1);
}

/* The dominant size and the top sizes by count, and whether it is the
 * object size: 16 bytes or 2% of it (pool blocks are rounded to 16). */
static void
test_outstanding_in_findings(void **state)
{
	struct run	*r = *state;
	struct trend_opts to;
	struct analysis	*a;
	const struct outstanding *o = NULL;
	size_t		 i;

	assert_parsed(r, parse_text(r,
	    "Pool Tag,Paged,Type,Size,Count\n"
	    "Toke,Paged,AIFO,1648,61\n"
	    "Toke,Paged,AIFO,1664,6043\n"
	    "Toke,Paged,AIFO,1680,52\n"
	    "Toke,Paged,AIFO,2048,33\n"
	    "Toke,Paged,AOFO,1664,350\n"
	    "Even,NonPaged,AOFO,96,3\n"));
	table_allocs_snapshot(r->table);
	table_finish(r->table);
	memset(&to, 0, sizeof(to));
	to.limit_bytes[0] = to.limit_bytes[1] = -1;
	a = trend_analyse(r->table, &to);
	assert_non_null(a);
	assert_int_equal(a->ntags, 2);
	for (i = 0; i < a->ntags; i++)
		if (memcmp(a->tags[i].tag, "Toke", 4) == 0)
			o = &a->tags[i].outstanding;
		else
			assert_false(a->tags[i].outstanding.have);
	assert_non_null(o);
	assert_true(o->have);
	assert_int_equal(o->allocations, 6189);
	/* 61 * 1648 + 6043 * 1664 + 52 * 1680 + 33 * 2048 = 100528 +
	 * 10055552 + 87360 + 67584 */
	assert_int_equal(o->bytes, 10311024);
	assert_int_equal(o->dominant_size_bytes, 1664);
	assert_int_equal(o->dominant_count, 6043);
	assert_close(o->dominant_share, 6043.0 / 6189.0, 1e-12);
	assert_int_equal(o->nsizes, 3);
	assert_int_equal(o->sizes[1].size_bytes, 1648);
	assert_int_equal(o->sizes[1].count, 61);
	assert_int_equal(o->sizes[2].size_bytes, 1680);
	/* one snapshot: no object size, so no match either way */
	assert_int_equal(o->matches, -1);
	trend_free(a);

	assert_int_equal(trend_size_matches(1664, 1664.4), 1);
	assert_int_equal(trend_size_matches(1664, 1648), 1);
	assert_int_equal(trend_size_matches(1664, 1600), 0);
	assert_int_equal(trend_size_matches(96, 80), 1);
	assert_int_equal(trend_size_matches(96, 79.9), 0);
	/* 2% of 4096 is 81.92 bytes */
	assert_int_equal(trend_size_matches(4096, 4016), 1);
	assert_int_equal(trend_size_matches(4096, 4000), 0);
	assert_int_equal(trend_size_matches(1664, NAN), -1);
}

/* The sniffer knows an export by its column names in the first line. */
static void
test_sniff(void **state)
{
	const char	*a = "Pool Tag,Paged,Type,Size,Count\nToke,Paged,AIFO,"
	    "1664,1\n";
	const char	*b = "\"Count\",\"size\",\"PAGED\",\"Tag\"\r\n";
	const char	*c = "Pool Tag,Paged,Size\nToke,Paged,1664\n";
	const char	*d = "timestamp,tag,type,allocs,frees,diff,bytes\n";

	(void)state;
	assert_int_equal(sniff_format(a, strlen(a)), FORMAT_WPA);
	assert_int_equal(sniff_format(b, strlen(b)), FORMAT_WPA);
	assert_int_equal(sniff_format(c, strlen(c)), FORMAT_UNKNOWN);
	assert_int_equal(sniff_format(d, strlen(d)), FORMAT_CSV);
	assert_int_equal(sniff_by_name("wpa"), FORMAT_WPA);
	assert_string_equal(sniff_name(FORMAT_WPA), "wpa");
}

#define RUN_TEST(f)	cmocka_unit_test_setup_teardown(f, setup_run, \
			    teardown_run)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		RUN_TEST(test_column_order),
		RUN_TEST(test_separators_and_names),
		RUN_TEST(test_type_filter),
		RUN_TEST(test_sum_equal_groups),
		RUN_TEST(test_missing_column),
		RUN_TEST(test_damaged_rows),
		RUN_TEST(test_alone_is_a_snapshot),
		RUN_TEST(test_no_snapshot_beside_series),
		RUN_TEST(test_outstanding_in_findings),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
