/* fmt_poolmon_test.c: poolmon line classification and whole logs.
 *
 * Row and header lines are taken verbatim (or in the same shape) from the
 * public samples described in FORMATS.md; each comment names the sample
 * shape.  Expected times were computed with Python's datetime. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fmt_poolmon.h"
#include "input.h"
#include "parse.h"
#include "table.h"
#include "testutil.h"
#include "parseutil.h"

#define T_2019_07_24_122157	INT64_C(1563970917000)
#define T_2026_11_21_192800	INT64_C(1795289280000)
#define KB			INT64_C(1024)

/* ---- pm_classify ---------------------------------------------------- */

struct cl {
	struct pm_row	 row;
	int64_t		 v1, v2;
	int		 col;
	char		 msg[160];
};

static enum pm_line
classify(const char *line, struct cl *c)
{
	memset(c, 0, sizeof(*c));
	c->v1 = c->v2 = -7777;
	c->col = -7777;
	return pm_classify(line, strlen(line), &c->row, &c->v1, &c->v2, &c->col,
	    c->msg, sizeof(c->msg));
}

/* Classify line as a row and check every field; driver NULL means none. */
static void
check_row(const char *line, const char tag[4], enum pool_type type,
    int64_t allocs, int64_t frees, int64_t diff, int64_t bytes,
    int64_t per_alloc, const char *driver)
{
	struct cl	 c;
	enum pm_line	 r;

	r = classify(line, &c);
	if (r != PM_ROW) {
		print_error("not a row (%d, '%s'): \"%s\"\n", (int)r, c.msg,
		    line);
		fail();
	}
	assert_memory_equal(c.row.tag, tag, 4);
	assert_int_equal(c.row.type, type);
	assert_int_equal(c.row.allocs, allocs);
	assert_int_equal(c.row.frees, frees);
	assert_int_equal(c.row.diff, diff);
	assert_int_equal(c.row.bytes, bytes);
	assert_int_equal(c.row.per_alloc, per_alloc);
	if (driver == NULL) {
		assert_null(c.row.driver);
	} else {
		assert_non_null(c.row.driver);
		if (c.row.driver_len != strlen(driver) ||
		    memcmp(c.row.driver, driver, c.row.driver_len) != 0) {
			print_error("driver \"%.*s\", expected \"%s\"\n",
			    (int)c.row.driver_len, c.row.driver, driver);
			fail();
		}
	}
}

/* Classify line as damaged; msg must name the column. */
static int
check_damaged(const char *line, const char *column)
{
	struct cl	 c;
	enum pm_line	 r;
	char		 quoted[40];

	r = classify(line, &c);
	if (r != PM_DAMAGED) {
		print_error("not damaged (%d): \"%s\"\n", (int)r, line);
		fail();
	}
	snprintf(quoted, sizeof(quoted), "'%s'", column);
	if (strstr(c.msg, quoted) == NULL) {
		print_error("message \"%s\" does not name %s\n", c.msg, quoted);
		fail();
	}
	assert_true(c.col >= 1 && (size_t)c.col <= strlen(line) + 1);
	return c.col;
}

static void
test_classify_64bit_unknown_driver(void **state)
{
	(void)state;
	/* poolmon_snapshot_n_g_64bit_two_rows_ts_test */
	check_row(" ConT Nonp                3097               2409           "
	    "    688       42770432            62166        Unknown Driver",
	    "ConT", POOL_NONPAGED, 3097, 2409, 688, 42770432, 62166, NULL);
}

static void
test_classify_64bit_mapped_driver(void **state)
{
	(void)state;
	/* poolmon_snapshot_n_g_64bit_two_rows_ts_test */
	check_row(" Thre Nonp              180351             176602         "
	    "     3749       13179648              3515        [nt!ps - Thread "
	    "objects]",
	    "Thre", POOL_NONPAGED, 180351, 176602, 3749, 13179648, 3515,
	    "nt!ps - Thread objects");
}

static void
test_classify_32bit_no_leading_blank(void **state)
{
	(void)state;
	/* poolmon_snapshot_n_r_sorted_bytes_intel_mfd_test */
	check_row("EtwB Nonp       6394      4056      2338 163418368      69896",
	    "EtwB", POOL_NONPAGED, 6394, 4056, 2338, 163418368, 69896, NULL);
	check_row("MmSt Paged   2269405   2095404    174001 156097152        897",
	    "MmSt", POOL_PAGED, 2269405, 2095404, 174001, 156097152, 897,
	    NULL);
	check_row("CM25 Paged      4849         0      4849 21708800       4476",
	    "CM25", POOL_PAGED, 4849, 0, 4849, 21708800, 4476, NULL);
}

static void
test_classify_tag_with_inner_blank(void **state)
{
	(void)state;
	/* poolmon_interactive_s_all_sessions_msdocs */
	check_row(" Dh 1 Paged        24 (   0)        24 (   0)        0       "
	    "0 (     0)      0",
	    "Dh 1", POOL_PAGED, 24, 24, 0, 0, 0, NULL);
	/* poolmon_interactive_s0_g_session0_mapped_msdocs: no leading blank */
	check_row("Dh 1 Paged        37 (   0)        35 (   0)        2     224 "
	    "(     0)    112 Unknown Driver",
	    "Dh 1", POOL_PAGED, 37, 35, 2, 224, 112, NULL);
	check_row("Dh 2 Paged       367 (   0)       364 (   0)        3     912 "
	    "(     0)    304 Unknown Driver",
	    "Dh 2", POOL_PAGED, 367, 364, 3, 912, 304, NULL);
}

static void
test_classify_tag_with_trailing_blanks(void **state)
{
	(void)state;
	/* poolmon_interactive_default_sorted_allocs_msdocs */
	check_row(" Io   Nonp    1021112 (   1)   1020985 (   1)      127   91912 "
	    "(     0)    723",
	    "Io  ", POOL_NONPAGED, 1021112, 1020985, 127, 91912, 723, NULL);
	check_row(" Key  Paged    954821 (   0)    953979 (   0)      842   87528 "
	    "(     0)    103",
	    "Key ", POOL_PAGED, 954821, 953979, 842, 87528, 103, NULL);
}

static void
test_classify_three_char_tag_collapsed(void **state)
{
	(void)state;
	/* poolmon_interactive_modern_pastebin_collapsed */
	check_row("- Irp Nonp 75321006 ( 0) 75307341 ( 0) 13665 4645936 ( 0) 339",
	    "Irp ", POOL_NONPAGED, 75321006, 75307341, 13665, 4645936, 339,
	    NULL);
	/* the same with the "- " list mark gone */
	check_row("Irp Nonp 75321006 ( 0) 75307341 ( 0) 13665 4645936 ( 0) 339",
	    "Irp ", POOL_NONPAGED, 75321006, 75307341, 13665, 4645936, 339,
	    NULL);
}

