/* csvin.c: CSV rows with line numbers, and what the CSV formats share. */

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "csvin.h"
#include "split.h"
#include "timestamp.h"
#include "units.h"
#include "util.h"

struct reader {
	char		*field[CSVIN_MAXFIELDS];
	size_t		 len[CSVIN_MAXFIELDS];
	int		 n;
	int		 idle;		/* libcsv is between records */
	int		 at_nl;		/* it is given a line's newline */
	char		*plain[CSVIN_MAXFIELDS];	/* into buf */
	char		*buf;		/* a plain line, split */
	size_t		 bufsize;
	long		 line;		/* line being fed */
	long		 next;		/* first line of the next record */
	int		 stop;
	struct file_stats *fs;
	csv_row_fn	 fn;
	void		*arg;
	char		 delim;		/* ',' or TAB */
};

static void
on_field(void *data, size_t len, void *arg)
{
	struct reader	*r = arg;

	if (r->n < CSVIN_MAXFIELDS) {
		r->field[r->n] = xreallocarray(r->field[r->n], len + 1, 1);
		memcpy(r->field[r->n], data == NULL ? "" : data, len);
		r->field[r->n][len] = '\0';
		r->len[r->n] = len;
	}
	r->n++;
}

/* A record ends: it began on r->next, or on this line when an earlier
 * record ended on it too. */
static void
end_row(struct reader *r, char *const *field)
{
	struct csv_row	 row;
	long		 first = r->next <= r->line ? r->next : r->line;

	if (!r->stop && r->n > 0) {
		row.n = r->n < CSVIN_MAXFIELDS ? r->n : CSVIN_MAXFIELDS;
		row.field = field;
		row.len = r->len;
		row.line = first;
		if (r->fn(&row, r->arg) == -1)
			r->stop = 1;
	}
	/* what the row function did not classify is structure: a header,
	 * a blank line */
	if (!r->stop)
		parse_line(r->fs, first, r->line, LINE_STRUCTURE);
	r->next = r->line + 1;
	r->n = 0;
}

/* Every newline ends a record (CSV_REPALL_NL); a record that ends at the
 * end of a line leaves libcsv between records (a CR within a line ends
 * one too, and what follows it may open a quote). */
