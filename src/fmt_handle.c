/* fmt_handle.c: Sysinternals handle.exe type summaries (handle -s).
 *
 * Checked against captures of handle v3.42 and v4.22 (handle -s -p PID)
 * published in the RabbitMQ management agent's sources, and the banners of
 * v4.11 and v5.0 in public issue reports:
 *
 *	Nthandle v4.22 - Handle viewer
 *	Copyright (C) 1997-2019 Mark Russinovich
 *	Sysinternals - www.sysinternals.com
 *
 *	Handle type summary:
 *	  <Unknown type>  : 1
 *	  ALPC Port       : 11
 *	  WaitCompletionPacket: 25
 *	Total handles: 706
 *
 * Names are padded to 16 columns, longer ones are not; a name may appear
 * twice in one summary (their counts are added).  The output does not name
 * the process of -p, so a command line written before a capture
 * ("C:\>handle -s -p lsass.exe") names it; times come from time lines as
 * in poolmon logs, or the file name. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fmt_handle.h"
#include "timestamp.h"
#include "util.h"

/* One type of the capture being read. */
struct count {
	char		*type;
	long long	 n;
};

struct h_state {
	struct parse_ctx	*ctx;
	struct file_stats	*fs;
	const char		*name;
	char			*process;	/* of -p, or NULL: every process */
	int			 have_time;
	int64_t			 time;
	int			 name_used;
	int			 in_summary;
	long			 summary_line;	/* where it started */
	long			 cut;		/* summaries without a total */
	struct count		*c;
	size_t			 nc, cc;
};

static int
starts(const char *l, size_t n, const char *w)
{
	size_t	 k = strlen(w);

	return n >= k && memcmp(l, w, k) == 0;
}

static int
is(const char *l, size_t n, const char *w)
{
	return n == strlen(w) && memcmp(l, w, n) == 0;
}

