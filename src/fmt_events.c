/* fmt_events.c: exported System logs: the exhaustion events in them.
 *
 * Checked against published captures of each shape:
 *
 *	wevtutil qe System /f:text		Event Viewer details text
 *	Event[0]:				Log Name:      System
 *	  Log Name: System			Source:        Microsoft-Windows-...
 *	  Source: Microsoft-Windows-...		Date:          4/26/2015 4:30:59 PM
 *	  Date: 2019-05-26T10:21:11.251		Event ID:      2004
 *	  Event ID: 2004			...
 *	  ...					Description:
 *	  Description:				Windows successfully diagnosed ...
 *	Windows successfully diagnosed ...
 *
 * Event Viewer's "Save As" CSV: Level,Date and Time,Source,Event ID,Task
 * Category, with the description an unnamed sixth field, or the same
 * separated by tabs (its "Save As" text); PowerShell's
 * Export-Csv of Get-WinEvent ("Message","Id",...,"ProviderName",...,
 * "TimeCreated",...) and of Get-EventLog ("EventID",...,"Message",
 * "Source",...,"TimeGenerated",...), after an optional #TYPE line.  Field
 * names are English in every language; dates are the writer's: month first
 * with '/', day first with '.' or '-', ISO 8601. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvin.h"
#include "fmt_events.h"
#include "timestamp.h"
#include "util.h"

const char *
fmt_events_kind(const char *src, size_t n, long id, int *pool)
{
	static const char red[] = "Resource-Exhaustion-Detector";
	size_t	 k = sizeof(red) - 1;

	while (n > 0 && isspace((unsigned char)src[n - 1]))
		n--;
	while (n > 0 && isspace((unsigned char)*src)) {
		src++;
		n--;
	}
	*pool = -1;
	if (id == 2004 && n >= k && strncasecmp(src + n - k, red, k) == 0)
		return "low virtual memory";
	if (n == 3 && strncasecmp(src, "srv", 3) == 0) {
		if (id == 2019) {
			*pool = POOL_NONPAGED;
			return "nonpaged pool empty";
		}
		if (id == 2020) {
			*pool = POOL_PAGED;
			return "paged pool empty";
		}
	}
	return NULL;
}

/* "Event[12]:" */
static int
event_start(const char *l, size_t n)
{
	size_t	 i = 6;

	if (n < 9 || memcmp(l, "Event[", 6) != 0)
		return 0;
	while (i < n && isdigit((unsigned char)l[i]))
		i++;
	return i > 6 && i + 2 == n && l[i] == ']' && l[i + 1] == ':';
}

int
fmt_events_line(const char *l, size_t n)
{
	while (n > 0 && isspace((unsigned char)l[n - 1]))
		n--;
	if (event_start(l, n) || (n > 9 && memcmp(l, "Log Name:", 9) == 0))
		return 1;
	if (memchr(l, ',', n) == NULL && memchr(l, '\t', n) == NULL)
		return 0;
	return (util_has_word(l, n, "Date and Time") &&
	    util_has_word(l, n, "Event ID") &&
	    util_has_word(l, n, "Source")) ||
	    (util_has_word(l, n, "TimeCreated") &&
	    util_has_word(l, n, "ProviderName") &&
	    util_has_word(l, n, "\"Id\"")) ||
	    (util_has_word(l, n, "TimeGenerated") &&
	    util_has_word(l, n, "EventID") &&
	    util_has_word(l, n, "Source"));
}

