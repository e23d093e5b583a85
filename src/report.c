/* report.c: what the reporters share: which tags and counters a report
 * lists, the gate's failures in words, and escaping for CSV and markup. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "units.h"
#include "util.h"

static const char *const pool_names[POOL_NTYPES] = { "paged", "nonpaged" };
static const char *const type_names[POOL_NTYPES] = { "Paged", "Nonp" };

/* Tags listed of a single snapshot, by size, unless --top says. */
#define DUMP_TAGS	20

char *
report_related(const struct tag_finding *f, char *buf, size_t size)
{
	char	 allocs[32];

	if (f->related == NULL)
		return NULL;
	if (isnan(f->diff_slope_per_hour))
		snprintf(allocs, sizeof(allocs), "-");
	else
		snprintf(allocs, sizeof(allocs), "%+.1f",
		    f->diff_slope_per_hour);
	snprintf(buf, size, "with: %s, %s %+.1f/h (the tag: %s allocations/h): "
	    "the same objects, one finding", f->related->name,
	    trend_verdict_name(f->related->verdict), f->related->slope_per_hour,
	    allocs);
	return buf;
}

char *
report_sizes(const struct tag_finding *f, char *buf, size_t size)
{
	const struct outstanding *o = &f->outstanding;
	int	 k;

	if (!o->have)
		return NULL;
	k = snprintf(buf, size, "sizes: %lld of %lld outstanding %s %s %lld B "
	    "(%.0f%%)", (long long)o->dominant_count, (long long)o->allocations,
	    report_plural((long)o->allocations, "allocation", "allocations"),
	    o->dominant_count == 1 ? "is" : "are",
	    (long long)o->dominant_size_bytes, 100 * o->dominant_share);
	if (k < 0 || (size_t)k >= size)
		return buf;
	if (o->matches == 1)
		snprintf(buf + k, size - k, ", as the object size from the "
		    "trend");
	else if (o->matches == 0)
		snprintf(buf + k, size - k, ", not the object size from the "
		    "trend (%.0f B)", f->object_bytes);
	return buf;
}

const char *
report_plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void
report_list_tags(const struct analysis *a, const struct report_opts *ro,
    struct listing *l)
{
	const struct gate *g = ro->gate != NULL && ro->gate->shown ? ro->gate :
	    NULL;
	size_t	 i, top = ro->top;
	int	 all = ro->all;
	enum verdict v;

	memset(l, 0, sizeof(*l));
	l->idx = xreallocarray(NULL, a->ntags + 1, sizeof(*l->idx));
	l->one = a->nsnapshots == 1;
	if (l->one) {
		all = 1;
		if (top == 0)
			top = DUMP_TAGS;
	}
	for (i = 0; i < a->ntags; i++) {
		v = a->tags[i].verdict;
		if (top > 0 && l->n == top) {
			l->hidden += a->ntags - i;
			break;
		}
		if (!all && v != VERDICT_LEAK && v != VERDICT_SUSPECT)
			l->hidden++;
		/* what the gate lets through is not news */
		else if (!all && g != NULL && g->tags[i].state == GATE_IGNORED)
			l->ignored++;
		else if (!all && g != NULL && g->tags[i].state ==
		    GATE_UNCHANGED)
			l->unchanged++;
		else
			l->idx[l->n++] = i;
	}
}

void
report_list_counters(const struct analysis *a, const struct report_opts *ro,
    struct listing *l)
{
	const struct gate *g = ro->gate != NULL && ro->gate->shown ? ro->gate :
	    NULL;
	size_t	 i;
	enum verdict v;

	memset(l, 0, sizeof(*l));
	l->idx = xreallocarray(NULL, a->ncounters + 1, sizeof(*l->idx));
	for (i = 0; i < a->ncounters; i++) {
		v = a->counters[i].verdict;
		if (ro->top > 0 && l->n == ro->top) {
			l->hidden += a->ncounters - i;
			break;
		}
		if (!ro->all && v != VERDICT_LEAK && v != VERDICT_SUSPECT)
			l->hidden++;
		else if (!ro->all && g != NULL && g->counters[i].state ==
		    GATE_UNCHANGED)
			l->unchanged++;
		else
			l->idx[l->n++] = i;
	}
}

void
report_listing_free(struct listing *l)
{
	free(l->idx);
	l->idx = NULL;
}

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
