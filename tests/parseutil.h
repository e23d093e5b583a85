/* parseutil.h: a parser run over temporary files, for the parser tests
 * (include after cmocka.h and testutil.h). */
#ifndef PARSEUTIL_H
#define PARSEUTIL_H

#include "input.h"
#include "parse.h"
#include "table.h"

typedef int (*parse_fn)(struct parse_ctx *, struct input *,
    struct file_stats *);

struct run {
	struct table		*table;
	struct diag		 diag;
	struct parse_ctx	 ctx;
	struct file_stats	 fs;
	char			*path;
	parse_fn		 parse;
};

/* The parser under test; each test file defines it. */
extern const parse_fn run_parser;

static inline int
setup_run(void **state)
{
	struct run	*r = calloc(1, sizeof(*r));

	if (r == NULL)
		return -1;
	r->table = table_new();
	r->ctx.table = r->table;
	r->ctx.diag = &r->diag;
	r->parse = run_parser;
	*state = r;
	return 0;
}

static inline int
teardown_run(void **state)
{
	struct run	*r = *state;

	table_free(r->table);
	free(r->ctx.host);
	tu_remove(r->path);
	free(r);
	return 0;
}

/* Write text to a temporary file and parse it into r's table. */
static inline int
parse_text(struct run *r, const char *text)
{
	struct input	*in;
	int		 ret;

	tu_remove(r->path);
	r->path = tu_write_temp(text);
	memset(&r->fs, 0, sizeof(r->fs));
	in = input_open(r->path, &r->diag);
	assert_non_null(in);
	ret = r->parse(&r->ctx, in, &r->fs);
	input_free(in);
	/* every line of an input read whole is counted in one class */
	if (parse_lines_done(&r->fs) == -1 && ret == 0) {
		print_error("%ld of %ld lines not accounted for\n",
		    parse_lines_unaccounted(&r->fs), r->fs.lines);
		fail();
	}
	return ret;
}

/* Check the classes of the lines read. */
static inline void
assert_lines(const struct run *r, long lines, long row_lines,
    long structure_lines, long skipped_lines)
{
	long	 n = 0;
	int	 k;

	for (k = 0; k < SKIP_NREASONS; k++)
		n += r->fs.skipped[k];
	assert_int_equal(r->fs.lines, lines);
	assert_int_equal(r->fs.row_lines, row_lines);
	assert_int_equal(r->fs.structure_lines, structure_lines);
	assert_int_equal(n, skipped_lines);
}

static inline void
assert_parsed(struct run *r, int ret)
{
	if (ret != 0) {
		print_error("parse failed: %s:%ld:%d: %s\n", r->diag.file,
		    r->diag.line, r->diag.col, r->diag.msg);
		fail();
	}
	assert_int_equal(r->diag.set, 0);
}

/* Check sample k of series (tag, type). */
static inline void
check_sample(const struct table *t, const char *tag, enum pool_type type,
    size_t k, uint32_t snap, int64_t allocs, int64_t frees, int64_t diff,
    int64_t bytes)
{
	struct sample	 x[16];
	size_t		 i, n;

	i = series_of(t, tag, type);
	assert_true(table_series(t, i)->n <= 16);
	n = table_decode(t, i, x);
	assert_true(k < n);
	assert_int_equal(x[k].snap, snap);
	assert_int_equal(x[k].allocs, allocs);
	assert_int_equal(x[k].frees, frees);
	assert_int_equal(x[k].diff, diff);
	assert_int_equal(x[k].bytes, bytes);
}

#endif
