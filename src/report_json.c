/* report_json.c: findings -> one JSON document. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fleet.h"
#include "report.h"
#include "timestamp.h"
#include "units.h"

#define SCHEMA_VERSION 1

static const char *const pool_names[POOL_NTYPES] = { "paged", "nonpaged" };

/* A string; if it is not UTF-8, the bytes outside ASCII become \xNN so
 * nothing is lost. */
static json_t *
str(const char *s)
{
	json_t	*j;
	char	*buf, *o;

	if ((j = json_string(s)) != NULL)
		return j;
	o = buf = malloc(strlen(s) * 4 + 1);
	if (buf == NULL)
		return json_null();
	/* and the backslash as \x5C, so that \xNN is never ambiguous */
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x80 && *s != '\\')
			*o++ = *s;
		else
			o += snprintf(o, 5, "\\x%02X", (unsigned char)*s);
	}
	*o = '\0';
	j = json_string(buf);
	free(buf);
	return j == NULL ? json_null() : j;
}

/* A number, or null when unknown. */
static json_t *
num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* [lo, hi], null when v is unknown; an unknown end is null. */
static json_t *
pair(double v, double lo, double hi)
{
	json_t	*a;

	if (isnan(v))
		return json_null();
	a = json_array();
	json_array_append_new(a, num(lo));
	json_array_append_new(a, num(hi));
	return a;
}

static json_t *
time_str(int64_t ms, int utc)
{
	char	 buf[40];

	return json_string(ts_format(ms, utc, buf, sizeof(buf)));
}

static json_t *
inputs(const struct analysis *a, const struct report_input *ri)
{
	json_t	*o = json_object(), *files = json_array(), *f, *sk, *tot;
	long	 total[SKIP_NREASONS] = { 0 }, all = 0, lines = 0, rowl = 0;
	long	 strl = 0;
	size_t	 i;
	int	 r;

	for (i = 0; i < ri->nfiles; i++) {
		const struct file_stats *fs = &ri->files[i];
		long	 n = 0;

		f = json_object();
		sk = json_object();
		json_object_set_new(f, "path", str(fs->name));
		json_object_set_new(f, "format", json_string(fs->format));
		json_object_set_new(f, "lines", json_integer(fs->lines));
		json_object_set_new(f, "rows", json_integer(fs->rows));
		json_object_set_new(f, "snapshots", json_integer(fs->snapshots));
		for (r = 0; r < SKIP_NREASONS; r++) {
			n += fs->skipped[r];
			total[r] += fs->skipped[r];
			if (fs->skipped[r] > 0)
				json_object_set_new(sk,
				    parse_skip_name((enum skip_reason)r),
				    json_integer(fs->skipped[r]));
		}
		json_object_set_new(f, "lines_used",
		    json_integer(fs->row_lines + fs->structure_lines));
		json_object_set_new(f, "row_lines", json_integer(fs->row_lines));
		json_object_set_new(f, "structure_lines",
		    json_integer(fs->structure_lines));
		json_object_set_new(f, "skipped_lines", json_integer(n));
		json_object_set_new(f, "skipped", sk);
		json_array_append_new(files, f);
		all += n;
		lines += fs->lines;
		rowl += fs->row_lines;
		strl += fs->structure_lines;
	}
	tot = json_object();
	for (r = 0; r < SKIP_NREASONS; r++)
		if (total[r] > 0)
			json_object_set_new(tot, parse_skip_name((enum skip_reason)r),
			    json_integer(total[r]));
	json_object_set_new(o, "files", files);
	json_object_set_new(o, "snapshots", json_integer((json_int_t)a->nsnapshots));
	json_object_set_new(o, "rows", json_integer((json_int_t)ri->nsamples));
	json_object_set_new(o, "lines", json_integer(lines));
	json_object_set_new(o, "row_lines", json_integer(rowl));
	json_object_set_new(o, "structure_lines", json_integer(strl));
	json_object_set_new(o, "skipped_lines", json_integer(all));
	json_object_set_new(o, "skipped", tot);
	json_object_set_new(o, "duplicate_samples",
	    json_integer((json_int_t)ri->duplicates));
	json_object_set_new(o, "skipped_files",
	    json_integer((json_int_t)ri->skipped_files));
	return o;
}

