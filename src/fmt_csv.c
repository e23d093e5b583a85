/* fmt_csv.c: pooltrend's long CSV, timestamp,tag,type,allocs,frees,diff,bytes. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "fmt_csv.h"
#include "timestamp.h"
#include "units.h"
#include "util.h"

enum col {
	COL_TIMESTAMP, COL_TAG, COL_TYPE, COL_ALLOCS, COL_FREES, COL_DIFF,
	COL_BYTES, COL_HOST, NCOLS
};

static const char *const colname[NCOLS] = {
	"timestamp", "tag", "type", "allocs", "frees", "diff", "bytes", "host"
};

#define MAXFIELDS 64

struct csv_state {
	struct parse_ctx	*ctx;
	struct file_stats	*fs;
	const char		*name;
	int			 col[NCOLS];	/* field index, -1 absent */
	int			 header_done;
	int			 nfields;
	char			*field[MAXFIELDS];
	size_t			 flen[MAXFIELDS];
	long			 line;		/* line being fed */
	long			 row_line;	/* line where the row began */
	int			 failed;
	int64_t			 last_t;
	uint32_t		 last_snap;
	int			 have_last;
	uint8_t			*seen;		/* snapshots this file has rows of */
	size_t			 seencap;
	long			 nseen;
};

static void
on_field(void *data, size_t len, void *arg)
{
	struct csv_state *st = arg;

	if (st->nfields == 0)
		st->row_line = st->line;
	if (st->nfields < MAXFIELDS) {
		st->field[st->nfields] = xreallocarray(st->field[st->nfields],
		    len + 1, 1);
		memcpy(st->field[st->nfields], data == NULL ? "" : data, len);
		st->field[st->nfields][len] = '\0';
		st->flen[st->nfields] = len;
	}
	st->nfields++;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

int
fmt_csv_tag(const char *s, size_t n, unsigned char tag[4])
{
	size_t	 o = 0, i;
	int	 hi, lo;

	memset(tag, ' ', 4);
	for (i = 0; i < n; i++) {
		if (o == 4)
			return -1;
		if (s[i] == '\\' && i + 3 < n && s[i + 1] == 'x' &&
		    isxdigit((unsigned char)s[i + 2]) &&
		    isxdigit((unsigned char)s[i + 3])) {
			hi = isdigit((unsigned char)s[i + 2]) ? s[i + 2] - '0' :
			    (tolower((unsigned char)s[i + 2]) - 'a' + 10);
			lo = isdigit((unsigned char)s[i + 3]) ? s[i + 3] - '0' :
			    (tolower((unsigned char)s[i + 3]) - 'a' + 10);
			tag[o++] = (unsigned char)(hi * 16 + lo);
			i += 3;
		} else
			tag[o++] = (unsigned char)s[i];
	}
	return o == 0 ? -1 : 0;
}

/* An integer field; returns 0, or -1. */
static int
int_field(const char *s, size_t n, int64_t *v)
{
	char	*end, buf[32];

	trim(&s, &n);
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!isdigit((unsigned char)buf[buf[0] == '-' || buf[0] == '+']))
		return -1;
	*v = strtoll(buf, &end, 10);
	return *end == '\0' && !(*v == INT64_MAX || *v == INT64_MIN) ? 0 : -1;
}

static void
header(struct csv_state *st)
{
	int	 i, c;
	const char *s;
	size_t	 n;

	for (c = 0; c < NCOLS; c++)
		st->col[c] = -1;
	for (i = 0; i < st->nfields && i < MAXFIELDS; i++) {
		s = st->field[i];
		n = st->flen[i];
		trim(&s, &n);
		for (c = 0; c < NCOLS; c++)
			if (strlen(colname[c]) == n &&
			    strncasecmp(s, colname[c], n) == 0 && st->col[c] == -1)
				st->col[c] = i;
	}
	for (c = 0; c < COL_HOST; c++)
		if (st->col[c] == -1) {
			diag_set(st->ctx->diag, st->name, st->row_line, 0,
			    "missing column '%s' in the header (needs "
			    "timestamp,tag,type,allocs,frees,diff,bytes)",
			    colname[c]);
			st->failed = 1;
			return;
		}
	st->header_done = 1;
}

static void
damaged(struct csv_state *st, int c, const char *what)
{
	parse_skip(st->fs, SKIP_DAMAGED, st->row_line, "%s in column '%s'",
	    what, colname[c]);
}

