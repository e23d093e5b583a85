/* fmt_perfmon.c: performance counter logs (typeperf, relog, logman PDH-CSV).
 *
 * "(PDH-CSV 4.0) (Pacific Standard Time)(480)","\\HOST\Memory\Pool Paged Bytes",...
 * "09/08/2002 12:35:45.166","11.296813511113458",...
 *
 * Console captures drop the zone part, begin with a blank line and end with
 * a localized message; "-1" and " " mark values that are missing. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvin.h"
#include "fmt_perfmon.h"
#include "timestamp.h"
#include "util.h"

enum kind {
	K_UNUSED,
	K_PAGED,	/* \Memory\Pool Paged Bytes */
	K_NONPAGED,	/* \Memory\Pool Nonpaged Bytes */
	K_HANDLES	/* \Process(NAME)\Handle Count */
};

struct pm_state {
	struct parse_ctx	*ctx;
	struct file_stats	*fs;
	const char		*name;
	int			 header_done;
	int			 ncols;
	enum kind		 kind[CSVIN_MAXFIELDS];
	size_t			 counter[CSVIN_MAXFIELDS];
	long			 nseen;
};

/* "\\HOST\Object(Instance)\Counter": the host, object, instance and
 * counter, pointing into s. */
struct path {
	const char	*host, *object, *instance, *counter;
	size_t		 hostlen, objlen, instlen, ctrlen;
};

static int
split_path(const char *s, size_t n, struct path *p)
{
	const char	*e = s + n, *q, *par;

	memset(p, 0, sizeof(*p));
	if (n > 2 && s[0] == '\\' && s[1] == '\\') {
		p->host = s + 2;
		if ((q = memchr(p->host, '\\', (size_t)(e - p->host))) == NULL)
			return -1;
		p->hostlen = (size_t)(q - p->host);
		s = q;
	}
	if (s == e || *s != '\\')
		return -1;
	p->object = ++s;
	/* the counter is after the last backslash */
	for (q = e; q > s && q[-1] != '\\'; q--)
		;
	if (q == s)
		return -1;
	p->counter = q;
	p->ctrlen = (size_t)(e - q);
	p->objlen = (size_t)(q - 1 - s);
	if ((par = memchr(s, '(', p->objlen)) != NULL &&
	    s[p->objlen - 1] == ')') {
		p->instance = par + 1;
		p->instlen = (size_t)(s + p->objlen - 1 - p->instance);
		p->objlen = (size_t)(par - s);
	}
	return 0;
}

static int
is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

static int
header(struct pm_state *st, const struct csv_row *r)
{
	struct path	 p;
	char		 name[160];
	int		 i, used = 0, unused = 0, first_unused = -1, w;
	const char	*s;
	size_t		 n;
	char		 ex[64];

	st->ncols = r->n;
	for (i = 1; i < r->n; i++) {
		st->kind[i] = K_UNUSED;
		s = r->field[i];
		n = r->len[i];
		csvin_trim(&s, &n);
		if (split_path(s, n, &p) == 0) {
			if (is(p.object, p.objlen, "Memory") &&
			    is(p.counter, p.ctrlen, "Pool Paged Bytes"))
				st->kind[i] = K_PAGED;
			else if (is(p.object, p.objlen, "Memory") &&
			    is(p.counter, p.ctrlen, "Pool Nonpaged Bytes"))
				st->kind[i] = K_NONPAGED;
			else if (is(p.object, p.objlen, "Process") &&
			    p.instance != NULL &&
			    is(p.counter, p.ctrlen, "Handle Count")) {
				w = snprintf(name, sizeof(name), "%.*s handles",
				    (int)(p.instlen > 100 ? 100 : p.instlen),
				    p.instance);
				st->kind[i] = K_HANDLES;
				st->counter[i] = table_counter(st->ctx->table,
				    name, (size_t)w);
			}
		}
		if (st->kind[i] == K_UNUSED) {
			if (first_unused < 0)
				first_unused = i;
			unused++;
		} else
			used++;
	}
	if (used == 0) {
		diag_set(st->ctx->diag, st->name, r->line, 0, "no counter this "
		    "tool uses (\\Memory\\Pool Paged Bytes, \\Memory\\Pool "
		    "Nonpaged Bytes, \\Process(*)\\Handle Count)");
		return -1;
	}
	if (unused > 0)
		snprintf(st->fs->note, sizeof(st->fs->note), "%d %s not used "
		    "(the first: %s)", unused, unused == 1 ? "counter" :
		    "counters", parse_excerpt(r->field[first_unused],
		    r->len[first_unused], ex, sizeof(ex)));
	st->header_done = 1;
	return 0;
}

