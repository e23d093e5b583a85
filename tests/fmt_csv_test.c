/* fmt_csv_test.c: pooltrend's long CSV and CSV tags.
 *
 * Fixtures are written here; the rows carry values from the poolmon
 * samples (modern pastebin screen: Toke, Irp, MmSt).  Expected times were
 * computed with Python's datetime. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "csvin.h"
#include "fmt_csv.h"
#include "input.h"
#include "parse.h"
#include "table.h"
#include "testutil.h"
#include "parseutil.h"

#define T_2019_07_24_122157	INT64_C(1563970917000)

const parse_fn run_parser = fmt_csv_parse;

static void
test_header_any_order_extra_columns_and_host(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;

	assert_parsed(r, parse_text(r,
	    "host,bytes,Type,TAG,note,timestamp,frees,allocs,diff\n"
	    "srv1,8803808,Paged,Toke,first,2019-07-24T12:21:57,12310825,"
	    "12315343,4518\n"
	    "srv1,4645936,Nonp,Irp,,2019-07-24T12:21:57,75307341,75321006,"
	    "13665\n"));
	assert_string_equal(r->fs.format, "csv");
	assert_int_equal(r->fs.rows, 2);
	assert_int_equal(r->fs.lines, 3);
	assert_lines(r, 3, 2, 1, 0);
	assert_int_equal(r->fs.snapshots, 1);
	assert_non_null(r->ctx.host);
	assert_string_equal(r->ctx.host, "srv1");
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_snapshot(t, 0)->t_ms, T_2019_07_24_122157);
	assert_int_equal(table_snapshot(t, 0)->utc, 0);
	check_sample(t, "Toke", POOL_PAGED, 0, 0, 12315343, 12310825, 4518,
	    8803808);
	check_sample(t, "Irp ", POOL_NONPAGED, 0, 0, 75321006, 75307341, 13665,
	    4645936);
}

static void
test_header_without_host(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "\"timestamp\",\"tag\",\"type\",\"allocs\",\"frees\",\"diff\","
	    "\"bytes\"\n"
	    "\"2019-07-24T12:21:57\",\"Toke\",\"Paged\",\"12315343\","
	    "\"12310825\",\"4518\",\"8803808\"\n"));
	assert_null(r->ctx.host);
	assert_int_equal(r->fs.rows, 1);
	assert_int_equal(table_finish(r->table), 0);
	check_sample(r->table, "Toke", POOL_PAGED, 0, 0, 12315343, 12310825,
	    4518, 8803808);
}

static void
test_epoch_timestamps_are_utc(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;

	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\n"
	    "1563970917,Toke,Paged,100,90,10,640\n"
	    "1563971217.5,Toke,Paged,120,100,20,1280\n"
	    "2019-07-24T12:31:57Z,Toke,Paged,140,110,30,1920\n"));
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_nsnapshots(t), 3);
	assert_int_equal(table_snapshot(t, 0)->t_ms, T_2019_07_24_122157);
	assert_int_equal(table_snapshot(t, 1)->t_ms,
	    T_2019_07_24_122157 + 300500);
	assert_int_equal(table_snapshot(t, 2)->t_ms,
	    T_2019_07_24_122157 + 600000);
	assert_int_equal(table_snapshot(t, 0)->utc, 1);
	assert_int_equal(table_snapshot(t, 1)->utc, 1);
	assert_int_equal(table_snapshot(t, 2)->utc, 1);
	check_sample(t, "Toke", POOL_PAGED, 1, 1, 120, 100, 20, 1280);
}

static void
test_rows_of_one_time_are_one_snapshot(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;

	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:21:57,Toke,Paged,100,90,10,640\n"
	    "2019-07-24T12:21:57,Toke,Nonp,7,5,2,128\n"
	    "2019-07-24T12:21:57,MmSt,Paged,997690,989424,8266,28019248\n"
	    "2019-07-24T12:26:57,Toke,Paged,120,100,20,1280\n"
	    "2019-07-24T12:26:57,Toke,Nonp,8,5,3,192\n"
	    "2019-07-24T12:26:57,MmSt,Paged,997700,989430,8270,28020000\n"));
	assert_int_equal(r->fs.snapshots, 2);
	assert_int_equal(r->fs.rows, 6);
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_nsnapshots(t), 2);
	assert_int_equal(table_snapshot(t, 0)->rows, 3);
	assert_int_equal(table_snapshot(t, 1)->rows, 3);
	assert_int_equal(table_snapshot(t, 0)->sum_bytes[POOL_PAGED],
	    640 + 28019248);
	assert_int_equal(table_snapshot(t, 0)->sum_bytes[POOL_NONPAGED], 128);
	assert_int_equal(table_snapshot(t, 1)->sum_bytes[POOL_PAGED],
	    1280 + 28020000);
	assert_int_equal(table_nseries(t), 3);
	check_sample(t, "Toke", POOL_NONPAGED, 1, 1, 8, 5, 3, 192);
}

static void
test_tag_major_order_gives_same_series(void **state)
{
	struct run	*r = *state;
	struct table	*time_major;
	struct sample	 a[4], b[4];
	size_t		 i, j, k, na, nb;

	/* time-major first, into its own table */
	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:21:57,AAAA,Paged,1,0,1,100\n"
	    "2019-07-24T12:21:57,BBBB,Nonp,10,0,10,1000\n"
	    "2019-07-24T12:26:57,AAAA,Paged,2,0,2,200\n"
	    "2019-07-24T12:26:57,BBBB,Nonp,20,0,20,2000\n"
	    "2019-07-24T12:31:57,AAAA,Paged,3,0,3,300\n"
	    "2019-07-24T12:31:57,BBBB,Nonp,30,0,30,3000\n"));
	time_major = r->table;
	r->table = r->ctx.table = table_new();
	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:21:57,AAAA,Paged,1,0,1,100\n"
	    "2019-07-24T12:26:57,AAAA,Paged,2,0,2,200\n"
	    "2019-07-24T12:31:57,AAAA,Paged,3,0,3,300\n"
	    "2019-07-24T12:21:57,BBBB,Nonp,10,0,10,1000\n"
	    "2019-07-24T12:26:57,BBBB,Nonp,20,0,20,2000\n"
	    "2019-07-24T12:31:57,BBBB,Nonp,30,0,30,3000\n"));
	assert_int_equal(r->fs.rows, 6);
	assert_int_equal(r->fs.skipped[SKIP_DUPLICATE], 0);
	assert_int_equal(table_finish(time_major), 0);
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_nsnapshots(r->table), 3);
	assert_int_equal(table_nsnapshots(time_major), 3);
	for (k = 0; k < 3; k++)
		assert_int_equal(table_snapshot(r->table, k)->t_ms,
		    table_snapshot(time_major, k)->t_ms);
	assert_int_equal(table_nseries(r->table), 2);
	for (i = 0; i < 2; i++) {
		j = series_of(time_major, (const char *)table_series(r->table,
		    i)->tag, table_series(r->table, i)->type);
		na = table_decode(r->table, i, a);
		nb = table_decode(time_major, j, b);
		assert_int_equal(na, 3);
		assert_int_equal(nb, 3);
		for (k = 0; k < 3; k++) {
			assert_int_equal(a[k].snap, k);
			assert_int_equal(a[k].snap, b[k].snap);
			assert_int_equal(a[k].allocs, b[k].allocs);
			assert_int_equal(a[k].frees, b[k].frees);
			assert_int_equal(a[k].diff, b[k].diff);
			assert_int_equal(a[k].bytes, b[k].bytes);
		}
	}
	check_sample(r->table, "BBBB", POOL_NONPAGED, 2, 2, 30, 0, 30, 3000);
	table_free(time_major);
}

