/* input_test.c: lines from bytes: BOMs, UTF-16, mixed files, CRLF, Ctrl-Z. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "input.h"
#include "split.h"
#include "testutil.h"

/* Read every line of a file holding len bytes of data, joined by '|'. */
static char *
lines_of(const char *data, size_t len, long *nlines)
{
	static char	 out[8192];
	struct diag	 d;
	struct input	*in;
	const char	*l;
	size_t		 n, o = 0;
	char		*path = tu_write_temp_len(data, len);

	memset(&d, 0, sizeof(d));
	in = input_open(path, &d);
	assert_non_null(in);
	while (input_getline(in, &l, &n) == 1) {
		if (o > 0)
			out[o++] = '|';
		memcpy(out + o, l, n);
		o += n;
	}
	out[o] = '\0';
	*nlines = input_lineno(in);
	input_free(in);
	tu_remove(path);
	return out;
}

#define LINES(lit, n)	lines_of((lit), sizeof(lit) - 1, (n))

static void
test_lf_crlf_and_no_final_newline(void **state)
{
	long	 n;

	(void)state;
	assert_string_equal(LINES("a\nb\r\nc", &n), "a|b|c");
	assert_int_equal(n, 3);
	assert_string_equal(LINES("a\n\nb\n", &n), "a||b");
	assert_int_equal(n, 3);
}

static void
test_utf8_bom_is_skipped(void **state)
{
	long	 n;

	(void)state;
	assert_string_equal(LINES("\xEF\xBB\xBF Tag\nx\n", &n), " Tag|x");
}

static void
test_utf16le_with_bom(void **state)
{
	long	 n;

	(void)state;
	/* "Ab\r\nc" in UTF-16LE after FF FE, as Windows PowerShell writes */
	assert_string_equal(LINES("\xFF\xFE" "A\0b\0\r\0\n\0c\0", &n), "Ab|c");
	assert_int_equal(n, 2);
}

static void
test_utf16be_with_bom(void **state)
{
	long	 n;

	(void)state;
	assert_string_equal(LINES("\xFE\xFF" "\0A\0b\0\n\0c", &n), "Ab|c");
}

static void
test_utf16le_without_bom(void **state)
{
	long	 n;

	(void)state;
	assert_string_equal(LINES("T\0a\0g\0\n\0x\0", &n), "Tag|x");
}

static void
test_utf16_non_ascii_becomes_utf8(void **state)
{
	long	 n;

	(void)state;
	/* U+00E9, U+4E2D and U+1F600 (a surrogate pair) */
	assert_string_equal(LINES("\xFF\xFE" "\xE9\0-\0\x2D\x4E-\0"
	    "\x3D\xD8\x00\xDE\n\0", &n),
	    "\xC3\xA9-\xE4\xB8\xAD-\xF0\x9F\x98\x80");
}

static void
test_utf16_then_single_bytes(void **state)
{
	long	 n;

	(void)state;
	/* a PowerShell time line in UTF-16, then poolmon appends bytes */
	assert_string_equal(LINES("\xFF\xFE" "1\0" "2\0:\0" "0\0\r\0\n\0"
	    " Tag  Type\r\n Toke Paged\r\n", &n), "12:0| Tag  Type| Toke Paged");
	assert_int_equal(n, 3);
	/* the appended part may start with a blank line */
	assert_string_equal(LINES("\xFF\xFE" "x\0\r\0\n\0" "\r\n Tag\r\n", &n),
	    "x|| Tag");
}

static void
test_trailing_ctrl_z_is_dropped(void **state)
{
	long	 n;

	(void)state;
	assert_string_equal(LINES("a\nb\n\x1a", &n), "a|b");
	assert_int_equal(n, 2);
	assert_string_equal(LINES("a\nb\x1a", &n), "a|b");
	/* not at the end it is data */
	assert_string_equal(LINES("a\x1a" "b\n", &n), "a\x1a" "b");
}

static void
test_long_lines_and_many_lines(void **state)
{
	struct diag	 d;
	struct input	*in;
	const char	*l;
	size_t		 n, len = 3 << 20, i;
	char		*data = malloc(len), *path;
	long		 k = 0;

	(void)state;
	/* a 2 MB line, then short ones across the 1 MB block boundaries */
	memset(data, 'x', 2 << 20);
	data[(2 << 20) - 1] = '\n';
	for (i = 2 << 20; i < len; i += 8)
		memcpy(data + i, "1234567\n", 8);
	path = tu_write_temp_len(data, len);
	memset(&d, 0, sizeof(d));
	in = input_open(path, &d);
	assert_int_equal(input_getline(in, &l, &n), 1);
	assert_int_equal(n, (2 << 20) - 1);
	while (input_getline(in, &l, &n) == 1) {
		assert_int_equal(n, 7);
		assert_memory_equal(l, "1234567", 7);
		k++;
	}
	assert_int_equal(k, (1 << 20) / 8);
	assert_int_equal(input_lineno(in), k + 1);
	input_free(in);
	tu_remove(path);
	free(data);
}

