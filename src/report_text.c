/* report_text.c: findings -> the ranked text report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet.h"
#include "report.h"
#include "timestamp.h"
#include "units.h"
#include "util.h"

static const char *const pool_names[POOL_NTYPES] = { "paged", "nonpaged" };
static const char *const type_names[POOL_NTYPES] = { "Paged", "Nonp" };

/* Skipped lines of each kind, one and many. */
static const char *const skip_lines[SKIP_NREASONS][2] = {
	[SKIP_DAMAGED] = { "line of a damaged row", "lines of damaged rows" },
	[SKIP_UNRECOGNISED] = { "unrecognised line", "unrecognised lines" },
	[SKIP_DUPLICATE] = { "line of a duplicate row",
	    "lines of duplicate rows" },
};

/* Colours (ECMA-48 SGR), only with --color. */
#define SGR_RED		"1;31"
#define SGR_YELLOW	"33"
#define SGR_GREEN	"32"

static void
paint(FILE *fp, const struct report_opts *ro, const char *sgr, const char *s)
{
	if (ro->color && sgr != NULL)
		fprintf(fp, "\033[%sm%s\033[0m", sgr, s);
	else
		fputs(s, fp);
}

/* s in at most width columns (0: any), cut with "..." between UTF-8
 * characters. */
static void
fit(FILE *fp, const char *s, int width)
{
	size_t	 n = strlen(s), cut, i, cols = 0;

	if (width <= 0) {
		fputs(s, fp);
		return;
	}
	for (i = 0; i < n; i++)
		cols += ((unsigned char)s[i] & 0xc0) != 0x80;
	if (cols <= (size_t)width) {
		fputs(s, fp);
		return;
	}
	if (width < 4) {
		fputs("...", fp);
		return;
	}
	/* keep width - 3 characters */
	for (cut = 0, cols = 0; cut < n; cut++) {
		if (((unsigned char)s[cut] & 0xc0) != 0x80 &&
		    cols++ == (size_t)width - 3)
			break;
	}
	fwrite(s, 1, cut, fp);
	fputs("...", fp);
}

/* The words of s, the first at column col, wrapped at width (0: one
 * line), the lines after the first indented by indent; then a newline. */