static void
row(struct csv_state *st)
{
	const char	*s;
	size_t		 n;
	int64_t		 t, v[4];
	int		 utc, c, need = 0;
	unsigned char	 tag[4];
	enum pool_type	 type;
	char		 tbuf[24], when[40];

	for (c = 0; c < NCOLS; c++)
		if (st->col[c] + 1 > need)
			need = st->col[c] + 1;
	if (st->nfields < need) {
		parse_skip(st->fs, SKIP_DAMAGED, st->row_line,
		    "row has %d fields, needs %d", st->nfields, need);
		return;
	}
	s = st->field[st->col[COL_TIMESTAMP]];
	n = st->flen[st->col[COL_TIMESTAMP]];
	if (!ts_parse_field(s, n, &t, &utc)) {
		damaged(st, COL_TIMESTAMP, "expected a time (ISO 8601 or "
		    "epoch seconds)");
		return;
	}
	s = st->field[st->col[COL_TAG]];
	n = st->flen[st->col[COL_TAG]];
	if (fmt_csv_tag(s, n, tag) == -1) {
		damaged(st, COL_TAG, "expected a tag of 1 to 4 bytes");
		return;
	}
	s = st->field[st->col[COL_TYPE]];
	n = st->flen[st->col[COL_TYPE]];
	trim(&s, &n);
	if (n == 5 && strncasecmp(s, "paged", 5) == 0)
		type = POOL_PAGED;
	else if ((n == 4 && strncasecmp(s, "nonp", 4) == 0) ||
	    (n == 8 && strncasecmp(s, "nonpaged", 8) == 0))
		type = POOL_NONPAGED;
	else {
		damaged(st, COL_TYPE, "expected Paged or Nonp");
		return;
	}
	for (c = COL_ALLOCS; c <= COL_BYTES; c++) {
		if (int_field(st->field[st->col[c]], st->flen[st->col[c]],
		    &v[c - COL_ALLOCS]) == -1) {
			damaged(st, c, "expected an integer");
			return;
		}
		if (c != COL_DIFF && v[c - COL_ALLOCS] < 0) {
			damaged(st, c, "negative number");
			return;
		}
	}
	if (st->col[COL_HOST] >= 0) {
		s = st->field[st->col[COL_HOST]];
		n = st->flen[st->col[COL_HOST]];
		trim(&s, &n);
		if (st->ctx->host == NULL)
			st->ctx->host = xstrndup(s, n);
		else if (strlen(st->ctx->host) != n || strncmp(st->ctx->host, s, n) != 0) {
			diag_set(st->ctx->diag, st->name, st->row_line, 0,
			    "one host per run: host '%.*s' after '%s'",
			    (int)(n > 60 ? 60 : n), s, st->ctx->host);
			st->failed = 1;
			return;
		}
	}
	if (!st->have_last || st->last_t != t) {
		st->last_snap = table_snapshot_at(st->ctx->table, t, utc);
		st->last_t = t;
		st->have_last = 1;
		if (st->last_snap / 8 >= st->seencap) {
			size_t	 old = st->seencap;

			st->seencap = (st->last_snap / 8 + 1) * 2;
			st->seen = xreallocarray(st->seen, st->seencap, 1);
			memset(st->seen + old, 0, st->seencap - old);
		}
		if (!(st->seen[st->last_snap / 8] & (1 << st->last_snap % 8))) {
			st->seen[st->last_snap / 8] |= 1 << st->last_snap % 8;
			st->nseen++;
		}
	}
	if (table_add(st->ctx->table, st->last_snap, tag, type, v[0], v[1],
	    v[2], v[3], NULL, 0) != 0)
		parse_skip(st->fs, SKIP_DUPLICATE, st->row_line,
		    "second row for '%s' %s at %s",
		    units_tag(tag, tbuf, sizeof(tbuf)),
		    type == POOL_PAGED ? "Paged" : "Nonp",
		    ts_format(t, utc, when, sizeof(when)));
	else
		st->fs->rows++;
}

static void
on_row(int c, void *arg)
{
	struct csv_state *st = arg;

	(void)c;
	if (st->failed)
		return;
	if (!st->header_done)
		header(st);
	else
		row(st);
	st->nfields = 0;
}

int
fmt_csv_parse(struct parse_ctx *ctx, struct input *in, struct file_stats *fs)
{
	struct csv_parser p;
	struct csv_state st;
	const char	*l;
	size_t		 n;
	int		 r = 0, i;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.fs = fs;
	st.name = input_name(in);
	fs->format = "csv";
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		diag_set(ctx->diag, st.name, 0, 0, "cannot start the CSV parser");
		return -1;
	}
	while (!st.failed && (r = input_getline(in, &l, &n)) == 1) {
		st.line = input_lineno(in);
		fs->lines++;
		if (csv_parse(&p, l, n, on_field, on_row, &st) != n ||
		    csv_parse(&p, "\n", 1, on_field, on_row, &st) != 1) {
			diag_set(ctx->diag, st.name, st.line, 0, "%s",
			    csv_strerror(csv_error(&p)));
			st.failed = 1;
		}
	}
	if (!st.failed)
		csv_fini(&p, on_field, on_row, &st);
	csv_free(&p);
	for (i = 0; i < MAXFIELDS; i++)
		free(st.field[i]);
	fs->snapshots = st.nseen;
	free(st.seen);
	if (st.failed || r == -1)
		return -1;
	if (!st.header_done) {
		diag_set(ctx->diag, st.name, 1, 0, "no header row");
		return -1;
	}
	return 0;
}