static void
test_classify_markdown_mangled_short_tags(void **state)
{
	(void)state;
	/* poolmon_debugger_doc_sample_markdown_mangled */
	check_row("CM    Paged   1283  ( 0)  1002  ( 0)   281  1377312   ( 0)  "
	    "4901",
	    "CM  ", POOL_PAGED, 1283, 1002, 281, 1377312, 4901, NULL);
	check_row("Fat   Paged   6662  ( 8)  4971  ( 6)  1691   174560 ( 128)   "
	    "103",
	    "Fat ", POOL_PAGED, 6662, 4971, 1691, 174560, 103, NULL);
	check_row("Strg  Paged  10385 ( 10)  6658  ( 4)  3727   317952 ( 512)   "
	    " 85",
	    "Strg", POOL_PAGED, 10385, 6658, 3727, 317952, 85, NULL);
	check_row("MmSt  Paged    614  ( 0)   441  ( 0)   173    83456   ( 0)   "
	    "482 ",
	    "MmSt", POOL_PAGED, 614, 441, 173, 83456, 482, NULL);
}

static void
test_classify_pastebin_list_mark(void **state)
{
	(void)state;
	/* poolmon_interactive_modern_pastebin_collapsed */
	check_row("- CM31 Paged 76680 ( 0) 49859 ( 0) 26821 122609664 ( 0) 4571",
	    "CM31", POOL_PAGED, 76680, 49859, 26821, 122609664, 4571, NULL);
	check_row("- BGIK Paged 1 ( 0) 0 ( 0) 1 6221824 ( 0) 6221824",
	    "BGIK", POOL_PAGED, 1, 0, 1, 6221824, 6221824, NULL);
}

static void
test_classify_interactive_deltas(void **state)
{
	(void)state;
	/* poolmon_interactive_drsd_leak_no_leading_space_msdocs */
	check_row("Drsd Paged       560 ( 177)       539 ( 171)       21   17472 "
	    "(  4992)    832 ",
	    "Drsd", POOL_PAGED, 560, 539, 21, 17472, 832, NULL);
	/* poolmon_interactive_s0_session0_msdocs */
	check_row(" GTmp Paged     89079 (  99)     89079 (  99)        0       0 "
	    "(     0)      0",
	    "GTmp", POOL_PAGED, 89079, 89079, 0, 0, 0, NULL);
}

static void
test_classify_mapped_driver_normalised(void **state)
{
	(void)state;
	/* poolmon_interactive_c_g_combined_ipsec_msdocs */
	check_row(" IpEQ Nonp          1 (   0)         0 (   0)        1    1808 "
	    "(     0)   1808 [ipsec][ipsec.sys    -  event queue]",
	    "IpEQ", POOL_NONPAGED, 1, 0, 1, 1808, 1808,
	    "ipsec; ipsec.sys - event queue");
	check_row(" IpIO Nonp          1 (   0)         1 (   0)        0       0 "
	    "(     0)      0 [ipsec]",
	    "IpIO", POOL_NONPAGED, 1, 1, 0, 0, 0, "ipsec");
	/* poolmon_interactive_g_mapped_driver_ntfs_msdocs */
	check_row(" NtFB Paged      3996 (   0)      3986 (   0)    10  252088 "
	    "(     0)  25208 [ntfs.sys  -  BitmpSup.c]",
	    "NtFB", POOL_PAGED, 3996, 3986, 10, 252088, 25208,
	    "ntfs.sys - BitmpSup.c");
	/* poolmon_interactive_s0_g_session0_mapped_msdocs */
	check_row("Bmfd Paged       421 (   0)       396 (   0)       25   57832 "
	    "(     0)   2313 [Font related stuff]",
	    "Bmfd", POOL_PAGED, 421, 396, 25, 57832, 2313,
	    "Font related stuff");
	/* poolmon_interactive_g_unknown_driver_msdocs */
	check_row(" 1MEM Nonp       1 (   0)         0 (   0)     1    3344 (     0)"
	    "   3344   Unknown Driver",
	    "1MEM", POOL_NONPAGED, 1, 0, 1, 3344, 3344, NULL);
}

static void
test_classify_trailing_blanks_after_per_alloc(void **state)
{
	(void)state;
	/* poolmon_interactive_drsd_leak_no_leading_space_msdocs, 2nd screen */
	check_row("Drsd Paged       737 (   0)       710 (   0)       27   22464 "
	    "(     0)    832  ",
	    "Drsd", POOL_PAGED, 737, 710, 27, 22464, 832, NULL);
	/* a 64-bit snapshot row without -g, padded with blanks */
	check_row(" ConT Nonp                3097               2409           "
	    "    688       42770432            62166          \t",
	    "ConT", POOL_NONPAGED, 3097, 2409, 688, 42770432, 62166, NULL);
}

static void
test_classify_negative_diff(void **state)
{
	(void)state;
	/* 64-bit snapshot shape; Allocs wrapped below Frees */
	check_row(" Wait Nonp                  12             4294967290     "
	    "   -4294967278           8456             281",
	    "Wait", POOL_NONPAGED, 12, INT64_C(4294967290),
	    INT64_C(-4294967278), 8456, 281, NULL);
}

static void
test_classify_digit_first_tag(void **state)
{
	(void)state;
	/* a year is a valid tag ("2019"), not a time */
	check_row("2019 Nonp 1 0 1 64 64", "2019", POOL_NONPAGED, 1, 0, 1, 64,
	    64, NULL);
}

static void
test_classify_row_cut_after_diff(void **state)
{
	const char *l = " ConT Nonp                3097               2409     "
	    "          688";

	(void)state;
	assert_int_equal(check_damaged(l, "Bytes"), (int)strlen(l) + 1);
}

static void
test_classify_non_numeric_bytes(void **state)
{
	const char *l = " ConT Nonp      3097      2409       688  4277x432   62166";
	int	 col;

	(void)state;
	col = check_damaged(l, "Bytes");
	/* the column of the bad field */
	assert_int_equal(col, (int)(strstr(l, "4277x") - l) + 1);
}

/* Numbers of 18 digits, and of 19 (the widest that fit 64 bits), are
 * read whole, eight digits at a time or one by one. */
static void
test_classify_widest_numbers(void **state)
{
	(void)state;
	check_row(" ConT Nonp  999999999999999999  9223372036854775807  1  "
	    "12345678  123456789", "ConT", POOL_NONPAGED,
	    INT64_C(999999999999999999), INT64_MAX, 1, 12345678, 123456789,
	    NULL);
	check_row(" ConT Nonp  1  2  3  4  5  [a.sys]", "ConT", POOL_NONPAGED,
	    1, 2, 3, 4, 5, "a.sys");
}

