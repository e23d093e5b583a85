/* pooltag_test.c: pooltag.txt entries, lookups and naming the series. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "pooltag.h"
#include "testutil.h"

/* The shapes of real pooltag.txt copies: rem and // comments, aligned and
 * glued dashes, a tag with a blank, a 1-character tag, wildcards,
 * duplicates, a two-field line, a continuation line, free text and a
 * final Ctrl-Z. */
static const char text[] =
    "//\n"
    "//    Copyright (C) Microsoft.  All rights reserved.\n"
    "rem\n"
    "rem    Pooltag.txt\n"
    "\n"
    "Toke - nt!se        - Token objects\n"
    "CMAl - nt!cm        -internal registry memory allocator pool tag\n"
    "Dh 1 - <unknown>    - DirectDraw/3D DirectDraw object\n"
    "G    - <unknown>    -     Gdi Generic allocations\n"
    "G??? - <unknown>    - Gdi Objects\n"
    "Gcac - <unknown>    -     Gdi glyph cache\n"
    "Acp* - acpi.sys     - ACPI Pooltags\n"
    "ACPI - acpi.sys - ACPI\n"
    "Irp  - nt!io        - Io, IRP packets\n"
    "Irp  - verifier.sys - I/O verifier IRPs\n"
    "smSt - nt!store or rdyboost.sys - ReadyBoost store allocations\n"
    "ATmp - AppTag mount point\n"
    "       <unknown>\n"
    "QUIC Allocation tags are Qc00 through QcFF\n"
    "ZsaB - <unknown>    - EXIFS ZeroBlock\n"
    "\x1a";

static struct pooltag *
read_text(const char *t, size_t len, struct file_stats *fs, struct diag *d)
{
	char		*path = tu_write_temp_len(t, len);
	struct input	*in;
	struct pooltag	*pt;

	memset(fs, 0, sizeof(*fs));
	memset(d, 0, sizeof(*d));
	in = input_open(path, d);
	assert_non_null(in);
	pt = pooltag_read(in, fs, d);
	input_free(in);
	tu_remove(path);
	return pt;
}

static void
lookup(struct pooltag *pt, const char *tag, const char *bin, const char *desc)
{
	const char	*b, *d;

	if (!pooltag_lookup(pt, (const unsigned char *)tag, &b, &d)) {
		print_error("no entry for '%.4s'\n", tag);
		fail();
	}
	assert_string_equal(b, bin);
	assert_string_equal(d, desc);
}

static void
test_entries_comments_and_skipped_lines(void **state)
{
	struct file_stats fs;
	struct diag	 d;
	struct pooltag	*pt = read_text(text, sizeof(text) - 1, &fs, &d);

	(void)state;
	assert_non_null(pt);
	assert_int_equal(pooltag_count(pt), 13);
	/* the continuation line and the free text */
	assert_int_equal(fs.skipped[SKIP_UNRECOGNISED], 2);
	assert_int_equal(fs.first_line[SKIP_UNRECOGNISED], 18);
	assert_int_equal(fs.lines, 20);
	assert_int_equal(parse_lines_done(&fs), 0);
	/* 13 entries; the rem, // and blank lines are structure */
	assert_int_equal(fs.row_lines, 13);
	assert_int_equal(fs.structure_lines, 5);
	pooltag_free(pt);
}

static void
test_fields(void **state)
{
	struct file_stats fs;
	struct diag	 d;
	struct pooltag	*pt = read_text(text, sizeof(text) - 1, &fs, &d);

	(void)state;
	lookup(pt, "Toke", "nt!se", "Token objects");
	/* a dash glued to the description */
	lookup(pt, "CMAl", "nt!cm",
	    "internal registry memory allocator pool tag");
	/* a blank inside the tag, <unknown> as no binary */
	lookup(pt, "Dh 1", "", "DirectDraw/3D DirectDraw object");
	/* a 1-character tag is blank padded */
	lookup(pt, "G   ", "", "Gdi Generic allocations");
	/* a binary with blanks */
	lookup(pt, "smSt", "nt!store or rdyboost.sys",
	    "ReadyBoost store allocations");
	/* two fields: a description only */
	lookup(pt, "ATmp", "", "AppTag mount point");
	pooltag_free(pt);
}

static void
test_exact_entries_win_over_wildcards(void **state)
{
	struct file_stats fs;
	struct diag	 d;
	struct pooltag	*pt = read_text(text, sizeof(text) - 1, &fs, &d);
	const char	*b, *ds;

	(void)state;
	lookup(pt, "Gcac", "", "Gdi glyph cache");
	lookup(pt, "ACPI", "acpi.sys", "ACPI");
	/* wildcards when there is no entry of its own */
	lookup(pt, "Gpal", "", "Gdi Objects");
	lookup(pt, "AcpD", "acpi.sys", "ACPI Pooltags");
	/* ? is exactly one byte */
	assert_false(pooltag_lookup(pt, (const unsigned char *)"Fake", &b,
	    &ds));
	assert_false(pooltag_lookup(pt, (const unsigned char *)"Tok ", &b,
	    &ds));
	pooltag_free(pt);
}

static void
test_duplicates_are_all_kept(void **state)
{
	struct file_stats fs;
	struct diag	 d;
	struct pooltag	*pt = read_text(text, sizeof(text) - 1, &fs, &d);

	(void)state;
	lookup(pt, "Irp ", "nt!io; verifier.sys",
	    "Io, IRP packets; I/O verifier IRPs");
	pooltag_free(pt);
}

static void
test_no_entries_is_an_error(void **state)
{
	static const char none[] = "rem only comments\n\nsome free text\n";
	struct file_stats fs;
	struct diag	 d;

	(void)state;
	assert_null(read_text(none, sizeof(none) - 1, &fs, &d));
	assert_true(d.set);
	assert_non_null(strstr(d.msg, "no pooltag.txt entries"));
}

static void
test_apply_keeps_drivers_from_the_log(void **state)
{
	struct file_stats fs;
	struct diag	 d;
	struct pooltag	*pt = read_text(text, sizeof(text) - 1, &fs, &d);
	struct table	*t = table_new();
	uint32_t	 s = table_snapshot_at(t, 0, 0);
	const struct series_info *si;

	(void)state;
	table_add(t, s, (const unsigned char *)"Toke", POOL_PAGED, 2, 1, 1,
	    1664, "nt!se - Token objects (from the log)", 36);
	table_add(t, s, (const unsigned char *)"Irp ", POOL_NONPAGED, 2, 1, 1,
	    340, NULL, 0);
	table_add(t, s, (const unsigned char *)"Zzzz", POOL_NONPAGED, 2, 1, 1,
	    64, NULL, 0);
	table_finish(t);
	pooltag_apply(pt, t);
	si = table_series(t, series_of(t, "Toke", POOL_PAGED));
	assert_string_equal(si->driver, "nt!se - Token objects (from the log)");
	assert_null(si->description);
	si = table_series(t, series_of(t, "Irp ", POOL_NONPAGED));
	assert_string_equal(si->driver, "nt!io; verifier.sys");
	assert_string_equal(si->description, "Io, IRP packets; I/O verifier IRPs");
	si = table_series(t, series_of(t, "Zzzz", POOL_NONPAGED));
	assert_null(si->driver);
	assert_null(si->description);
	table_free(t);
	pooltag_free(pt);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries_comments_and_skipped_lines),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_exact_entries_win_over_wildcards),
		cmocka_unit_test(test_duplicates_are_all_kept),
		cmocka_unit_test(test_no_entries_is_an_error),
		cmocka_unit_test(test_apply_keeps_drivers_from_the_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