static void
on_row(int c, void *arg)
{
	struct reader	*r = arg;

	(void)c;
	end_row(r, r->field);
	if (r->at_nl)
		r->idle = 1;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Blanks around a field of tab-separated values: spaces only. */
static int
space_only(unsigned char c)
{
	return c == ' ';
}

/* One field of a plain line, s to e, trimmed as libcsv trims it. */
static void
plain_field(struct reader *r, char *s, char *e)
{
	if (r->n < CSVIN_MAXFIELDS) {
		while (s < e && (*s == ' ' || (*s == '\t' && r->delim != '\t')))
			s++;
		while (e > s && (e[-1] == ' ' || (e[-1] == '\t' &&
		    r->delim != '\t')))
			e--;
		*e = '\0';
		r->plain[r->n] = s;
		r->len[r->n] = (size_t)(e - s);
	}
	r->n++;
}

/* A line that is a record of its own, without quotes: split here, as
 * libcsv would (blanks around each field trimmed).  The line is copied
 * with eight zero bytes after it and scanned a word at a time for
 * delimiters, quotes and carriage returns; each delimiter becomes the NUL
 * that ends its field.  Returns 0 if the line is not one (libcsv reads
 * it). */
static int
plain_row(struct reader *r, const char *l, size_t n)
{
	const uint64_t	 quote = UTIL_BYTES('"'), cr = UTIL_BYTES('\r');
	const uint64_t	 delim = UTIL_BYTES(r->delim);
	uint64_t	 w, m;
	char		*b, *s;
	size_t		 i, at;

	for (i = 0; i < n && blank(l[i]); i++)
		;
	if (i == n || (r->delim == '\t' && i > 0))
		return 0;
	if (r->buf == NULL || n + 8 > r->bufsize) {
		r->bufsize = n + 8 > 2 * r->bufsize ? n + 8 : 2 * r->bufsize;
		r->buf = xreallocarray(r->buf, r->bufsize, 1);
	}
	b = s = r->buf;
	memcpy(b, l, n);
	memset(b + n, 0, 8);
	for (i = 0; i < n; i += 8) {
		w = util_load_le(b + i);
		if (util_zero_bytes(w ^ quote) | util_zero_bytes(w ^ cr)) {
			r->n = 0;
			return 0;
		}
		for (m = util_zero_bytes(w ^ delim); m != 0; m &= m - 1) {
			at = i + util_first_byte(m);
			plain_field(r, s, b + at);
			s = b + at + 1;
		}
	}
	plain_field(r, s, b + n);
	end_row(r, r->plain);
	return 1;
}

/* The second half of a big file, read on a thread of its own while the
 * first half is read as usual: its lines, from a line start at byte from
 * to the end, each through the fast path into a table of its own.  When
 * the first half ends there between records, and every line of the
 * second was a plain row the fast path took, that table is appended to
 * the file's; otherwise it is thrown away and the file is read on past
 * the seam as usual.  Either way the result is the same. */
struct tail {
	struct split	*split;
	int64_t		 from;		/* where it begins */
	struct parse_ctx ctx;		/* with a table of its own */
	struct diag	 diag;
	struct file_stats fs;
	struct parse_progress pg;
	struct csv_sink	*sink;		/* inside arg */
	void		*arg;		/* the fast path's, copied */
};

static void
seen(struct csv_sink *sk, uint32_t snap)
{
	size_t	 old;

	if (snap / 8 >= sk->seencap) {
		old = sk->seencap;
		sk->seencap = ((size_t)snap / 8 + 1) * 2;
		sk->seen = xreallocarray(sk->seen, sk->seencap, 1);
		memset(sk->seen + old, 0, sk->seencap - old);
	}
	if (!(sk->seen[snap / 8] & (1 << snap % 8))) {
		sk->seen[snap / 8] |= 1 << snap % 8;
		sk->nseen++;
	}
}

/* A line of the tail through the fast path. */
static int
tail_line(const char *l, size_t n, long line, void *arg)
{
	struct tail	*t = arg;

	parse_progress(&t->pg, n);
	return t->sink->fast(l, n, line, t->arg);
}

static void
tail_free(struct tail *t)
{
	free(t->sink->seen);
	table_free(t->ctx.table);
	free(t->arg);
	free(t);
}

/* Start reading the second half of the file on another thread, if the
 * run may use two, the input is a big regular file, and the format's
 * fast path can be copied. */
static struct tail *
tail_start(struct csv_sink *sk, struct input *in, void *arg)
{
	struct tail	*t;
	int64_t		 from;

	if (sk->clone == NULL || sk->ctx->jobs < 2 ||
	    (from = split_find(in, sk->ctx->split_min, NULL)) == -1)
		return NULL;
	t = xcalloc(1, sizeof(*t));
	t->ctx = *sk->ctx;
	t->ctx.table = table_new_like(sk->ctx->table);
	t->ctx.diag = &t->diag;
	t->ctx.jobs = 1;
	t->arg = sk->clone(arg, &t->sink);
	memset(t->sink, 0, sizeof(*t->sink));
	t->sink->ctx = &t->ctx;
	t->sink->fs = &t->fs;
	t->sink->header_done = 1;
	t->sink->fast = sk->fast;
	t->from = from;
	parse_progress_start(&t->pg, t->ctx.table, in, from);
	if ((t->split = split_start(in, from, tail_line, t)) == NULL) {
		tail_free(t);
		return NULL;
	}
	return t;
}

/* Wait for the tail.  With take (the first half ended at its start,
 * between records, after line), append it to the file's table and count
 * its lines: returns 1 if it was, 0 if the file must be read on. */
static int
tail_end(struct tail *t, struct csv_sink *sk, struct file_stats *fs,
    long line, int take)
{
	const struct snapshot *x;
	size_t		 i;
	long		 lines;
	int		 done = 0;

	lines = split_join(t->split);
	if (take && lines > 0 && t->fs.rows == lines &&
	    table_append(sk->ctx->table, t->ctx.table) == 0) {
		fs->lines += lines;
		fs->rows += t->fs.rows;
		fs->split = 1;
		parse_line(fs, line + 1, line + lines, LINE_ROW);
		for (i = 0; i < table_nsnapshots(t->ctx.table); i++) {
			x = table_snapshot(t->ctx.table, i);
			seen(sk, table_snapshot_at(sk->ctx->table, x->t_ms,
			    x->utc));
		}
		done = 1;
	}
	tail_free(t);
	return done;
}

/* The rows of an input; sk's fast path, when sk is not NULL and the row
 * function has set it, is offered each line that begins a record first,
 * and may read the file's second half aside (see struct tail). */
static int
rows(struct input *in, struct file_stats *fs, struct diag *diag,
    char delim, csv_row_fn fn, struct csv_sink *sk, void *arg)
{
	struct csv_parser p;
	struct reader	 r;
	struct tail	*tail = NULL;
	struct parse_progress pg;
	const char	*l;
	size_t		 n;
	int		 rc = 0, i, ok, tried = 0;

	memset(&r, 0, sizeof(r));
	r.fn = fn;
	r.arg = arg;
	r.fs = fs;
	r.delim = delim;
	r.next = 1;
	r.idle = 1;
	parse_progress_start(&pg, sk != NULL ? sk->ctx->table : NULL, in, -1);
	if (csv_init(&p, CSV_APPEND_NULL | CSV_REPALL_NL) != 0) {
		diag_set(diag, input_name(in), 0, 0,
		    "cannot start the CSV parser");
		return -1;
	}
	if (delim == '\t') {
		csv_set_delim(&p, '\t');
		csv_set_space_func(&p, space_only);
	}
	/* Feed line by line, so a row's callback knows its line. */
	for (;;) {
		if (!tried && sk != NULL && sk->fast != NULL) {
			tried = 1;
			tail = tail_start(sk, in, arg);
		}
		if (tail != NULL && input_offset(in) >= tail->from) {
			ok = tail_end(tail, sk, fs, r.line, !r.stop &&
			    input_offset(in) == tail->from && r.idle &&
			    r.next == r.line + 1);
			tail = NULL;
			if (ok) {
				rc = 0;
				break;
			}
		}
		if (r.stop || (rc = input_getline(in, &l, &n)) != 1)
			break;
		r.line = input_lineno(in);
		fs->lines++;
		parse_progress(&pg, n);
		/* between records, a line without quotes needs no libcsv */
		if (r.idle && r.next == r.line) {
			if (sk != NULL && sk->fast != NULL &&
			    sk->fast(l, n, r.line, arg)) {
				r.next = r.line + 1;
				continue;
			}
			if (plain_row(&r, l, n))
				continue;
		}
		r.idle = r.at_nl = 0;
		ok = csv_parse(&p, l, n, on_field, on_row, &r) == n;
		r.at_nl = 1;
		if (!ok || csv_parse(&p, "\n", 1, on_field, on_row, &r) != 1) {
			diag_set(diag, input_name(in), r.line, 0, "%s",
			    csv_strerror(csv_error(&p)));
			r.stop = 1;
		}
	}
	if (tail != NULL)
		tail_end(tail, sk, fs, r.line, 0);
	if (!r.stop && rc != -1)
		csv_fini(&p, on_field, on_row, &r);
	csv_free(&p);
	for (i = 0; i < CSVIN_MAXFIELDS; i++)
		free(r.field[i]);
	free(r.buf);
	return r.stop || rc == -1 ? -1 : 0;
}

int
csvin_rows(struct input *in, struct file_stats *fs, struct diag *diag,
    csv_row_fn fn, void *arg)
{
	return rows(in, fs, diag, ',', fn, NULL, arg);
}

int
csvin_rows_delim(struct input *in, struct file_stats *fs, struct diag *diag,
    char delim, csv_row_fn fn, void *arg)
{
	return rows(in, fs, diag, delim, fn, NULL, arg);
}

void
csvin_columns(const struct csv_row *r, const char *const *names, int nnames,
    int *col)
{
	const char	*s;
	size_t		 n;
	int		 i, k;

	for (k = 0; k < nnames; k++)
		col[k] = -1;
	for (i = 0; i < r->n; i++) {
		s = r->field[i];
		n = r->len[i];
		csvin_trim(&s, &n);
		for (k = 0; k < nnames; k++)
			if (col[k] == -1 && strlen(names[k]) == n &&
			    strncasecmp(s, names[k], n) == 0)
				col[k] = i;
	}
}

int
csvin_int(const char *s, size_t n, int64_t *v)
{
	uint64_t	 u = 0, limit;
	size_t		 i = 0;
	int		 neg;

	csvin_trim(&s, &n);
	if (n == 0 || n >= 32)
		return -1;
	neg = s[0] == '-';
	if (s[0] == '-' || s[0] == '+')
		i = 1;
	if (i == n)
		return -1;
	/* up to 18 digits cannot overflow */
	if (n - i <= 18) {
		for (; i < n; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			u = u * 10 + (uint64_t)(s[i] - '0');
		}
		*v = neg ? -(int64_t)u : (int64_t)u;
		return 0;
	}
	/* as strtoll, less the values it also gives on overflow */
	limit = neg ? (uint64_t)INT64_MAX : (uint64_t)INT64_MAX - 1;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' ||
		    u > (limit - (uint64_t)(s[i] - '0')) / 10)
			return -1;
		u = u * 10 + (uint64_t)(s[i] - '0');
	}
	*v = neg ? -(int64_t)u : (int64_t)u;
	return 0;
}