static void
test_classify_number_beyond_64_bits(void **state)
{
	const char *l = " ConT Nonp  99999999999999999999  2409  688  42770432  "
	    "62166";
	struct cl c;

	(void)state;
	check_damaged(l, "Allocs");
	classify(l, &c);
	assert_non_null(strstr(c.msg, "out of range"));
	assert_non_null(strstr(c.msg, "ConT"));
}

static void
test_classify_unclosed_parenthesis(void **state)
{
	const char *l = "Drsd Paged       560 ( 177       539 ( 171)       21   "
	    "17472 (  4992)    832";
	int	 col;

	(void)state;
	col = check_damaged(l, "Allocs");
	/* at or just before the '(' */
	assert_true(col >= (int)(strstr(l, "560") - l) + 4);
	assert_true(col <= (int)(strchr(l, '(') - l) + 1);
}

static void
test_classify_memory_header(void **state)
{
	struct cl	 c;

	(void)state;
	/* poolmon_interactive_default_sorted_allocs_msdocs */
	assert_int_equal(classify(" Memory:  260620K Avail:   96364K  PageFlts:"
	    "     0   InRam Krnl: 1916K P:17856K", &c), PM_MEMORY);
	assert_int_equal(c.v1, 260620 * KB);
	assert_int_equal(c.v2, -1);
	/* poolmon_snapshot_n_r_sorted_bytes_intel_mfd_test: fused */
	assert_int_equal(classify("Memory:16468560K Avail:12072536K  PageFlts:"
	    "468600648   InRam Krnl:56708K P:950888K", &c), PM_MEMORY);
	assert_int_equal(c.v1, 16468560 * KB);
	/* poolmon_interactive_modern_pastebin_collapsed */
	assert_int_equal(classify("- Memory: 8304828K Avail: 357404K PageFlts:"
	    "749759184 InRam Krnl:31464K P:248372K", &c), PM_MEMORY);
	assert_int_equal(c.v1, 8304828 * KB);
}

static void
test_classify_commit_header(void **state)
{
	struct cl	 c;

	(void)state;
	/* poolmon_interactive_default_sorted_allocs_msdocs */
	assert_int_equal(classify(" Commit: 203500K Limit: 640916K Peak: 260632K"
	    "            Pool N: 8332K P:27220K", &c), PM_COMMIT);
	assert_int_equal(c.v1, 8332 * KB);
	assert_int_equal(c.v2, 27220 * KB);
	/* poolmon_interactive_s0_g_session0_mapped_msdocs */
	assert_int_equal(classify("Commit: 185040K Limit:1279764K Peak: 987356K"
	    "            Pool N:14684K P:19124K", &c), PM_COMMIT);
	assert_int_equal(c.v1, 14684 * KB);
	assert_int_equal(c.v2, 19124 * KB);
	/* poolmon_interactive_drsd_leak_no_leading_space_msdocs */
	assert_int_equal(classify("Commit:  30104K Limit: 248432K Peak:  34028K"
	    "            Pool N: 2224K P: 8004K", &c), PM_COMMIT);
	assert_int_equal(c.v1, 2224 * KB);
	assert_int_equal(c.v2, 8004 * KB);
}

static void
test_classify_commit_header_fused(void **state)
{
	struct cl	 c;

	(void)state;
	/* poolmon_interactive_modern_pastebin_collapsed, without the "- " */
	assert_int_equal(classify("Commit:12798116K Limit:32880828K "
	    "Peak:12958348K Pool N:168816K P:303892K", &c), PM_COMMIT);
	assert_int_equal(c.v1, 168816 * KB);
	assert_int_equal(c.v2, 303892 * KB);
	assert_int_equal(classify("- Commit:12798116K Limit:32880828K "
	    "Peak:12958348K Pool N:168816K P:303892K", &c), PM_COMMIT);
	assert_int_equal(c.v1, 168816 * KB);
	assert_int_equal(c.v2, 303892 * KB);
}

static void
test_classify_titles(void **state)
{
	struct cl	 c;

	(void)state;
	assert_int_equal(classify(" System pool information", &c), PM_TITLE);
	assert_int_equal(classify("Session 0 pool information", &c), PM_TITLE);
	assert_int_equal(classify("All sessions pool information", &c),
	    PM_TITLE);
	assert_int_equal(classify("- System pool information", &c), PM_TITLE);
}

static void
test_classify_column_headers(void **state)
{
	struct cl	 c;

	(void)state;
	assert_int_equal(classify(" Tag  Type     Allocs            Frees     "
	    "       Diff   Bytes       Per Alloc", &c), PM_COLUMNS);
	assert_int_equal(classify(" Tag  Type     Allocs            Frees     "
	    "          Diff            Bytes                 Per Alloc       "
	    "Mapped_Driver", &c), PM_COLUMNS);
	assert_int_equal(classify("Tag  Type        Allocs           Frees    "
	    "       Diff  Bytes           Per Alloc", &c), PM_COLUMNS);
	assert_int_equal(classify("## Tag   Type  Allocs       Frees        Diff"
	    "    Bytes       Per Alloc", &c), PM_COLUMNS);
	assert_int_equal(classify("- Tag Type Allocs Frees Diff Bytes Per Alloc",
	    &c), PM_COLUMNS);
}

static void
test_classify_time_lines(void **state)
{
	struct cl	 c;

	(void)state;
	assert_int_equal(classify("Wednesday, July 24, 2019 12:21:57 PM", &c),
	    PM_TIME);
	assert_int_equal(c.v1, T_2019_07_24_122157);
	assert_int_equal(classify("Wed 07/24/2019 12:21:57.43", &c), PM_TIME);
	assert_int_equal(c.v1, T_2019_07_24_122157 + 430);
	assert_int_equal(classify("2019-07-24T12:21:57", &c), PM_TIME);
	assert_int_equal(c.v1, T_2019_07_24_122157);
}

static void
test_classify_time_line_with_zone_name(void **state)
{
	struct cl	 c;

	(void)state;
	/* collect_ps1_misc_poolmon_n_invocations */
	assert_int_equal(classify("2019.07.24-12:21:57 Pacific Standard Time "
	    "(local time of the PC where this was collected)", &c), PM_TIME);
	assert_int_equal(c.v1, T_2019_07_24_122157);
}

