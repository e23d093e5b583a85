/* report_feed.c: findings -> feeds for other programs: NDJSON for log
 * shippers and databases, CSV for spreadsheets, JUnit XML for CI servers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "report.h"
#include "timestamp.h"
#include "units.h"
#include "util.h"

static const char *const pool_names[POOL_NTYPES] = { "paged", "nonpaged" };
static const char *const type_names[POOL_NTYPES] = { "Paged", "Nonp" };

char *
report_gate_why(const struct gate_mark *m, int verdict, char *buf,
    size_t size)
{
	snprintf(buf, size, "%s%s%s%s%s",
	    m->why & GATE_VERDICT ? trend_verdict_name((enum verdict)verdict) :
	    "", (m->why & GATE_VERDICT) && (m->why & (GATE_SLOPE | GATE_HOURS)) ?
	    ", " : "", m->why & GATE_SLOPE ? "faster than --max-slope" : "",
	    (m->why & GATE_SLOPE) && (m->why & GATE_HOURS) ? ", " : "",
	    m->why & GATE_HOURS ? "within --min-hours" : "");
	return buf;
}

void
report_gate_items(const struct analysis *a, const struct gate *g,
    void (*fn)(void *, const char *), void *arg)
{
	const struct gate_opts *o = g->opts;
	char	 line[256], tag[24], why[80], h[32], lim[40], rate[32];
	size_t	 i;
	int	 t;

	for (t = 0; t < POOL_NTYPES; t++) {
		const struct gate_mark *m = &g->pools[t];

		if (m->state != GATE_FAIL)
			continue;
		snprintf(line, sizeof(line), "%s pool: fills in %s, within "
		    "--min-hours %g%s%s", pool_names[t], units_hours(
		    a->pools[t].hours_to_exhaustion, h, sizeof(h)), o->min_hours,
		    m->base != BASE_NONE ? "; " : "",
		    m->base != BASE_NONE ? baseline_state_name(m->base) : "");
		fn(arg, line);
	}
	for (i = 0; i < a->ntags; i++) {
		const struct gate_mark *m = &g->tags[i];
		const struct tag_finding *f = &a->tags[i];

		if (m->state != GATE_FAIL)
			continue;
		lim[0] = '\0';
		if (m->why & GATE_SLOPE) {
			memcpy(lim, " > ", 4);
			units_rate(o->max_slope, lim + 3, sizeof(lim) - 3);
		}
		snprintf(line, sizeof(line), "%s %s: %s, %s%s%s%s",
		    units_tag(f->tag, tag, sizeof(tag)), type_names[f->type],
		    report_gate_why(m, (int)f->verdict, why, sizeof(why)),
		    units_rate(f->slope_bytes_per_hour, rate, sizeof(rate)), lim,
		    m->base != BASE_NONE ? "; " : "",
		    m->base != BASE_NONE ? baseline_state_name(m->base) : "");
		fn(arg, line);
	}
	for (i = 0; i < a->ncounters; i++) {
		const struct gate_mark *m = &g->counters[i];

		if (m->state != GATE_FAIL)
			continue;
		snprintf(line, sizeof(line), "counter %s: %s%s%s",
		    a->counters[i].name, report_gate_why(m,
		    (int)a->counters[i].verdict, why, sizeof(why)),
		    m->base != BASE_NONE ? "; " : "",
		    m->base != BASE_NONE ? baseline_state_name(m->base) : "");
		fn(arg, line);
	}
	if (g->ignored > 0) {
		snprintf(line, sizeof(line), "%zu %s ignored (--ignore)",
		    g->ignored, g->ignored == 1 ? "tag" : "tags");
		fn(arg, line);
	}
	if (g->unchanged > 0) {
		snprintf(line, sizeof(line), "%zu %s unchanged since the "
		    "baseline", g->unchanged, g->unchanged == 1 ? "finding" :
		    "findings");
		fn(arg, line);
	}
}

/* Is the tag listed: leaks and suspects (all with --all), and not what
 * the gate let through (unless --all). */