/* D.M.Y or D-M-Y h:m:s, day first, as European locales write dates. */
static int
day_first(const char *s, size_t n, int64_t *ms)
{
	char	 buf[64] = "", sep, ampm[3] = "";
	int	 d, mo, y, h, mi, sec = 0, k = 0, used = 0;

	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (sscanf(buf, "%2d%c%2d", &d, &sep, &mo) != 3 ||
	    (sep != '.' && sep != '-'))
		return 0;
	k = sscanf(buf, "%2d%*c%2d%*c%4d %2d:%2d:%2d%n", &d, &mo, &y, &h,
	    &mi, &sec, &used);
	if (k != 6) {
		used = 0;
		if (sscanf(buf, "%2d%*c%2d%*c%4d %2d:%2d%n", &d, &mo, &y, &h,
		    &mi, &used) != 5)
			return 0;
		sec = 0;
	}
	if (buf[2] != sep || buf[5] != sep || y < 1000)
		return 0;
	while (buf[used] == ' ')
		used++;
	if (buf[used] != '\0') {
		if (sscanf(buf + used, "%2s", ampm) != 1 ||
		    buf[used + 2] != '\0')
			return 0;
		if (strcasecmp(ampm, "PM") == 0 && h >= 1 && h < 12)
			h += 12;
		else if (strcasecmp(ampm, "AM") == 0 && h == 12)
			h = 0;
		else if (strcasecmp(ampm, "AM") != 0 &&
		    strcasecmp(ampm, "PM") != 0)
			return 0;
	}
	*ms = ts_from_civil(y, mo, d, h, mi, sec, 0);
	return *ms != INT64_MIN;
}

/* A date as an event log writes it.  Returns 1 and sets *ms and *utc,
 * or 0. */
static int
event_time(const char *s, size_t n, int64_t *ms, int *utc)
{
	csvin_trim(&s, &n);
	*utc = 0;
	if (ts_parse_line(s, n, ms))
		return 1;
	if (ts_parse_field(s, n, ms, utc))
		return 1;
	return day_first(s, n, ms);
}

/* An event read: where it began and ended, and its fields. */
struct ev {
	long		 first, last;
	char		*source, *date, *msg;
	long		 id;
	int		 have_id;
};

struct e_state {
	struct parse_ctx	*ctx;
	struct file_stats	*fs;
	const char		*name;
	long			 other;		/* events passed over */
	/* CSV */
	struct csv_sink		 sink;		/* its header_done */
	int			 c_time, c_id, c_source, c_msg;
};

/* Take the event: add it if it reports exhaustion, count it if not;
 * classify its lines, first to last, all in one class (a skip of the
 * first line merges with the structure classified before it). */
static void
take(struct e_state *st, const char *source, size_t slen, long id,
    const char *date, size_t dlen, const char *msg, size_t mlen, long first,
    long last)
{
	const char	*kind, *nl;
	char		 src[128], ex[64];
	int64_t		 t;
	int		 utc, pool;

	parse_line(st->fs, first, last, LINE_STRUCTURE);
	if ((kind = fmt_events_kind(source, slen, id, &pool)) == NULL) {
		st->other++;
		return;
	}
	if (!event_time(date, dlen, &t, &utc)) {
		parse_skip(st->fs, SKIP_DAMAGED, first, "expected a date of "
		    "the event, not '%s'", parse_excerpt(date, dlen, ex,
		    sizeof(ex)));
		return;
	}
	csvin_trim(&source, &slen);
	snprintf(src, sizeof(src), "%.*s", (int)(slen < 127 ? slen : 127),
	    source);
	csvin_trim(&msg, &mlen);
	if ((nl = memchr(msg, '\n', mlen)) != NULL)
		mlen = (size_t)(nl - msg);
	while (mlen > 0 && msg[mlen - 1] == '\r')
		mlen--;
	if (table_event_add(st->ctx->table, t, utc, (int)id, src, kind, pool,
	    msg, mlen) != 0) {
		parse_skip(st->fs, SKIP_DUPLICATE, first, "second event %ld of "
		    "%s at one time", id, src);
		return;
	}
	st->fs->rows++;
	parse_line(st->fs, first, first, LINE_ROW);
}

/* "  Key: value" or "Key:     value": the value of key, or NULL. */
static const char *
key_value(const char *l, size_t n, const char *key, size_t *vlen)
{
	size_t	 k = strlen(key);

	while (n > 0 && (*l == ' ' || *l == '\t')) {
		l++;
		n--;
	}
	if (n < k + 1 || memcmp(l, key, k) != 0 || l[k] != ':')
		return NULL;
	l += k + 1;
	n -= k + 1;
	while (n > 0 && (*l == ' ' || *l == '\t')) {
		l++;
		n--;
	}
	*vlen = n;
	return l;
}