static void
test_classify_blank_and_other(void **state)
{
	struct cl	 c;

	(void)state;
	assert_int_equal(classify("", &c), PM_BLANK);
	assert_int_equal(classify("   \t ", &c), PM_BLANK);
	/* poolmon_interactive_c_localtag_msdocs */
	assert_int_equal(classify("d:\\tools\\poolmon>poolmon /?MEM /c", &c),
	    PM_OTHER);
	assert_int_equal(classify("PoolMon: No localtag.txt in current "
	    "directory", &c), PM_OTHER);
	/* poolmon_interactive_s0_session0_msdocs */
	assert_int_equal(classify(" ...", &c), PM_OTHER);
	assert_int_equal(classify("hello", &c), PM_OTHER);
}

/* ---- fmt_poolmon_parse ---------------------------------------------- */

const parse_fn run_parser = fmt_poolmon_parse;

/* A growing poolsnap.log: a collector's time line, then what one
 * "poolmon -n -r" appends (poolmon_snapshot_n_r_* and
 * poolmon_interactive_default_sorted_allocs_msdocs header shapes,
 * 32-bit snapshot row widths), CRLF line ends. */
#define SNAP_CRLF(pn, pp, w1, w3, w4, k1, k2, k3, k4)			\
	"\r\n"								\
	" Memory:  260620K Avail:   96364K  PageFlts:     0   InRam Krnl:"	\
	" 1916K P:17856K\r\n"						\
	" Commit: 203500K Limit: 640916K Peak: 260632K            Pool N:"	\
	" " pn "K P:" pp "K\r\n"					\
	"\r\n"								\
	" Tag  Type     Allocs         Frees    Diff   Bytes    Per Alloc\r\n"\
	"\r\n"								\
	" Wait Nonp    " w1 "   3971077   " w3 "   " w4 "   281\r\n"	\
	" Key  Paged    " k1 "    " k2 "   " k3 "   " k4 "   103\r\n"

static void
test_parse_growing_file_three_time_forms(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;

	assert_parsed(r, parse_text(r,
	    "2019.07.24-12:21:57 Pacific Standard Time (local time of the PC "
	    "where this was collected)\r\n"
	    SNAP_CRLF("8332", "27220", "3971107", "30", "8456",
		"954821", "953979", "842", "87528")
	    "Wednesday, July 24, 2019 12:26:57 PM\r\n"
	    SNAP_CRLF("8340", "27300", "3971117", "40", "11264",
		"955821", "954079", "1742", "181152")
	    "Wed 07/24/2019 12:31:57.43\r\n"
	    SNAP_CRLF("8348", "27400", "3971127", "50", "14080",
		"956821", "954179", "2642", "274768")));
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(r->fs.snapshots, 3);
	assert_int_equal(r->fs.rows, 6);
	/* a time line, Memory and Commit lines, a title, a blank line and
	 * two rows, each three times */
	assert_lines(r, 3 * 9, 3 * 2, 3 * 7, 0);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 0);
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 0);
	assert_int_equal(r->fs.skipped[SKIP_DUPLICATE], 0);
	assert_string_equal(r->fs.format, "poolmon");
	assert_int_equal(table_nsnapshots(t), 3);
	assert_int_equal(table_snapshot(t, 0)->t_ms, T_2019_07_24_122157);
	assert_int_equal(table_snapshot(t, 1)->t_ms,
	    T_2019_07_24_122157 + 300000);
	assert_int_equal(table_snapshot(t, 2)->t_ms,
	    T_2019_07_24_122157 + 600430);
	assert_int_equal(table_snapshot(t, 0)->utc, 0);
	assert_int_equal(table_snapshot(t, 0)->hdr_bytes[POOL_NONPAGED],
	    8332 * KB);
	assert_int_equal(table_snapshot(t, 0)->hdr_bytes[POOL_PAGED],
	    27220 * KB);
	assert_int_equal(table_snapshot(t, 2)->hdr_bytes[POOL_NONPAGED],
	    8348 * KB);
	assert_int_equal(table_snapshot(t, 2)->hdr_bytes[POOL_PAGED],
	    27400 * KB);
	assert_int_equal(table_snapshot(t, 1)->phys_bytes, 260620 * KB);
	check_sample(t, "Wait", POOL_NONPAGED, 0, 0, 3971107, 3971077, 30, 8456);
	check_sample(t, "Wait", POOL_NONPAGED, 2, 2, 3971127, 3971077, 50,
	    14080);
	check_sample(t, "Key ", POOL_PAGED, 1, 1, 955821, 954079, 1742, 181152);
	assert_int_equal(table_snapshot(t, 1)->sum_bytes[POOL_PAGED], 181152);
	assert_int_equal(table_snapshot(t, 1)->sum_bytes[POOL_NONPAGED],
	    11264);
}

static void
test_parse_header_values_per_snapshot(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;

	/* as above, with ISO time lines only */
	assert_parsed(r, parse_text(r,
	    "2019-07-24T12:21:57\r\n"
	    SNAP_CRLF("8332", "27220", "3971107", "30", "8456",
		"954821", "953979", "842", "87528")
	    "2019-07-24T12:26:57\r\n"
	    SNAP_CRLF("8340", "27300", "3971117", "40", "11264",
		"955821", "954079", "1742", "181152")));
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(r->fs.snapshots, 2);
	assert_int_equal(r->fs.rows, 4);
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 0);
	assert_int_equal(table_nsnapshots(t), 2);
	assert_int_equal(table_snapshot(t, 0)->t_ms, T_2019_07_24_122157);
	assert_int_equal(table_snapshot(t, 1)->t_ms,
	    T_2019_07_24_122157 + 300000);
	assert_int_equal(table_snapshot(t, 0)->hdr_bytes[POOL_NONPAGED],
	    8332 * KB);
	assert_int_equal(table_snapshot(t, 0)->hdr_bytes[POOL_PAGED],
	    27220 * KB);
	assert_int_equal(table_snapshot(t, 1)->hdr_bytes[POOL_NONPAGED],
	    8340 * KB);
	assert_int_equal(table_snapshot(t, 1)->hdr_bytes[POOL_PAGED],
	    27300 * KB);
	assert_int_equal(table_snapshot(t, 0)->phys_bytes, 260620 * KB);
	assert_int_equal(table_snapshot(t, 0)->rows, 2);
	check_sample(t, "Wait", POOL_NONPAGED, 1, 1, 3971117, 3971077, 40,
	    11264);
	check_sample(t, "Key ", POOL_PAGED, 0, 0, 954821, 953979, 842, 87528);
}

/* One "poolmon -n -g" snapshot (poolmon_snapshot_n_g_64bit_two_rows_ts_test). */
static const char snap64[] =
    "\n"
    " Tag  Type     Allocs            Frees               Diff            "
    "Bytes                 Per Alloc       Mapped_Driver\n"
    " ConT Nonp                3097               2409               688     "
    "  42770432            62166        Unknown Driver\n"
    " Thre Nonp              180351             176602              3749     "
    "  13179648              3515        [nt!ps - Thread objects]\n";

