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

/* Parse text on one thread, and with its second half read on another
 * (whatever its size), and check that both read the same: the return,
 * the diagnostic, every count of the lines, the first message of each
 * kind of skip, and the table, snapshot by snapshot and sample by
 * sample.  Both runs take --start and --interval from like, if it is
 * not NULL.  Returns whether the second split the file. */
static inline int
same_on_two_threads_like(const char *text, const struct parse_ctx *like)
{
	struct run	*a, *b;
	struct sample	*x, *y;
	void		*st = NULL;
	size_t		 i, j, na, nb;
	int		 ra, rb, k, split;

	assert_int_equal(setup_run(&st), 0);
	a = st;
	assert_int_equal(setup_run(&st), 0);
	b = st;
	if (like != NULL) {
		a->ctx.have_start = b->ctx.have_start = like->have_start;
		a->ctx.start_ms = b->ctx.start_ms = like->start_ms;
		a->ctx.interval_ms = b->ctx.interval_ms = like->interval_ms;
	}
	b->ctx.jobs = 2;
	b->ctx.split_min = 1;
	ra = parse_text(a, text);
	rb = parse_text(b, text);
	assert_int_equal(ra, rb);
	assert_int_equal(a->diag.set, b->diag.set);
	assert_int_equal(a->diag.line, b->diag.line);
	assert_string_equal(a->diag.msg, b->diag.msg);
	assert_int_equal(a->fs.lines, b->fs.lines);
	assert_int_equal(a->fs.row_lines, b->fs.row_lines);
	assert_int_equal(a->fs.structure_lines, b->fs.structure_lines);
	assert_int_equal(a->fs.rows, b->fs.rows);
	assert_int_equal(a->fs.snapshots, b->fs.snapshots);
	for (k = 0; k < SKIP_NREASONS; k++) {
		assert_int_equal(a->fs.skipped[k], b->fs.skipped[k]);
		assert_int_equal(a->fs.first_line[k], b->fs.first_line[k]);
		assert_string_equal(a->fs.first_msg[k], b->fs.first_msg[k]);
	}
	assert_int_equal(a->fs.split, 0);
	split = b->fs.split;
	assert_int_equal(table_finish(a->table), table_finish(b->table));
	assert_int_equal(table_nsnapshots(a->table),
	    table_nsnapshots(b->table));
	for (i = 0; i < table_nsnapshots(a->table); i++) {
		const struct snapshot *p = table_snapshot(a->table, i);
		const struct snapshot *q = table_snapshot(b->table, i);

		assert_true(p->t_ms == q->t_ms);
		assert_int_equal(p->utc, q->utc);
		assert_int_equal(p->rows, q->rows);
		for (k = 0; k < POOL_NTYPES; k++)
			assert_true(p->sum_bytes[k] == q->sum_bytes[k]);
	}
	assert_int_equal(table_nseries(a->table), table_nseries(b->table));
	for (i = 0; i < table_nseries(a->table); i++) {
		na = table_series(a->table, i)->n;
		nb = table_series(b->table, i)->n;
		assert_int_equal(na, nb);
		assert_memory_equal(table_series(a->table, i)->tag,
		    table_series(b->table, i)->tag, 4);
		assert_int_equal(table_series(a->table, i)->type,
		    table_series(b->table, i)->type);
		x = calloc(na + 1, sizeof(*x));
		y = calloc(nb + 1, sizeof(*y));
		assert_non_null(x);
		assert_non_null(y);
		assert_int_equal(table_decode(a->table, i, x), na);
		assert_int_equal(table_decode(b->table, i, y), nb);
		for (j = 0; j < na; j++) {
			assert_int_equal(x[j].snap, y[j].snap);
			assert_true(x[j].allocs == y[j].allocs);
			assert_true(x[j].frees == y[j].frees);
			assert_true(x[j].diff == y[j].diff);
			assert_true(x[j].bytes == y[j].bytes);
		}
		free(x);
		free(y);
	}
	st = a;
	teardown_run(&st);
	st = b;
	teardown_run(&st);
	return split;
}

static inline int
same_on_two_threads(const char *text)
{
	return same_on_two_threads_like(text, NULL);
}

/* The room the series' buffers have beyond their bytes, as a share of
 * those, after text is parsed from a file on jobs threads (with 2, its
 * second half from the middle, which must be taken), or with jobs 0 from
 * memory, whose size the parser does not know. */
static inline double
slack_after_parse(const char *text, int jobs)
{
	struct run	*r;
	struct input	*in;
	void		*st = NULL;
	size_t		 bytes, room;
	int		 ret;

	assert_int_equal(setup_run(&st), 0);
	r = st;
	if (jobs == 0) {
		in = input_open_mem("mem", text, strlen(text), &r->diag);
		assert_non_null(in);
		ret = r->parse(&r->ctx, in, &r->fs);
		input_free(in);
	} else {
		r->ctx.jobs = jobs;
		r->ctx.split_min = 1;
		ret = parse_text(r, text);
		assert_int_equal(r->fs.split, jobs > 1);
	}
	assert_parsed(r, ret);
	bytes = table_sample_bytes(r->table, &room);
	assert_true(bytes > 0);
	teardown_run(&st);
	return (double)room / (double)bytes - 1;
}

/* Read from a file, on one thread or two, the series' buffers of text
 * end with at most a 16th of their bytes to spare; read from memory,
 * with no hint of the size, with more (which text is sized to give). */
static inline void
assert_buffers_sized(const char *text)
{
	double	 one, two, mem;

	one = slack_after_parse(text, 1);
	two = slack_after_parse(text, 2);
	mem = slack_after_parse(text, 0);
	if (one > 1.0 / 16 || two > 1.0 / 16 || mem < 0.1) {
		print_error("to spare: %.3f on one thread, %.3f on two, %.3f "
		    "from memory\n", one, two, mem);
		fail();
	}
}

#endif
