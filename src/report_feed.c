/* report_feed.c: findings -> feeds for other programs: NDJSON for log
 * shippers and databases, CSV for spreadsheets, JUnit XML for CI servers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fleet.h"
#include "report.h"
#include "timestamp.h"
#include "units.h"
#include "util.h"

static const char *const pool_names[POOL_NTYPES] = { "paged", "nonpaged" };
static const char *const type_names[POOL_NTYPES] = { "Paged", "Nonp" };

static json_t *
when(const struct analysis *a, int64_t ms)
{
	char	 buf[40];

	return a->time_unknown ? json_null() :
	    json_string(ts_format(ms, a->utc, buf, sizeof(buf)));
}

/* One record: the finding's own keys after the record's kind, host and
 * window (null without an analysis); one line. */
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
	json_object_set_new(o, "window_first", a == NULL ? json_null() :
	    when(a, a->first_ms));
	json_object_set_new(o, "window_last", a == NULL ? json_null() :
	    when(a, a->last_ms));
	json_object_set_new(o, "window_hours", a == NULL ? json_null() :
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
	struct listing	 l;
	size_t	 i, k;
	int	 t, rc = 0;

	(void)ri;
	for (t = 0; t < POOL_NTYPES; t++)
		if (a->pools[t].have_data && record(fp, a, ro, "pool",
		    report_json_pool(a, t, g != NULL ? &g->pools[t] : NULL)) ==
		    -1)
			return -1;
	report_list_tags(a, ro, &l);
	for (k = 0; k < l.n && rc == 0; k++) {
		i = l.idx[k];
		rc = record(fp, a, ro, "tag", report_json_tag(&a->tags[i],
		    g != NULL ? &g->tags[i] : NULL));
	}
	report_listing_free(&l);
	report_list_counters(a, ro, &l);
	for (k = 0; k < l.n && rc == 0; k++) {
		i = l.idx[k];
		rc = record(fp, a, ro, "counter", report_json_counter(
		    &a->counters[i], g != NULL ? &g->counters[i] : NULL));
	}
	report_listing_free(&l);
	for (i = 0; i < a->nevents && rc == 0; i++)
		rc = record(fp, a, ro, "event", report_json_event(a, i));
	return rc;
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
	struct listing l;
	size_t	 k;

	(void)ri;
	if (a->time_unknown)
		first[0] = last[0] = '\0';
	else {
		ts_format(a->first_ms, a->utc, first, sizeof(first));
		ts_format(a->last_ms, a->utc, last, sizeof(last));
	}
	if (!ro->continued)
		fputs("host,window_first,window_last,rank,tag,type,verdict,gate,"
		    "baseline,bytes_per_hour,bytes_per_hour_lo,bytes_per_hour_hi,"
		    "p_value,r2,bytes_last,allocs_per_hour,object_bytes,"
		    "share_of_pool_growth,hours_to_exhaustion,samples,"
		    "leak_since_hours,driver,description,reason,related_counter,"
		    "next_step\r\n", fp);
	report_list_tags(a, ro, &l);
	for (k = 0; k < l.n; k++) {
		const struct tag_finding *f = &a->tags[l.idx[k]];
		const struct gate_mark *m = g != NULL ? &g->tags[l.idx[k]] :
		    NULL;

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
		fputc(',', fp);
		report_csv_field(fp, f->related != NULL ? f->related->name :
		    NULL);
		fputc(',', fp);
		report_csv_field(fp, f->next_step);
		fputs("\r\n", fp);
	}
	report_listing_free(&l);
	return ferror(fp) ? -1 : 0;
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

/* The test cases of a host's analysis: how many, failed and skipped. */
struct junit_counts {
	size_t	 tests, failures, skipped;
};

static void
junit_count(const struct analysis *a, const struct gate *g,
    struct junit_counts *c)
{
	size_t	 i;
	int	 t;

	for (t = 0; t < POOL_NTYPES; t++)
		if (a->pools[t].have_data) {
			c->tests++;
			c->failures += g->pools[t].state == GATE_FAIL;
		}
	for (i = 0; i < a->ntags; i++)
		if (a->tags[i].verdict != VERDICT_INSUFFICIENT) {
			c->tests++;
			c->failures += g->tags[i].state == GATE_FAIL;
			c->skipped += g->tags[i].state == GATE_IGNORED;
		}
	for (i = 0; i < a->ncounters; i++)
		if (a->counters[i].verdict != VERDICT_INSUFFICIENT) {
			c->tests++;
			c->failures += g->counters[i].state == GATE_FAIL;
		}
}

/* One host's test suite. */
static void
junit_suite(FILE *fp, const struct analysis *a, const struct report_opts *ro)
{
	const struct gate *g = ro->gate;
	struct junit_counts n;
	char	 tag[24], name[40], why[80], msg[400], rate[32], h[32];
	char	 first[40];
	size_t	 i;
	int	 t;

	memset(&n, 0, sizeof(n));
	junit_count(a, g, &n);
	fputs("  <testsuite name=\"pooltrend", fp);
	if (ro->host != NULL) {
		fputc(' ', fp);
		report_markup(fp, ro->host);
	}
	fprintf(fp, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
	    "skipped=\"%zu\"", n.tests, n.failures, n.skipped);
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
	fputs("  </testsuite>\n", fp);
}

int
report_junit(FILE *fp, const struct analysis *a,
    const struct report_input *ri, const struct report_opts *ro)
{
	struct junit_counts c;

	(void)ri;
	memset(&c, 0, sizeof(c));
	junit_count(a, ro->gate, &c);
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"pooltrend\" tests=\"%zu\" failures=\"%zu\" "
	    "errors=\"0\" skipped=\"%zu\">\n", c.tests, c.failures, c.skipped);
	junit_suite(fp, a, ro);
	fputs("</testsuites>\n", fp);
	return ferror(fp) ? -1 : 0;
}