static void
test_parse_time_from_file_name(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;
	const struct series_info *si;

	r->ctx.have_name_time = 1;
	r->ctx.name_ms = T_2026_11_21_192800;
	assert_parsed(r, parse_text(r, snap64));
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(r->fs.snapshots, 1);
	assert_int_equal(r->fs.rows, 2);
	assert_int_equal(r->fs.lines, 4);
	assert_int_equal(table_nsnapshots(t), 1);
	assert_int_equal(table_snapshot(t, 0)->t_ms, T_2026_11_21_192800);
	assert_int_equal(table_snapshot(t, 0)->hdr_bytes[POOL_NONPAGED], -1);
	assert_int_equal(table_snapshot(t, 0)->sum_bytes[POOL_NONPAGED],
	    42770432 + 13179648);
	check_sample(t, "Thre", POOL_NONPAGED, 0, 0, 180351, 176602, 3749,
	    13179648);
	si = table_series(t, series_of(t, "Thre", POOL_NONPAGED));
	assert_non_null(si->driver);
	assert_string_equal(si->driver, "nt!ps - Thread objects");
	assert_null(table_series(t, series_of(t, "ConT", POOL_NONPAGED))->driver);
}

static void
test_parse_name_time_serves_one_snapshot(void **state)
{
	struct run	*r = *state;
	char		 text[2 * sizeof(snap64)];

	snprintf(text, sizeof(text), "%s%s", snap64, snap64);
	r->ctx.have_name_time = 1;
	r->ctx.name_ms = T_2026_11_21_192800;
	assert_int_equal(parse_text(r, text), -1);
	assert_int_equal(r->diag.set, 1);
	assert_string_equal(r->diag.file, r->path);
	assert_int_equal(r->diag.line, 7);	/* first row of the second */
	assert_non_null(strstr(r->diag.msg, "second snapshot"));
}

static void
test_parse_untimed_snapshot_is_error(void **state)
{
	struct run	*r = *state;

	assert_int_equal(parse_text(r, snap64), -1);
	assert_int_equal(r->diag.set, 1);
	assert_string_equal(r->diag.file, r->path);
	assert_int_equal(r->diag.line, 3);
	assert_non_null(strstr(r->diag.msg, "no time"));
	assert_non_null(strstr(r->diag.msg, "--start"));
	assert_int_equal(table_nsnapshots(r->table), 0);
}

static void
test_parse_start_and_interval(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;
	/* poolmon_interactive_drsd_leak_no_leading_space_msdocs: two screens
	 * without time lines */
	static const char screens[] =
	    "Memory:  130480K Avail:   91856K  PageFlts:  1220   InRam Krnl: "
	    "2484K P: 7988K\n"
	    "Commit:  30104K Limit: 248432K Peak:  34028K            Pool N: "
	    "2224K P: 8004K\n"
	    "Tag  Type        Allocs           Frees           Diff  Bytes     "
	    "      Per Alloc\n"
	    "\n"
	    "Drsd Paged       560 ( 177)       539 ( 171)       21   17472 (  "
	    "4992)    832 \n"
	    "Memory:  130480K Avail:   91808K  PageFlts:  1240   InRam Krnl: "
	    "2488K P: 7996K\n"
	    "Commit:  30152K Limit: 248432K Peak:  34052K            Pool N: "
	    "2224K P: 8012K\n"
	    "Tag  Type        Allocs           Frees           Diff  Bytes     "
	    "     Per Alloc\n"
	    "\n"
	    "Drsd Paged       737 (   0)       710 (   0)       27   22464 (   "
	    "  0)    832  \n";

	r->ctx.have_start = 1;
	r->ctx.start_ms = T_2019_07_24_122157;
	r->ctx.interval_ms = 300000;
	assert_parsed(r, parse_text(r, screens));
	assert_int_equal(r->fs.snapshots, 2);
	assert_int_equal(r->ctx.untimed, 2);
	/* a second file goes on counting */
	assert_parsed(r, parse_text(r, "Drsd Paged       800 (   0)       760 "
	    "(   0)       40   33280 (     0)    832\n"));
	assert_int_equal(r->fs.snapshots, 1);
	assert_int_equal(r->ctx.untimed, 3);
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_nsnapshots(t), 3);
	assert_int_equal(table_snapshot(t, 0)->t_ms, T_2019_07_24_122157);
	assert_int_equal(table_snapshot(t, 1)->t_ms,
	    T_2019_07_24_122157 + 300000);
	assert_int_equal(table_snapshot(t, 2)->t_ms,
	    T_2019_07_24_122157 + 600000);
	assert_int_equal(table_snapshot(t, 1)->hdr_bytes[POOL_PAGED], 8012 * KB);
	assert_int_equal(table_snapshot(t, 1)->phys_bytes, 130480 * KB);
	assert_int_equal(table_snapshot(t, 2)->hdr_bytes[POOL_PAGED], -1);
	check_sample(t, "Drsd", POOL_PAGED, 0, 0, 560, 539, 21, 17472);
	check_sample(t, "Drsd", POOL_PAGED, 1, 1, 737, 710, 27, 22464);
	check_sample(t, "Drsd", POOL_PAGED, 2, 2, 800, 760, 40, 33280);
}

static void
test_parse_duplicate_row_counted(void **state)
{
	struct run	*r = *state;

	r->ctx.have_name_time = 1;
	r->ctx.name_ms = T_2026_11_21_192800;
	assert_parsed(r, parse_text(r,
	    " Tag  Type     Allocs         Frees    Diff   Bytes    Per Alloc\n"
	    "\n"
	    " Wait Nonp    3971107   3971077        30     8456       281\n"
	    " Key  Paged    954821    953979       842    87528       103\n"
	    " Wait Nonp    3971999   3971000       999    99999       100\n"
	    " Wait Paged       100        90        10     1000       100\n"));
	assert_int_equal(r->fs.rows, 3);
	assert_int_equal(r->fs.skipped[SKIP_DUPLICATE], 1);
	assert_int_equal(r->fs.first_line[SKIP_DUPLICATE], 5);
	assert_non_null(strstr(r->fs.first_msg[SKIP_DUPLICATE], "Wait"));
	assert_non_null(strstr(r->fs.first_msg[SKIP_DUPLICATE], "Nonp"));
	assert_int_equal(table_finish(r->table), 0);
	/* the first row stays */
	check_sample(r->table, "Wait", POOL_NONPAGED, 0, 0, 3971107, 3971077,
	    30, 8456);
	check_sample(r->table, "Wait", POOL_PAGED, 0, 0, 100, 90, 10, 1000);
	assert_int_equal(table_snapshot(r->table, 0)->sum_bytes[POOL_NONPAGED],
	    8456);
}