static int
listed(const struct analysis *a, const struct report_opts *ro, size_t i)
{
	const struct tag_finding *f = &a->tags[i];

	if (ro->all)
		return 1;
	if (f->verdict != VERDICT_LEAK && f->verdict != VERDICT_SUSPECT)
		return 0;
	return ro->gate == NULL || (ro->gate->tags[i].state != GATE_IGNORED &&
	    ro->gate->tags[i].state != GATE_UNCHANGED);
}

static int
counter_listed(const struct analysis *a, const struct report_opts *ro,
    size_t i)
{
	const struct counter_finding *c = &a->counters[i];

	if (ro->all)
		return 1;
	if (c->verdict != VERDICT_LEAK && c->verdict != VERDICT_SUSPECT)
		return 0;
	return ro->gate == NULL || ro->gate->counters[i].state !=
	    GATE_UNCHANGED;
}

static json_t *
when(const struct analysis *a, int64_t ms)
{
	char	 buf[40];

	return a->time_unknown ? json_null() :
	    json_string(ts_format(ms, a->utc, buf, sizeof(buf)));
}

/* One record: the finding's own keys after the record's kind, host and
 * window; one line. */
static int
record(FILE *fp, const struct analysis *a, const struct report_opts *ro,
    const char *kind, json_t *finding)
{
	json_t		*o = json_object(), *host;
	void		*it;
	char		*s;
	int		 rc;

	host = ro->host != NULL ? json_string(ro->host) : json_null();
	json_object_set_new(o, "record", json_string(kind));
	json_object_set_new(o, "host", host != NULL ? host : json_null());
	json_object_set_new(o, "window_first", when(a, a->first_ms));
	json_object_set_new(o, "window_last", when(a, a->last_ms));
	json_object_set_new(o, "window_hours",
	    json_real((double)(a->last_ms - a->first_ms) / 3.6e6));
	for (it = json_object_iter(finding); it != NULL;
	    it = json_object_iter_next(finding, it))
		json_object_set(o, json_object_iter_key(it),
		    json_object_iter_value(it));
	json_decref(finding);
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(10));
	json_decref(o);
	if (s == NULL)
		return -1;
	rc = fprintf(fp, "%s\n", s) < 0 ? -1 : 0;
	free(s);
	return rc;
}

int
report_ndjson(FILE *fp, const struct analysis *a,
    const struct report_input *ri, const struct report_opts *ro)
{
	const struct gate *g = ro->gate;
	size_t	 i, n = 0;
	int	 t;

	(void)ri;
	for (t = 0; t < POOL_NTYPES; t++)
		if (a->pools[t].have_data && record(fp, a, ro, "pool",
		    report_json_pool(a, t, g != NULL ? &g->pools[t] : NULL)) ==
		    -1)
			return -1;
	for (i = 0; i < a->ntags; i++) {
		if (!listed(a, ro, i))
			continue;
		if (ro->top > 0 && n++ == ro->top)
			break;
		if (record(fp, a, ro, "tag", report_json_tag(&a->tags[i],
		    g != NULL ? &g->tags[i] : NULL)) == -1)
			return -1;
	}
	for (i = 0, n = 0; i < a->ncounters; i++) {
		if (!counter_listed(a, ro, i))
			continue;
		if (ro->top > 0 && n++ == ro->top)
			break;
		if (record(fp, a, ro, "counter", report_json_counter(
		    &a->counters[i], g != NULL ? &g->counters[i] : NULL)) == -1)
			return -1;
	}
	return 0;
}

void
report_csv_field(FILE *fp, const char *s)
{
	size_t	 n = s == NULL ? 0 : strlen(s);

	if (n > 0 && (strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' ||
	    s[n - 1] == ' ')) {
		fputc('"', fp);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				fputc('"', fp);
			fputc(*s, fp);
		}
		fputc('"', fp);
	} else if (n > 0)
		fputs(s, fp);
}

/* A number, empty when unknown. */
static void
csv_num(FILE *fp, double v)
{
	if (isfinite(v))
		fprintf(fp, "%.10g", v);
}