static void
test_missing_column_is_error(void **state)
{
	struct run	*r = *state;

	assert_int_equal(parse_text(r,
	    "timestamp,tag,type,allocs,frees,bytes\n"
	    "2019-07-24T12:21:57,Toke,Paged,100,90,640\n"), -1);
	assert_int_equal(r->diag.set, 1);
	assert_string_equal(r->diag.file, r->path);
	assert_int_equal(r->diag.line, 1);
	assert_non_null(strstr(r->diag.msg, "'diff'"));
	assert_int_equal(table_nsnapshots(r->table), 0);
}

static void
test_empty_file_is_error(void **state)
{
	struct run	*r = *state;

	assert_int_equal(parse_text(r, ""), -1);
	assert_int_equal(r->diag.set, 1);
	assert_int_equal(r->diag.line, 1);
	assert_string_equal(r->diag.msg, "no header row");
}

static void
test_damaged_rows_skipped_and_counted(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;

	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\n"		/* 1 */
	    "2019-07-24T12:21:57,Toke,Paged,100,90,10,640\n"		/* 2 */
	    "2019-07-24T12:21:57,MmSt,Paged,100,90,10,6x40\n"		/* 3 */
	    "2019-07-24T12:21:57,Irp,Pagd,100,90,10,640\n"		/* 4 */
	    "2019-07-24T12:21:57,File,Nonp,100,90\n"			/* 5 */
	    "2019-07-24T12:21:57,TooLong,Nonp,100,90,10,640\n"		/* 6 */
	    "yesterday,ConT,Nonp,100,90,10,640\n"			/* 7 */
	    "2019-07-24T12:21:57,Thre,Nonp,5,2,3,4096\n"));		/* 8 */
	assert_lines(r, 8, 2, 1, 5);
	assert_int_equal(r->fs.rows, 2);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 5);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 3);
	assert_non_null(strstr(r->fs.first_msg[SKIP_DAMAGED], "'bytes'"));
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 0);
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_nseries(t), 2);
	check_sample(t, "Toke", POOL_PAGED, 0, 0, 100, 90, 10, 640);
	check_sample(t, "Thre", POOL_NONPAGED, 0, 0, 5, 2, 3, 4096);
}

/* Each kind of damage on its own, to see which line and column it names. */
static void
check_one_damage(const char *row, const char *what)
{
	struct run	*r;
	char		 text[256];
	void		*st = NULL;

	assert_int_equal(setup_run(&st), 0);
	r = st;
	snprintf(text, sizeof(text), "timestamp,tag,type,allocs,frees,diff,"
	    "bytes\n2019-07-24T12:21:57,Toke,Paged,100,90,10,640\n%s\n", row);
	assert_parsed(r, parse_text(r, text));
	assert_int_equal(r->fs.rows, 1);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 1);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 3);
	if (strstr(r->fs.first_msg[SKIP_DAMAGED], what) == NULL) {
		print_error("message \"%s\" lacks \"%s\"\n",
		    r->fs.first_msg[SKIP_DAMAGED], what);
		fail();
	}
	teardown_run(&st);
}

static void
test_damage_messages_name_the_problem(void **state)
{
	(void)state;
	check_one_damage("2019-07-24T12:21:57,MmSt,Paged,100,90,10,abc",
	    "'bytes'");
	check_one_damage("2019-07-24T12:21:57,MmSt,Pool,100,90,10,640",
	    "'type'");
	check_one_damage("2019-07-24T12:21:57,MmSt,Paged,100", "fields");
	check_one_damage("2019-07-24T12:21:57,Token,Paged,100,90,10,640",
	    "'tag'");
	check_one_damage("2019-07-24T12:21:57,,Paged,100,90,10,640", "'tag'");
	check_one_damage("2019-07-24 noon,MmSt,Paged,100,90,10,640",
	    "'timestamp'");
	check_one_damage("2019-07-24T12:21:57,MmSt,Paged,-100,90,10,640",
	    "'allocs'");
	check_one_damage("2019-07-24T12:21:57,MmSt,Paged,100,90,10,"
	    "99999999999999999999", "'bytes'");
}