static void
test_parse_damaged_and_unrecognised_counted(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "Wednesday, July 24, 2019 12:21:57 PM\n"			/* 1 */
	    "PoolMon: No localtag.txt in current directory\n"		/* 2 */
	    "\n"							/* 3 */
	    " Tag  Type     Allocs         Frees    Diff   Bytes    Per Alloc\n"
	    "\n"							/* 5 */
	    " ConT Nonp      3097      2409       688  42770432     62166\n"
	    " Thre Nonp    180351    176602      3749  13x79648      3515\n"
	    " ...\n"							/* 8 */
	    "Drsd Paged       560 ( 177       539 ( 171)       21   17472 "
	    "(  4992)    832\n"						/* 9 */
	    " Key  Paged    954821    953979       842    87528       103\n"));
	assert_int_equal(r->fs.lines, 10);
	assert_int_equal(r->fs.rows, 2);
	assert_int_equal(r->fs.snapshots, 1);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 2);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 7);
	assert_non_null(strstr(r->fs.first_msg[SKIP_DAMAGED], "'Bytes'"));
	assert_non_null(strstr(r->fs.first_msg[SKIP_DAMAGED], "Thre"));
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 2);
	assert_int_equal(r->fs.first_line[SKIP_UNRECOGNISED], 2);
	assert_non_null(strstr(r->fs.first_msg[SKIP_UNRECOGNISED],
	    "PoolMon: No localtag"));
	assert_int_equal(r->fs.skipped[SKIP_DUPLICATE], 0);
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_nseries(r->table), 2);
	check_sample(r->table, "Key ", POOL_PAGED, 0, 0, 954821, 953979, 842,
	    87528);
}

/* The rows of an open snapshot are read by a shorter way when they are
 * plain (see plain_row): every row below, after the first of its
 * snapshot, is read as pm_classify reads it on its own: the same tag,
 * type, numbers and driver, or the same damage.  Each has a tag of its
 * own; the last two repeat one, and the second of them is a duplicate. */
static void
test_rows_read_as_pm_classify_reads_them(void **state)
{
	static const char *const rows[] = {
		" Aaaa Paged      4119      4051        68     6944       102",
		" Bbbb Nonp          1         1         0        0         0",
		" Cc d Paged\t12\t13\t0\t96\t8",
		" Dd   Nonp \t 7 8 1 64 64   \t ",
		" Eee  Paged 12345678 12345677 1 123456789 99999999",
		" Ffff Paged 123456789012345678 1 123456789012345677 64 64",
		" Gggg Paged 1234567890123456789 1 1 64 64",
		" Hhhh Paged 5 4 1 64",
		" Iiii Paged 5 4 1 64 64 x",
		" Jjjj Paged 5 4 1 64 64  [ntfs.sys]  [x - y]",
		" Kkkk Pagedx 5 4 1 64 64",
		" Llll Nonpx 5 4 1 64 64",
		" Mmmm Paged 5 4 1 6a4 64",
		" Nnnn Paged 5 -4 1 64 64",
		" Oooo Paged  560 ( 177)  539 ( 171)  21  17472 (  4992)  832",
		" Pppp Nonp 0 0 0 0 0",
		" Qq\x01q Paged 1 0 1 32 32",
		" Rrrr Paged 00000012 0 12 384 32",
		/* 16 bytes, 128, 129 (read the other way), blanks past 16 */
		" T1   Nonp 0 0 0",
		" T2   Nonp 1 1 0 0 0",
		" T3   Paged                     1                       2     "
		"                   3                       4                  "
		"   5",
		" T4   Paged                     1                       2     "
		"                   3                       4                  "
		"    5",
		" T5   Paged 12345678 87654321 10000000 99999999 123456789012",
		" T6   Paged 1 2 3 4 5 6",
		" T7   Paged 1 2 3 4",
		" Ssss Paged 1 0 1 32 32",
		" Ssss Paged 2 0 2 64 32",
	};
	struct run	*r = *state;
	struct pm_row	 row;
	char		 text[4096], msg[160];
	int64_t		 v1, v2;
	size_t		 i, rows_read = 0, damaged = 0;
	int		 col;
	enum pm_line	 c;

	strcpy(text, "2019.07.24-12:21:57 Pacific Standard Time\n"
	    " Tag  Type     Allocs    Frees     Diff   Bytes  Per Alloc\n"
	    " Zzzz Paged 1 1 0 0 0\n");
	for (i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		strcat(text, rows[i]);
		strcat(text, "\n");
	}
	assert_parsed(r, parse_text(r, text));
	assert_int_equal(table_finish(r->table), 0);
	for (i = 0; i + 1 < sizeof(rows) / sizeof(*rows); i++) {
		c = pm_classify(rows[i], strlen(rows[i]), &row, &v1, &v2, &col,
		    msg, sizeof(msg));
		if (c == PM_DAMAGED) {
			damaged++;
			continue;
		}
		if (c != PM_ROW)
			continue;
		rows_read++;
		check_sample(r->table, (const char *)row.tag, row.type, 0, 0,
		    row.allocs, row.frees, row.diff, row.bytes);
		if (row.driver == NULL)
			assert_null(table_series(r->table, series_of(r->table,
			    (const char *)row.tag, row.type))->driver);
		else
			assert_memory_equal(table_series(r->table,
			    series_of(r->table, (const char *)row.tag,
			    row.type))->driver, row.driver, row.driver_len);
	}
	/* the plain ones among them, as pm_classify says */
	assert_true(rows_read >= 13);
	assert_int_equal(strlen(rows[20]), 128);
	assert_int_equal(strlen(rows[21]), 129);
	check_sample(r->table, "T4  ", POOL_PAGED, 0, 0, 1, 2, 3, 4);
	check_sample(r->table, "T5  ", POOL_PAGED, 0, 0, 12345678, 87654321,
	    10000000, 99999999);
	assert_int_equal(r->fs.rows, rows_read + 1);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], damaged);
	assert_int_equal(r->fs.skipped[SKIP_DUPLICATE], 1);
	assert_int_equal(r->fs.first_line[SKIP_DUPLICATE], 3 + (long)i + 1);
	check_sample(r->table, "Ssss", POOL_PAGED, 0, 0, 1, 0, 1, 32);
}