/* A fleet: a test suite for each host. */
int
report_fleet_junit(FILE *fp, const struct fleet_report *fr,
    const struct report_opts *ro)
{
	struct report_opts hro = *ro;
	struct junit_counts c;
	size_t	 i;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < fr->n; i++)
		junit_count(fr->hosts[i].an, fr->hosts[i].gate, &c);
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"pooltrend\" tests=\"%zu\" failures=\"%zu\" "
	    "errors=\"0\" skipped=\"%zu\">\n", c.tests, c.failures, c.skipped);
	for (i = 0; i < fr->n; i++) {
		hro.host = fr->hosts[i].name;
		hro.gate = fr->hosts[i].gate;
		junit_suite(fp, fr->hosts[i].an, &hro);
	}
	fputs("</testsuites>\n", fp);
	return ferror(fp) ? -1 : 0;
}

/* A fleet: each host's records, then the comparison's, whose window is
 * the host's for an outlier and unknown (null) for a tag of several
 * hosts. */
int
report_fleet_ndjson(FILE *fp, const struct fleet_report *fr,
    const struct report_opts *ro)
{
	struct report_opts hro = *ro;
	const struct fleet_outlier *fo;
	size_t	 i;

	for (i = 0; i < fr->n; i++) {
		hro.host = fr->hosts[i].name;
		hro.gate = fr->hosts[i].gate;
		if (report_ndjson(fp, fr->hosts[i].an, &fr->inputs[i],
		    &hro) == -1)
			return -1;
	}
	hro.host = NULL;
	for (i = 0; i < fr->view->ntags; i++)
		if (record(fp, NULL, &hro, "fleet_tag",
		    report_json_fleet_tag(fr, i)) == -1)
			return -1;
	for (i = 0; i < fr->view->noutliers; i++) {
		fo = &fr->view->outliers[i];
		hro.host = fr->hosts[fo->host].name;
		if (record(fp, fr->hosts[fo->host].an, &hro, "fleet_outlier",
		    report_json_fleet_outlier(fr, i)) == -1)
			return -1;
	}
	return 0;
}

/* A fleet: the tags of every host in one table. */
int
report_fleet_csv(FILE *fp, const struct fleet_report *fr,
    const struct report_opts *ro)
{
	struct report_opts hro = *ro;
	size_t	 i;

	for (i = 0; i < fr->n; i++) {
		hro.host = fr->hosts[i].name;
		hro.gate = fr->hosts[i].gate;
		hro.continued = i > 0;
		if (report_csv(fp, fr->hosts[i].an, &fr->inputs[i], &hro) == -1)
			return -1;
	}
	return 0;
}