static void
test_negative_diff_and_nonpaged_spelling(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:21:57,Wait,nonpaged,12,4294967290,-4294967278,8456\n"
	    "2019-07-24T12:21:57,Wait,PAGED,1,0,1,64\n"));
	assert_int_equal(r->fs.rows, 2);
	assert_int_equal(table_finish(r->table), 0);
	check_sample(r->table, "Wait", POOL_NONPAGED, 0, 0, 12,
	    INT64_C(4294967290), INT64_C(-4294967278), 8456);
	check_sample(r->table, "Wait", POOL_PAGED, 0, 0, 1, 0, 1, 64);
}

/* The seven columns alone take the fast path for plain lines; every line
 * it leaves (blanks, an escape, another spelling, a sign, 19 digits, a
 * quote, an empty count, a bad number, an extra field) is read by the
 * general path, as before, between lines it takes. */
static void
test_fast_path_leaves_the_rest_to_the_general_path(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;

	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:21:57,Toke,Paged,100,90,10,640\n"
	    "2019-07-24T12:21:57, Irp ,Nonp,200,150,50,3200\n"
	    "2019-07-24T12:21:57,\\x01ab,Paged,5,4,1,64\n"
	    "2019-07-24T12:21:57,MmSt,NonPaged,7,3,4,256\n"
	    "2019-07-24T12:21:57,File,paged,10,12,-2,0\n"
	    "2019-07-24T12:21:57,Vad ,PAGED,1234567890123456789,1,"
	    "1234567890123456788,64\n"
	    "2019-07-24T12:21:57,\"Ntfx\",Paged,1,1,0,0\n"
	    "2019-07-24T12:21:57,Even,Paged,,,3,96\n"
	    "2019-07-24T12:22:57,Toke,Paged,110,95,15,960\n"
	    "2019-07-24T12:22:57,Irp,Nonp,x1,150,50,3200\n"
	    "2019-07-24T12:22:57,Irp,Nonp,210,160,50,3200,extra\n"
	    "2019-07-24T12:22:57,Toke,Paged,1,1,0,0\n"
	    " 2019-07-24T12:22:57,MmSt,Nonp,8,3,5,320\n"
	    "\"2019-07-24T12:22:57\",Even,Paged,4,1,3,96\n"));
	assert_int_equal(r->fs.rows, 12);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 1);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 11);
	assert_int_equal(r->fs.skipped[SKIP_DUPLICATE], 1);
	assert_int_equal(r->fs.first_line[SKIP_DUPLICATE], 13);
	assert_lines(r, 15, 12, 1, 2);
	assert_int_equal(r->fs.snapshots, 2);
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_snapshot(t, 1)->t_ms, T_2019_07_24_122157 +
	    60000);
	check_sample(t, "Toke", POOL_PAGED, 0, 0, 100, 90, 10, 640);
	check_sample(t, "Toke", POOL_PAGED, 1, 1, 110, 95, 15, 960);
	check_sample(t, "Irp ", POOL_NONPAGED, 0, 0, 200, 150, 50, 3200);
	check_sample(t, "Irp ", POOL_NONPAGED, 1, 1, 210, 160, 50, 3200);
	check_sample(t, "\x01" "ab ", POOL_PAGED, 0, 0, 5, 4, 1, 64);
	check_sample(t, "MmSt", POOL_NONPAGED, 0, 0, 7, 3, 4, 256);
	check_sample(t, "MmSt", POOL_NONPAGED, 1, 1, 8, 3, 5, 320);
	check_sample(t, "File", POOL_PAGED, 0, 0, 10, 12, -2, 0);
	check_sample(t, "Vad ", POOL_PAGED, 0, 0, INT64_C(1234567890123456789),
	    1, INT64_C(1234567890123456788), 64);
	check_sample(t, "Ntfx", POOL_PAGED, 0, 0, 1, 1, 0, 0);
	check_sample(t, "Even", POOL_PAGED, 0, 0, -1, -1, 3, 96);
	/* a quoted timestamp, read by the general path, is the same time */
	check_sample(t, "Even", POOL_PAGED, 1, 1, 4, 1, 3, 96);
}

/* The rows after the first of a snapshot, with the columns in their usual
 * order, are read eight bytes at a time (fast_usual); they must be read
 * as the general path reads them, which a column after the seven makes
 * read every row.  Tags of one to four bytes, blank-padded, of bytes over
 * 127 and DEL; a quote, escapes, a tab within and one after, a blank
 * first, five bytes; the type in any case, with a form feed, a blank or
 * a digit after it; the shortest row there is; numbers of 8, 9, 12, 18
 * and 19 digits, signed or empty; counts wider than the 32 bytes the
 * numbers are looked for in at once, five of them, three; a bad count,
 * and one with digits after a letter; rows shorter than 32 bytes (an
 * epoch timestamp); duplicate rows; timestamps a day and a year later. */