static json_t *
window(const struct analysis *a, const struct report_input *ri)
{
	json_t	*o = json_object(), *segs = json_array(), *s;
	size_t	 i;

	(void)ri;
	json_object_set_new(o, "first", a->time_unknown ? json_null() :
	    time_str(a->first_ms, a->utc));
	json_object_set_new(o, "last", a->time_unknown ? json_null() :
	    time_str(a->last_ms, a->utc));
	json_object_set_new(o, "hours",
	    json_real((double)(a->last_ms - a->first_ms) / 3.6e6));
	json_object_set_new(o, "samples", json_integer((json_int_t)a->nsnapshots));
	for (i = 0; i < a->nsegments; i++) {
		s = json_object();
		json_object_set_new(s, "first_snapshot",
		    json_integer(a->segments[i].first));
		json_object_set_new(s, "last_snapshot",
		    json_integer(a->segments[i].last));
		json_array_append_new(segs, s);
	}
	json_object_set_new(o, "segments", segs);
	return o;
}

/* What the gate made of a finding: "gate", "gate_reasons", "baseline". */
static void
gate_fields(json_t *o, const struct gate_mark *m, int verdict)
{
	json_t	*why = json_array();

	if (m != NULL) {
		if (m->why & GATE_VERDICT)
			json_array_append_new(why, json_string(
			    trend_verdict_name((enum verdict)verdict)));
		if (m->why & GATE_SLOPE)
			json_array_append_new(why, json_string("max_slope"));
		if (m->why & GATE_HOURS)
			json_array_append_new(why, json_string("min_hours"));
	}
	json_object_set_new(o, "gate", m == NULL ? json_null() :
	    json_string(gate_state_name(m->state)));
	json_object_set_new(o, "gate_reasons", why);
	json_object_set_new(o, "baseline", m == NULL ||
	    baseline_state_name(m->base) == NULL ? json_null() :
	    json_string(baseline_state_name(m->base)));
}

json_t *
report_json_pool(const struct analysis *a, int t, const struct gate_mark *m)
{
	const struct pool_finding *p = &a->pools[t];
	json_t	*o = json_object();

	json_object_set_new(o, "type", json_string(pool_names[t]));
	json_object_set_new(o, "bytes_last", p->have_data ?
	    json_integer(p->bytes_last) : json_null());
	json_object_set_new(o, "bytes_source", !p->have_data ?
	    json_null() : json_string(p->from_header ? "header" : "rows"));
	json_object_set_new(o, "slope_bytes_per_hour",
	    num(p->slope_bytes_per_hour));
	json_object_set_new(o, "p_value", num(p->p_value));
	json_object_set_new(o, "projection_bytes_per_hour",
	    num(p->projection_bytes_per_hour));
	json_object_set_new(o, "projection_source", !p->have_data ||
	    isnan(p->projection_bytes_per_hour) ? json_null() :
	    json_string(p->projection_from_leaks ? "leaks" : "total"));
	json_object_set_new(o, "limit_bytes", p->limit_bytes >= 0 ?
	    json_integer(p->limit_bytes) : json_null());
	json_object_set_new(o, "limit_source", p->limit_source != NULL ?
	    json_string(p->limit_source) : json_null());
	json_object_set_new(o, "used_fraction", p->limit_bytes > 0 &&
	    p->have_data ? json_real((double)p->bytes_last /
	    (double)p->limit_bytes) : json_null());
	json_object_set_new(o, "hours_to_exhaustion",
	    num(p->hours_to_exhaustion));
	json_object_set_new(o, "hours_to_exhaustion_ci",
	    pair(p->hours_to_exhaustion, p->hours_ci_lo, p->hours_ci_hi));
	json_object_set_new(o, "exhaustion_time",
	    isnan(p->hours_to_exhaustion) || a->time_unknown ||
	    p->exhaustion_ms >= TREND_NEVER_MS ? json_null() :
	    time_str(p->exhaustion_ms / 1000 * 1000, a->utc));
	json_object_set_new(o, "note", json_string(p->note));
	json_object_set_new(o, "next_step", p->next_step == NULL ?
	    json_null() : str(p->next_step));
	gate_fields(o, m, 0);
	return o;
}

static json_t *
pools(const struct analysis *a, const struct gate *g)
{
	json_t	*arr = json_array();
	int	 t;

	for (t = 0; t < POOL_NTYPES; t++)
		json_array_append_new(arr, report_json_pool(a, t, g != NULL ?
		    &g->pools[t] : NULL));
	return arr;
}