/* A value: a decimal number; "-1", " " and "" are missing (0 returned);
 * 1 for a value, -1 for one that is not a number. */
static int
value(const char *s, size_t n, double *v)
{
	char	 buf[64], *end;

	csvin_trim(&s, &n);
	if (n == 0 || is(s, n, "-1"))
		return 0;
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!isdigit((unsigned char)buf[0]) && buf[0] != '.')
		return -1;
	errno = 0;
	*v = strtod(buf, &end);
	/* found by fuzzing: bytes beyond 64 bits cannot be counted */
	return *end == '\0' && errno == 0 && isfinite(*v) && *v < 9.2e18 ?
	    1 : -1;
}

static int
on_row(const struct csv_row *r, void *arg)
{
	struct pm_state	*st = arg;
	const char	*s;
	size_t		 n;
	int64_t		 t;
	int		 i, k, damaged = 0, any = 0;
	double		 v;
	uint32_t	 snap = 0;
	int64_t		 tot[POOL_NTYPES] = { -1, -1 };
	char		 ex[64];

	if (!st->header_done) {
		s = r->field[0];
		n = r->len[0];
		csvin_trim(&s, &n);
		if (n >= 13 && strncmp(s, "(PDH-CSV 4.0)", 13) == 0)
			return header(st, r);
		if (n == 0 && r->n <= 1)
			return 0;		/* the console's blank line */
		diag_set(st->ctx->diag, st->name, r->line, 0,
		    "expected the \"(PDH-CSV 4.0)\" header");
		return -1;
	}
	s = r->field[0];
	n = r->len[0];
	if (r->n < 2 || !ts_parse_line(s, n, &t)) {
		/* the console's closing message, a logger's lines */
		parse_skip(st->fs, SKIP_UNRECOGNISED, r->line,
		    "not a perfmon row: '%s'", parse_excerpt(s, n, ex,
		    sizeof(ex)));
		return 0;
	}
	for (i = 1; i < r->n && i < st->ncols; i++) {
		if (st->kind[i] == K_UNUSED)
			continue;
		if ((k = value(r->field[i], r->len[i], &v)) == -1) {
			damaged = i;
			continue;
		}
		if (k == 0 || v < 0)
			continue;
		if (!any) {
			snap = table_snapshot_at(st->ctx->table, t, 0);
			any = 1;
			st->nseen++;
		}
		switch (st->kind[i]) {
		case K_PAGED:
			tot[POOL_PAGED] = (int64_t)(v + 0.5);
			break;
		case K_NONPAGED:
			tot[POOL_NONPAGED] = (int64_t)(v + 0.5);
			break;
		case K_HANDLES:
			if (table_counter_add(st->ctx->table, st->counter[i],
			    snap, v) != 0)
				parse_skip(st->fs, SKIP_DUPLICATE, r->line,
				    "second value of a counter at one time");
			break;
		default:
			break;
		}
	}
	if (any) {
		table_set_header(st->ctx->table, snap, tot[POOL_PAGED],
		    tot[POOL_NONPAGED], -1);
		st->fs->rows++;
	}
	/* a row with no values yet (the first sample of a counter) is a row */
	parse_line(st->fs, r->line, r->line, LINE_ROW);
	if (damaged)
		parse_skip(st->fs, SKIP_DAMAGED, r->line,
		    "expected a number in column %d ('%s')", damaged + 1,
		    parse_excerpt(r->field[damaged], r->len[damaged], ex,
		    sizeof(ex)));
	return 0;
}

int
fmt_perfmon_parse(struct parse_ctx *ctx, struct input *in,
    struct file_stats *fs)
{
	struct pm_state	 st;
	int		 rc;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.fs = fs;
	st.name = input_name(in);
	fs->format = "perfmon";
	rc = csvin_rows(in, fs, ctx->diag, on_row, &st);
	fs->snapshots = st.nseen;
	if (rc == 0 && !st.header_done) {
		diag_set(ctx->diag, st.name, 1, 0,
		    "expected the \"(PDH-CSV 4.0)\" header");
		rc = -1;
	}
	return rc;
}