static void
test_parse_utf8_bom_ignored(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "\xEF\xBB\xBFWednesday, July 24, 2019 12:21:57 PM\r\n"
	    "\r\n"
	    " Tag  Type     Allocs         Frees    Diff   Bytes    Per Alloc\r\n"
	    "\r\n"
	    " ConT Nonp      3097      2409       688  42770432     62166\r\n"));
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 0);
	assert_int_equal(r->fs.rows, 1);
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_nsnapshots(r->table), 1);
	assert_int_equal(table_snapshot(r->table, 0)->t_ms, T_2019_07_24_122157);
	check_sample(r->table, "ConT", POOL_NONPAGED, 0, 0, 3097, 2409, 688,
	    42770432);
}

static void
test_parse_collapsed_screen(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;

	/* poolmon_interactive_modern_pastebin_collapsed, rows verbatim */
	r->ctx.have_name_time = 1;
	r->ctx.name_ms = T_2026_11_21_192800;
	assert_parsed(r, parse_text(r,
	    "- Memory: 8304828K Avail: 357404K PageFlts:749759184 InRam "
	    "Krnl:31464K P:248372K\n"
	    "- Commit:12798116K Limit:32880828K Peak:12958348K Pool N:168816K "
	    "P:303892K\n"
	    "- System pool information\n"
	    "- Tag Type Allocs Frees Diff Bytes Per Alloc\n"
	    "- CM31 Paged 76680 ( 0) 49859 ( 0) 26821 122609664 ( 0) 4571\n"
	    "- Irp Nonp 75321006 ( 0) 75307341 ( 0) 13665 4645936 ( 0) 339\n"
	    "- File Nonp 59994297 ( 0) 59983847 ( 0) 10450 3492864 ( 0) 334\n"));
	assert_int_equal(r->fs.rows, 3);
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 0);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 0);
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_snapshot(t, 0)->hdr_bytes[POOL_NONPAGED],
	    168816 * KB);
	assert_int_equal(table_snapshot(t, 0)->hdr_bytes[POOL_PAGED],
	    303892 * KB);
	assert_int_equal(table_snapshot(t, 0)->phys_bytes, 8304828 * KB);
	assert_int_equal(table_snapshot(t, 0)->sum_bytes[POOL_NONPAGED],
	    4645936 + 3492864);
	check_sample(t, "Irp ", POOL_NONPAGED, 0, 0, 75321006, 75307341, 13665,
	    4645936);
}

static void
test_parse_large_file_across_read_chunks(void **state)
{
	struct run	*r = *state;
	const struct table *t = r->table;
	enum { NSNAP = 2000, NTAG = 25 };
	size_t		 cap = 4u << 20, len = 0;
	char		*text = malloc(cap);
	struct sample	*x;
	long		 line = 0;
	int64_t		 a, f;
	int		 k, i;

	/* about 3 MB of 32-bit snapshot rows
	 * (poolmon_snapshot_n_r_sorted_bytes_intel_mfd_test widths), more
	 * than the reader takes at once */
	assert_non_null(text);
	for (k = 0; k < NSNAP; k++) {
		len += (size_t)snprintf(text + len, cap - len, "\n"
		    " Tag  Type     Allocs         Frees    Diff   Bytes    "
		    "Per Alloc\n\n");
		line += 3;
		for (i = 0; i < NTAG; i++) {
			a = (int64_t)k * 1000 + i;
			f = (int64_t)k * 900;
			len += (size_t)snprintf(text + len, cap - len,
			    " T%03d %s %9lld %9lld %9lld %9lld %10d\n", i,
			    i % 2 ? "Nonp " : "Paged", (long long)a,
			    (long long)f, (long long)(a - f),
			    (long long)(64 * (a - f)), 64);
			line++;
		}
		assert_true(len < cap - 4096);
	}
	len += (size_t)snprintf(text + len, cap - len,
	    " T999 Paged  1  0  1  6x4  64\n");
	line++;
	assert_true(len > 2u << 20);
	r->ctx.have_start = 1;
	r->ctx.start_ms = 0;
	r->ctx.interval_ms = 60000;
	assert_parsed(r, parse_text(r, text));
	free(text);
	assert_int_equal(r->fs.lines, line);
	assert_int_equal(r->fs.row_lines, NSNAP * NTAG);
	assert_int_equal(r->fs.snapshots, NSNAP);
	assert_int_equal(r->fs.rows, NSNAP * NTAG);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 1);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], line);
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 0);
	assert_int_equal(table_finish(r->table), 0);
	assert_int_equal(table_nsnapshots(t), NSNAP);
	assert_int_equal(table_snapshot(t, NSNAP - 1)->t_ms,
	    (int64_t)(NSNAP - 1) * 60000);
	assert_int_equal(table_nseries(t), NTAG);
	x = calloc(NSNAP, sizeof(*x));
	assert_non_null(x);
	assert_int_equal(table_decode(t, series_of(t, "T017", POOL_NONPAGED),
	    x), NSNAP);
	for (k = 0; k < NSNAP; k++) {
		a = (int64_t)k * 1000 + 17;
		f = (int64_t)k * 900;
		assert_int_equal(x[k].snap, k);
		assert_int_equal(x[k].allocs, a);
		assert_int_equal(x[k].frees, f);
		assert_int_equal(x[k].diff, a - f);
		assert_int_equal(x[k].bytes, 64 * (a - f));
	}
	free(x);
}

/* ---- a long log read on two threads --------------------------------- */

#define PM_EARLY	0x1	/* Memory and Commit before the time line */

/* A poolmon log of n one-minute snapshots of four tags from 08:00, one
 * leaking: each
 * a time line (but snapshot untimed's), Memory and Commit lines (before
 * the time line with PM_EARLY, else after), the column header and a blank
 * line, each line ending in eol; extra, if not NULL, replaces row at (a
 * 0-based row number). */
static char *
pm_log(int n, const char *eol, int untimed, int at, const char *extra,
    int flags)
{
	static const char *const tags[] = { "Toke", "Vad ", "Irp ", "MmSt" };
	size_t	 cap = 64 + (size_t)n * 4 * 200 + (size_t)n * 400, len = 0;
	char	*b = malloc(cap), hdr[200];
	int	 i, k;

	assert_non_null(b);
	b[0] = '\0';
	for (i = 0; i < n; i++) {
		snprintf(hdr, sizeof(hdr), " Memory:16776756K Avail:%dK  "
		    "PageFlts: 7183%s Commit:4378020K Limit:19184144K "
		    "Peak:4612324K  Pool N:%dK P:227060K%s", 12000000 - i,
		    eol, 107060 + i, eol);
		if (flags & PM_EARLY)
			len += (size_t)snprintf(b + len, cap - len, "%s", hdr);
		if (i != untimed)
			len += (size_t)snprintf(b + len, cap - len,
			    "2026.11.%02d-%02d:%02d:00 Pacific Standard Time%s",
			    17 + (480 + i) / 1440, (480 + i) / 60 % 24,
			    i % 60, eol);
		if (!(flags & PM_EARLY))
			len += (size_t)snprintf(b + len, cap - len, "%s", hdr);
		len += (size_t)snprintf(b + len, cap - len, " Tag  Type     "
		    "Allocs            Frees      Diff   Bytes  Per Alloc%s%s",
		    eol, eol);
		for (k = 0; k < 4; k++) {
			if (extra != NULL && i * 4 + k == at) {
				len += (size_t)snprintf(b + len, cap - len,
				    "%s%s", extra, eol);
				continue;
			}
			len += (size_t)snprintf(b + len, cap - len,
			    " %s %s %18d %18d %10d %12d %8d%s", tags[k],
			    k % 2 ? "Nonp " : "Paged", 1000 + i * (k + 1),
			    900 + i * k, 100 + i, (100 + i) * 64 +
			    (k == 0 ? i * 1664 : 0), 64, eol);
		}
	}
	return b;
}