static void
wrap(FILE *fp, const char *s, size_t col, int width, size_t indent)
{
	const char	*w;
	size_t		 n, first = 1;

	while (*s == ' ')
		s++;
	while (*s != '\0') {
		for (w = s; *w != '\0' && *w != ' '; w++)
			;
		n = (size_t)(w - s);
		if (!first && width > 0 && col + 1 + n > (size_t)width) {
			fprintf(fp, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', fp);
			col++;
		}
		fwrite(s, 1, n, fp);
		col += n;
		first = 0;
		for (s = w; *s == ' '; s++)
			;
	}
	fputc('\n', fp);
}

/* "next: STEP" at column col, if there is a step. */
static void
next_step(FILE *fp, const char *step, int col, int width)
{
	if (step == NULL)
		return;
	fprintf(fp, "%*snext: ", col, "");
	wrap(fp, step, (size_t)col + 6, width, (size_t)col + 6);
}

/* The bytes of a series over the window in SPARK_WIDTH characters, each
 * the mean of the samples in its stretch of time, from the lowest level
 * (the least) to the highest (the most); a stretch without samples is a
 * blank.  Unicode blocks, or ASCII.  Returns 0 (and "") for a series of
 * fewer than two samples or a window of no time. */
#define SPARK_WIDTH	16
static int
sparkline(const struct table *t, const struct analysis *a, size_t series,
    int ascii, char *buf, size_t size)
{
	static const char *const blocks[8] = {
		"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586",
		"\u2587", "\u2588"
	};
	static const char ramp[] = "_.-=+*#@";
	const struct series_info *si = table_series(t, series);
	struct sample	*x;
	double		 sum[SPARK_WIDTH] = { 0 }, lo = 0, hi = 0, span, v;
	int		 cnt[SPARK_WIDTH] = { 0 }, b, level, any = 0;
	size_t		 i, n, o = 0;

	buf[0] = '\0';
	span = (double)(a->last_ms - a->first_ms);
	if (si->n < 2 || !(span > 0) || size < SPARK_WIDTH * 3 + 1)
		return 0;
	x = xreallocarray(NULL, si->n, sizeof(*x));
	n = table_decode(t, series, x);
	for (i = 0; i < n; i++) {
		b = (int)((double)(table_snapshot(t, x[i].snap)->t_ms -
		    a->first_ms) / span * SPARK_WIDTH);
		b = b < 0 ? 0 : b >= SPARK_WIDTH ? SPARK_WIDTH - 1 : b;
		sum[b] += (double)x[i].bytes;
		cnt[b]++;
	}
	free(x);
	for (b = 0; b < SPARK_WIDTH; b++) {
		if (cnt[b] == 0)
			continue;
		v = sum[b] / cnt[b];
		if (!any || v < lo)
			lo = v;
		if (!any || v > hi)
			hi = v;
		any = 1;
	}
	for (b = 0; b < SPARK_WIDTH; b++) {
		if (cnt[b] == 0) {
			buf[o++] = ' ';
			continue;
		}
		level = hi > lo ? (int)((sum[b] / cnt[b] - lo) / (hi - lo) *
		    7 + 0.5) : 0;
		if (ascii)
			buf[o++] = ramp[level];
		else {
			memcpy(buf + o, blocks[level], 3);
			o += 3;
		}
	}
	buf[o] = '\0';
	return 1;
}

/* Snapshots with counters and no pool data (handle.exe captures). */
static long
counters_only(const struct table *t)
{
	const struct snapshot *s;
	size_t	 i;
	long	 n = 0;

	for (i = 0; t != NULL && i < table_nsnapshots(t); i++) {
		s = table_snapshot(t, i);
		n += s->rows == 0 && s->hdr_bytes[POOL_PAGED] < 0 &&
		    s->hdr_bytes[POOL_NONPAGED] < 0 && s->phys_bytes < 0;
	}
	return n;
}

static void
header(FILE *fp, const struct analysis *a, const struct report_input *ri,
    const char *host, int width)
{
	char	 first[40], last[40], line[320];
	long	 skipped = 0, lines = 0, rowl = 0, strl = 0, n;
	size_t	 i;
	int	 r, any, k;

	for (i = 0; i < ri->nfiles; i++) {
		lines += ri->files[i].lines;
		rowl += ri->files[i].row_lines;
		strl += ri->files[i].structure_lines;
		for (r = 0; r < SKIP_NREASONS; r++)
			skipped += ri->files[i].skipped[r];
	}
	k = snprintf(line, sizeof(line), "pooltrend: %s%.64s%s%zu %s, ",
	    host != NULL ? "host " : "", host != NULL ? host : "",
	    host != NULL ? ", " : "", ri->nfiles, report_plural((long)ri->nfiles,
	    "file", "files"));
	if (a->time_unknown)
		snprintf(line + k, sizeof(line) - k, "1 snapshot (time unknown)");
	else if (a->nsnapshots == 1)
		snprintf(line + k, sizeof(line) - k, "1 snapshot at %s",
		    ts_format(a->first_ms, a->utc, first, sizeof(first)));
	else {
		k += snprintf(line + k, sizeof(line) - k, "%zu snapshots",
		    a->nsnapshots);
		if ((n = counters_only(ri->table)) > 0)
			k += snprintf(line + k, sizeof(line) - k, " (%ld of "
			    "counters only)", n);
		snprintf(line + k, sizeof(line) - k, " from %s to %s (%.1f h)",
		    ts_format(a->first_ms, a->utc, first, sizeof(first)),
		    ts_format(a->last_ms, a->utc, last, sizeof(last)),
		    (double)(a->last_ms - a->first_ms) / 3.6e6);
	}
	wrap(fp, line, 0, width, 2);
	fprintf(fp, "  %zu %s (tag and pool type), %zu %s, %zu boot %s\n",
	    a->ntags, report_plural((long)a->ntags, "tag", "tags"), ri->nsamples,
	    report_plural((long)ri->nsamples, "row", "rows"), a->nsegments,
	    report_plural((long)a->nsegments, "segment", "segments"));
	fprintf(fp, "  %ld %s read: %ld row %s, %ld structure, %ld skipped\n",
	    lines, report_plural(lines, "line", "lines"), rowl,
	    report_plural(rowl, "line", "lines"), strl, skipped);
	for (i = 0; i < ri->nfiles; i++) {
		const struct file_stats *fs = &ri->files[i];

		any = 0;
		k = 0;
		for (r = 0; r < SKIP_NREASONS; r++) {
			if ((n = fs->skipped[r]) == 0)
				continue;
			k += snprintf(line + k, sizeof(line) - k,
			    "%s%ld %s (first at line %ld)", any ? ", " :
			    "skipped ", n, n == 1 ? skip_lines[r][0] :
			    skip_lines[r][1], fs->first_line[r]);
			any = 1;
		}
		if (any) {
			fprintf(fp, "  %s: ", fs->name);
			wrap(fp, line, 4 + strlen(fs->name), width, 4);
		}
	}
	if (ri->duplicates > 0)
		fprintf(fp, "  %zu duplicate %s of a tag at one time dropped\n",
		    ri->duplicates, report_plural((long)ri->duplicates, "sample",
		    "samples"));
	if (ri->skipped_files > 0)
		fprintf(fp, "  %zu %s in directories skipped: not a pool log\n",
		    ri->skipped_files, report_plural((long)ri->skipped_files, "file",
		    "files"));
}

static void
pools(FILE *fp, const struct analysis *a, int width)
{
	char	 now[32], rate[32], limit[32], fills[32], when[40], used[16];
	char	 note[192];
	int	 t;

	fprintf(fp, "\n%-9s %-10s %-12s %-10s %-5s %s\n", "POOL", "NOW",
	    "GROWTH", "LIMIT", "USED", "FILLS IN");
	for (t = 0; t < POOL_NTYPES; t++) {
		const struct pool_finding *p = &a->pools[t];

		if (!p->have_data) {
			fprintf(fp, "%-9s ", pool_names[t]);
			wrap(fp, p->note, 10, width, 10);
			continue;
		}
		units_bytes((double)p->bytes_last, now, sizeof(now));
		units_rate(p->slope_bytes_per_hour, rate, sizeof(rate));
		if (p->limit_bytes > 0) {
			units_bytes((double)p->limit_bytes, limit, sizeof(limit));
			snprintf(used, sizeof(used), "%.0f%%", 100.0 *
			    (double)p->bytes_last / (double)p->limit_bytes);
		} else {
			snprintf(limit, sizeof(limit), "-");
			snprintf(used, sizeof(used), "-");
		}
		fprintf(fp, "%-9s %-10s %-12s %-10s %-5s ", pool_names[t], now,
		    rate, limit, used);
		if (!isnan(p->hours_to_exhaustion))
			snprintf(note, sizeof(note), "%s (%s)", units_hours(
			    p->hours_to_exhaustion, fills, sizeof(fills)),
			    a->time_unknown ? "time unknown" :
			    p->exhaustion_ms >= TREND_NEVER_MS ? "after 9999" :
			    ts_format(p->exhaustion_ms / 60000 * 60000, a->utc,
			    when, sizeof(when)));
		else
			snprintf(note, sizeof(note), "- %s", p->note);
		wrap(fp, note, 51, width, 10);
	}
	for (t = 0; t < POOL_NTYPES; t++)
		if (a->pools[t].next_step != NULL) {
			fprintf(fp, "%-9s next: ", pool_names[t]);
			wrap(fp, a->pools[t].next_step, 16, width, 16);
		}
}

/* Where the limits came from, and what !vm warned of. */
static void
limits(FILE *fp, const struct analysis *a, const struct vm_info *vm)
{
	int	 t, i, any = 0;

	for (t = 0; t < POOL_NTYPES; t++)
		if (a->pools[t].limit_source != NULL &&
		    strcmp(a->pools[t].limit_source, "vm") == 0)
			any = 1;
	if (any) {
		fprintf(fp, "  limits from !vm:");
		for (t = 0; t < POOL_NTYPES; t++)
			if (a->pools[t].limit_source != NULL &&
			    strcmp(a->pools[t].limit_source, "vm") == 0)
				fprintf(fp, " %s", pool_names[t]);
		fprintf(fp, "\n");
	}
	for (i = 0; vm != NULL && i < vm->nbanners; i++)
		fprintf(fp, "  !vm: %s\n", vm->banner[i]);
}

/* Exhaustion events of the system log, and how early the leak was seen
 * in hindsight. */
static void
events(FILE *fp, const struct analysis *a, int width)
{
	const struct event_finding *ef;
	char	 when[40], called[40], tag[24], hours[32], line[400];
	size_t	 i;
	int	 k;

	if (a->nevents == 0)
		return;
	fprintf(fp, "\nEVENTS: %zu exhaustion %s; when the tags would have "
	    "been called from the samples before each\n", a->nevents,
	    report_plural((long)a->nevents, "event", "events"));
	for (i = 0; i < a->nevents; i++) {
		ef = &a->events[i];
		fprintf(fp, "  %s  %d %s: %s\n", ts_format(ef->event->t_ms,
		    a->utc, when, sizeof(when)), ef->event->id,
		    ef->event->source, ef->event->kind);
		k = 0;
		if (ef->segment < 0)
			k = snprintf(line, sizeof(line), "before the first "
			    "snapshot: nothing to judge");
		else if (ef->warned == NULL)
			k = snprintf(line, sizeof(line), "no leak or suspect "
			    "would have been called from the samples before "
			    "it");
		if (ef->warned != NULL && ef->warned != ef->tag)
			k += snprintf(line + k, sizeof(line) - k, "%s %s "
			    "suspect %s before (%s)%s", units_tag(
			    ef->warned->tag, tag, sizeof(tag)),
			    type_names[ef->warned->type], units_hours(
			    ef->warned_hours_before, hours, sizeof(hours)),
			    ts_format(ef->warned_ms / 1000 * 1000, a->utc,
			    called, sizeof(called)), ef->tag != NULL ? "; " :
			    "");
		if (ef->tag != NULL) {
			k += snprintf(line + k, sizeof(line) - k, "%s %s ",
			    units_tag(ef->tag->tag, tag, sizeof(tag)),
			    type_names[ef->tag->type]);
			if (ef->warned == ef->tag && ef->warned_ms <
			    ef->called_ms)
				k += snprintf(line + k, sizeof(line) - k,
				    "suspect %s before (%s), ", units_hours(
				    ef->warned_hours_before, hours,
				    sizeof(hours)), ts_format(ef->warned_ms /
				    1000 * 1000, a->utc, called,
				    sizeof(called)));
			snprintf(line + k, sizeof(line) - k, "leak %s before "
			    "(%s)", units_hours(ef->hours_before, hours,
			    sizeof(hours)), ts_format(ef->called_ms / 1000 *
			    1000, a->utc, called, sizeof(called)));
		}
		fprintf(fp, "%6s", "");
		wrap(fp, line, 6, width, 6);
	}
}

/* Counters (handle counts): the growing ones, or all with --all. */
static void
counters(FILE *fp, const struct analysis *a, const struct report_opts *ro)
{
	struct listing	 l;
	size_t		 i, k, growing = 0, w = 24;
	char		 rate[32], last[32];
	const struct counter_finding *c;

	if (a->ncounters == 0)
		return;
	for (i = 0; i < a->ncounters; i++)
		growing += a->counters[i].verdict == VERDICT_LEAK ||
		    a->counters[i].verdict == VERDICT_SUSPECT;
	fprintf(fp, "\nCOUNTERS: %zu growing of %zu\n", growing, a->ncounters);
	report_list_counters(a, ro, &l);
	for (k = 0; k < l.n; k++)
		if (strlen(a->counters[l.idx[k]].name) > w)
			w = strlen(a->counters[l.idx[k]].name);
	for (k = 0; k < l.n; k++) {
		c = &a->counters[l.idx[k]];
		if (k == 0)
			fprintf(fp, "\n%4s %-*s %-12s %-12s %s\n", "RANK",
			    (int)w, "COUNTER", "VERDICT", "GROWTH", "NOW");
		if (isnan(c->slope_per_hour))
			snprintf(rate, sizeof(rate), "-");
		else
			snprintf(rate, sizeof(rate), "%+.1f/h", c->slope_per_hour);
		snprintf(last, sizeof(last), "%.0f", c->last);
		fprintf(fp, "%4d %-*s %-12s %-12s %s\n", c->rank, (int)w, c->name,
		    trend_verdict_name(c->verdict), rate, last);
		fprintf(fp, "%4s %s\n", "", c->reason);
		next_step(fp, c->next_step, 5, ro->width);
	}
	report_listing_free(&l);
}

/* "[FAIL: leak; new]" before a reason; returns 0 (and "") for a pass. */
static int
gate_mark_text(const struct gate_mark *m, int verdict, char *buf, size_t size)
{
	char	 why[80];
	const char *b = baseline_state_name(m->base);

	switch (m->state) {
	case GATE_PASS:
		buf[0] = '\0';
		return 0;
	case GATE_FAIL:
		snprintf(buf, size, "[FAIL: %s%s%s]", report_gate_why(m,
		    verdict, why, sizeof(why)), b != NULL ? "; " : "",
		    b != NULL ? b : "");
		break;
	case GATE_IGNORED:
		snprintf(buf, size, "[ignored]");
		break;
	case GATE_UNCHANGED:
		snprintf(buf, size, "[unchanged since the baseline]");
		break;
	}
	return 1;
}

static void
gate_item(void *fp, const char *line)
{
	fprintf(fp, "  %s\n", line);
}

/* The gate: passed or failed, and each failure. */
static void
gate(FILE *fp, const struct analysis *a, const struct gate *g,
    const struct report_opts *ro)
{
	fputs("\nGATE: ", fp);
	paint(fp, ro, g->failed ? SGR_RED : SGR_GREEN,
	    g->failed ? "failed" : "passed");
	fprintf(fp, " (exit %d): %zu %s, %zu %s, %zu %s failed\n",
	    g->failed, g->failed_pools,
	    report_plural((long)g->failed_pools, "pool", "pools"), g->failed_tags,
	    report_plural((long)g->failed_tags, "tag", "tags"), g->failed_counters,
	    report_plural((long)g->failed_counters, "counter", "counters"));
	report_gate_items(a, g, gate_item, fp);
}

/* One listed tag: its row and, below it, the sparkline, the gate's mark
 * and the reason. */
static void
tag_row(FILE *fp, const struct analysis *a, const struct report_input *ri,
    const struct report_opts *ro, size_t i, int narrow)
{
	const struct tag_finding *f = &a->tags[i];
	const struct gate *g = ro->gate != NULL && ro->gate->shown ? ro->gate :
	    NULL;
	char	 tag[24], rate[32], now[32], allocs[32], obj[32], share[16];
	char	 fills[32], mark[96], driver[512], spark[SPARK_WIDTH * 3 + 1];
	size_t	 col = 5;

	units_rate(f->slope_bytes_per_hour, rate, sizeof(rate));
	units_bytes((double)f->bytes_last, now, sizeof(now));
	if (isnan(f->diff_slope_per_hour))
		snprintf(allocs, sizeof(allocs), "-");
	else
		snprintf(allocs, sizeof(allocs), "%+.1f", f->diff_slope_per_hour);
	if (isnan(f->object_bytes))
		snprintf(obj, sizeof(obj), "-");
	else
		snprintf(obj, sizeof(obj), "%.0f B", f->object_bytes);
	if (isnan(f->share_of_pool_growth))
		snprintf(share, sizeof(share), "-");
	else
		snprintf(share, sizeof(share), "%.0f%%",
		    100 * f->share_of_pool_growth);
	units_hours(f->hours_to_exhaustion, fills, sizeof(fills));
	snprintf(driver, sizeof(driver), "%s%s%s", f->driver != NULL ?
	    f->driver : f->description == NULL ? "-" : "",
	    f->driver != NULL && f->description != NULL ? " - " : "",
	    f->description != NULL ? f->description : "");
	fprintf(fp, "%4d %-6s %-5s ", f->rank, units_tag(f->tag, tag,
	    sizeof(tag)), type_names[f->type]);
	paint(fp, ro, f->verdict == VERDICT_LEAK ? SGR_RED :
	    f->verdict == VERDICT_SUSPECT ? SGR_YELLOW : NULL,
	    trend_verdict_name(f->verdict));
	fprintf(fp, "%*s", 12 - (int)strlen(trend_verdict_name(f->verdict)),
	    "");
	if (narrow)
		fprintf(fp, " %-12s %-10s %-9s ", rate, now, fills);
	else
		fprintf(fp, " %-12s %-10s %-9s %-8s %-5s %-9s ", rate, now,
		    allocs, obj, share, fills);
	fit(fp, driver, ro->width > 0 ? ro->width - (narrow ? 65 : 91) : 0);
	fputc('\n', fp);
	if (a->nsnapshots == 1) {
		if (report_sizes(f, driver, sizeof(driver)) != NULL) {
			fprintf(fp, "%4s ", "");
			wrap(fp, driver, 5, ro->width, 12);
		}
		return;
	}
	fprintf(fp, "%4s ", "");
	if (ri->table != NULL && sparkline(ri->table, a, f->series, ro->ascii,
	    spark, sizeof(spark))) {
		fprintf(fp, "%s ", spark);
		col += SPARK_WIDTH + 1;
	}
	if (g != NULL && gate_mark_text(&g->tags[i], (int)f->verdict, mark,
	    sizeof(mark))) {
		paint(fp, ro, g->tags[i].state == GATE_FAIL ? SGR_RED : NULL,
		    mark);
		fputc(' ', fp);
		col += strlen(mark) + 1;
	}
	wrap(fp, f->reason, col, ro->width, 5);
	if (report_related(f, driver, sizeof(driver)) != NULL) {
		fprintf(fp, "%4s ", "");
		wrap(fp, driver, 5, ro->width, 11);
	}
	if (report_sizes(f, driver, sizeof(driver)) != NULL) {
		fprintf(fp, "%4s ", "");
		wrap(fp, driver, 5, ro->width, 12);
	}
	next_step(fp, f->next_step, 5, ro->width);
}

int
report_text(FILE *fp, const struct analysis *a, const struct report_input *ri,
    const struct report_opts *ro)
{
	struct listing	 l;
	size_t		 k;
	/* the wide table needs 91 columns and some for the driver */
	int		 narrow = ro->width > 0 && ro->width < 91 + 20;

	header(fp, a, ri, ro->host, ro->width);
	pools(fp, a, ro->width);
	limits(fp, a, ri->vm);
	if (a->nsnapshots == 1)
		/* a dump: no trends, the biggest consumers */
		fprintf(fp, "\nTAGS BY SIZE (one snapshot, so no trend): %zu\n",
		    a->ntags);
	else if (a->ntags == 0)
		fprintf(fp, "\nTAGS: none (no pool tag rows in the input)\n");
	else
		fprintf(fp, "\nTAGS: %zu leak, %zu suspect, %zu stable, %zu "
		    "insufficient data\n", a->count[VERDICT_LEAK],
		    a->count[VERDICT_SUSPECT], a->count[VERDICT_STABLE],
		    a->count[VERDICT_INSUFFICIENT]);
	report_list_tags(a, ro, &l);
	for (k = 0; k < l.n; k++) {
		if (k == 0 && narrow)
			fprintf(fp, "\n%4s %-6s %-5s %-12s %-12s %-10s %-9s "
			    "%s\n", "RANK", "TAG", "TYPE", "VERDICT", "GROWTH",
			    "NOW", "FILLS IN", "DRIVER");
		else if (k == 0)
			fprintf(fp, "\n%4s %-6s %-5s %-12s %-12s %-10s %-9s "
			    "%-8s %-5s %-9s %s\n", "RANK", "TAG", "TYPE",
			    "VERDICT", "GROWTH", "NOW", "ALLOCS/H", "OBJECT",
			    "SHARE", "FILLS IN", "DRIVER");
		tag_row(fp, a, ri, ro, l.idx[k], narrow);
	}
	if (l.one) {
		if (l.hidden > 0)
			fprintf(fp, "\n%zu smaller %s not listed (--top sets how "
			    "many)\n", l.hidden, report_plural((long)l.hidden,
			    "tag", "tags"));
	} else if (!ro->all) {
		if (l.n == 0 && l.hidden > 0 && l.ignored + l.unchanged == 0)
			fprintf(fp, "\nno tag is growing\n");
		if (l.ignored > 0)
			fprintf(fp, "\n%zu growing %s on the ignore list not "
			    "listed (--all lists them)\n", l.ignored,
			    report_plural((long)l.ignored, "tag", "tags"));
		if (l.unchanged > 0)
			fprintf(fp, "\n%zu growing %s unchanged since the "
			    "baseline not listed (--all lists them)\n",
			    l.unchanged, report_plural((long)l.unchanged, "tag",
			    "tags"));
		if (l.hidden > 0)
			fprintf(fp, "\n%zu stable or insufficient %s not listed "
			    "(--all lists them)\n", l.hidden, report_plural(
			    (long)l.hidden, "tag", "tags"));
	}
	report_listing_free(&l);
	events(fp, a, ro->width);
	counters(fp, a, ro);
	if (ro->gate != NULL && ro->gate->shown)
		gate(fp, a, ro->gate, ro);
	return ferror(fp) ? -1 : 0;
}

/* The fleet's header: hosts, files and the span of all their windows. */
static void
fleet_header(FILE *fp, const struct fleet_report *fr)
{
	const struct analysis *a, *lo = NULL, *hi = NULL;
	char	 first[40], last[40];
	size_t	 i, files = 0, snaps = 0;

	for (i = 0; i < fr->n; i++) {
		a = fr->hosts[i].an;
		files += fr->inputs[i].nfiles;
		snaps += a->nsnapshots;
		if (a->time_unknown)
			continue;
		if (lo == NULL || a->first_ms < lo->first_ms)
			lo = a;
		if (hi == NULL || a->last_ms > hi->last_ms)
			hi = a;
	}
	fprintf(fp, "pooltrend: fleet of %zu %s, %zu %s, %zu %s", fr->n,
	    report_plural((long)fr->n, "host", "hosts"), files,
	    report_plural((long)files, "file", "files"), snaps,
	    report_plural((long)snaps, "snapshot", "snapshots"));
	if (lo != NULL)
		fprintf(fp, " from %s to %s", ts_format(lo->first_ms, lo->utc,
		    first, sizeof(first)), ts_format(hi->last_ms, hi->utc, last,
		    sizeof(last)));
	fputs("\n  each host analysed on its own, then compared tag by tag\n",
	    fp);
}

/* The columns of a string: its UTF-8 characters. */
static size_t
columns(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A host name in a column of width w. */
static void
host_cell(FILE *fp, const char *name, int w)
{
	size_t	 n = columns(name);

	fit(fp, name, w);
	fprintf(fp, "%*s", n < (size_t)w ? w - (int)n : 0, "");
}

/* One line a host: its window, verdicts, pools and gate. */
static void
fleet_hosts(FILE *fp, const struct fleet_report *fr,
    const struct report_opts *ro, int w)
{
	const struct analysis *a;
	char	 fills[POOL_NTYPES][32];
	size_t	 i;
	int	 t;

	fprintf(fp, "\n%-*s %-7s %-5s %-5s %-8s %-15s %-17s %s\n", w, "HOST",
	    "HOURS", "TAGS", "LEAK", "SUSPECT", "PAGED FILLS IN",
	    "NONPAGED FILLS IN", "GATE");
	for (i = 0; i < fr->n; i++) {
		a = fr->hosts[i].an;
		for (t = 0; t < POOL_NTYPES; t++)
			units_hours(a->pools[t].hours_to_exhaustion, fills[t],
			    sizeof(fills[t]));
		host_cell(fp, fr->hosts[i].name, w);
		fprintf(fp, " %-7.1f %-5zu %-5zu %-8zu %-15s %-17s ",
		    (double)(a->last_ms - a->first_ms) / 3.6e6, a->ntags,
		    a->count[VERDICT_LEAK], a->count[VERDICT_SUSPECT],
		    fills[POOL_PAGED], fills[POOL_NONPAGED]);
		paint(fp, ro, fr->hosts[i].gate->failed ? SGR_RED : SGR_GREEN,
		    fr->hosts[i].gate->failed ? "failed" : "passed");
		fputc('\n', fp);
	}
}

/* The tags leaking on several hosts, and the hosts out of line. */
static void
fleet_compared(FILE *fp, const struct fleet_report *fr,
    const struct report_opts *ro, int w)
{
	const struct fleet_view *v = fr->view;
	const struct tag_finding *f;
	char	 tag[24], rate[32], peers[32], obj[32], count[32];
	char	 line[4096];
	size_t	 i, k, o;

	fprintf(fp, "\nLEAKING ON SEVERAL HOSTS: %zu %s\n", v->ntags,
	    report_plural((long)v->ntags, "tag", "tags"));
	for (i = 0; i < v->ntags; i++) {
		const struct fleet_tag *ft = &v->tags[i];

		if (i == 0)
			fprintf(fp, "\n%-6s %-5s %-7s %-14s %-8s %s\n", "TAG",
			    "TYPE", "HOSTS", "MEDIAN GROWTH", "OBJECT",
			    "DRIVER");
		snprintf(count, sizeof(count), "%zu/%zu", ft->nleak, ft->nwith);
		if (isnan(ft->median_object))
			snprintf(obj, sizeof(obj), "-");
		else
			snprintf(obj, sizeof(obj), "%.0f B", ft->median_object);
		fprintf(fp, "%-6s %-5s %-7s %-14s %-8s %s\n",
		    units_tag(ft->tag, tag, sizeof(tag)), type_names[ft->type],
		    count, units_rate(ft->median_slope, rate, sizeof(rate)), obj,
		    ft->driver != NULL ? ft->driver : "-");
		o = (size_t)snprintf(line, sizeof(line), "leaking on");
		for (k = 0; k < ft->nleak && o < sizeof(line); k++)
			o += (size_t)snprintf(line + o, sizeof(line) - o, " %s",
			    fr->hosts[ft->hosts[k]].name);
		fprintf(fp, "%6s ", "");
		wrap(fp, line, 7, ro->width, 7);
	}
	fprintf(fp, "\nOUT OF LINE (growing on one host, stable on its "
	    "peers): %zu\n", v->noutliers);
	for (i = 0; i < v->noutliers; i++) {
		const struct fleet_outlier *fo = &v->outliers[i];

		f = &fr->hosts[fo->host].an->tags[fo->tag];
		if (i == 0)
			fprintf(fp, "\n%-*s %-6s %-5s %-12s %-26s %s\n", w,
			    "HOST", "TAG", "TYPE", "GROWTH", "PEERS (MEDIAN)",
			    "DRIVER");
		snprintf(peers, sizeof(peers), "%zu stable, ", fo->flat_peers);
		units_rate(fo->peers_median_slope, peers + strlen(peers),
		    sizeof(peers) - strlen(peers));
		host_cell(fp, fr->hosts[fo->host].name, w);
		fprintf(fp, " %-6s %-5s %-12s %-26s %s\n",
		    units_tag(f->tag, tag, sizeof(tag)), type_names[f->type],
		    units_rate(f->slope_bytes_per_hour, rate, sizeof(rate)),
		    peers, f->driver != NULL ? f->driver : "-");
	}
}

/* Each host's listed tags, as in its own report. */
static void
fleet_tags(FILE *fp, const struct fleet_report *fr,
    const struct report_opts *ro)
{
	struct report_opts hro = *ro;
	struct listing	 l;
	size_t	 i, k, any = 0, hidden = 0;

	fputs("\nTAGS BY HOST\n", fp);
	for (i = 0; i < fr->n; i++) {
		hro.host = fr->hosts[i].name;
		hro.gate = fr->hosts[i].gate;
		report_list_tags(fr->hosts[i].an, &hro, &l);
		hidden += l.ignored + l.unchanged;
		for (k = 0; k < l.n; k++) {
			if (k == 0) {
				fputs("\n", fp);
				fit(fp, fr->hosts[i].name, 64);
				fprintf(fp, "\n%4s %-6s %-5s %-12s %-12s %-10s "
				    "%-9s %s\n", "RANK", "TAG", "TYPE",
				    "VERDICT", "GROWTH", "NOW", "FILLS IN",
				    "DRIVER");
			}
			tag_row(fp, fr->hosts[i].an, &fr->inputs[i], &hro,
			    l.idx[k], 1);
			any++;
		}
		report_listing_free(&l);
	}
	if (any == 0)
		fprintf(fp, "\nno tag is growing on any host\n");
	if (hidden > 0 && !ro->all)
		fprintf(fp, "\n%zu growing %s ignored or unchanged since the "
		    "baseline not listed (--all lists them)\n", hidden,
		    report_plural((long)hidden, "tag", "tags"));
}

/* The gate of every host: each failure, after its host's name. */
struct gate_prefix {
	FILE		*fp;
	const char	*host;
};

static void
fleet_gate_item(void *arg, const char *line)
{
	const struct gate_prefix *gp = arg;

	fprintf(gp->fp, "  %s: %s\n", gp->host, line);
}

int
report_fleet_text(FILE *fp, const struct fleet_report *fr,
    const struct report_opts *ro)
{
	struct gate_prefix gp;
	size_t	 i, n, failed = 0;
	int	 w = 4;

	for (i = 0; i < fr->n; i++) {
		n = columns(fr->hosts[i].name);
		w = n > (size_t)w ? (int)n : w;
		failed += fr->hosts[i].gate->failed;
	}
	w = w > 24 ? 24 : w;
	fleet_header(fp, fr);
	fleet_hosts(fp, fr, ro, w);
	fleet_compared(fp, fr, ro, w);
	fleet_tags(fp, fr, ro);
	fputs("\nGATE: ", fp);
	paint(fp, ro, fr->failed ? SGR_RED : SGR_GREEN,
	    fr->failed ? "failed" : "passed");
	fprintf(fp, " (exit %d): %zu of %zu %s failed\n", fr->failed, failed,
	    fr->n, report_plural((long)fr->n, "host", "hosts"));
	gp.fp = fp;
	for (i = 0; i < fr->n; i++) {
		gp.host = fr->hosts[i].name;
		report_gate_items(fr->hosts[i].an, fr->hosts[i].gate,
		    fleet_gate_item, &gp);
	}
	return ferror(fp) ? -1 : 0;
}