int
report_csv(FILE *fp, const struct analysis *a, const struct report_input *ri,
    const struct report_opts *ro)
{
	const struct gate *g = ro->gate;
	char	 tag[24], first[40], last[40];
	size_t	 i, n = 0;

	(void)ri;
	if (a->time_unknown)
		first[0] = last[0] = '\0';
	else {
		ts_format(a->first_ms, a->utc, first, sizeof(first));
		ts_format(a->last_ms, a->utc, last, sizeof(last));
	}
	fputs("host,window_first,window_last,rank,tag,type,verdict,gate,baseline,"
	    "bytes_per_hour,bytes_per_hour_lo,bytes_per_hour_hi,p_value,r2,"
	    "bytes_last,allocs_per_hour,object_bytes,share_of_pool_growth,"
	    "hours_to_exhaustion,samples,leak_since_hours,driver,description,"
	    "reason\r\n", fp);
	for (i = 0; i < a->ntags; i++) {
		const struct tag_finding *f = &a->tags[i];
		const struct gate_mark *m = g != NULL ? &g->tags[i] : NULL;

		if (!listed(a, ro, i))
			continue;
		if (ro->top > 0 && n++ == ro->top)
			break;
		report_csv_field(fp, ro->host);
		fprintf(fp, ",%s,%s,%d,", first, last, f->rank);
		report_csv_field(fp, units_tag(f->tag, tag, sizeof(tag)));
		fprintf(fp, ",%s,%s,%s,%s,", type_names[f->type],
		    trend_verdict_name(f->verdict), m != NULL ?
		    gate_state_name(m->state) : "", m != NULL &&
		    baseline_state_name(m->base) != NULL ?
		    baseline_state_name(m->base) : "");
		csv_num(fp, f->slope_bytes_per_hour);
		fputc(',', fp);
		csv_num(fp, f->ci_lo);
		fputc(',', fp);
		csv_num(fp, f->ci_hi);
		fputc(',', fp);
		csv_num(fp, f->p_value);
		fputc(',', fp);
		csv_num(fp, f->r2);
		fprintf(fp, ",%lld,", (long long)f->bytes_last);
		csv_num(fp, f->diff_slope_per_hour);
		fputc(',', fp);
		csv_num(fp, f->object_bytes);
		fputc(',', fp);
		csv_num(fp, f->share_of_pool_growth);
		fputc(',', fp);
		csv_num(fp, f->hours_to_exhaustion);
		fprintf(fp, ",%u,", f->samples);
		csv_num(fp, f->onset_hours);
		fputc(',', fp);
		report_csv_field(fp, f->driver);
		fputc(',', fp);
		report_csv_field(fp, f->description);
		fputc(',', fp);
		report_csv_field(fp, f->reason);
		fputs("\r\n", fp);
	}
	return ferror(fp) ? -1 : 0;
}

void
report_markup(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s == NULL ? "" : s);
	size_t	 n;

	while (*p != '\0') {
		switch (*p) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			if ((*p < 0x20 && *p != '\t') || *p == 0x7f ||
			    (n = util_utf8_len(p)) == 0) {
				fprintf(fp, "\\x%02X", *p);
				break;
			}
			fwrite(p, 1, n, fp);
			p += n - 1;
			break;
		}
		p++;
	}
}

/* One test case. */
static void
testcase(FILE *fp, const char *classname, const char *name,
    const struct gate_mark *m, const char *what, const char *detail)
{
	fputs("    <testcase classname=\"", fp);
	report_markup(fp, classname);
	fputs("\" name=\"", fp);
	report_markup(fp, name);
	fputs("\"", fp);
	switch (m->state) {
	case GATE_PASS:
		fputs("/>\n", fp);
		return;
	case GATE_FAIL:
		fputs(">\n      <failure type=\"", fp);
		report_markup(fp, what);
		fputs("\" message=\"", fp);
		report_markup(fp, detail);
		fputs("\"/>\n", fp);
		break;
	case GATE_IGNORED:
		fputs(">\n      <skipped message=\"ignored (--ignore)\"/>\n",
		    fp);
		break;
	case GATE_UNCHANGED:
		fputs(">\n      <system-out>unchanged since the baseline: ", fp);
		report_markup(fp, detail);
		fputs("</system-out>\n", fp);
		break;
	}
	fputs("    </testcase>\n", fp);
}

