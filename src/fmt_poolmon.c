/* fmt_poolmon.c: poolmon snapshots (poolmon -n) and interactive screens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_poolmon.h"
#include "split.h"
#include "timestamp.h"
#include "units.h"
#include "util.h"

static int
blank(int c)
{
	return c == ' ' || c == '\t';
}

/* "Paged" or "Nonp" at p, followed by a blank or the end. */
static size_t
type_at(const char *p, const char *e, enum pool_type *type)
{
	if (e - p >= 5 && memcmp(p, "Paged", 5) == 0 &&
	    (e - p == 5 || blank(p[5]))) {
		*type = POOL_PAGED;
		return 5;
	}
	if (e - p >= 4 && memcmp(p, "Nonp", 4) == 0 &&
	    (e - p == 4 || blank(p[4]))) {
		*type = POOL_NONPAGED;
		return 4;
	}
	return 0;
}

/* A decimal number, optionally negative, ending at a blank, a
 * parenthesis or the end.  Returns 0, -1 if there is none, -2 if it does
 * not fit 64 bits. */
static int
number(const char **pp, const char *e, int64_t *v)
{
	const char	*p, *d;
	int		 neg = 0;
	uint64_t	 u = 0;

	p = util_skip_blanks(*pp, e);
	if (p < e && *p == '-') {
		neg = 1;
		p++;
	}
	if (p == e || *p < '0' || *p > '9')
		return -1;
	/* up to 18 digits cannot overflow */
	d = p;
	p += util_digits(p, e, &u);
	if (p - d > 18)
		for (u = 0, p = d; p < e && *p >= '0' && *p <= '9'; p++) {
			if (u > (UINT64_C(0x7fffffffffffffff) -
			    (uint64_t)(*p - '0')) / 10)
				return -2;
			u = u * 10 + (uint64_t)(*p - '0');
		}
	if (p < e && !blank(*p) && *p != '(' && *p != ')')
		return -1;
	*v = neg ? -(int64_t)u : (int64_t)u;
	*pp = p;
	return 0;
}

/* An optional "( 177)" delta of the interactive screen, after blanks:
 * *pp is past them even when there is none. */
static int
delta(const char **pp, const char *e)
{
	const char	*p = util_skip_blanks(*pp, e);
	int64_t		 v;

	/* the blanks are skipped either way: the next number's */
	*pp = p;
	if (p == e || *p != '(')
		return 0;
	p++;
	if (number(&p, e, &v) != 0)
		return -1;
	while (p < e && blank(*p))
		p++;
	if (p == e || *p != ')')
		return -1;
	*pp = p + 1;
	return 0;
}

/* The five numbers of a plain row from p, each after blanks, with up to
 * 18 digits and without a sign or a "( 177)" delta: returns a pointer
 * past the last, or NULL when the row is not that plain (the general
 * reading then tells what it is).  p is past the tag, the type and a
 * blank, seven bytes into the line or more, so a line with a digit after
 * that has eight bytes before e to read (util_digits_end): Per Alloc
 * most often ends the line. */
static const char *
plain_numbers(const char *p, const char *e, int64_t *v)
{
	uint64_t	 u;
	size_t		 n;
	int		 i;

	for (i = 0; i < 5; i++) {
		p = util_skip_blanks(p, e);
		if ((n = util_digits_end(p, e, &u)) == 0 || n > 18)
			return NULL;
		p += n;
		if (p < e && !blank(*p))
			return NULL;
		v[i] = (int64_t)u;
	}
	return p;
}

/* Mapped_Driver: "[a][b  -  c]" becomes "a; b - c"; "Unknown Driver" is
 * no driver. */