static void
ev_clear(struct ev *e)
{
	free(e->source);
	free(e->date);
	free(e->msg);
	memset(e, 0, sizeof(*e));
}

static void
ev_end(struct e_state *st, struct ev *e)
{
	if (e->first == 0)
		return;
	if (!e->have_id || e->source == NULL || e->date == NULL) {
		parse_line(st->fs, e->first, e->last, LINE_STRUCTURE);
		parse_skip(st->fs, SKIP_DAMAGED, e->first, "event without %s",
		    !e->have_id ? "an 'Event ID:'" : e->source == NULL ?
		    "a 'Source:'" : "a 'Date:'");
	} else
		take(st, e->source, strlen(e->source), e->id, e->date,
		    strlen(e->date), e->msg != NULL ? e->msg : "",
		    e->msg != NULL ? strlen(e->msg) : 0, e->first, e->last);
	ev_clear(e);
}

/* wevtutil's text, or Event Viewer's details text: blocks of "Key: value"
 * lines from "Event[N]:" or "Log Name:" to the next. */
static int
parse_text(struct e_state *st, struct input *in)
{
	struct ev	 e;
	const char	*l, *v;
	size_t		 n, vn;
	long		 line, id;
	int		 r, in_desc = 0;
	char		 msg[64], *end;

	memset(&e, 0, sizeof(e));
	while ((r = input_getline(in, &l, &n)) == 1) {
		line = input_lineno(in);
		st->fs->lines++;
		while (n > 0 && isspace((unsigned char)l[n - 1]))
			n--;
		/* wevtutil's "Event[N]:", or the details text's "Log
		 * Name:" at the start of a line (wevtutil indents its own) */
		if (event_start(l, n) || (n > 0 && l[0] != ' ' &&
		    key_value(l, n, "Log Name", &vn) != NULL)) {
			ev_end(st, &e);
			e.first = e.last = line;
			in_desc = 0;
			continue;
		}
		if (e.first == 0) {
			/* before the first event: a prompt, the command */
			if (n == 0 || util_has_word(l, n, "wevtutil"))
				parse_line(st->fs, line, line, LINE_STRUCTURE);
			else
				parse_skip(st->fs, SKIP_UNRECOGNISED, line,
				    "not a line of an exported event log: '%s'",
				    parse_excerpt(l, n, msg, sizeof(msg)));
			continue;
		}
		e.last = line;
		if (in_desc) {
			if (e.msg == NULL && n > 0)
				e.msg = xstrndup(l, n);
			continue;
		}
		if ((v = key_value(l, n, "Source", &vn)) != NULL) {
			free(e.source);
			e.source = xstrndup(v, vn);
		} else if ((v = key_value(l, n, "Date", &vn)) != NULL) {
			free(e.date);
			e.date = xstrndup(v, vn);
		} else if ((v = key_value(l, n, "Event ID", &vn)) != NULL) {
			id = strtol(v, &end, 10);
			e.have_id = end != v && (size_t)(end - v) == vn &&
			    id >= 0;
			e.id = id;
		} else if ((v = key_value(l, n, "Description", &vn)) != NULL) {
			in_desc = 1;
			if (vn > 0)
				e.msg = xstrndup(v, vn);
		}
	}
	if (r == 0)
		ev_end(st, &e);
	ev_clear(&e);
	return r == -1 ? -1 : 0;
}

static const char *
cell(const struct csv_row *r, int c, size_t *len)
{
	if (c < 0 || c >= r->n) {
		*len = 0;
		return "";
	}
	*len = r->len[c];
	return r->field[c];
}