static int
hexval(int c)
{
	return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
}

int
csvin_tag(const char *s, size_t n, unsigned char tag[4])
{
	size_t	 o = 0, i;

	memset(tag, ' ', 4);
	for (i = 0; i < n; i++) {
		if (o == 4)
			return -1;
		if (s[i] == '\\' && i + 3 < n && s[i + 1] == 'x' &&
		    isxdigit((unsigned char)s[i + 2]) &&
		    isxdigit((unsigned char)s[i + 3])) {
			tag[o++] = (unsigned char)(hexval((unsigned char)s[i + 2]) *
			    16 + hexval((unsigned char)s[i + 3]));
			i += 3;
		} else
			tag[o++] = (unsigned char)s[i];
	}
	return o == 0 ? -1 : 0;
}

void
csvin_add(struct csv_sink *sk, long line, int64_t t, int utc,
    const unsigned char tag[4], enum pool_type type, int64_t allocs,
    int64_t frees, int64_t diff, int64_t bytes, const char *driver,
    size_t dlen)
{
	char	 tbuf[24], when[40];

	if (!sk->have_last || sk->last_t != t) {
		sk->last_snap = table_snapshot_at(sk->ctx->table, t, utc);
		sk->last_t = t;
		sk->have_last = 1;
		seen(sk, sk->last_snap);
	}
	if (table_add(sk->ctx->table, sk->last_snap, tag, type, allocs, frees,
	    diff, bytes, driver, dlen) != 0)
		parse_skip(sk->fs, SKIP_DUPLICATE, line,
		    "second row for '%s' %s at %s",
		    units_tag(tag, tbuf, sizeof(tbuf)),
		    type == POOL_PAGED ? "Paged" : "Nonp",
		    ts_format(t, utc, when, sizeof(when)));
	else {
		sk->fs->rows++;
		parse_line(sk->fs, line, line, LINE_ROW);
	}
}

void
csvin_sink_done(struct csv_sink *sk)
{
	sk->fs->snapshots = sk->nseen;
	free(sk->seen);
	sk->seen = NULL;
}

int
csvin_parse(struct parse_ctx *ctx, struct input *in, struct file_stats *fs,
    const char *format, char delim, struct csv_sink *sk, csv_row_fn fn,
    void *arg)
{
	int		 rc;

	memset(sk, 0, sizeof(*sk));
	sk->ctx = ctx;
	sk->fs = fs;
	fs->format = format;
	rc = rows(in, fs, ctx->diag, delim, fn, sk, arg);
	csvin_sink_done(sk);
	if (rc == 0 && !sk->header_done) {
		diag_set(ctx->diag, input_name(in), 1, 0, "no header row");
		rc = -1;
	}
	return rc;
}