static json_t *
vm(const struct vm_info *v)
{
	json_t	*o, *b;
	int	 i;

	if (v == NULL)
		return json_null();
	o = json_object();
	b = json_array();
	json_object_set_new(o, "nonpaged_max_bytes",
	    v->max_bytes[POOL_NONPAGED] >= 0 ?
	    json_integer(v->max_bytes[POOL_NONPAGED]) : json_null());
	json_object_set_new(o, "paged_max_bytes", v->max_bytes[POOL_PAGED] >= 0 ?
	    json_integer(v->max_bytes[POOL_PAGED]) : json_null());
	for (i = 0; i < v->nbanners; i++)
		json_array_append_new(b, str(v->banner[i]));
	json_object_set_new(o, "banners", b);
	return o;
}

/* What a pool trace export says of a tag's outstanding allocations, or
 * null. */
static json_t *
outstanding(const struct tag_finding *f)
{
	const struct outstanding *s = &f->outstanding;
	json_t	*o, *a, *g;
	int	 k;

	if (!s->have)
		return json_null();
	o = json_object();
	json_object_set_new(o, "allocations", json_integer(s->allocations));
	json_object_set_new(o, "bytes", json_integer(s->bytes));
	json_object_set_new(o, "dominant_size_bytes",
	    json_integer(s->dominant_size_bytes));
	json_object_set_new(o, "dominant_count",
	    json_integer(s->dominant_count));
	json_object_set_new(o, "dominant_share", num(s->dominant_share));
	a = json_array();
	for (k = 0; k < s->nsizes; k++) {
		g = json_object();
		json_object_set_new(g, "size_bytes",
		    json_integer(s->sizes[k].size_bytes));
		json_object_set_new(g, "count", json_integer(s->sizes[k].count));
		json_array_append_new(a, g);
	}
	json_object_set_new(o, "sizes", a);
	json_object_set_new(o, "matches_object_size", s->matches < 0 ?
	    json_null() : json_boolean(s->matches));
	return o;
}

json_t *
report_json_tag(const struct tag_finding *f, const struct gate_mark *m)
{
	json_t	*o;
	char	 tag[24];

	o = json_object();
	json_object_set_new(o, "rank", json_integer(f->rank));
	json_object_set_new(o, "tag",
	    json_string(units_tag(f->tag, tag, sizeof(tag))));
	json_object_set_new(o, "type", json_string(pool_names[f->type]));
	json_object_set_new(o, "verdict",
	    json_string(trend_verdict_name(f->verdict)));
	json_object_set_new(o, "reason", str(f->reason));
	json_object_set_new(o, "slope_bytes_per_hour",
	    num(f->slope_bytes_per_hour));
	json_object_set_new(o, "slope_ci_bytes_per_hour",
	    pair(f->ci_lo, f->ci_lo, f->ci_hi));
	json_object_set_new(o, "p_value", num(f->p_value));
	json_object_set_new(o, "r2", num(f->r2));
	json_object_set_new(o, "bytes_last", json_integer(f->bytes_last));
	json_object_set_new(o, "diff_slope_per_hour",
	    num(f->diff_slope_per_hour));
	json_object_set_new(o, "object_bytes", num(f->object_bytes));
	json_object_set_new(o, "driver", f->driver == NULL ? json_null() :
	    str(f->driver));
	json_object_set_new(o, "description", f->description == NULL ?
	    json_null() : str(f->description));
	json_object_set_new(o, "share_of_pool_growth",
	    num(f->share_of_pool_growth));
	json_object_set_new(o, "hours_to_exhaustion",
	    num(f->hours_to_exhaustion));
	json_object_set_new(o, "hours_to_exhaustion_ci",
	    pair(f->hours_to_exhaustion, f->hours_ci_lo, f->hours_ci_hi));
	json_object_set_new(o, "boots_leaking", f->boots_judged > 0 ?
	    json_integer(f->boots_leaking) : json_null());
	json_object_set_new(o, "boots_judged", f->boots_judged > 0 ?
	    json_integer(f->boots_judged) : json_null());
	json_object_set_new(o, "samples", json_integer(f->samples));
	json_object_set_new(o, "segment", f->segment < 0 ? json_null() :
	    json_integer(f->segment));
	json_object_set_new(o, "leak_since_hours", num(f->onset_hours));
	json_object_set_new(o, "next_step", f->next_step == NULL ?
	    json_null() : str(f->next_step));
	json_object_set_new(o, "related_counter", f->related == NULL ?
	    json_null() : str(f->related->name));
	json_object_set_new(o, "outstanding", outstanding(f));
	gate_fields(o, m, (int)f->verdict);
	return o;
}