static int
on_row(const struct csv_row *r, void *arg)
{
	static const char *const names[] = {
		"Date and Time", "Event ID", "Source", "TimeCreated", "Id",
		"ProviderName", "Message", "TimeGenerated", "EventID"
	};
	struct e_state	*st = arg;
	int		 c[9];
	const char	*s, *date, *src, *msg;
	size_t		 n, dn, sn, mn;
	char		*end, num[32];
	long		 id;

	if (!st->sink.header_done) {
		if (r->n == 1 && strncmp(r->field[0], "#TYPE", 5) == 0)
			return 0;	/* PowerShell's type line */
		csvin_columns(r, names, 9, c);
		if (c[0] >= 0 && c[1] >= 0 && c[2] >= 0) {
			/* Event Viewer: the description has no name */
			st->c_time = c[0];
			st->c_id = c[1];
			st->c_source = c[2];
			st->c_msg = r->n;
		} else if (c[3] >= 0 && c[4] >= 0 && c[5] >= 0) {
			st->c_time = c[3];
			st->c_id = c[4];
			st->c_source = c[5];
			st->c_msg = c[6];
		} else if (c[7] >= 0 && c[8] >= 0 && c[2] >= 0) {
			st->c_time = c[7];
			st->c_id = c[8];
			st->c_source = c[2];
			st->c_msg = c[6];
		} else {
			diag_set(st->ctx->diag, st->name, r->line, 0, "the "
			    "header needs Date and Time, Source and Event ID "
			    "(Event Viewer), TimeCreated, ProviderName and Id "
			    "(Get-WinEvent), or TimeGenerated, Source and "
			    "EventID (Get-EventLog)");
			return -1;
		}
		st->sink.header_done = 1;
		return 0;
	}
	if (r->n == 1 && r->len[0] == 0)
		return 0;		/* a blank line */
	s = cell(r, st->c_id, &n);
	csvin_trim(&s, &n);
	snprintf(num, sizeof(num), "%.*s", (int)(n < 31 ? n : 31), s);
	id = strtol(num, &end, 10);
	if (n == 0 || *end != '\0' || id < 0) {
		parse_skip(st->fs, SKIP_DAMAGED, r->line, "expected an event "
		    "ID, not '%s'", parse_excerpt(s, n, num, sizeof(num)));
		return 0;
	}
	date = cell(r, st->c_time, &dn);
	src = cell(r, st->c_source, &sn);
	msg = cell(r, st->c_msg, &mn);
	/* the record's other lines are classified by the reader */
	take(st, src, sn, id, date, dn, msg, mn, r->line, r->line);
	return 0;
}

int
fmt_events_parse(struct parse_ctx *ctx, struct input *in,
    struct file_stats *fs)
{
	struct e_state	 st;
	const char	*peek, *l, *e, *nl;
	size_t		 n;
	int		 rc;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.fs = fs;
	st.name = input_name(in);
	fs->format = "events";
	/* text when the first line that is not blank is not a CSV header */
	n = input_peek(in, &peek);
	for (l = peek, e = peek + n; l < e; l = nl + 1) {
		nl = memchr(l, '\n', (size_t)(e - l));
		n = (size_t)((nl == NULL ? e : nl) - l);
		while (n > 0 && isspace((unsigned char)l[n - 1]))
			n--;
		if (n > 0 || nl == NULL)
			break;
	}
	if (l < e && memchr(l, '\t', n) != NULL && util_has_word(l, n, "Event ID")) {
		/* Event Viewer's "Save As" text: tab-separated values */
		rc = csvin_parse(ctx, in, fs, "events", '\t', &st.sink, on_row,
		    &st);
		fs->snapshots = 0;
	} else if (l < e && (memchr(l, ',', n) != NULL || (n >= 5 &&
	    memcmp(l, "#TYPE", 5) == 0))) {
		rc = csvin_parse(ctx, in, fs, "events", ',', &st.sink, on_row,
		    &st);
		fs->snapshots = 0;
	} else
		rc = parse_text(&st, in);
	if (rc == 0 && st.other > 0)
		snprintf(fs->note, sizeof(fs->note), "%ld other %s passed over: "
		    "not about pool or memory exhaustion", st.other,
		    st.other == 1 ? "event" : "events");
	return rc;
}