static void
test_fast_rows_read_as_the_general_path_reads_them(void **state)
{
	static const char *const rows[] = {
		"2019-07-24T12:21:57,Toke,Paged,100,90,10,640",
		"2019-07-24T12:21:57,A,Nonp,1,1,0,0",
		"2019-07-24T12:21:57,B,Nonp,12,1,11,0",
		"2019-07-24T12:21:57,Vad ,pAgEd,5,4,1,64",
		"2019-07-24T12:21:57,Ab ,NONP,7,3,4,256",
		"2019-07-24T12:21:57,\xc3\xa9t,Paged,9,8,1,16",
		"2019-07-24T12:21:57,\x7f,Paged,9,8,1,16",
		"2019-07-24T12:21:57,Ff,Paged\f,9,8,1,16",
		"2019-07-24T12:21:57,Bl,Nonp ,9,8,1,16",
		"2019-07-24T12:21:57,Pg,Paged19,8,1,16",
		"2019-07-24T12:21:57,Nx,Paged,5x4,1,64",
		"2019-07-24T12:21:57,Big,Paged,123456789012345678,1,"
		    "123456789012345677,64",
		"2019-07-24T12:21:57,Huge,Paged,1234567890123456789,1,"
		    "1234567890123456788,64",
		"2019-07-24T12:21:57,N8,Paged,12345678,1,12345677,99999999",
		"2019-07-24T12:21:57,N9,Paged,123456789,1,123456788,99999999",
		"2019-07-24T12:21:57,Wide,Paged,123456789012,123456789000,12,"
		    "123456789012",
		"2019-07-24T12:21:57,Five,Paged,1,1,0,0,0",
		"2019-07-24T12:21:57,Thr,Paged,1,1,0",
		"2019-07-24T12:21:57,Cm,Paged,1,,1,0",
		"2019-07-24T12:21:57,X9,Paged,1234567890x1,1,0,0",
		"2019-07-24T12:21:57,Sign,Paged,+5,4,1,64",
		"2019-07-24T12:21:57,Emp,Paged,,,3,96",
		"2019-07-24T12:21:57,\"Qt\",Paged,1,1,0,0",
		"2019-07-24T12:21:57,\\x41b,Paged,1,1,0,0",
		"2019-07-24T12:21:57,\\x43,Nonp,1,1,0,0",
		"2019-07-24T12:21:57,T\tb,Paged,1,1,0,0",
		"2019-07-24T12:21:57,Tt\t,Paged,1,1,0,0",
		"2019-07-24T12:21:57,Long5,Paged,1,1,0,0",
		"2019-07-24T12:21:57, Lb,Paged,1,1,0,0",
		"2019-07-24T12:21:57,Toke,Paged,1,1,0,0",
		"1563970917,E1,Nonp,1,1,0,0",
		"1563970917,E2,Nonp,2,1,1,32",
		"2019-07-24T12:22:57,Toke,Paged,110,95,15,960",
		"2019-07-24T12:22:57,Vad ,Paged,6,4,2,128",
		"2019-07-24T12:22:57,Vad,Paged,6,4,2,128",
		"2019-07-24T12:22:57,A,Nonp,2,1,1,0",
		"2019-07-24T12:22:57,Toke,Paged,1,x,0,0",
		"2019-07-24T12:22:57,Toke,Paged,1,1,0,0,extra",
		"2019-07-25T12:22:57,Toke,Paged,120,100,20,1280",
		"2019-07-25T12:22:57,Vad ,Paged,7,4,3,192",
		"2020-07-25T12:22:57,Toke,Paged,130,100,30,1920",
		"2020-07-25T12:22:57,Vad ,Paged,8,4,4,256",
	};
	char		 fast[4096], slow[4096];
	size_t		 i, j, k, n;
	struct run	*a, *b;
	struct sample	 x[4], y[4];
	void		*st = NULL;

	(void)state;
	strcpy(fast, "timestamp,tag,type,allocs,frees,diff,bytes\n");
	strcpy(slow, "timestamp,tag,type,allocs,frees,diff,bytes,note\n");
	for (i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		strcat(fast, rows[i]);
		strcat(fast, "\n");
		strcat(slow, rows[i]);
		strcat(slow, ",n\n");
	}
	assert_int_equal(setup_run(&st), 0);
	a = st;
	assert_int_equal(setup_run(&st), 0);
	b = st;
	assert_parsed(a, parse_text(a, fast));
	assert_parsed(b, parse_text(b, slow));
	/* damaged: a count of "x", a five-byte tag, the type "Paged19", the
	 * counts "5x4" and "1234567890x1", a row of six fields; second rows
	 * of a series in a snapshot: Toke twice, and "Vad" after "Vad " (a field
	 * after the seven is not read) */
	assert_int_equal(a->fs.rows, 33);
	assert_int_equal(b->fs.rows, a->fs.rows);
	for (k = 0; k < SKIP_NREASONS; k++) {
		assert_int_equal(a->fs.skipped[k], b->fs.skipped[k]);
		assert_int_equal(a->fs.first_line[k], b->fs.first_line[k]);
	}
	assert_int_equal(a->fs.skipped[SKIP_DUPLICATE], 3);
	assert_int_equal(a->fs.skipped[SKIP_DAMAGED], 6);
	assert_int_equal(table_finish(a->table), 0);
	assert_int_equal(table_finish(b->table), 0);
	n = table_nseries(a->table);
	assert_int_equal(n, 26);
	assert_int_equal(table_nseries(b->table), n);
	for (i = 0; i < n; i++) {
		const struct series_info *p = table_series(a->table, i);
		const struct series_info *q = table_series(b->table, i);

		assert_memory_equal(p->tag, q->tag, 4);
		assert_int_equal(p->type, q->type);
		assert_int_equal(p->n, q->n);
		assert_true(p->n <= 4);
		table_decode(a->table, i, x);
		table_decode(b->table, i, y);
		for (j = 0; j < p->n; j++) {
			assert_int_equal(x[j].snap, y[j].snap);
			assert_true(x[j].allocs == y[j].allocs);
			assert_true(x[j].frees == y[j].frees);
			assert_true(x[j].diff == y[j].diff);
			assert_true(x[j].bytes == y[j].bytes);
		}
	}
	/* and some of them as written */
	check_sample(a->table, "\xc3\xa9t ", POOL_PAGED, 0, 0, 9, 8, 1, 16);
	check_sample(a->table, "\x7f   ", POOL_PAGED, 0, 0, 9, 8, 1, 16);
	check_sample(a->table, "Vad ", POOL_PAGED, 1, 1, 6, 4, 2, 128);
	check_sample(a->table, "Big ", POOL_PAGED, 0, 0,
	    INT64_C(123456789012345678), 1, INT64_C(123456789012345677), 64);
	check_sample(a->table, "A   ", POOL_NONPAGED, 1, 1, 2, 1, 1, 0);
	check_sample(a->table, "C   ", POOL_NONPAGED, 0, 0, 1, 1, 0, 0);
	check_sample(a->table, "Tt  ", POOL_PAGED, 0, 0, 1, 1, 0, 0);
	check_sample(a->table, "N8  ", POOL_PAGED, 0, 0, 12345678, 1,
	    12345677, 99999999);
	check_sample(a->table, "N9  ", POOL_PAGED, 0, 0, 123456789, 1,
	    123456788, 99999999);
	check_sample(a->table, "Wide", POOL_PAGED, 0, 0,
	    INT64_C(123456789012), INT64_C(123456789000), 12,
	    INT64_C(123456789012));
	/* a day later, and a year: only the day's digits, or the year's,
	 * tell the times apart */
	check_sample(a->table, "Vad ", POOL_PAGED, 2, 2, 7, 4, 3, 192);
	check_sample(a->table, "Vad ", POOL_PAGED, 3, 3, 8, 4, 4, 256);
	st = a;
	teardown_run(&st);
	st = b;
	teardown_run(&st);
}