static void
driver_text(const char *p, const char *e, struct pm_row *row)
{
	size_t	 o = 0;
	int	 sp = 0;

	row->driver = NULL;
	row->driver_len = 0;
	if (p == e || (e - p == 14 && memcmp(p, "Unknown Driver", 14) == 0))
		return;
	for (; p < e && o + 3 < sizeof(row->driver_buf); p++) {
		if (*p == '[') {
			if (o > 0) {
				row->driver_buf[o++] = ';';
				row->driver_buf[o++] = ' ';
			}
			sp = 0;
			continue;
		}
		if (*p == ']')
			continue;
		if (blank(*p)) {
			sp = o > 0;
			continue;
		}
		if (sp && o > 0 && row->driver_buf[o - 1] != ' ')
			row->driver_buf[o++] = ' ';
		sp = 0;
		/* control bytes would cut the text short downstream */
		row->driver_buf[o++] = (unsigned char)*p < 0x20 ? '?' : *p;
	}
	if (o > 0) {
		row->driver = row->driver_buf;
		row->driver_len = o;
	}
}

/* Find the tag and type of a row; returns a pointer past the type or NULL. */
static const char *
row_start(const char *l, const char *e, struct pm_row *row)
{
	size_t	 n = (size_t)(e - l), tl, p, s, k;

	/* " Tag_ Type": the tag is the 4 bytes after the leading blank */
	if (n >= 7 && l[0] == ' ' && l[5] == ' ' &&
	    (tl = type_at(l + 6, e, &row->type)) > 0) {
		memcpy(row->tag, l + 1, 4);
		return l + 6 + tl;
	}
	/* "Tag_ Type": the leading blank was lost */
	if (n >= 6 && l[4] == ' ' && !blank(l[0]) &&
	    (tl = type_at(l + 5, e, &row->type)) > 0) {
		memcpy(row->tag, l, 4);
		return l + 5 + tl;
	}
	/* Blanks collapsed ("Irp Nonp", "- CM31 Paged"): the tag is the last
	 * word before the type, with only blanks or list marks before it. */
	for (p = 2; p < n && p < 16; p++) {
		if (!blank(l[p - 1]) || (tl = type_at(l + p, e, &row->type)) == 0)
			continue;
		for (k = p - 1; k > 0 && blank(l[k - 1]); k--)
			;
		for (s = k; s > 0 && !blank(l[s - 1]); s--)
			;
		if (k == s || k - s > 4)
			return NULL;
		while (s > 0 && (blank(l[s - 1]) || strchr("-#>*", l[s - 1])))
			s--;
		if (s > 0)
			return NULL;
		for (s = k; s > 0 && !blank(l[s - 1]); s--)
			;
		memset(row->tag, ' ', 4);
		memcpy(row->tag, l + s, k - s);
		return l + p + tl;
	}
	return NULL;
}

static const char *
find(const char *l, size_t n, const char *what)
{
	size_t	 w = strlen(what), i;

	for (i = 0; i + w <= n; i++)
		if (l[i] == what[0] && memcmp(l + i, what, w) == 0)
			return l + i;
	return NULL;
}

/* The number after a header label, in KB, as bytes; -1 if absent.  Wide
 * values fuse to the label ("Limit:1279764K"), so blanks are optional. */