/* A big poolmon log may be read on two threads, its second half from the
 * first time line after the middle: the result is the log read on one,
 * with LF or CRLF line ends, without a last line end, with a DOS
 * end-of-file mark, and with time going back after the seam. */
static void
test_two_threads_read_as_one(void **state)
{
	char	*t;
	size_t	 n;

	(void)state;
	t = pm_log(40, "\n", -1, -1, NULL, 0);
	assert_true(same_on_two_threads(t));
	n = strlen(t);
	t[n - 1] = '\0';		/* no line end at the end */
	assert_true(same_on_two_threads(t));
	t[n - 1] = 0x1a;		/* a Ctrl-Z after it */
	assert_true(same_on_two_threads(t));
	free(t);
	t = pm_log(40, "\r\n", -1, -1, NULL, 0);
	assert_true(same_on_two_threads(t));
	free(t);
	/* row 150 is in a snapshot far after the middle */
	t = pm_log(40, "\n", -1, 150, " Zzzz Paged 1 1 0 0 0", 0);
	assert_true(same_on_two_threads(t));
	free(t);
}

/* Reading a file, the parser tells the table how far through it it is,
 * so that the series' buffers end with little to spare, on one thread or
 * two; read from memory, whose size it does not know, they grow by half
 * at a time and end with more. */
static void
test_buffers_sized_from_the_file(void **state)
{
	char	*t;

	(void)state;
	t = pm_log(3000, "\n", -1, -1, NULL, 0);
	assert_buffers_sized(t);
	free(t);
}

/* Where the second half holds a line that is skipped (damaged, a second
 * row of a tag in a snapshot, not a poolmon line) or a snapshot without
 * a time line of its own, or where figures before its first time line
 * would carry into its first snapshot, it is thrown away and the log is
 * read on one thread: the same rows, skips, messages, line numbers and
 * errors. */
static void
test_two_threads_fall_back_to_one(void **state)
{
	static const char *const odd[] = {
		" Toke Paged 12 x 0 0 0",
		" Vad  Nonp  1 1 0 0 0",
		"this is not a poolmon line",
	};
	struct parse_ctx like;
	char		*t;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(odd) / sizeof(*odd); i++) {
		t = pm_log(40, "\n", -1, 150, odd[i], 0);
		assert_false(same_on_two_threads(t));
		free(t);
	}
	/* without a time line: an error on one thread and on two */
	t = pm_log(40, "\n", 35, -1, NULL, 0);
	assert_false(same_on_two_threads(t));
	/* and timed from --start */
	memset(&like, 0, sizeof(like));
	like.have_start = 1;
	like.start_ms = T_2026_11_21_192800;
	like.interval_ms = 60000;
	assert_false(same_on_two_threads_like(t, &like));
	free(t);
	/* Memory and Commit lines before each time line */
	t = pm_log(40, "\n", -1, -1, NULL, PM_EARLY);
	assert_false(same_on_two_threads(t));
	free(t);
}

#define RUN_TEST(f)	cmocka_unit_test_setup_teardown(f, setup_run, \
			    teardown_run)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_64bit_unknown_driver),
		cmocka_unit_test(test_classify_64bit_mapped_driver),
		cmocka_unit_test(test_classify_32bit_no_leading_blank),
		cmocka_unit_test(test_classify_tag_with_inner_blank),
		cmocka_unit_test(test_classify_tag_with_trailing_blanks),
		cmocka_unit_test(test_classify_three_char_tag_collapsed),
		cmocka_unit_test(test_classify_markdown_mangled_short_tags),
		cmocka_unit_test(test_classify_pastebin_list_mark),
		cmocka_unit_test(test_classify_interactive_deltas),
		cmocka_unit_test(test_classify_mapped_driver_normalised),
		cmocka_unit_test(test_classify_trailing_blanks_after_per_alloc),
		cmocka_unit_test(test_classify_negative_diff),
		cmocka_unit_test(test_classify_widest_numbers),
		cmocka_unit_test(test_classify_digit_first_tag),
		cmocka_unit_test(test_classify_row_cut_after_diff),
		cmocka_unit_test(test_classify_non_numeric_bytes),
		cmocka_unit_test(test_classify_number_beyond_64_bits),
		cmocka_unit_test(test_classify_unclosed_parenthesis),
		cmocka_unit_test(test_classify_memory_header),
		cmocka_unit_test(test_classify_commit_header),
		cmocka_unit_test(test_classify_commit_header_fused),
		cmocka_unit_test(test_classify_titles),
		cmocka_unit_test(test_classify_column_headers),
		cmocka_unit_test(test_classify_time_lines),
		cmocka_unit_test(test_classify_time_line_with_zone_name),
		cmocka_unit_test(test_classify_blank_and_other),
		cmocka_unit_test(test_two_threads_read_as_one),
		cmocka_unit_test(test_buffers_sized_from_the_file),
		cmocka_unit_test(test_two_threads_fall_back_to_one),
		RUN_TEST(test_parse_growing_file_three_time_forms),
		RUN_TEST(test_parse_header_values_per_snapshot),
		RUN_TEST(test_parse_time_from_file_name),
		RUN_TEST(test_parse_name_time_serves_one_snapshot),
		RUN_TEST(test_parse_untimed_snapshot_is_error),
		RUN_TEST(test_parse_start_and_interval),
		RUN_TEST(test_parse_duplicate_row_counted),
		RUN_TEST(test_parse_damaged_and_unrecognised_counted),
		RUN_TEST(test_parse_utf8_bom_ignored),
		RUN_TEST(test_rows_read_as_pm_classify_reads_them),
		RUN_TEST(test_parse_collapsed_screen),
		RUN_TEST(test_parse_large_file_across_read_chunks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