int
fmt_handle_line(const char *l, size_t n)
{
	while (n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\t'))
		n--;
	return is(l, n, "Handle type summary:") ||
	    is(l, n, "Sysinternals - www.sysinternals.com") ||
	    (starts(l, n, "Nthandle v") && n >= 13 &&
	    memcmp(l + n - 13, "Handle viewer", 13) == 0);
}

/* Blanks, digits, blanks from p to e: the count.  Returns 0, or -1. */
static int
number(const char *p, const char *e, long long *v)
{
	const char	*d;

	*v = 0;
	while (p < e && *p == ' ')
		p++;
	for (d = p; p < e && isdigit((unsigned char)*p); p++) {
		if (*v > (INT64_MAX - 9) / 10)
			return -1;
		*v = *v * 10 + (*p - '0');
	}
	if (p == d)
		return -1;
	while (p < e && isspace((unsigned char)*p))
		p++;
	return p == e ? 0 : -1;
}

/* "  ALPC Port       : 11": the type and count.  Returns 1, or 0. */
static int
type_line(const char *l, size_t n, const char **type, size_t *tlen,
    long long *count)
{
	const char	*colon = NULL, *p, *e = l + n;
	long long	 v;

	if (n < 2 || !isspace((unsigned char)l[0]))
		return 0;
	for (p = l; p < e; p++)
		if (*p == ':')
			colon = p;
	if (colon == NULL || number(colon + 1, e, &v) == -1)
		return 0;
	for (p = l; p < colon && isspace((unsigned char)*p); p++)
		;
	for (e = colon; e > p && e[-1] == ' '; e--)
		;
	if (e == p)
		return 0;
	*type = p;
	*tlen = (size_t)(e - p);
	*count = v;
	return 1;
}

/* "C:\>handle64.exe -accepteula -s -p lsass.exe": a command line that
 * runs handle with -s.  Returns 1 and sets *proc (NULL: every process), or
 * 0 if the line is not one. */
static int
command_line(const char *l, size_t n, char **proc)
{
	const char	*p = l, *e = l + n, *w, *we, *prog;
	int		 s = 0, want_p = 0;
	char		*name = NULL;

	/* the program: the first word, after a prompt ending in '>' */
	for (w = p; w < e && *w != ' '; w++)
		if (*w == '>')
			p = w + 1;
	while (p < e && *p == ' ')
		p++;
	for (we = p; we < e && *we != ' '; we++)
		;
	for (prog = we; prog > p && prog[-1] != '\\' && prog[-1] != '/';
	    prog--)
		;
	if (!((we - prog == 6 && strncasecmp(prog, "handle", 6) == 0) ||
	    (we - prog == 10 && strncasecmp(prog, "handle.exe", 10) == 0) ||
	    (we - prog == 8 && strncasecmp(prog, "handle64", 8) == 0) ||
	    (we - prog == 12 && strncasecmp(prog, "handle64.exe", 12) == 0)))
		return 0;
	for (p = we; p < e; p = we) {
		while (p < e && *p == ' ')
			p++;
		for (we = p; we < e && *we != ' '; we++)
			;
		if (we == p)
			break;
		if (want_p) {
			free(name);
			name = xstrndup(p, (size_t)(we - p));
			want_p = 0;
		} else if (we - p == 2 && (*p == '-' || *p == '/') &&
		    (p[1] == 's' || p[1] == 'S'))
			s = 1;
		else if (we - p == 2 && (*p == '-' || *p == '/') &&
		    (p[1] == 'p' || p[1] == 'P'))
			want_p = 1;
	}
	if (!s) {
		free(name);
		return 0;
	}
	*proc = name;
	return 1;
}

static void
clear_counts(struct h_state *st)
{
	size_t	 i;

	for (i = 0; i < st->nc; i++)
		free(st->c[i].type);
	st->nc = 0;
}

static void
add_count(struct h_state *st, const char *type, size_t len, long long v)
{
	size_t	 i;

	for (i = 0; i < st->nc; i++)
		if (strlen(st->c[i].type) == len &&
		    memcmp(st->c[i].type, type, len) == 0) {
			st->c[i].n += v;
			return;
		}
	if (st->nc == st->cc) {
		st->cc = st->cc == 0 ? 32 : st->cc * 2;
		st->c = xreallocarray(st->c, st->cc, sizeof(*st->c));
	}
	st->c[st->nc].type = xstrndup(type, len);
	st->c[st->nc++].n = v;
}

/* One counter value at snapshot snap, named "[PROCESS ]handles[: TYPE]". */
static void
put(struct h_state *st, uint32_t snap, const char *type, double v, long line)
{
	char	 name[256];
	int	 k;
	size_t	 c;

	k = snprintf(name, sizeof(name), "%s%shandles%s%s", st->process != NULL ?
	    st->process : "", st->process != NULL ? " " : "", type != NULL ?
	    ": " : "", type != NULL ? type : "");
	if (k < 0 || (size_t)k >= sizeof(name))
		k = sizeof(name) - 1;
	c = table_counter(st->ctx->table, name, (size_t)k);
	if (table_counter_add(st->ctx->table, c, snap, v) != 0)
		parse_skip(st->fs, SKIP_DUPLICATE, line, "second value for "
		    "'%s' at one time", name);
}

/* The summary read ends (at its total, or cut short): its counts become
 * the counters of one snapshot.  Returns 0, or -1 with the diag set. */
static int
end_summary(struct h_state *st, int have_total, long long total, long line)
{
	struct parse_ctx *ctx = st->ctx;
	uint32_t	 snap;
	int64_t		 t;
	size_t		 i;

	st->in_summary = 0;
	if (parse_snapshot_time(ctx, st->name, st->summary_line,
	    "handle summary", st->have_time, st->time, &st->name_used,
	    &t) == -1)
		return -1;
	st->have_time = 0;
	snap = table_snapshot_at(ctx->table, t, 0);
	st->fs->snapshots++;
	for (i = 0; i < st->nc; i++)
		put(st, snap, st->c[i].type, (double)st->c[i].n, line);
	if (have_total)
		put(st, snap, NULL, (double)total, line);
	clear_counts(st);
	return 0;
}

int
fmt_handle_parse(struct parse_ctx *ctx, struct input *in,
    struct file_stats *fs)
{
	struct h_state	 st;
	const char	*l, *type;
	size_t		 n, tlen;
	long long	 v;
	long		 line = 0;
	int64_t		 t;
	char		 msg[64], *proc;
	int		 r, rc = -1;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.fs = fs;
	st.name = input_name(in);
	fs->format = "handle";
	while ((r = input_getline(in, &l, &n)) == 1) {
		line = input_lineno(in);
		fs->lines++;
		while (n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\t'))
			n--;
		if (st.in_summary && type_line(l, n, &type, &tlen, &v)) {
			add_count(&st, type, tlen, v);
			parse_line(fs, line, line, LINE_ROW);
			fs->rows++;
			continue;
		}
		if (st.in_summary && n > 0 && isspace((unsigned char)l[0])) {
			parse_skip(fs, SKIP_DAMAGED, line, "expected a handle "
			    "type, a colon and a count: '%s'",
			    parse_excerpt(l, n, msg, sizeof(msg)));
			continue;
		}
		if (st.in_summary && starts(l, n, "Total handles:")) {
			if (number(l + 14, l + n, &v) == -1) {
				parse_skip(fs, SKIP_DAMAGED, line, "expected a "
				    "count after 'Total handles:'");
				st.cut++;
				if (end_summary(&st, 0, 0, line) == -1)
					goto out;
				continue;
			}
			parse_line(fs, line, line, LINE_ROW);
			if (end_summary(&st, 1, v, line) == -1)
				goto out;
			continue;
		}
		if (st.in_summary)
			st.cut++;
		/* anything else ends a summary cut short */
		if (st.in_summary && end_summary(&st, 0, 0, line) == -1)
			goto out;
		if (is(l, n, "Handle type summary:")) {
			st.in_summary = 1;
			st.summary_line = line;
			parse_line(fs, line, line, LINE_STRUCTURE);
		} else if (n == 0 || fmt_handle_line(l, n) ||
		    starts(l, n, "Copyright (C)") || starts(l, n, "Handle v")) {
			parse_line(fs, line, line, LINE_STRUCTURE);
		} else if (ts_parse_line(l, n, &t)) {
			st.have_time = 1;
			st.time = t;
			parse_line(fs, line, line, LINE_STRUCTURE);
		} else if (command_line(l, n, &proc)) {
			free(st.process);
			st.process = proc;
			parse_line(fs, line, line, LINE_STRUCTURE);
		} else
			parse_skip(fs, SKIP_UNRECOGNISED, line, "not a line of "
			    "handle -s: '%s'", parse_excerpt(l, n, msg,
			    sizeof(msg)));
	}
	if (r == -1)
		goto out;
	if (st.in_summary) {
		st.cut++;
		if (end_summary(&st, 0, 0, line) == -1)
			goto out;
	}
	if (st.cut > 0)
		snprintf(fs->note, sizeof(fs->note), "%ld handle %s without "
		    "'Total handles:' (cut short): the types' counts kept, no "
		    "total", st.cut, st.cut == 1 ? "summary" : "summaries");
	rc = 0;
out:
	clear_counts(&st);
	free(st.c);
	free(st.process);
	return rc;
}