static void
test_quoted_comma_in_ignored_column(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,description,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:21:57,Thre,Nonp,\"nt!ps, Thread objects\",180351,"
	    "176602,3749,13179648\n"
	    "2019-07-24T12:21:57,ConT,Nonp,\"say \"\"hi\"\", twice\",3097,2409,"
	    "688,42770432\n"));
	assert_int_equal(r->fs.rows, 2);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 0);
	assert_int_equal(table_finish(r->table), 0);
	check_sample(r->table, "Thre", POOL_NONPAGED, 0, 0, 180351, 176602,
	    3749, 13179648);
	check_sample(r->table, "ConT", POOL_NONPAGED, 0, 0, 3097, 2409, 688,
	    42770432);
}

static void
test_crlf_line_ends(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\r\n"
	    "2019-07-24T12:21:57,Toke,Paged,100,90,10,640\r\n"
	    "\r\n"
	    "2019-07-24T12:26:57,Toke,Paged,120,100,20,1280\r\n"));
	assert_int_equal(r->fs.rows, 2);
	assert_lines(r, 4, 2, 2, 0);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 0);
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_nsnapshots(r->table), 2);
	check_sample(r->table, "Toke", POOL_PAGED, 1, 1, 120, 100, 20, 1280);
}

/* What --emit-series writes: a driver column, and empty Allocs and Frees
 * where a dump did not know them. */
static void
test_driver_column_and_unknown_counts(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;

	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes,driver\n"
	    "2026-11-21T02:00:00,Toke,Paged,,,58529,97392256,"
	    "\"nt!se - Token objects, v2\"\n"
	    "2026-11-21T02:00:00,Irp,Nonp,10,4,6,384,\n"
	    "2026-11-21T03:00:00,Irp,Nonp,-1,4,6,384,\n"));
	assert_lines(r, 4, 2, 1, 1);
	assert_int_equal(table_finish(r->table), 0);
	check_sample(t, "Toke", POOL_PAGED, 0, 0, -1, -1, 58529, 97392256);
	assert_string_equal(table_series(t, series_of(t, "Toke",
	    POOL_PAGED))->driver, "nt!se - Token objects, v2");
	assert_null(table_series(t, series_of(t, "Irp ",
	    POOL_NONPAGED))->driver);
	/* an explicit negative count is still damaged */
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 4);
}

/* Every line counted once: a record over two lines is two row lines, a
 * damaged one over two lines two skipped lines; blank lines (which the CSV
 * parser passes over) and a line of blanks are structure. */
static void
test_every_line_counted_once(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes,note\n"	/* 1 */
	    "\n"							/* 2 */
	    "2019-07-24T12:21:57,Toke,Paged,100,90,10,640,\"two\n"	/* 3 */
	    "lines\"\n"						/* 4 */
	    "   \n"							/* 5 */
	    "2019-07-24T12:21:57,Irp,Nonp,1,0,1,\"64\n"		/* 6 */
	    "x\"\n"							/* 7 */
	    "2019-07-24T12:26:57,Toke,Paged,120,100,20,1280,\n"	/* 8 */
	    "2019-07-24T12:26:57,Toke,Paged,120,100,20,1280,\n"	/* 9 */
	    "\n"));							/* 10 */
	assert_lines(r, 10, 3, 4, 3);
	assert_int_equal(r->fs.rows, 2);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 2);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 6);
	assert_int_equal(r->fs.skipped[SKIP_DUPLICATE], 1);
	assert_int_equal(r->fs.first_line[SKIP_DUPLICATE], 9);
}

static void
test_duplicate_row_counted(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:21:57,Toke,Paged,100,90,10,640\n"
	    "2019-07-24T12:21:57,Toke,Paged,999,90,909,64000\n"));
	assert_int_equal(r->fs.rows, 1);
	assert_int_equal(r->fs.skipped[SKIP_DUPLICATE], 1);
	assert_int_equal(r->fs.first_line[SKIP_DUPLICATE], 3);
	assert_non_null(strstr(r->fs.first_msg[SKIP_DUPLICATE], "Toke"));
	assert_int_equal(table_finish(r->table), 0);
	check_sample(r->table, "Toke", POOL_PAGED, 0, 0, 100, 90, 10, 640);
}

static void
test_second_host_is_error(void **state)
{
	struct run	*r = *state;

	assert_int_equal(parse_text(r,
	    "timestamp,host,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:21:57,srv1,Toke,Paged,100,90,10,640\n"
	    "2019-07-24T12:21:57,srv2,Toke,Paged,100,90,10,640\n"), -1);
	assert_int_equal(r->diag.set, 1);
	assert_string_equal(r->diag.file, r->path);
	assert_int_equal(r->diag.line, 3);
	assert_non_null(strstr(r->diag.msg, "srv1"));
	assert_non_null(strstr(r->diag.msg, "srv2"));
	assert_non_null(r->ctx.host);
	assert_string_equal(r->ctx.host, "srv1");
}

static void
test_second_host_in_next_file_is_error(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "timestamp,host,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:21:57,srv1,Toke,Paged,100,90,10,640\n"));
	/* same host again, another file: fine */
	assert_parsed(r, parse_text(r,
	    "host,timestamp,tag,type,allocs,frees,diff,bytes\n"
	    "srv1,2019-07-24T12:26:57,Toke,Paged,120,100,20,1280\n"));
	assert_int_equal(parse_text(r,
	    "timestamp,host,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:31:57,srv2,Toke,Paged,140,110,30,1920\n"), -1);
	assert_int_equal(r->diag.line, 2);
	assert_non_null(strstr(r->diag.msg, "srv2"));
}

