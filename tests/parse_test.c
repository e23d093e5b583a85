/* parse_test.c: the accounting of lines: one class per line, the
 * strongest given, spans of lines, and the first message of each kind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "parse.h"

static void
test_each_line_counted_once_in_its_strongest_class(void **state)
{
	struct file_stats fs;

	(void)state;
	memset(&fs, 0, sizeof(fs));
	fs.lines = 6;
	parse_line(&fs, 1, 1, LINE_STRUCTURE);
	/* a row, then a skip on the same line: skipped */
	parse_line(&fs, 2, 2, LINE_ROW);
	parse_skip(&fs, SKIP_DUPLICATE, 2, "dup %d", 2);
	/* a skip, then a row on the same line: still skipped, first reason */
	parse_skip(&fs, SKIP_DAMAGED, 3, "damaged %d", 3);
	parse_line(&fs, 3, 3, LINE_ROW);
	parse_skip(&fs, SKIP_UNRECOGNISED, 3, "unrecognised %d", 3);
	/* a row, then structure over its span (a CSV record) */
	parse_line(&fs, 4, 4, LINE_ROW);
	parse_line(&fs, 4, 5, LINE_STRUCTURE);
	/* lines 4 and 5 wait for what else their record holds */
	assert_int_equal(parse_lines_unaccounted(&fs), 3);
	assert_int_equal(parse_lines_done(&fs), -1);
	assert_int_equal(parse_lines_unaccounted(&fs), 1);	/* line 6 */
	assert_int_equal(fs.structure_lines, 1);
	assert_int_equal(fs.row_lines, 2);
	assert_int_equal(fs.skipped[SKIP_DUPLICATE], 1);
	assert_int_equal(fs.skipped[SKIP_DAMAGED], 1);
	assert_int_equal(fs.skipped[SKIP_UNRECOGNISED], 0);
	assert_string_equal(fs.first_msg[SKIP_DUPLICATE], "dup 2");
	assert_string_equal(fs.first_msg[SKIP_DAMAGED], "damaged 3");
	/* no message for a kind no line was counted in */
	assert_int_equal(fs.first_line[SKIP_UNRECOGNISED], 0);
	assert_string_equal(fs.first_msg[SKIP_UNRECOGNISED], "");
	parse_line(&fs, 6, 6, LINE_STRUCTURE);
	assert_int_equal(parse_lines_done(&fs), 0);
	assert_int_equal(fs.structure_lines, 2);
}

static void
test_a_skipped_span_counts_every_line(void **state)
{
	struct file_stats fs;

	(void)state;
	memset(&fs, 0, sizeof(fs));
	fs.lines = 5;
	parse_skip(&fs, SKIP_DAMAGED, 1, "first");
	parse_line(&fs, 1, 3, LINE_STRUCTURE);
	parse_skip(&fs, SKIP_DAMAGED, 4, "second");
	parse_line(&fs, 4, 5, LINE_STRUCTURE);
	assert_int_equal(parse_lines_done(&fs), 0);
	assert_int_equal(fs.skipped[SKIP_DAMAGED], 5);
	assert_int_equal(fs.first_line[SKIP_DAMAGED], 1);
	assert_string_equal(fs.first_msg[SKIP_DAMAGED], "first");
	/* done twice counts nothing twice */
	assert_int_equal(parse_lines_done(&fs), 0);
	assert_int_equal(fs.skipped[SKIP_DAMAGED], 5);
}

/* A part of a file counted on its own, from its line 1, adds to the
 * counts of the part before it: lines, classes, rows and snapshots, and
 * its first skip of a kind the first part lacks, at the line it has in
 * the whole file. */
static void
test_parts_add_up(void **state)
{
	struct file_stats a, b;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.lines = 3;
	a.rows = 1;
	a.snapshots = 1;
	parse_line(&a, 1, 1, LINE_STRUCTURE);
	parse_line(&a, 2, 2, LINE_ROW);
	parse_skip(&a, SKIP_DAMAGED, 3, "damaged at %d", 3);
	b.lines = 4;
	b.rows = 2;
	b.snapshots = 1;
	parse_line(&b, 1, 1, LINE_STRUCTURE);
	parse_line(&b, 2, 3, LINE_ROW);
	parse_skip(&b, SKIP_DAMAGED, 4, "damaged at %d", 4 + 3);
	parse_lines_add(&a, &b, 3);
	assert_int_equal(a.lines, 7);
	assert_int_equal(a.structure_lines, 2);
	assert_int_equal(a.row_lines, 3);
	assert_int_equal(a.skipped[SKIP_DAMAGED], 2);
	assert_int_equal(a.rows, 3);
	assert_int_equal(a.snapshots, 2);
	assert_int_equal(a.first_line[SKIP_DAMAGED], 3);
	assert_string_equal(a.first_msg[SKIP_DAMAGED], "damaged at 3");
	assert_int_equal(parse_lines_done(&a), 0);
	/* a kind of skip only the second part has: at its line in the file */
	memset(&b, 0, sizeof(b));
	b.lines = 1;
	parse_skip(&b, SKIP_DUPLICATE, 1, "second row");
	parse_lines_add(&a, &b, 7);
	assert_int_equal(a.first_line[SKIP_DUPLICATE], 8);
	assert_string_equal(a.first_msg[SKIP_DUPLICATE], "second row");
	assert_int_equal(parse_lines_done(&a), 0);
}

static void
test_excerpt(void **state)
{
	char	 buf[64];

	(void)state;
	assert_string_equal(parse_excerpt("a\tb\x01", 4, buf, sizeof(buf)),
	    "a?b?");
	assert_string_equal(parse_excerpt(
	    "0123456789012345678901234567890123456789xyz", 43, buf,
	    sizeof(buf)), "0123456789012345678901234567890123456789...");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_line_counted_once_in_its_strongest_class),
		cmocka_unit_test(test_a_skipped_span_counts_every_line),
		cmocka_unit_test(test_parts_add_up),
		cmocka_unit_test(test_excerpt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