static int
count_line(const char *l, size_t n, long line, void *arg)
{
	long	*cnt = arg;

	(void)l;
	(void)n;
	assert_int_equal(line, *cnt + 1);
	(*cnt)++;
	return 1;
}

/* A file's second half is read aside only from split_find's min bytes
 * on; a min of 0 means SPLIT_MIN, 32 MiB. */
static void
test_split_min(void **state)
{
	char		 data[16000], *path;
	struct diag	 d;
	struct input	*in;
	struct split	*sp;
	size_t		 len = 0;
	long		 cnt = 0, before = 0;
	int64_t		 from;
	int		 i;

	(void)state;
	for (i = 0; i < 1000; i++)
		len += (size_t)snprintf(data + len, sizeof(data) - len,
		    "line %d\n", i);
	path = tu_write_temp_len(data, len);
	memset(&d, 0, sizeof(d));
	in = input_open(path, &d);
	assert_non_null(in);
	/* under 32 MiB, or under a min larger than the file: one thread */
	assert_int_equal(split_find(in, 0, NULL), -1);
	assert_int_equal(split_find(in, (int64_t)len + 1, NULL), -1);
	assert_null(split_start(in, -1, count_line, &cnt));
	/* from one byte on: the half from the first line after the middle */
	from = split_find(in, 1, NULL);
	assert_true(from >= (int64_t)len / 2 && from < (int64_t)len);
	sp = split_start(in, from, count_line, &cnt);
	assert_non_null(sp);
	assert_int_equal(data[from - 1], '\n');
	for (i = 0; i < from; i++)
		before += data[i] == '\n';
	assert_int_equal(split_join(sp), 1000 - before);
	assert_int_equal(cnt, 1000 - before);
	input_free(in);
	tu_remove(path);
}

static void
test_missing_file_is_an_error(void **state)
{
	struct diag	 d;

	(void)state;
	memset(&d, 0, sizeof(d));
	assert_null(input_open("/nonexistent/pool.log", &d));
	assert_true(d.set);
	assert_string_equal(d.file, "/nonexistent/pool.log");
	assert_non_null(strstr(d.msg, "cannot open"));
}

static void
test_peek_sees_decoded_text(void **state)
{
	static const char data[] = "\xFF\xFE" "a\0,\0b\0\n\0";
	struct diag	 d;
	struct input	*in;
	const char	*p;
	char		*path = tu_write_temp_len(data, sizeof(data) - 1);

	(void)state;
	memset(&d, 0, sizeof(d));
	in = input_open(path, &d);
	assert_int_equal(input_peek(in, &p), 4);
	assert_memory_equal(p, "a,b\n", 4);
	input_free(in);
	tu_remove(path);
}

static void
test_memory_input(void **state)
{
	static const char data[] = "\xFF\xFE" "x\0\r\0\n\0" "\r\n Tag\r\n\x1a";
	struct diag	 d;
	struct input	*in;
	const char	*l;
	size_t		 n;

	(void)state;
	memset(&d, 0, sizeof(d));
	in = input_open_mem("mem", data, sizeof(data) - 1, &d);
	assert_string_equal(input_name(in), "mem");
	assert_int_equal(input_getline(in, &l, &n), 1);
	assert_int_equal(n, 1);
	assert_memory_equal(l, "x", 1);
	assert_int_equal(input_getline(in, &l, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(input_getline(in, &l, &n), 1);
	assert_memory_equal(l, " Tag", 4);
	assert_int_equal(input_getline(in, &l, &n), 0);
	input_free(in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lf_crlf_and_no_final_newline),
		cmocka_unit_test(test_utf8_bom_is_skipped),
		cmocka_unit_test(test_utf16le_with_bom),
		cmocka_unit_test(test_utf16be_with_bom),
		cmocka_unit_test(test_utf16le_without_bom),
		cmocka_unit_test(test_utf16_non_ascii_becomes_utf8),
		cmocka_unit_test(test_utf16_then_single_bytes),
		cmocka_unit_test(test_trailing_ctrl_z_is_dropped),
		cmocka_unit_test(test_long_lines_and_many_lines),
		cmocka_unit_test(test_split_min),
		cmocka_unit_test(test_missing_file_is_an_error),
		cmocka_unit_test(test_peek_sees_decoded_text),
		cmocka_unit_test(test_memory_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