/* Write the tags array, one finding at a time, so that a million tags do
 * not make a million JSON trees at once; the bytes are what json_dumpf
 * writes for the whole array at a depth of one.  Returns 0, or -1. */
static int
write_tags(FILE *fp, const struct analysis *a, const struct report_opts *ro,
    size_t flags)
{
	json_t	*o;
	char	*s, *p;
	size_t	 i, n;

	n = ro->top > 0 && ro->top < a->ntags ? ro->top : a->ntags;
	if (n == 0)
		return fputs("[]", fp) == EOF ? -1 : 0;
	if (fputc('[', fp) == EOF)
		return -1;
	for (i = 0; i < n; i++) {
		o = report_json_tag(&a->tags[i], ro->gate != NULL ?
		    &ro->gate->tags[i] : NULL);
		s = json_dumps(o, flags);
		json_decref(o);
		if (s == NULL)
			return -1;
		if (fputs(i > 0 ? ",\n    " : "\n    ", fp) == EOF) {
			free(s);
			return -1;
		}
		for (p = s; *p != '\0'; p++)
			if ((*p == '\n' ? fputs("\n    ", fp) :
			    fputc(*p, fp)) == EOF) {
				free(s);
				return -1;
			}
		free(s);
	}
	return fputs("\n  ]", fp) == EOF ? -1 : 0;
}

json_t *
report_json_counter(const struct counter_finding *c,
    const struct gate_mark *m)
{
	json_t	*o = json_object();

	json_object_set_new(o, "rank", json_integer(c->rank));
	json_object_set_new(o, "name", str(c->name));
	json_object_set_new(o, "verdict",
	    json_string(trend_verdict_name(c->verdict)));
	json_object_set_new(o, "reason", str(c->reason));
	json_object_set_new(o, "slope_per_hour", num(c->slope_per_hour));
	json_object_set_new(o, "slope_ci_per_hour",
	    pair(c->ci_lo, c->ci_lo, c->ci_hi));
	json_object_set_new(o, "p_value", num(c->p_value));
	json_object_set_new(o, "last", num(c->last));
	json_object_set_new(o, "samples", json_integer(c->samples));
	json_object_set_new(o, "next_step", c->next_step == NULL ?
	    json_null() : str(c->next_step));
	gate_fields(o, m, (int)c->verdict);
	return o;
}

/* A tag called in hindsight before an event, or null. */
static json_t *
call_json(const struct analysis *a, const struct tag_finding *f,
    int64_t ms, double hours)
{
	json_t	*o;
	char	 tag[24];

	if (f == NULL)
		return json_null();
	o = json_object();
	json_object_set_new(o, "tag",
	    json_string(units_tag(f->tag, tag, sizeof(tag))));
	json_object_set_new(o, "type", json_string(pool_names[f->type]));
	json_object_set_new(o, "time", time_str(ms / 1000 * 1000, a->utc));
	json_object_set_new(o, "hours_before", num(hours));
	return o;
}

json_t *
report_json_event(const struct analysis *a, size_t i)
{
	const struct event_finding *ef = &a->events[i];
	json_t	*o = json_object();

	json_object_set_new(o, "time", time_str(ef->event->t_ms, a->utc));
	json_object_set_new(o, "id", json_integer(ef->event->id));
	json_object_set_new(o, "source", str(ef->event->source));
	json_object_set_new(o, "kind", json_string(ef->event->kind));
	json_object_set_new(o, "message", str(ef->event->message));
	json_object_set_new(o, "segment", ef->segment < 0 ? json_null() :
	    json_integer(ef->segment));
	json_object_set_new(o, "first_warning", call_json(a, ef->warned,
	    ef->warned_ms, ef->warned_hours_before));
	json_object_set_new(o, "first_leak", call_json(a, ef->tag,
	    ef->called_ms, ef->hours_before));
	return o;
}

static json_t *
events(const struct analysis *a)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < a->nevents; i++)
		json_array_append_new(arr, report_json_event(a, i));
	return arr;
}

static json_t *
counters(const struct analysis *a, const struct gate *g)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < a->ncounters; i++)
		json_array_append_new(arr, report_json_counter(&a->counters[i],
		    g != NULL ? &g->counters[i] : NULL));
	return arr;
}