int
report_junit(FILE *fp, const struct analysis *a,
    const struct report_input *ri, const struct report_opts *ro)
{
	const struct gate *g = ro->gate;
	char	 tag[24], name[40], why[80], msg[400], rate[32], h[32];
	char	 first[40];
	size_t	 i, tests = 0, failures = 0, skipped = 0;
	int	 t;

	(void)ri;
	for (t = 0; t < POOL_NTYPES; t++)
		if (a->pools[t].have_data) {
			tests++;
			failures += g->pools[t].state == GATE_FAIL;
		}
	for (i = 0; i < a->ntags; i++)
		if (a->tags[i].verdict != VERDICT_INSUFFICIENT) {
			tests++;
			failures += g->tags[i].state == GATE_FAIL;
			skipped += g->tags[i].state == GATE_IGNORED;
		}
	for (i = 0; i < a->ncounters; i++)
		if (a->counters[i].verdict != VERDICT_INSUFFICIENT) {
			tests++;
			failures += g->counters[i].state == GATE_FAIL;
		}
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"pooltrend\" tests=\"%zu\" failures=\"%zu\" "
	    "errors=\"0\" skipped=\"%zu\">\n", tests, failures, skipped);
	fputs("  <testsuite name=\"pooltrend", fp);
	if (ro->host != NULL) {
		fputc(' ', fp);
		report_markup(fp, ro->host);
	}
	fprintf(fp, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
	    "skipped=\"%zu\"", tests, failures, skipped);
	if (!a->time_unknown)
		fprintf(fp, " timestamp=\"%s\"", ts_format(a->last_ms, a->utc,
		    first, sizeof(first)));
	fputs(">\n", fp);
	for (t = 0; t < POOL_NTYPES; t++) {
		const struct pool_finding *p = &a->pools[t];

		if (!p->have_data)
			continue;
		if (isnan(p->hours_to_exhaustion))
			snprintf(msg, sizeof(msg), "%s", p->note);
		else
			snprintf(msg, sizeof(msg), "fills in %s", units_hours(
			    p->hours_to_exhaustion, h, sizeof(h)));
		testcase(fp, "pooltrend.pool", pool_names[t], &g->pools[t],
		    "min-hours", msg);
	}
	for (i = 0; i < a->ntags; i++) {
		const struct tag_finding *f = &a->tags[i];

		if (f->verdict == VERDICT_INSUFFICIENT)
			continue;
		snprintf(name, sizeof(name), "%s %s", units_tag(f->tag, tag,
		    sizeof(tag)), type_names[f->type]);
		snprintf(msg, sizeof(msg), "%s %s%s%s: %s", trend_verdict_name(
		    f->verdict), units_rate(f->slope_bytes_per_hour, rate,
		    sizeof(rate)), g->tags[i].base == BASE_NONE ? "" : ", ",
		    g->tags[i].base == BASE_NONE ? "" :
		    baseline_state_name(g->tags[i].base), f->reason);
		testcase(fp, type_names[f->type][0] == 'P' ?
		    "pooltrend.tag.Paged" : "pooltrend.tag.Nonp", name,
		    &g->tags[i], report_gate_why(&g->tags[i], (int)f->verdict,
		    why, sizeof(why)), msg);
	}
	for (i = 0; i < a->ncounters; i++) {
		const struct counter_finding *c = &a->counters[i];

		if (c->verdict == VERDICT_INSUFFICIENT)
			continue;
		snprintf(msg, sizeof(msg), "%s: %s",
		    trend_verdict_name(c->verdict), c->reason);
		testcase(fp, "pooltrend.counter", c->name, &g->counters[i],
		    report_gate_why(&g->counters[i], (int)c->verdict, why,
		    sizeof(why)), msg);
	}
	fputs("  </testsuite>\n</testsuites>\n", fp);
	return ferror(fp) ? -1 : 0;
}