static void
test_snapshots_counted_per_file(void **state)
{
	struct run	*r = *state;

	/* tag-major order: 2 times, each seen twice */
	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:00:00,Toke,Paged,100,90,10,640\n"
	    "2019-07-24T13:00:00,Toke,Paged,120,100,20,1280\n"
	    "2019-07-24T12:00:00,File,Nonp,50,40,10,320\n"
	    "2019-07-24T13:00:00,File,Nonp,60,50,10,320\n"));
	assert_int_equal(r->fs.snapshots, 2);
	/* a second file with the same times has them too */
	assert_parsed(r, parse_text(r,
	    "timestamp,tag,type,allocs,frees,diff,bytes\n"
	    "2019-07-24T12:00:00,Irp,Nonp,7,6,1,64\n"
	    "2019-07-24T13:00:00,Irp,Nonp,8,6,2,128\n"
	    "2019-07-24T14:00:00,Irp,Nonp,9,6,3,192\n"));
	assert_int_equal(r->fs.snapshots, 3);
	assert_int_equal(table_nsnapshots(r->table), 3);
}

static void
test_tag_plain_and_short(void **state)
{
	unsigned char	 tag[4];

	(void)state;
	assert_int_equal(csvin_tag("Toke", 4, tag), 0);
	assert_memory_equal(tag, "Toke", 4);
	assert_int_equal(csvin_tag("Irp", 3, tag), 0);
	assert_memory_equal(tag, "Irp ", 4);
	assert_int_equal(csvin_tag("Dh 1", 4, tag), 0);
	assert_memory_equal(tag, "Dh 1", 4);
	/* only the given length counts */
	assert_int_equal(csvin_tag("IoXYZ", 2, tag), 0);
	assert_memory_equal(tag, "Io  ", 4);
}

static void
test_tag_escapes(void **state)
{
	static const unsigned char ctl[4] = { 0x01, 'a', 'b', ' ' };
	static const unsigned char bs[4] = { '\\', 'a', 'b', 'c' };
	static const unsigned char hi[4] = { 'T', 0xE9, 0x7F, 'x' };
	unsigned char	 tag[4];
	const char	*s;

	(void)state;
	s = "\\x01ab";
	assert_int_equal(csvin_tag(s, strlen(s), tag), 0);
	assert_memory_equal(tag, ctl, 4);
	s = "\\x5Cabc";
	assert_int_equal(csvin_tag(s, strlen(s), tag), 0);
	assert_memory_equal(tag, bs, 4);
	s = "T\\xe9\\x7Fx";
	assert_int_equal(csvin_tag(s, strlen(s), tag), 0);
	assert_memory_equal(tag, hi, 4);
}

static void
test_tag_rejects_empty_and_long(void **state)
{
	unsigned char	 tag[4];
	const char	*s;

	(void)state;
	assert_int_equal(csvin_tag("", 0, tag), -1);
	assert_int_equal(csvin_tag("TooLong", 7, tag), -1);
	assert_int_equal(csvin_tag("Token", 5, tag), -1);
	s = "\\x01\\x02\\x03\\x04\\x05";
	assert_int_equal(csvin_tag(s, strlen(s), tag), -1);
}

#define RUN_TEST(f)	cmocka_unit_test_setup_teardown(f, setup_run, \
			    teardown_run)


/* Rows as text, "LINE:field|field|...", one a line, from field skip on. */
struct collected {
	char	 text[2048];
	size_t	 len;
	int	 skip;
};

static int
collect(const struct csv_row *r, void *arg)
{
	struct collected *c = arg;
	int	 i;

	c->len += (size_t)snprintf(c->text + c->len, sizeof(c->text) - c->len,
	    "%ld:", r->line);
	for (i = c->skip; i < r->n; i++)
		c->len += (size_t)snprintf(c->text + c->len,
		    sizeof(c->text) - c->len, "%s%s", i > c->skip ? "|" : "",
		    r->field[i]);
	c->len += (size_t)snprintf(c->text + c->len, sizeof(c->text) - c->len,
	    "\n");
	return 0;
}

static void
rows_of(const char *csv, int skip, struct collected *c)
{
	struct file_stats fs;
	struct diag	 d;
	struct input	*in;

	memset(&fs, 0, sizeof(fs));
	memset(&d, 0, sizeof(d));
	memset(c, 0, sizeof(*c));
	c->skip = skip;
	assert_non_null(in = input_open_mem("t.csv", csv, strlen(csv), &d));
	assert_int_equal(csvin_rows(in, &fs, &d, collect, c), 0);
	assert_int_equal(parse_lines_done(&fs), 0);
	input_free(in);
}

/* Lines without quotes are split without libcsv: the same fields as
 * libcsv gives, which reads the same lines behind a quoted first field
 * (blanks trimmed around unquoted fields, empty fields kept, a blank line
 * no row), and line numbers right after a record of several lines. */
static void
test_plain_lines_read_as_libcsv_reads_them(void **state)
{
	struct collected plain, quoted;

	(void)state;
	rows_of("a,b,c\n"
	    " Irp , Nonp ,\t7\t\n"
	    "x,,y,\n"
	    "\n"
	    " \t \n"
	    "\"two\nlines\",z\n"
	    "after,the,record\n"
	    "one\n", 0, &plain);
	assert_string_equal(plain.text,
	    "1:a|b|c\n"
	    "2:Irp|Nonp|7\n"
	    "3:x||y|\n"
	    "6:two\nlines|z\n"
	    "8:after|the|record\n"
	    "9:one\n");
	rows_of("\"\",a,b,c\n"
	    "\"\", Irp , Nonp ,\t7\t\n"
	    "\"\",x,,y,\n"
	    "\n"
	    " \t \n"
	    "\"\",\"two\nlines\",z\n"
	    "\"\",after,the,record\n"
	    "\"\",one\n", 1, &quoted);
	assert_string_equal(plain.text, quoted.text);

	/* found by fuzzing: a CR within a line ends a record, and a quote
	 * after it opens a field that goes on to the next line, which is
	 * then not a line of its own */
	rows_of("a,b\rc,\"x\n"
	    "middle\n"
	    "y\",d\n"
	    "plain,line\n", 0, &plain);
	assert_string_equal(plain.text,
	    "1:a|b\n"
	    "2:c|x\nmiddle\ny|d\n"
	    "4:plain|line\n");
}