/* The gate's settings and outcome, or null. */
static json_t *
gate_json(const struct gate *g)
{
	const struct gate_opts *o;
	json_t	*j;

	if (g == NULL)
		return json_null();
	o = g->opts;
	j = json_object();
	json_object_set_new(j, "failed", json_boolean(g->failed));
	json_object_set_new(j, "fail_on", json_string(o->fail_on < 0 ? "never" :
	    trend_verdict_name((enum verdict)o->fail_on)));
	json_object_set_new(j, "max_slope_bytes_per_hour", o->max_slope >= 0 ?
	    json_real(o->max_slope) : json_null());
	json_object_set_new(j, "min_hours", o->min_hours >= 0 ?
	    json_real(o->min_hours) : json_null());
	json_object_set_new(j, "ignore_patterns",
	    json_integer((json_int_t)ignore_count(o->ignore)));
	json_object_set_new(j, "baseline", o->baseline_path != NULL ?
	    str(o->baseline_path) : json_null());
	json_object_set_new(j, "failed_pools",
	    json_integer((json_int_t)g->failed_pools));
	json_object_set_new(j, "failed_tags",
	    json_integer((json_int_t)g->failed_tags));
	json_object_set_new(j, "failed_counters",
	    json_integer((json_int_t)g->failed_counters));
	json_object_set_new(j, "ignored_tags",
	    json_integer((json_int_t)g->ignored));
	json_object_set_new(j, "unchanged",
	    json_integer((json_int_t)g->unchanged));
	return j;
}

int
report_json(FILE *fp, const struct analysis *a, const struct report_input *ri,
    const struct report_opts *ro)
{
	static const char mark[] = "\n  \"tags\": []";
	json_t	*root = json_object(), *counts = json_object();
	size_t	 flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(10);
	char	*doc, *at;
	int	 v, rc = -1;

	json_object_set_new(root, "schema_version", json_integer(SCHEMA_VERSION));
	json_object_set_new(root, "host", ro->host != NULL ? str(ro->host) :
	    json_null());
	json_object_set_new(root, "inputs", inputs(a, ri));
	json_object_set_new(root, "window", window(a, ri));
	json_object_set_new(root, "pools", pools(a, ro->gate));
	json_object_set_new(root, "vm", vm(ri->vm));
	for (v = 0; v < VERDICT_N; v++)
		json_object_set_new(counts, trend_verdict_name((enum verdict)v),
		    json_integer((json_int_t)a->count[v]));
	json_object_set_new(root, "verdicts", counts);
	/* The tags go where the empty array is: that text occurs once,
	 * since strings in the document have their quotes escaped and only
	 * the top level is indented by two. */
	json_object_set_new(root, "tags", json_array());
	json_object_set_new(root, "counters", counters(a, ro->gate));
	json_object_set_new(root, "events", events(a));
	json_object_set_new(root, "gate", gate_json(ro->gate));
	doc = json_dumps(root, flags);
	json_decref(root);
	if (doc == NULL || (at = strstr(doc, mark)) == NULL)
		goto out;
	at += sizeof(mark) - 3;		/* at the "[]" */
	if (fwrite(doc, 1, (size_t)(at - doc), fp) != (size_t)(at - doc) ||
	    write_tags(fp, a, ro, flags) == -1 ||
	    fputs(at + 2, fp) == EOF || fputc('\n', fp) == EOF)
		goto out;
	rc = 0;
out:
	free(doc);
	return rc;
}

json_t *
report_json_fleet_tag(const struct fleet_report *fr, size_t i)
{
	const struct fleet_tag *ft = &fr->view->tags[i];
	json_t	*o = json_object(), *hosts = json_array();
	char	 tag[24];
	size_t	 k;

	json_object_set_new(o, "tag",
	    json_string(units_tag(ft->tag, tag, sizeof(tag))));
	json_object_set_new(o, "type", json_string(pool_names[ft->type]));
	json_object_set_new(o, "hosts_leaking",
	    json_integer((json_int_t)ft->nleak));
	json_object_set_new(o, "hosts_with_tag",
	    json_integer((json_int_t)ft->nwith));
	for (k = 0; k < ft->nleak; k++)
		json_array_append_new(hosts,
		    str(fr->hosts[ft->hosts[k]].name));
	json_object_set_new(o, "hosts", hosts);
	json_object_set_new(o, "median_slope_bytes_per_hour",
	    num(ft->median_slope));
	json_object_set_new(o, "median_object_bytes", num(ft->median_object));
	json_object_set_new(o, "driver", ft->driver != NULL ? str(ft->driver) :
	    json_null());
	return o;
}