static int64_t
header_kb(const char *p, const char *e)
{
	int64_t	 v = 0;

	while (p < e && blank(*p))
		p++;
	if (p == e || *p < '0' || *p > '9')
		return -1;
	for (; p < e && *p >= '0' && *p <= '9'; p++) {
		if (v > INT64_MAX / 10240)
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v * 1024;
}

enum pm_line
pm_classify(const char *l, size_t n, struct pm_row *row, int64_t *v1,
    int64_t *v2, int *col, char *msg, size_t msgsize)
{
	static const char *const colname[] = { "Allocs", "Frees", "Diff",
	    "Bytes", "Per Alloc" };
	const char	*e = l + n, *p, *q;
	int64_t		*field[5], v[5];
	int		 i, r;
	char		 tag[24];

	/* a row first: most lines are */
	if ((p = row_start(l, e, row)) != NULL) {
		if ((q = plain_numbers(p, e, v)) != NULL) {
			row->allocs = v[0];
			row->frees = v[1];
			row->diff = v[2];
			row->bytes = v[3];
			row->per_alloc = v[4];
			p = q;
			goto driver;
		}
		field[0] = &row->allocs;
		field[1] = &row->frees;
		field[2] = &row->diff;
		field[3] = &row->bytes;
		field[4] = &row->per_alloc;
		for (i = 0; i < 5; i++) {
			if ((r = number(&p, e, field[i])) != 0) {
				while (p < e && blank(*p))
					p++;
				*col = (int)(p - l) + 1;
				snprintf(msg, msgsize, "tag '%s': %s in column "
				    "'%s'", units_tag(row->tag, tag, sizeof(tag)),
				    r == -2 ? "number out of range" :
				    p == e ? "row ends before the number" :
				    "expected a number", colname[i]);
				return PM_DAMAGED;
			}
			if ((i == 0 || i == 1 || i == 3) && delta(&p, e) != 0) {
				*col = (int)(p - l) + 1;
				snprintf(msg, msgsize, "tag '%s': unclosed "
				    "'(' after column '%s'",
				    units_tag(row->tag, tag, sizeof(tag)),
				    colname[i]);
				return PM_DAMAGED;
			}
		}
driver:
		while (p < e && blank(*p))
			p++;
		while (e > p && blank(e[-1]))
			e--;
		driver_text(p, e, row);
		return PM_ROW;
	}
	if (util_skip_blanks(l, e) == e)
		return PM_BLANK;
	if ((q = find(l, n, "Memory:")) != NULL && find(l, n, "Avail:")) {
		*v1 = header_kb(q + 7, e);
		*v2 = -1;
		return PM_MEMORY;
	}
	if (find(l, n, "Commit:") && (q = find(l, n, "Pool N:")) != NULL) {
		*v1 = header_kb(q + 7, e);
		q = find(q + 7, (size_t)(e - q - 7), "P:");
		*v2 = q == NULL ? -1 : header_kb(q + 2, e);
		return PM_COMMIT;
	}
	if (find(l, n, "pool information"))
		return PM_TITLE;
	if ((q = find(l, n, "Tag")) != NULL) {
		for (q += 3; q < e && blank(*q); q++)
			;
		if (e - q >= 4 && memcmp(q, "Type", 4) == 0)
			return PM_COLUMNS;
	}
	if (ts_parse_line(l, n, v1))
		return PM_TIME;
	return PM_OTHER;
}

struct pm_state {
	struct parse_ctx	*ctx;
	struct file_stats	*fs;
	const char		*name;
	int			 open;		/* a snapshot has rows */
	uint32_t		 snap;
	int			 have_time;
	int64_t			 time;
	int64_t			 hdr_phys, hdr_np, hdr_p;
	int			 name_used;
};

static void
close_snapshot(struct pm_state *st)
{
	st->open = 0;
	st->have_time = 0;
	st->hdr_phys = st->hdr_np = st->hdr_p = -1;
}

static int
open_snapshot(struct pm_state *st, long line)
{
	struct parse_ctx *ctx = st->ctx;
	int64_t		 t;

	if (parse_snapshot_time(ctx, st->name, line, "snapshot",
	    st->have_time, st->time, &st->name_used, &t) == -1)
		return -1;
	st->snap = table_snapshot_at(ctx->table, t, 0);
	table_set_header(ctx->table, st->snap, st->hdr_p, st->hdr_np,
	    st->hdr_phys);
	st->open = 1;
	st->fs->snapshots++;
	return 0;
}

static int	any_line(struct pm_state *, const char *, size_t, long);

/* " Tag  Paged" and " Tag  Nonp " as they begin a row, little-endian,
 * the blank after the type included */
#define PAGED_ROW_LE	0x206465676150ULL	/* "Paged " */
#define NONP_ROW_LE	0x706e6f4eULL		/* "Nonp" */

#if defined(__SSE2__)
/* The blanks of l[0..n) (16 <= n <= 128) as a bitmap, bit i of b[i / 64]
 * for byte i, every bit from n on set: sixteen bytes at a time, the last
 * sixteen read as those that end at n. */
static void
blank_bits(const char *l, size_t n, uint64_t b[2])
{
	uint64_t	 m[8];
	size_t		 i, last = (n - 1) / 16;

	for (i = 0; i < last; i++)
		m[i] = util_blanks16(l + 16 * i);
	m[last] = (uint64_t)util_blanks16(l + n - 16) >> (16 * (last + 1) - n) |
	    ~(uint64_t)0 << (n - 16 * last);
	for (i = last + 1; i < 8; i++)
		m[i] = 0xffff;
	b[0] = m[0] | m[1] << 16 | m[2] << 32 | m[3] << 48;
	b[1] = m[4] | m[5] << 16 | m[6] << 32 | m[7] << 48;
}

/* The index of the lowest bit of the 128 of b, cleared; 128 if none. */
static inline size_t
take_bit(uint64_t b[2])
{
	size_t	 i;

	if (b[0] != 0) {
		i = (size_t)__builtin_ctzll(b[0]);
		b[0] &= b[0] - 1;
		return i;
	}
	if (b[1] != 0) {
		i = 64 + (size_t)__builtin_ctzll(b[1]);
		b[1] &= b[1] - 1;
		return i;
	}
	return 128;
}

/* plain_numbers for a whole line of 16 to 128 bytes, the numbers from
 * l + from (a blank before it) to the end: 1 with v set if that is five
 * runs of 1 to 18 digits between blanks, 0 if not, -1 if the line is of
 * another length.  Where plain_numbers finds each number after the one
 * before, every step waiting on the last, here the runs all come out of
 * one bitmap of the blanks, and each number of up to eight digits is
 * read from the eight bytes that end with it, at once. */
static int
plain_runs(const char *l, size_t n, size_t from, int64_t *v)
{
	uint64_t	 b[2], st[2], en[2], w;
	size_t		 i, s, t, len;

	if (n < 16 || n > 128)
		return -1;
	blank_bits(l, n, b);
	/* the bytes that are not blanks, from `from` on; where a run of
	 * them starts, and where one ends */
	b[0] = ~b[0] & ~(uint64_t)0 << from;
	b[1] = ~b[1];
	st[0] = b[0] & ~(b[0] << 1);
	st[1] = b[1] & ~(b[1] << 1 | b[0] >> 63);
	en[0] = b[0] & ~(b[0] >> 1 | b[1] << 63);
	en[1] = b[1] & ~(b[1] >> 1);
	for (i = 0; i < 5; i++) {
		if ((s = take_bit(st)) == 128)
			return 0;
		t = take_bit(en);
		len = t - s + 1;
		if (len > 8) {
			if (len > 18 || util_digits(l + s, l + n, &w) != len)
				return 0;
			v[i] = (int64_t)w;
			continue;
		}
		/* the eight bytes that end with the run (t >= from >= 8) */
		if (!util_digits_last(util_load_le(l + t + 1 - 8), len, &w))
			return 0;
		v[i] = (int64_t)w;
	}
	return take_bit(st) == 128;
}
#endif

/* The usual row of an open snapshot, read and added with less ado than
 * pm_classify takes: the four bytes of the tag between blanks, the type,
 * a blank, the five numbers of plain_numbers and nothing after them but
 * blanks (no driver), when the row is new to the snapshot.  pm_classify
 * reads such a row the same.  Returns 1 if it was one, else 0 with
 * nothing done. */
static int
plain_row(struct pm_state *st, const char *l, size_t n, long line)
{
	const char	*e = l + n, *p;
	enum pool_type	 type;
	uint64_t	 w;
	int64_t		 v[5];
	int		 r = -1;

	/* sixteen bytes: the eight read at l + 6, and more than the
	 * shortest such row (" T    Nonp 0 0 0 0 0") */
	if (n < 16 || l[0] != ' ' || l[5] != ' ')
		return 0;
	w = util_load_le(l + 6);
	if ((w & 0xffffffffffffULL) == PAGED_ROW_LE ||
	    ((w & 0xffffffffffULL) == (PAGED_ROW_LE & 0xffffffffffULL) &&
	    l[11] == '\t')) {
		type = POOL_PAGED;
		p = l + 12;
	} else if ((w & 0xffffffffULL) == NONP_ROW_LE && blank(l[10])) {
		type = POOL_NONPAGED;
		p = l + 11;
	} else
		return 0;
#if defined(__SSE2__)
	r = plain_runs(l, n, (size_t)(p - l), v);
#endif
	if (r == 0 || (r == -1 && ((p = plain_numbers(p, e, v)) == NULL ||
	    util_skip_blanks(p, e) != e)))
		return 0;
	/* a second row for the tag: pm_line says so */
	if (table_add(st->ctx->table, st->snap, (const unsigned char *)l + 1,
	    type, v[0], v[1], v[2], v[3], NULL, 0) != 0)
		return 0;
	st->fs->rows++;
	parse_line(st->fs, line, line, LINE_ROW);
	return 1;
}

/* One line of a poolmon log; returns -1 (with the diag set) to stop. */
static int
pm_line(struct pm_state *st, const char *l, size_t n, long line)
{
	if (st->open && plain_row(st, l, n, line))
		return 0;
	return any_line(st, l, n, line);
}

/* pm_line for every line. */
static int
any_line(struct pm_state *st, const char *l, size_t n, long line)
{
	struct parse_ctx *ctx = st->ctx;
	struct file_stats *fs = st->fs;
	struct pm_row	 row;
	int64_t		 v1, v2;
	int		 col;
	char		 msg[160], tag[24], when[40];

	switch (pm_classify(l, n, &row, &v1, &v2, &col, msg, sizeof(msg))) {
	case PM_ROW:
		if (!st->open && open_snapshot(st, line) == -1)
			return -1;
		if (table_add(ctx->table, st->snap, row.tag, row.type,
		    row.allocs, row.frees, row.diff, row.bytes, row.driver,
		    row.driver_len) != 0)
			parse_skip(fs, SKIP_DUPLICATE, line,
			    "second row for '%s' %s at %s",
			    units_tag(row.tag, tag, sizeof(tag)),
			    row.type == POOL_PAGED ? "Paged" : "Nonp",
			    ts_format(table_snapshot(ctx->table,
			    st->snap)->t_ms, 0, when, sizeof(when)));
		else {
			fs->rows++;
			parse_line(fs, line, line, LINE_ROW);
		}
		break;
	case PM_DAMAGED:
		parse_skip(fs, SKIP_DAMAGED, line, "%s", msg);
		break;
	case PM_MEMORY:
		parse_line(fs, line, line, LINE_STRUCTURE);
		if (st->open)
			close_snapshot(st);
		st->hdr_phys = v1;
		break;
	case PM_COMMIT:
		parse_line(fs, line, line, LINE_STRUCTURE);
		if (st->open)
			close_snapshot(st);
		st->hdr_np = v1;
		st->hdr_p = v2;
		break;
	case PM_COLUMNS:
		parse_line(fs, line, line, LINE_STRUCTURE);
		if (st->open)
			close_snapshot(st);
		break;
	case PM_TIME:
		parse_line(fs, line, line, LINE_STRUCTURE);
		if (st->open)
			close_snapshot(st);
		st->have_time = 1;
		st->time = v1;
		break;
	case PM_BLANK:
	case PM_TITLE:
		parse_line(fs, line, line, LINE_STRUCTURE);
		break;
	case PM_OTHER:
		parse_skip(fs, SKIP_UNRECOGNISED, line,
		    "not a poolmon line: '%s'",
		    parse_excerpt(l, n, msg, sizeof(msg)));
		break;
	}
	return 0;
}

static void
pm_start(struct pm_state *st, struct parse_ctx *ctx, struct file_stats *fs,
    const char *name)
{
	memset(st, 0, sizeof(*st));
	st->ctx = ctx;
	st->fs = fs;
	st->name = name;
	close_snapshot(st);
}

/* The second half of a long log, read on a thread of its own while the
 * first half is read as usual: from a time line after the middle to the
 * end, into a table of its own.  It is appended to the file's table when
 * every line of it was a row or a structure line, each of its snapshots
 * had a time line, and the first half ends at its start with nothing
 * carried over (no Memory or Commit figures waiting for the next
 * snapshot); otherwise it is thrown away and the file read on past the
 * seam as usual.  The result is the same either way. */
struct pm_tail {
	struct split	*split;
	int64_t		 from;		/* where it begins */
	struct parse_ctx ctx;		/* with a table of its own */
	struct diag	 diag;
	struct file_stats fs;
	struct parse_progress pg;
	struct pm_state	 st;
};

static int
tail_at(const char *l, size_t n)
{
	struct pm_row	 row;
	int64_t		 v1, v2;
	int		 col;
	char		 msg[160];

	return pm_classify(l, n, &row, &v1, &v2, &col, msg, sizeof(msg)) ==
	    PM_TIME;
}

static int
tail_line(const char *l, size_t n, long line, void *arg)
{
	struct pm_tail	*t = arg;
	int		 r;

	t->fs.lines++;
	parse_progress(&t->pg, n);
	if (pm_line(&t->st, l, n, line) == -1)
		return 0;
	for (r = 0; r < SKIP_NREASONS; r++)
		if (t->fs.first_line[r] != 0)
			return 0;
	return 1;
}

static struct pm_tail *
tail_start(struct parse_ctx *ctx, struct input *in)
{
	struct pm_tail	*t;
	int64_t		 from;

	if (ctx->jobs < 2 ||
	    (from = split_find(in, ctx->split_min, tail_at)) == -1)
		return NULL;
	t = xcalloc(1, sizeof(*t));
	t->ctx = *ctx;
	t->ctx.table = table_new_like(ctx->table);
	t->ctx.diag = &t->diag;
	t->ctx.jobs = 1;
	/* every snapshot of the half has a time line of its own */
	t->ctx.have_start = t->ctx.have_name_time = 0;
	pm_start(&t->st, &t->ctx, &t->fs, input_name(in));
	t->from = from;
	parse_progress_start(&t->pg, t->ctx.table, in, from);
	if ((t->split = split_start(in, from, tail_line, t)) == NULL) {
		table_free(t->ctx.table);
		free(t);
		return NULL;
	}
	return t;
}

/* Wait for the tail; with take, append it: returns 1 if it was. */
static int
tail_end(struct pm_tail *t, struct parse_ctx *ctx, struct file_stats *fs,
    long line, int take)
{
	long	 lines;
	int	 done = 0;

	lines = split_join(t->split);
	if (take && lines > 0 && table_append(ctx->table, t->ctx.table) == 0) {
		parse_lines_add(fs, &t->fs, line);
		fs->split = 1;
		done = 1;
	}
	table_free(t->ctx.table);
	free(t);
	return done;
}

int
fmt_poolmon_parse(struct parse_ctx *ctx, struct input *in,
    struct file_stats *fs)
{
	struct pm_state	 st;
	struct pm_tail	*tail;
	struct parse_progress pg;
	const char	*l;
	size_t		 n;
	long		 line = 0;
	int		 r, take;

	pm_start(&st, ctx, fs, input_name(in));
	fs->format = "poolmon";
	parse_progress_start(&pg, ctx->table, in, -1);
	tail = tail_start(ctx, in);
	for (;;) {
		if (tail != NULL && input_offset(in) >= tail->from) {
			/* the half begins with a time line: it closes an open
			 * snapshot, and figures before it would carry on */
			take = input_offset(in) == tail->from && (st.open ||
			    (st.hdr_phys == -1 && st.hdr_np == -1 &&
			    st.hdr_p == -1));
			r = tail_end(tail, ctx, fs, line, take);
			tail = NULL;
			if (r)
				return 0;
		}
		if ((r = input_getline(in, &l, &n)) != 1)
			break;
		line = input_lineno(in);
		fs->lines++;
		parse_progress(&pg, n);
		if (pm_line(&st, l, n, line) == -1) {
			r = -1;
			break;
		}
	}
	if (tail != NULL)
		tail_end(tail, ctx, fs, line, 0);
	return r == -1 ? -1 : 0;
}