/* Integers as strtoll reads them, without the two values it also gives on
 * overflow: 2^63 - 1 = 9223372036854775807 and -2^63 (C11 7.20.2.1). */
static void
test_integers_and_their_limits(void **state)
{
	int64_t	 v;

	(void)state;
	assert_int_equal(csvin_int(" 42 ", 4, &v), 0);
	assert_true(v == 42);
	assert_int_equal(csvin_int("+5", 2, &v), 0);
	assert_true(v == 5);
	assert_int_equal(csvin_int("-17", 3, &v), 0);
	assert_true(v == -17);
	assert_int_equal(csvin_int("9223372036854775806", 19, &v), 0);
	assert_true(v == INT64_C(9223372036854775806));
	assert_int_equal(csvin_int("-9223372036854775807", 20, &v), 0);
	assert_true(v == -INT64_C(9223372036854775807));
	assert_int_equal(csvin_int("9223372036854775807", 19, &v), -1);
	assert_int_equal(csvin_int("-9223372036854775808", 20, &v), -1);
	assert_int_equal(csvin_int("99999999999999999999", 20, &v), -1);
	assert_int_equal(csvin_int("", 0, &v), -1);
	assert_int_equal(csvin_int("-", 1, &v), -1);
	assert_int_equal(csvin_int("- 5", 3, &v), -1);
	assert_int_equal(csvin_int("4 2", 3, &v), -1);
	assert_int_equal(csvin_int("1e3", 3, &v), -1);
	assert_int_equal(csvin_int("0x10", 4, &v), -1);
	assert_int_equal(csvin_int("00000000000000000000000000000001", 32,
	    &v), -1);
}

/* A log of n one-minute snapshots of four tags from 08:00, one leaking,
 * each line ending in eol; extra, if not NULL, replaces row at (a 0-based row
 * number). */
static char *
small_log(int n, const char *eol, int at, const char *extra)
{
	static const char *const tags[] = { "Toke", "Vad ", " Irp", "MmSt" };
	size_t	 cap = 64 + (size_t)n * 4 * 96, len = 0;
	char	*b = malloc(cap);
	int	 i, k;

	assert_non_null(b);
	len += (size_t)snprintf(b + len, cap - len,
	    "timestamp,tag,type,allocs,frees,diff,bytes%s", eol);
	for (i = 0; i < n; i++)
		for (k = 0; k < 4; k++) {
			if (extra != NULL && i * 4 + k == at) {
				len += (size_t)snprintf(b + len, cap - len,
				    "%s%s", extra, eol);
				continue;
			}
			len += (size_t)snprintf(b + len, cap - len,
			    "2026-11-%02dT%02d:%02d:00,%s,%s,%d,%d,%d,%d%s",
			    17 + (480 + i) / 1440, (480 + i) / 60 % 24,
			    i % 60, tags[k], k % 2 ? "Nonp" : "Paged",
			    1000 + i * (k + 1), 900 + i * k, 100 + i,
			    (100 + i) * 64 + (k == 0 ? i * 1664 : 0), eol);
		}
	return b;
}

/* A big CSV file may be read on two threads, its second half from the
 * first line start after the middle: the result is the file read on
 * one, with LF or CRLF line ends, without a last line end, with a DOS
 * end-of-file mark, and with tags padded by blanks either side. */
static void
test_two_threads_read_as_one(void **state)
{
	char	*t;
	size_t	 n;

	(void)state;
	t = small_log(40, "\n", -1, NULL);
	assert_true(same_on_two_threads(t));
	n = strlen(t);
	t[n - 1] = '\0';		/* no line end at the end */
	assert_true(same_on_two_threads(t));
	t[n - 1] = 0x1a;		/* a Ctrl-Z after it */
	assert_true(same_on_two_threads(t));
	free(t);
	t = small_log(40, "\r\n", -1, NULL);
	assert_true(same_on_two_threads(t));
	free(t);
}

/* Reading a file, the parser tells the table how far through it it is,
 * so that the series' buffers end with little to spare (a 32nd, and the
 * rounding of their last sizing), on one thread or two (the first half's
 * sized for the whole file, the second's for itself).  Read from memory,
 * whose size it does not know, they grow by half at a time and end with
 * more. */
static void
test_buffers_sized_from_the_file(void **state)
{
	char	*t;

	(void)state;
	t = small_log(3000, "\n", -1, NULL);
	assert_buffers_sized(t);
	free(t);
}

/* What a file let the table expect is withdrawn before the next input:
 * read after a file of 2000 snapshots, 3000 more from memory grow the
 * buffers by half (0.42 of the bytes to spare at the end), not an eighth
 * at a time toward a count of snapshots long passed (0.08). */