json_t *
report_json_fleet_outlier(const struct fleet_report *fr, size_t i)
{
	const struct fleet_outlier *fo = &fr->view->outliers[i];
	const struct tag_finding *f = &fr->hosts[fo->host].an->tags[fo->tag];
	json_t	*o = json_object();
	char	 tag[24];

	json_object_set_new(o, "host", str(fr->hosts[fo->host].name));
	json_object_set_new(o, "tag",
	    json_string(units_tag(f->tag, tag, sizeof(tag))));
	json_object_set_new(o, "type", json_string(pool_names[f->type]));
	json_object_set_new(o, "rank", json_integer(f->rank));
	json_object_set_new(o, "slope_bytes_per_hour",
	    num(f->slope_bytes_per_hour));
	json_object_set_new(o, "object_bytes", num(f->object_bytes));
	json_object_set_new(o, "flat_peers",
	    json_integer((json_int_t)fo->flat_peers));
	json_object_set_new(o, "peers_median_slope_bytes_per_hour",
	    num(fo->peers_median_slope));
	json_object_set_new(o, "driver", f->driver != NULL ? str(f->driver) :
	    json_null());
	json_object_set_new(o, "reason", str(f->reason));
	return o;
}

/* The fleet object: the hosts, the gate and the comparison. */
static json_t *
fleet_json(const struct fleet_report *fr)
{
	json_t	*o = json_object(), *a, *failed = json_array();
	size_t	 i;

	a = json_array();
	for (i = 0; i < fr->n; i++) {
		json_array_append_new(a, str(fr->hosts[i].name));
		if (fr->hosts[i].gate->failed)
			json_array_append_new(failed,
			    str(fr->hosts[i].name));
	}
	json_object_set_new(o, "hosts", a);
	json_object_set_new(o, "gate_failed", json_boolean(fr->failed));
	json_object_set_new(o, "failed_hosts", failed);
	a = json_array();
	for (i = 0; i < fr->view->ntags; i++)
		json_array_append_new(a, report_json_fleet_tag(fr, i));
	json_object_set_new(o, "several_hosts", a);
	a = json_array();
	for (i = 0; i < fr->view->noutliers; i++)
		json_array_append_new(a, report_json_fleet_outlier(fr, i));
	json_object_set_new(o, "out_of_line", a);
	return o;
}

/* Copy a document, indenting every line after the first by pad (at
 * most 8). */
static int
indented(FILE *fp, const char *s, size_t n, int pad)
{
	const char	*e = s + n, *nl;

	while (s < e) {
		if ((nl = memchr(s, '\n', (size_t)(e - s))) == NULL)
			nl = e;
		if (fwrite(s, 1, (size_t)(nl - s), fp) != (size_t)(nl - s))
			return -1;
		/* the document's last newline is not copied */
		if (nl + 1 < e && fprintf(fp, "\n%*s", pad, "") < 0)
			return -1;
		s = nl + 1;
	}
	return 0;
}

int
report_fleet_json(FILE *fp, const struct fleet_report *fr,
    const struct report_opts *ro)
{
	struct report_opts hro = *ro;
	json_t	*fleet = fleet_json(fr);
	char	*s, *doc = NULL;
	size_t	 len = 0, i;
	FILE	*mem;
	int	 rc = -1;

	s = json_dumps(fleet, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(10));
	json_decref(fleet);
	if (s == NULL)
		return -1;
	fprintf(fp, "{\n  \"schema_version\": %d,\n  \"fleet\": ",
	    SCHEMA_VERSION);
	if (indented(fp, s, strlen(s), 2) == -1 ||
	    fputs(",\n  \"hosts\": [", fp) == EOF)
		goto out;
	for (i = 0; i < fr->n; i++) {
		if ((mem = open_memstream(&doc, &len)) == NULL)
			goto out;
		hro.host = fr->hosts[i].name;
		hro.gate = fr->hosts[i].gate;
		if (report_json(mem, fr->hosts[i].an, &fr->inputs[i],
		    &hro) == -1) {
			fclose(mem);
			goto out;
		}
		if (fclose(mem) == EOF)
			goto out;
		fputs(i == 0 ? "\n    " : ",\n    ", fp);
		if (indented(fp, doc, len, 4) == -1)
			goto out;
		free(doc);
		doc = NULL;
	}
	fputs(fr->n > 0 ? "\n  ]\n}\n" : "]\n}\n", fp);
	rc = ferror(fp) ? -1 : 0;
out:
	free(doc);
	free(s);
	return rc;
}