#define NALL	5000
#define NFILE	2000
static void
test_file_hint_withdrawn_for_the_next_input(void **state)
{
	struct run	*r;
	struct input	*in;
	void		*st = NULL;
	char		*t, *rest, *cut;
	size_t		 bytes, room, hlen;
	int		 i;

	(void)state;
	t = small_log(NALL, "\n", -1, NULL);
	/* the first NFILE snapshots; then the header and the rest */
	for (cut = strchr(t, '\n') + 1, i = 0; i < 4 * NFILE; i++)
		cut = strchr(cut, '\n') + 1;
	hlen = (size_t)(strchr(t, '\n') + 1 - t);
	rest = malloc(hlen + strlen(cut) + 1);
	assert_non_null(rest);
	memcpy(rest, t, hlen);
	strcpy(rest + hlen, cut);
	*cut = '\0';
	assert_int_equal(setup_run(&st), 0);
	r = st;
	assert_parsed(r, parse_text(r, t));
	in = input_open_mem("mem", rest, strlen(rest), &r->diag);
	assert_non_null(in);
	assert_parsed(r, r->parse(&r->ctx, in, &r->fs));
	input_free(in);
	assert_int_equal(table_nsnapshots(r->table), NALL);
	bytes = table_sample_bytes(r->table, &room);
	if ((double)room / (double)bytes - 1 < 0.2) {
		print_error("%zu bytes in %zu\n", bytes, room);
		fail();
	}
	teardown_run(&st);
	free(rest);
	free(t);
}

/* The data row (from 0) where the second half begins: the first line
 * start after the middle of the bytes after the header. */
static int
seam_row(const char *t)
{
	const char	*h = strchr(t, '\n') + 1, *p;
	size_t		 n = strlen(t);
	int		 row = 0;

	p = strchr(h + (n - (size_t)(h - t)) / 2, '\n') + 1;
	for (; h < p; h++)
		row += *h == '\n';
	return row;
}

/* Where the second half holds a line the fast path leaves to the general
 * one (quoted, damaged, a second row of a tag at one time), or begins
 * with a row the first half has already (a second row across the seam),
 * it is thrown away and the file read on one thread: the same rows,
 * skips, messages and line numbers.  Time going back in the second half
 * needs no fallback: the rows are renumbered to the snapshots the first
 * half has, and the table sorts them as it would have. */
static void
test_two_threads_fall_back_to_one(void **state)
{
	static const char *const odd[] = {
		"\"2026-11-17T08:39:00\",Toke,Paged,1,1,0,0",
		"2026-11-17T08:39:00,Toke,Paged,x1,1,0,0",
		"2026-11-17T08:39:00,Vad ,Nonp,1,1,0,0",
	};
	static const char *const back[] = {
		"2026-11-17T08:20:00,Toke,Paged,1,1,0,0",
		"2026-11-17T08:05:00,Zzzz,Paged,1,1,0,0",
	};
	char	*t, line[128], *p, *q;
	size_t	 i;
	int	 at, seam;

	(void)state;
	/* row 158 is in the last snapshot, far after the middle */
	for (i = 0; i < sizeof(odd) / sizeof(*odd); i++) {
		t = small_log(40, "\n", 158, odd[i]);
		assert_false(same_on_two_threads(t));
		free(t);
	}
	for (i = 0; i < sizeof(back) / sizeof(*back); i++) {
		t = small_log(40, "\n", 158, back[i]);
		assert_true(same_on_two_threads(t));
		free(t);
	}
	/* the second half begins with a copy of the row before it; the
	 * copy may move the middle, so place it until it stays */
	t = small_log(40, "\n", -1, NULL);
	for (at = -1, seam = seam_row(t); seam != at; seam = seam_row(t)) {
		at = seam;
		free(t);
		t = small_log(40, "\n", -1, NULL);
		for (p = strchr(t, '\n') + 1, i = 0; i + 1 < (size_t)at; i++)
			p = strchr(p, '\n') + 1;
		q = strchr(p, '\n');
		assert_true((size_t)(q - p) < sizeof(line));
		memcpy(line, p, (size_t)(q - p));
		line[q - p] = '\0';
		free(t);
		t = small_log(40, "\n", at, line);
	}
	assert_false(same_on_two_threads(t));
	free(t);
}

/* A record of two lines across the middle: the first half does not end
 * between records where the second begins, so that is not taken. */
static void
test_two_threads_record_across_the_seam(void **state)
{
	char	*t;

	(void)state;
	t = small_log(40, "\n", 80, "2026-11-17T08:20:00,\"To\n"
	    "ke\",Paged,1,1,0,0");
	assert_false(same_on_two_threads(t));
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		RUN_TEST(test_header_any_order_extra_columns_and_host),
		cmocka_unit_test(test_two_threads_read_as_one),
		cmocka_unit_test(test_buffers_sized_from_the_file),
		cmocka_unit_test(test_file_hint_withdrawn_for_the_next_input),
		cmocka_unit_test(test_two_threads_fall_back_to_one),
		cmocka_unit_test(test_two_threads_record_across_the_seam),
		RUN_TEST(test_header_without_host),
		RUN_TEST(test_epoch_timestamps_are_utc),
		RUN_TEST(test_rows_of_one_time_are_one_snapshot),
		RUN_TEST(test_tag_major_order_gives_same_series),
		RUN_TEST(test_missing_column_is_error),
		RUN_TEST(test_empty_file_is_error),
		RUN_TEST(test_damaged_rows_skipped_and_counted),
		cmocka_unit_test(test_damage_messages_name_the_problem),
		RUN_TEST(test_negative_diff_and_nonpaged_spelling),
		RUN_TEST(test_quoted_comma_in_ignored_column),
		RUN_TEST(test_crlf_line_ends),
		RUN_TEST(test_driver_column_and_unknown_counts),
		RUN_TEST(test_every_line_counted_once),
		RUN_TEST(test_duplicate_row_counted),
		RUN_TEST(test_second_host_is_error),
		RUN_TEST(test_second_host_in_next_file_is_error),
		RUN_TEST(test_snapshots_counted_per_file),
		cmocka_unit_test(test_tag_plain_and_short),
		cmocka_unit_test(test_tag_escapes),
		cmocka_unit_test(test_tag_rejects_empty_and_long),
		cmocka_unit_test(test_plain_lines_read_as_libcsv_reads_them),
		cmocka_unit_test(test_integers_and_their_limits),
		RUN_TEST(test_fast_path_leaves_the_rest_to_the_general_path),
		cmocka_unit_test(test_fast_rows_read_as_the_general_path_reads_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
