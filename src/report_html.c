/* report_html.c: findings -> one self-contained HTML page: the pools and
 * the top tags drawn over time as inline SVG, and the ranked table.
 *
 * The page has no script and loads nothing (no font, image, style sheet or
 * link target outside itself), so it shows the same wherever it is opened,
 * mailed or archived.  Numbers are written with fixed precision and the
 * page holds no time of its own making: the same input gives the same
 * bytes. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "timestamp.h"
#include "units.h"
#include "util.h"

#define TAG_CHARTS	10	/* tags drawn when --top does not say */
#define THIN_ABOVE	2000	/* more points: the extremes of each column */
#define FILES_NAMED	20	/* input files named one by one */
#define MS_HOUR		3.6e6
#define MS_DAY		INT64_C(86400000)

static const char *const pool_names[POOL_NTYPES] = { "paged", "nonpaged" };
static const char *const type_names[POOL_NTYPES] = { "Paged", "Nonp" };

static const char style[] =
":root{color-scheme:light}\n"
"body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
"\"Helvetica Neue\",Arial,sans-serif;color:#1f2328;background:#fff;"
"margin:0 auto;max-width:1120px;padding:12px 24px 32px}\n"
"h1{font-size:21px;margin:12px 0 4px}\n"
"h2{font-size:17px;margin:28px 0 8px;padding-bottom:4px;"
"border-bottom:1px solid #d0d7de}\n"
"p{margin:4px 0}\n"
"ul{margin:4px 0;padding-left:20px}\n"
".lead{font-size:15px}\n"
".muted,.note{color:#59636e}\n"
".mono,td.tag{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"
"\"Liberation Mono\",monospace;white-space:pre}\n"
"table{border-collapse:collapse;margin:8px 0;"
"font-variant-numeric:tabular-nums}\n"
"th,td{padding:3px 8px;text-align:left;vertical-align:top;"
"border-bottom:1px solid #eaeef2}\n"
"th{background:#f6f8fa;font-weight:600;white-space:nowrap}\n"
"td.n{text-align:right;white-space:nowrap}\n"
"td.w{white-space:nowrap}\n"
"tr.why td{color:#59636e;border-bottom:1px solid #d0d7de;padding:0 8px 5px}\n"
"tr.tag td{border-bottom:none}\n"
"td a{color:inherit}\n"
".v{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;"
"font-weight:600;white-space:nowrap}\n"
".v-leak{background:#ffebe9;color:#a40e26}\n"
".v-suspect{background:#fff1c2;color:#7d4e00}\n"
".v-stable{background:#dafbe1;color:#116329}\n"
".v-insufficient{background:#eff2f5;color:#424a53}\n"
".fail{color:#a40e26;font-weight:600}\n"
".pass{color:#116329;font-weight:600}\n"
"figure{margin:14px 0 18px}\n"
"figcaption{margin-bottom:4px}\n"
"figcaption b{font-size:15px}\n"
".tags{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));"
"gap:4px 24px}\n"
".tags figure{margin:8px 0}\n"
".why{color:#59636e;font-size:13px}\n"
"svg.chart{display:block;width:100%;height:auto;max-width:880px}\n"
"svg text{font-size:11px;fill:#59636e}\n"
"svg text.lbl{fill:#1f2328}\n"
"svg text.warn{fill:#a40e26;font-weight:600}\n"
"svg text.inbar{fill:#fff;font-weight:600}\n"
".grid{stroke:#eaeef2;stroke-width:1}\n"
".axis{stroke:#8c959f;stroke-width:1}\n"
"path.data{fill:none;stroke:#0969da;stroke-width:1.6;"
"stroke-linejoin:round;stroke-linecap:round}\n"
"rect.data{fill:#0969da}\n"
"rect.room{fill:#eaeef2}\n"
".fit{stroke:#cf222e;stroke-width:6;stroke-opacity:.4;stroke-linecap:round}\n"
".proj{stroke:#cf222e;stroke-width:1.6;stroke-dasharray:7 5}\n"
".limit{stroke:#1f2328;stroke-width:1.2;stroke-dasharray:2 3}\n"
".reboot{stroke:#8250df;stroke-width:1.2;stroke-dasharray:4 3}\n"
".full{stroke:#cf222e;stroke-width:1;stroke-dasharray:2 3}\n"
".key{display:inline-block;width:22px;height:0;margin:0 4px 0 12px;"
"vertical-align:middle;border-top:2px solid #0969da}\n"
".key:first-child{margin-left:0}\n"
".key.fit{border-top-color:#cf222e}\n"
".key.proj{border-top:2px dashed #cf222e}\n"
".key.limit{border-top:2px dotted #1f2328}\n"
".key.reboot{border-top:2px dashed #8250df}\n"
".event{stroke:#cf222e;stroke-width:1.2;stroke-dasharray:2 2}\n"
".key.event{border-top:2px dotted #cf222e}\n"
".legend{font-size:12px;color:#59636e}\n"
"@media print{body{max-width:none}.tags{display:block}}\n";

static void
verdict_badge(FILE *fp, enum verdict v)
{
	fprintf(fp, "<span class=\"v v-%s\">%s</span>", trend_verdict_name(v),
	    trend_verdict_name(v));
}

/* A chart: its view box, the plot area in it, and the ranges of the
 * axes (x in ms or bytes, y in bytes). */
struct chart {
	double	 w, h;
	double	 left, right, top, bottom;
	double	 x0, x1, y0, y1;
	double	 step;		/* between byte ticks */
	int	 unit;		/* of their labels: 1024 to this power */
};

static double
px(const struct chart *c, double x)
{
	return c->left + (x - c->x0) / (c->x1 - c->x0) * (c->right - c->left);
}

static double
py(const struct chart *c, double y)
{
	return c->bottom - (y - c->y0) / (c->y1 - c->y0) * (c->bottom - c->top);
}

/* A byte range with ticks at 1, 2 or 5 times a power of ten of the unit
 * its labels are written in ("1.50 MB", not "1.46 MB"), widened to whole
 * ticks. */
static void
nice_bytes(double lo, double hi, int from_zero, double *r0, double *r1,
    double *step, int *k)
{
	double	 unit = 1, m, p, pad, big;

	if (from_zero && lo > 0)
		lo = 0;
	if (!(hi > lo)) {
		pad = fabs(hi) * 0.1 > 8 ? fabs(hi) * 0.1 : 8;
		lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
		hi += pad;
	}
	big = fmax(fabs(lo), fabs(hi));
	for (*k = 0; big / unit >= 1000 && *k < 4; ++*k)
		unit *= 1024;
	m = (hi - lo) / 5 / unit;
	p = pow(10, floor(log10(m)));
	m /= p;
	*step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p * unit;
	if (*step < 1) {
		*step = 1;
		*k = 0;
	}
	*r0 = floor(lo / *step) * *step;
	*r1 = ceil(hi / *step) * *step;
}

/* The frame of a chart: the svg element and its accessible title. */
static void
svg_open(FILE *fp, const struct chart *c, const char *title)
{
	fprintf(fp, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\"><title>", c->w, c->h, c->w, c->h);
	report_markup(fp, title);
	fputs("</title>\n", fp);
}

/* A tick of a byte axis, all of one axis in one unit of 1024 with the
 * decimals its step needs: "0", "0.5 GB", "1.0 GB", "1.5 GB". */
static char *
tick_bytes(double v, double step, int k, char *buf, size_t size)
{
	static const char *const unit[] = { "B", "KB", "MB", "GB", "TB" };
	double	 u = pow(1024, k);

	if (v == 0)
		snprintf(buf, size, "0");
	else
		snprintf(buf, size, "%.*f %s", step / u >= 1 ? 0 :
		    (int)fmin(6, ceil(-log10(step / u) - 1e-9)), v / u, unit[k]);
	return buf;
}

/* The grid lines and labels of the byte axis: on the left (bars along
 * x: on the bottom). */
static void
byte_ticks(FILE *fp, const struct chart *c, int on_x)
{
	char	 b[32];
	double	 lo = on_x ? c->x0 : c->y0, hi = on_x ? c->x1 : c->y1, v, p;
	long	 k, nt = lround((hi - lo) / c->step);

	for (k = 0; k <= nt; k++) {
		v = lo + (double)k * c->step;
		tick_bytes(v, c->step, c->unit, b, sizeof(b));
		if (on_x) {
			p = px(c, v);
			fprintf(fp, "<line class=\"grid\" x1=\"%.1f\" "
			    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", p, c->top, p,
			    c->bottom);
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\">%s</text>\n", p,
			    c->bottom + 15, b);
		} else {
			p = py(c, v);
			fprintf(fp, "<line class=\"grid\" x1=\"%.1f\" "
			    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", c->left, p,
			    c->right, p);
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"end\">%s</text>\n", c->left - 6, p + 4,
			    b);
		}
	}
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* A tick of the time axis: "08:00", "11-18" at midnight or for a step of
 * days, the year too over most of a year. */
static void
time_label(int64_t ms, int64_t step, int64_t span, char *buf, size_t size)
{
	struct civil	 t;

	ts_civil(ms, &t);
	if (step >= MS_DAY && span >= 300 * MS_DAY)
		snprintf(buf, size, "%04d-%02d-%02d", t.year, t.month, t.day);
	else if (step >= MS_DAY || (t.hour == 0 && t.min == 0 && t.sec == 0))
		snprintf(buf, size, "%02d-%02d", t.month, t.day);
	else if (step < 60000)
		snprintf(buf, size, "%02d:%02d:%02d", t.hour, t.min, t.sec);
	else
		snprintf(buf, size, "%02d:%02d", t.hour, t.min);
}

/* Vertical grid lines and labels of the time axis, at most max of them,
 * on whole minutes, hours or days of the civil clock. */
static void
x_time_ticks(FILE *fp, const struct chart *c, int max)
{
	static const int64_t steps[] = { 10000, 30000, 60000, 120000, 300000,
	    600000, 900000, 1800000, 3600000, 7200000, 10800000, 21600000,
	    43200000, MS_DAY, 2 * MS_DAY, 7 * MS_DAY, 14 * MS_DAY, 28 * MS_DAY,
	    91 * MS_DAY, 182 * MS_DAY, 364 * MS_DAY };
	int64_t	 x0 = (int64_t)c->x0, x1 = (int64_t)c->x1, span = x1 - x0;
	int64_t	 step = 0, t;
	size_t	 i;
	char	 b[32];
	double	 x;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]) && step == 0; i++)
		if (span / steps[i] < max)
			step = steps[i];
	if (step == 0)
		step = 364 * MS_DAY * (span / (364 * MS_DAY * max) + 1);
	for (t = floor_div(x0 + step - 1, step) * step; t <= x1; t += step) {
		x = px(c, (double)t);
		time_label(t, step, span, b, sizeof(b));
		fprintf(fp, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", x, c->top, x, c->bottom);
		/* a label at the right edge ends there, not past it */
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">"
		    "%s</text>\n", x, c->bottom + 15, x > c->right - 20 ? "end" :
		    "middle", b);
	}
}

static void
frame(FILE *fp, const struct chart *c)
{
	fprintf(fp, "<path class=\"axis\" fill=\"none\" d=\"M%.1f %.1fV%.1fH%.1f\"/>\n",
	    c->left, c->top, c->bottom, c->right);
}

/* Points of a series in time order; brk marks the first of each boot. */
struct series {
	double	*ms, *y;
	char	*brk;
	size_t	 n;
};

static void
series_alloc(struct series *s, size_t n)
{
	s->ms = xreallocarray(NULL, n + 1, sizeof(*s->ms));
	s->y = xreallocarray(NULL, n + 1, sizeof(*s->y));
	s->brk = xreallocarray(NULL, n + 1, sizeof(*s->brk));
	s->n = 0;
}

static void
series_free(struct series *s)
{
	free(s->ms);
	free(s->y);
	free(s->brk);
}

static void
series_range(const struct series *s, double *lo, double *hi)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		*lo = s->y[i] < *lo ? s->y[i] : *lo;
		*hi = s->y[i] > *hi ? s->y[i] : *hi;
	}
}

static int
segment_of(const struct analysis *a, size_t snap)
{
	size_t	 i;

	for (i = a->nsegments; i-- > 0;)
		if (snap >= a->segments[i].first)
			return (int)i;
	return 0;
}

/* The path of a series.  Past THIN_ABOVE points, each column of the plot
 * keeps its lowest and highest point in their order, so a long log stays
 * small and its spikes stay visible.  A stretch of one point is a dot. */
struct pen {
	FILE	*fp;
	int	 thin;
	size_t	 n;		/* points written */
	size_t	 run;		/* of them in the current stretch */
	int	 pending, start;	/* a column is gathered; it starts one */
	long	 col;
	double	 lx, ly, hx, hy;	/* its lowest and highest point */
	int	 low_first;
};

static void
pen_write(struct pen *p, double x, double y, int start)
{
	if (start && p->run == 1)
		fputs("h0", p->fp);
	if (start)
		p->run = 0;
	fprintf(p->fp, "%s%.1f %.1f", start ? "M" : "L", x, y);
	if (++p->n % 8 == 0)
		fputc('\n', p->fp);
	p->run++;
}

static void
pen_flush(struct pen *p)
{
	if (!p->pending)
		return;
	if (p->low_first) {
		pen_write(p, p->lx, p->ly, p->start);
		if (p->hy != p->ly || p->hx != p->lx)
			pen_write(p, p->hx, p->hy, 0);
	} else {
		pen_write(p, p->hx, p->hy, p->start);
		if (p->hy != p->ly || p->hx != p->lx)
			pen_write(p, p->lx, p->ly, 0);
	}
	p->pending = 0;
}

/* y is in the view box, where up is smaller. */
static void
pen_put(struct pen *p, double x, double y, int brk)
{
	long	 col = (long)floor(x);

	brk = brk || (p->n == 0 && !p->pending);
	if (!p->thin) {
		pen_write(p, x, y, brk);
		return;
	}
	if (p->pending && (brk || col != p->col))
		pen_flush(p);
	if (!p->pending) {
		p->pending = 1;
		p->start = brk;
		p->col = col;
		p->lx = p->hx = x;
		p->ly = p->hy = y;
		p->low_first = 1;
		return;
	}
	if (y > p->ly) {
		p->lx = x;
		p->ly = y;
		p->low_first = 0;
	}
	if (y < p->hy) {
		p->hx = x;
		p->hy = y;
		p->low_first = 1;
	}
}

/* The data path of s; attrs names what it draws for the page's checks. */
static void
draw_series(FILE *fp, const struct chart *c, const struct series *s,
    const char *key, const char *value)
{
	struct pen	 p;
	size_t		 i;

	memset(&p, 0, sizeof(p));
	p.fp = fp;
	p.thin = s->n > THIN_ABOVE;
	fprintf(fp, "<path class=\"data\" data-%s=\"%s\" data-samples=\"%zu\" "
	    "d=\"", key, value, s->n);
	for (i = 0; i < s->n; i++)
		pen_put(&p, px(c, s->ms[i]), py(c, s->y[i]), s->brk[i]);
	pen_flush(&p);
	if (p.run == 1)
		fputs("h0", fp);
	fprintf(fp, "\" data-n=\"%zu\"/>\n", p.n);
}

/* The engine's fitted line (bytes = intercept + slope * hours since t0)
 * over points [from, to) of s, from onset hours after t0 (NAN: from the
 * first).  Returns 0 and its ends (ms, bytes, ms, bytes), or -1 if there
 * is none. */
static int
fit_ends(const struct series *s, size_t from, size_t to, double slope,
    double intercept, int64_t t0, double onset, double end[4])
{
	size_t	 first;

	if (!isfinite(slope) || !isfinite(intercept) || from >= to)
		return -1;
	for (first = from; first < to && !isnan(onset) &&
	    (s->ms[first] - (double)t0) / MS_HOUR < onset - 1e-9; first++)
		;
	if (first == to)
		return -1;
	end[0] = s->ms[first];
	end[1] = intercept + slope * (s->ms[first] - (double)t0) / MS_HOUR;
	end[2] = s->ms[to - 1];
	end[3] = intercept + slope * (s->ms[to - 1] - (double)t0) / MS_HOUR;
	return 0;
}

static void
draw_line(FILE *fp, const struct chart *c, const char *cls, const double e[4])
{
	fprintf(fp, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
	    "y2=\"%.1f\"/>\n", cls, px(c, e[0]), py(c, e[1]), px(c, e[2]),
	    py(c, e[3]));
}

/* A dotted line at each reboot: where each boot after the first starts. */
static int
draw_reboots(FILE *fp, const struct chart *c, const struct analysis *a,
    const struct table *tb)
{
	size_t	 i;
	double	 x;

	for (i = 1; i < a->nsegments; i++) {
		x = px(c, (double)table_snapshot(tb, a->segments[i].first)->t_ms);
		fprintf(fp, "<line class=\"reboot\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", x, c->top, x, c->bottom);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\">reboot</text>\n", x + 3,
		    c->top + 10);
	}
	return a->nsegments > 1;
}

/* A dotted red line at each exhaustion event of pool type (or of no
 * pool) within the chart's time, labelled with its event ID, the labels
 * of events close together one below the other.  Returns whether any
 * was drawn. */
static int
draw_events(FILE *fp, const struct chart *c, const struct analysis *a,
    int type)
{
	const struct pool_event *e;
	size_t	 i;
	double	 x, t, last = -1e9;
	int	 any = 0, row = 0;

	for (i = 0; i < a->nevents; i++) {
		e = a->events[i].event;
		t = (double)e->t_ms;
		if (t < c->x0 || t > c->x1 || (e->pool >= 0 && e->pool != type))
			continue;
		x = px(c, t);
		row = x - last < 40 ? (row + 1) % 4 : 0;
		last = x;
		fprintf(fp, "<line class=\"event\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", x, c->top, x, c->bottom);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\">%d</text>\n", x + 3,
		    c->top + 22 + 12 * row, e->id);
		any = 1;
	}
	return any;
}

/* A pool's totals: the header's where the pool finding took them from
 * the header, else the sums of the rows; snapshots without one are
 * left out, as the engine leaves them out.  *from is the first point of
 * the last boot, the stretch the pool's growth was fitted on. */
static void
pool_series(const struct analysis *a, const struct table *tb, int type,
    struct series *s, size_t *from)
{
	const struct pool_finding *p = &a->pools[type];
	const struct snapshot *sn;
	size_t	 i, ns = table_nsnapshots(tb);
	int	 seg, prev = -1;
	int64_t	 v;

	series_alloc(s, ns);
	*from = SIZE_MAX;
	for (i = 0; i < ns; i++) {
		sn = table_snapshot(tb, i);
		v = p->from_header ? sn->hdr_bytes[type] : sn->sum_bytes[type];
		if (p->from_header ? v < 0 : v <= 0)
			continue;
		seg = segment_of(a, i);
		if (seg == (int)a->nsegments - 1 && *from == SIZE_MAX)
			*from = s->n;
		s->ms[s->n] = (double)sn->t_ms;
		s->y[s->n] = (double)v;
		s->brk[s->n++] = seg != prev;
		prev = seg;
	}
	if (*from == SIZE_MAX)
		*from = s->n;
}

/* Where the projection goes: to the limit at the time of exhaustion if
 * that is within four windows after it (the axis reaches it and the data
 * keeps a fifth of the width), else
 * to the right edge of a shortened axis.  Returns 0 if there is none, 1
 * to the limit, 2 off the chart. */
static int
projection(const struct analysis *a, const struct pool_finding *p,
    const struct series *s, double *x1, double e[4])
{
	double	 span, last, rate;

	if (s->n == 0 || p->limit_bytes <= 0 || !(p->hours_to_exhaustion > 0) ||
	    !isfinite(p->hours_to_exhaustion) || a->time_unknown)
		return 0;
	last = s->ms[s->n - 1];
	span = (double)(a->last_ms - a->first_ms);
	if (span < MS_HOUR)
		span = MS_HOUR;
	rate = ((double)p->limit_bytes - s->y[s->n - 1]) /
	    p->hours_to_exhaustion;
	e[0] = last;
	e[1] = s->y[s->n - 1];
	if (p->exhaustion_ms < TREND_NEVER_MS &&
	    (double)p->exhaustion_ms - last <= 4 * span) {
		e[2] = (double)p->exhaustion_ms;
		e[3] = (double)p->limit_bytes;
		*x1 = e[2] + 0.04 * (e[2] - (double)a->first_ms);
		return 1;
	}
	*x1 = last + 0.3 * span;
	e[2] = *x1;
	e[3] = e[1] + rate * (*x1 - last) / MS_HOUR;
	return 2;
}

/* When the pool is full, as the text report says it: "6.6 d
 * (2026-11-27T15:40:00)". */
static void
full_text(const struct analysis *a, const struct pool_finding *p, char *buf,
    size_t size)
{
	char	 h[32], when[40];

	units_hours(p->hours_to_exhaustion, h, sizeof(h));
	if (a->time_unknown)
		snprintf(buf, size, "%s (time unknown)", h);
	else if (p->exhaustion_ms >= TREND_NEVER_MS)
		snprintf(buf, size, "%s (after 9999)", h);
	else
		snprintf(buf, size, "%s (%s)", h, ts_format(
		    p->exhaustion_ms / 60000 * 60000, a->utc, when,
		    sizeof(when)));
}

/* The legend of a pool chart, below it. */
static void
pool_legend(FILE *fp, const struct pool_finding *p, int fit, int proj,
    int limit, int reboots, int events)
{
	char	 r[32];

	fprintf(fp, "<p class=\"legend\"><span class=\"key\"></span>bytes (%s)",
	    p->from_header ? "the pool's total from the log's header" :
	    "the sum of the tags' rows");
	if (fit)
		fputs("<span class=\"key fit\"></span>fitted line (Theil-Sen, "
		    "this boot)", fp);
	if (proj)
		fprintf(fp, "<span class=\"key proj\"></span>projection at %s "
		    "(%s)", units_rate(p->projection_bytes_per_hour, r,
		    sizeof(r)), p->projection_from_leaks ? "the leaking tags" :
		    "the pool's growth");
	if (limit)
		fprintf(fp, "<span class=\"key limit\"></span>limit (%s)",
		    p->limit_source != NULL && strcmp(p->limit_source, "vm") ==
		    0 ? "from !vm" : "--limit");
	if (reboots)
		fputs("<span class=\"key reboot\"></span>reboot", fp);
	if (events)
		fputs("<span class=\"key event\"></span>exhaustion event "
		    "(its ID)", fp);
	fputs("</p>\n", fp);
}

/* The limit and the time the pool is full, labelled. */
static void
pool_marks(FILE *fp, const struct chart *c, const struct analysis *a,
    const struct pool_finding *p, int proj, const double e[4], int shown)
{
	char	 b[32], full[96];
	double	 x, y;

	if (shown) {
		y = py(c, (double)p->limit_bytes);
		fprintf(fp, "<line class=\"limit\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", c->left, y, c->right, y);
		/* over the limit, the data is above the line: label below */
		fprintf(fp, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\">limit "
		    "%s%s</text>\n", c->left + 6, p->hours_to_exhaustion == 0 ?
		    y + 14 : y - 5, units_bytes((double)p->limit_bytes, b,
		    sizeof(b)), p->hours_to_exhaustion == 0 ? ": at or over it" :
		    "");
	}
	if (proj == 0)
		return;
	full_text(a, p, full, sizeof(full));
	if (proj == 1) {
		x = px(c, e[2]);
		fprintf(fp, "<line class=\"full\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", x, c->top, x, c->bottom);
		fprintf(fp, "<circle class=\"full-at\" cx=\"%.1f\" cy=\"%.1f\" "
		    "r=\"4\" fill=\"#cf222e\"/>", x, py(c, e[3]));
		fprintf(fp, "<text class=\"warn\" x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">full in %s</text>\n", x - 8,
		    py(c, e[3]) - 6, full);
	} else
		fprintf(fp, "<text class=\"warn\" x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">full in %s, off the chart &#8594;"
		    "</text>\n", c->right - 4, c->top + 12, full);
}

/* A pool's total bytes over time, its fitted line over the last boot and
 * where that leads: the limit, and when it is reached. */
static void
pool_chart(FILE *fp, const struct analysis *a, const struct table *tb,
    int type)
{
	const struct pool_finding *p = &a->pools[type];
	struct chart	 c = { 760, 300, 72, 740, 14, 264, 0, 0, 0, 0, 0, 0 };
	struct series	 s;
	size_t		 from;
	double		 fit[4], e[4], lo = INFINITY, hi = -INFINITY;
	int		 have_fit, proj, shown, reboots, events;
	char		 title[64];

	pool_series(a, tb, type, &s, &from);
	if (s.n == 0) {
		series_free(&s);
		return;
	}
	c.x0 = (double)a->first_ms;
	c.x1 = (double)a->last_ms;
	have_fit = fit_ends(&s, from, s.n, p->slope_bytes_per_hour,
	    p->intercept_bytes, p->fit_t0_ms, NAN, fit) == 0;
	proj = projection(a, p, &s, &c.x1, e);
	series_range(&s, &lo, &hi);
	if (have_fit) {
		lo = fmin(lo, fmin(fit[1], fit[3]));
		hi = fmax(hi, fmax(fit[1], fit[3]));
	}
	if (proj)
		hi = fmax(hi, e[3]);
	/* the limit is drawn unless it would flatten the data to a line */
	shown = p->limit_bytes > 0 && ((double)p->bytes_last * 20 >=
	    (double)p->limit_bytes || proj == 1);
	if (shown)
		hi = fmax(hi, (double)p->limit_bytes * 1.07);
	nice_bytes(lo, hi, shown, &c.y0, &c.y1, &c.step, &c.unit);
	snprintf(title, sizeof(title), "%s pool bytes over time",
	    pool_names[type]);
	fprintf(fp, "<figure class=\"chart pool\" id=\"pool-%s\">\n"
	    "<figcaption><b>%s pool</b></figcaption>\n", pool_names[type],
	    pool_names[type]);
	svg_open(fp, &c, title);
	byte_ticks(fp, &c, 0);
	x_time_ticks(fp, &c, 8);
	frame(fp, &c);
	reboots = draw_reboots(fp, &c, a, tb);
	events = draw_events(fp, &c, a, type);
	/* the data over the line, so a perfect fit does not hide it */
	if (have_fit)
		draw_line(fp, &c, "fit", fit);
	if (proj)
		draw_line(fp, &c, "proj", e);
	draw_series(fp, &c, &s, "pool", pool_names[type]);
	pool_marks(fp, &c, a, p, proj, e, shown);
	fputs("</svg>\n", fp);
	pool_legend(fp, p, have_fit, proj != 0, shown, reboots, events);
	if (p->limit_bytes > 0 && !shown)
		fputs("<p class=\"note\">The limit is not drawn: the pool uses "
		    "less than 5% of it.</p>\n", fp);
	fputs("</figure>\n", fp);
	series_free(&s);
}

/* A single snapshot: how full the pool is, as a bar. */
static void
pool_bar(FILE *fp, const struct analysis *a, int type)
{
	const struct pool_finding *p = &a->pools[type];
	struct chart	 c = { 760, 64, 72, 720, 8, 36, 0, 0, 0, 1, 0, 0 };
	double		 hi = (double)p->bytes_last, x;
	char		 title[64], b[32];

	if (p->limit_bytes > 0)
		hi = fmax(hi, (double)p->limit_bytes);
	nice_bytes(0, hi, 1, &c.x0, &c.x1, &c.step, &c.unit);
	snprintf(title, sizeof(title), "%s pool bytes in the snapshot",
	    pool_names[type]);
	fprintf(fp, "<figure class=\"chart pool\" id=\"pool-%s\">\n"
	    "<figcaption><b>%s pool</b></figcaption>\n", pool_names[type],
	    pool_names[type]);
	svg_open(fp, &c, title);
	byte_ticks(fp, &c, 1);
	fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
	    c.left - 6, 26.0, pool_names[type]);
	x = fmax(px(&c, (double)p->bytes_last), c.left + 2);
	fprintf(fp, "<rect class=\"data\" data-pool=\"%s\" data-samples=\"1\" "
	    "data-n=\"1\" x=\"%.1f\" y=\"12\" width=\"%.1f\" height=\"20\"/>",
	    pool_names[type], c.left, x - c.left);
	/* the size inside a long bar, after a short one */
	fprintf(fp, "<text class=\"%s\" x=\"%.1f\" y=\"26\"%s>%s</text>\n",
	    x > c.left + 100 ? "inbar" : "lbl", x + (x > c.left + 100 ? -6 : 6),
	    x > c.left + 100 ? " text-anchor=\"end\"" : "",
	    units_bytes((double)p->bytes_last, b, sizeof(b)));
	if (p->limit_bytes > 0) {
		x = px(&c, (double)p->limit_bytes);
		fprintf(fp, "<line class=\"limit\" x1=\"%.1f\" y1=\"6\" "
		    "x2=\"%.1f\" y2=\"38\"/>", x, x);
		fprintf(fp, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">limit %s</text>\n", x - 4, 10.0,
		    units_bytes((double)p->limit_bytes, b, sizeof(b)));
	}
	fputs("</svg>\n</figure>\n", fp);
}

static void
pools_table(FILE *fp, const struct analysis *a, int charts)
{
	char	 now[32], rate[32], limit[32], full[96], used[16];
	int	 t;

	fputs("<table class=\"pools\">\n<thead><tr><th>pool</th><th>now</th>"
	    "<th>growth</th><th>limit</th><th>used</th><th>fills in</th>"
	    "</tr></thead>\n<tbody>\n", fp);
	for (t = 0; t < POOL_NTYPES; t++) {
		const struct pool_finding *p = &a->pools[t];

		if (!p->have_data) {
			fprintf(fp, "<tr class=\"pool\" data-pool=\"%s\"><td>%s"
			    "</td><td colspan=\"5\" class=\"note\">", pool_names[t],
			    pool_names[t]);
			report_markup(fp, p->note);
			fputs("</td></tr>\n", fp);
			continue;
		}
		units_bytes((double)p->bytes_last, now, sizeof(now));
		units_rate(p->slope_bytes_per_hour, rate, sizeof(rate));
		snprintf(limit, sizeof(limit), "-");
		snprintf(used, sizeof(used), "-");
		if (p->limit_bytes > 0) {
			units_bytes((double)p->limit_bytes, limit, sizeof(limit));
			snprintf(used, sizeof(used), "%.0f%%", 100.0 *
			    (double)p->bytes_last / (double)p->limit_bytes);
		}
		fprintf(fp, "<tr class=\"pool\" data-pool=\"%s\"", pool_names[t]);
		if (charts)
			fprintf(fp, " data-chart=\"pool-%s\"", pool_names[t]);
		fprintf(fp, "><td><a href=\"#pool-%s\">%s</a></td><td class=\"n\">"
		    "%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
		    "<td class=\"n\">%s</td><td>", pool_names[t], pool_names[t],
		    now, rate, limit, used);
		if (isnan(p->hours_to_exhaustion)) {
			fputs("- <span class=\"note\">", fp);
			report_markup(fp, p->note);
			fputs("</span>", fp);
		} else {
			full_text(a, p, full, sizeof(full));
			fputs(full, fp);
		}
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

/* Where the limits came from, and what !vm warned of. */
static void
limits(FILE *fp, const struct analysis *a, const struct vm_info *vm)
{
	int	 t, i, any = 0;

	for (t = 0; t < POOL_NTYPES; t++)
		if (a->pools[t].limit_source != NULL &&
		    strcmp(a->pools[t].limit_source, "vm") == 0) {
			fprintf(fp, "%s%s", any ? ", " :
			    "<p class=\"note\">Limits from !vm: ", pool_names[t]);
			any = 1;
		}
	if (any)
		fputs(".</p>\n", fp);
	for (i = 0; vm != NULL && i < vm->nbanners; i++) {
		fputs("<p class=\"fail\">!vm: ", fp);
		report_markup(fp, vm->banner[i]);
		fputs("</p>\n", fp);
	}
}

static void
pools_section(FILE *fp, const struct analysis *a,
    const struct report_input *ri)
{
	int	 t;

	fputs("<section id=\"pools\">\n<h2>Pools</h2>\n", fp);
	pools_table(fp, a, ri->table != NULL);
	for (t = 0; t < POOL_NTYPES; t++)
		if (a->pools[t].next_step != NULL) {
			fprintf(fp, "<p class=\"why\">%s: next: ",
			    pool_names[t]);
			report_markup(fp, a->pools[t].next_step);
			fputs("</p>\n", fp);
		}
	limits(fp, a, ri->vm);
	for (t = 0; t < POOL_NTYPES && ri->table != NULL; t++) {
		if (!a->pools[t].have_data)
			continue;
		if (a->nsnapshots == 1)
			pool_bar(fp, a, t);
		else
			pool_chart(fp, a, ri->table, t);
	}
	fputs("</section>\n", fp);
}

/* A tag's bytes over time; *from and *to bound the points of the boot it
 * was judged in. */
static void
tag_series(const struct analysis *a, const struct table *tb,
    const struct tag_finding *f, struct series *s, size_t *from, size_t *to)
{
	const struct series_info *si = table_series(tb, f->series);
	struct sample	*smp = xreallocarray(NULL, si->n + 1, sizeof(*smp));
	size_t		 i, n = table_decode(tb, f->series, smp);
	int		 seg, prev = -1;

	series_alloc(s, n);
	*from = *to = 0;
	for (i = 0; i < n; i++) {
		seg = segment_of(a, smp[i].snap);
		if (seg == f->segment && seg != prev)
			*from = i;
		if (seg == f->segment)
			*to = i + 1;
		s->ms[i] = (double)table_snapshot(tb, smp[i].snap)->t_ms;
		s->y[i] = (double)smp[i].bytes;
		s->brk[i] = seg != prev;
		prev = seg;
	}
	s->n = n;
	free(smp);
}

static void
tag_name(FILE *fp, const struct tag_finding *f)
{
	char	 tag[24];

	fputs("<span class=\"mono\">", fp);
	report_markup(fp, units_tag(f->tag, tag, sizeof(tag)));
	fprintf(fp, "</span> %s", type_names[f->type]);
}

static void
driver(FILE *fp, const struct tag_finding *f)
{
	if (f->driver == NULL && f->description == NULL) {
		fputs("-", fp);
		return;
	}
	report_markup(fp, f->driver);
	if (f->driver != NULL && f->description != NULL)
		fputs(" - ", fp);
	report_markup(fp, f->description);
}

/* One tag's bytes over time and its fitted line over the stretch it was
 * judged on (from a late leak's onset). */
static void
tag_chart(FILE *fp, const struct analysis *a, const struct table *tb,
    const struct tag_finding *f)
{
	struct chart	 c = { 480, 220, 64, 466, 12, 186, 0, 0, 0, 0, 0, 0 };
	struct series	 s;
	size_t		 from, to;
	double		 fit[4], lo = INFINITY, hi = -INFINITY;
	int		 have_fit;
	char		 title[64], tag[24], rate[32], now[32], rank[16];

	tag_series(a, tb, f, &s, &from, &to);
	c.x0 = (double)a->first_ms;
	c.x1 = (double)a->last_ms;
	have_fit = f->segment >= 0 && fit_ends(&s, from, to,
	    f->slope_bytes_per_hour, f->intercept_bytes, f->fit_t0_ms,
	    f->onset_hours, fit) == 0;
	series_range(&s, &lo, &hi);
	if (have_fit) {
		lo = fmin(lo, fmin(fit[1], fit[3]));
		hi = fmax(hi, fmax(fit[1], fit[3]));
	}
	if (s.n == 0)
		lo = hi = 0;
	nice_bytes(lo, hi, 0, &c.y0, &c.y1, &c.step, &c.unit);
	units_tag(f->tag, tag, sizeof(tag));
	snprintf(title, sizeof(title), "%s %s bytes over time", tag,
	    type_names[f->type]);
	fprintf(fp, "<figure class=\"chart tag\" id=\"tag-%d\">\n"
	    "<figcaption><b>%d ", f->rank, f->rank);
	tag_name(fp, f);
	fputs("</b> ", fp);
	verdict_badge(fp, f->verdict);
	fprintf(fp, " %s, now %s", units_rate(f->slope_bytes_per_hour, rate,
	    sizeof(rate)), units_bytes((double)f->bytes_last, now, sizeof(now)));
	if (f->driver != NULL || f->description != NULL) {
		fputs("<br><span class=\"muted\">", fp);
		driver(fp, f);
		fputs("</span>", fp);
	}
	fputs("</figcaption>\n", fp);
	svg_open(fp, &c, title);
	byte_ticks(fp, &c, 0);
	x_time_ticks(fp, &c, 5);
	frame(fp, &c);
	draw_reboots(fp, &c, a, tb);
	snprintf(rank, sizeof(rank), "%d", f->rank);
	if (have_fit)
		draw_line(fp, &c, "fit", fit);
	draw_series(fp, &c, &s, "rank", rank);
	fputs("</svg>\n<p class=\"why\">", fp);
	report_markup(fp, f->reason);
	fputs("</p>\n</figure>\n", fp);
	series_free(&s);
}

/* A single snapshot: the listed tags by size, a bar each. */
static void
tags_bars(FILE *fp, const struct analysis *a, const struct listing *l)
{
	struct chart	 c = { 760, 0, 180, 680, 6, 0, 0, 1, 0, 1, 0, 0 };
	const struct tag_finding *f;
	double		 hi = 0, y;
	size_t		 i;
	char		 tag[24], b[32];

	c.bottom = c.top + 22 * (double)l->n;
	c.h = c.bottom + 24;
	for (i = 0; i < l->n; i++)
		hi = fmax(hi, (double)a->tags[l->idx[i]].bytes_last);
	nice_bytes(0, hi, 1, &c.x0, &c.x1, &c.step, &c.unit);
	fputs("<figure class=\"chart bars\" id=\"tags-by-size\">\n"
	    "<figcaption><b>Tags by size</b> <span class=\"muted\">(one "
	    "snapshot, so no trend)</span></figcaption>\n", fp);
	svg_open(fp, &c, "the listed tags by bytes in the snapshot");
	byte_ticks(fp, &c, 1);
	for (i = 0; i < l->n; i++) {
		f = &a->tags[l->idx[i]];
		y = c.top + 22 * (double)i;
		fputs("<text class=\"lbl\" font-family=\"monospace\" ", fp);
		fprintf(fp, "x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "xml:space=\"preserve\">", c.left - 8, y + 15);
		report_markup(fp, units_tag(f->tag, tag, sizeof(tag)));
		fprintf(fp, " %-5s</text>", type_names[f->type]);
		fprintf(fp, "<rect class=\"data\" data-rank=\"%d\" "
		    "data-samples=\"1\" data-n=\"1\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"16\"/>", f->rank, c.left, y + 3,
		    fmax(px(&c, (double)f->bytes_last) - c.left, 2));
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
		    fmax(px(&c, (double)f->bytes_last), c.left + 2) + 5, y + 15,
		    units_bytes((double)f->bytes_last, b, sizeof(b)));
	}
	fputs("</svg>\n</figure>\n", fp);
}

/* "FAIL: leak; new", "ignored", or nothing. */
static void
gate_cell(FILE *fp, const struct gate_mark *m, int verdict)
{
	char	 why[80];
	const char *b = baseline_state_name(m->base);

	switch (m->state) {
	case GATE_PASS:
		fputs("pass", fp);
		break;
	case GATE_FAIL:
		fprintf(fp, "<span class=\"fail\">FAIL: %s%s%s</span>",
		    report_gate_why(m, verdict, why, sizeof(why)), b != NULL ?
		    "; " : "", b != NULL ? b : "");
		break;
	case GATE_IGNORED:
		fputs("ignored", fp);
		break;
	case GATE_UNCHANGED:
		fputs("unchanged since the baseline", fp);
		break;
	}
}

static void
tag_row(FILE *fp, const struct tag_finding *f, const struct gate_mark *m,
    const char *chart, int one)
{
	char	 rate[32], now[32], num[32], fills[32], buf[512];
	int	 cols = m != NULL ? 13 : 12;

	fprintf(fp, "<tr class=\"tag\" data-rank=\"%d\"", f->rank);
	if (chart != NULL)
		fprintf(fp, " data-chart=\"%s\"", chart);
	fprintf(fp, "><td class=\"n\">%d</td><td class=\"tag\">", f->rank);
	if (chart != NULL)
		fprintf(fp, "<a href=\"#%s\">", chart);
	report_markup(fp, units_tag(f->tag, num, sizeof(num)));
	fprintf(fp, "%s</td><td>%s</td><td>", chart != NULL ? "</a>" : "",
	    type_names[f->type]);
	verdict_badge(fp, f->verdict);
	fprintf(fp, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
	    units_rate(f->slope_bytes_per_hour, rate, sizeof(rate)),
	    units_bytes((double)f->bytes_last, now, sizeof(now)));
	if (isnan(f->diff_slope_per_hour))
		fputs("<td class=\"n\">-</td>", fp);
	else
		fprintf(fp, "<td class=\"n\">%+.1f</td>", f->diff_slope_per_hour);
	if (isnan(f->object_bytes))
		fputs("<td class=\"n\">-</td>", fp);
	else
		fprintf(fp, "<td class=\"n\">%.0f B</td>", f->object_bytes);
	if (isnan(f->share_of_pool_growth))
		fputs("<td class=\"n\">-</td>", fp);
	else
		fprintf(fp, "<td class=\"n\">%.0f%%</td>",
		    100 * f->share_of_pool_growth);
	fprintf(fp, "<td class=\"n\">%s</td><td>", units_hours(
	    f->hours_to_exhaustion, fills, sizeof(fills)));
	driver(fp, f);
	fputs("</td>", fp);
	if (m != NULL) {
		fputs("<td class=\"w\">", fp);
		gate_cell(fp, m, (int)f->verdict);
		fputs("</td>", fp);
	}
	fputs("</tr>\n", fp);
	if (one) {
		/* a dump: only what a pool trace says of the sizes */
		if (report_sizes(f, buf, sizeof(buf)) != NULL) {
			fprintf(fp, "<tr class=\"why\"><td></td><td "
			    "colspan=\"%d\">", cols - 1);
			report_markup(fp, buf);
			fputs("</td></tr>\n", fp);
		}
		return;
	}
	fprintf(fp, "<tr class=\"why\"><td></td><td colspan=\"%d\">", cols - 1);
	report_markup(fp, f->reason);
	if (report_related(f, buf, sizeof(buf)) != NULL) {
		fputs("<br>", fp);
		report_markup(fp, buf);
	}
	if (report_sizes(f, buf, sizeof(buf)) != NULL) {
		fputs("<br>", fp);
		report_markup(fp, buf);
	}
	if (f->next_step != NULL) {
		fputs("<br>next: ", fp);
		report_markup(fp, f->next_step);
	}
	fputs("</td></tr>\n", fp);
}

static void
tags_table(FILE *fp, const struct analysis *a, const struct listing *l,
    const struct gate *g, size_t charted, int table)
{
	char	 chart[24];
	size_t	 i, k;

	fputs("<table class=\"ranked\">\n<thead><tr><th>rank</th><th>tag</th>"
	    "<th>type</th><th>verdict</th><th>growth</th><th>now</th>"
	    "<th>allocs/h</th><th>object</th><th>share</th><th>fills in</th>"
	    "<th>driver</th>", fp);
	if (g != NULL)
		fputs("<th>gate</th>", fp);
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (k = 0; k < l->n; k++) {
		i = l->idx[k];
		if (l->one)
			snprintf(chart, sizeof(chart), "tags-by-size");
		else
			snprintf(chart, sizeof(chart), "tag-%d", a->tags[i].rank);
		tag_row(fp, &a->tags[i], g != NULL ? &g->tags[i] : NULL,
		    table && (l->one || k < charted) ? chart : NULL, l->one);
	}
	fputs("</tbody>\n</table>\n", fp);
}

/* What was left out of the list, as the text report says it. */
static void
left_out(FILE *fp, const struct listing *l, int all)
{
	if (l->one) {
		if (l->hidden > 0)
			fprintf(fp, "<p class=\"note\">%zu smaller %s not listed "
			    "(--top sets how many).</p>\n", l->hidden,
			    report_plural((long)l->hidden, "tag", "tags"));
		return;
	}
	if (l->n == 0 && l->hidden > 0 && l->ignored + l->unchanged == 0 &&
	    !all)
		fputs("<p class=\"pass\">No tag is growing.</p>\n", fp);
	if (l->ignored > 0)
		fprintf(fp, "<p class=\"note\">%zu growing %s on the ignore list "
		    "not listed (--all lists them).</p>\n", l->ignored,
		    report_plural((long)l->ignored, "tag", "tags"));
	if (l->unchanged > 0)
		fprintf(fp, "<p class=\"note\">%zu growing %s unchanged since the "
		    "baseline not listed (--all lists them).</p>\n", l->unchanged,
		    report_plural((long)l->unchanged, "tag", "tags"));
	if (l->hidden > 0 && !all)
		fprintf(fp, "<p class=\"note\">%zu stable or insufficient %s not "
		    "listed (--all lists them).</p>\n", l->hidden,
		    report_plural((long)l->hidden, "tag", "tags"));
}

static void
tags_section(FILE *fp, const struct analysis *a,
    const struct report_input *ri, const struct report_opts *ro)
{
	const struct gate *g = ro->gate != NULL && ro->gate->shown ? ro->gate :
	    NULL;
	struct listing	 l;
	size_t		 k, charted;

	report_list_tags(a, ro, &l);
	charted = l.one ? 0 : ro->top > 0 ? ro->top : TAG_CHARTS;
	charted = charted < l.n ? charted : l.n;
	fprintf(fp, "<section id=\"tags\" data-listed=\"%zu\">\n<h2>Tags</h2>\n",
	    l.n);
	if (l.one)
		fprintf(fp, "<p>%zu %s by size (one snapshot, so no trend).</p>\n",
		    a->ntags, report_plural((long)a->ntags, "tag", "tags"));
	else if (a->ntags == 0)
		fputs("<p>None: no pool tag rows in the input.</p>\n", fp);
	else
		fprintf(fp, "<p>%zu leak, %zu suspect, %zu stable, %zu "
		    "insufficient data.</p>\n", a->count[VERDICT_LEAK],
		    a->count[VERDICT_SUSPECT], a->count[VERDICT_STABLE],
		    a->count[VERDICT_INSUFFICIENT]);
	if (l.n > 0)
		tags_table(fp, a, &l, g, charted, ri->table != NULL);
	left_out(fp, &l, ro->all);
	if (ri->table != NULL && l.one && l.n > 0)
		tags_bars(fp, a, &l);
	if (ri->table != NULL && charted > 0) {
		fprintf(fp, "<h2>The top %zu %s over time</h2>\n<p class=\"legend\">"
		    "<span class=\"key\"></span>bytes<span class=\"key fit\">"
		    "</span>fitted line over the stretch judged (Theil-Sen)%s</p>\n"
		    "<div class=\"tags\">\n", charted, report_plural((long)charted, "tag",
		    "tags"), a->nsegments > 1 ? "<span class=\"key reboot\">"
		    "</span>reboot" : "");
		for (k = 0; k < charted; k++)
			tag_chart(fp, a, ri->table, &a->tags[l.idx[k]]);
		fputs("</div>\n", fp);
	}
	fputs("</section>\n", fp);
	report_listing_free(&l);
}

/* One call in hindsight: "Toke Paged, 63.7 h before (time)". */
static void
hindsight_cell(FILE *fp, const struct analysis *a,
    const struct tag_finding *f, int64_t ms, double hours)
{
	char	 tag[24], h[32], when[40];

	if (f == NULL) {
		fputs("none", fp);
		return;
	}
	report_markup(fp, units_tag(f->tag, tag, sizeof(tag)));
	fprintf(fp, " %s, %s before (%s)", type_names[f->type],
	    units_hours(hours, h, sizeof(h)), ts_format(ms / 1000 * 1000,
	    a->utc, when, sizeof(when)));
}

/* Exhaustion events of the system log, and how early a leak would have
 * been called from the samples before each. */
static void
events_section(FILE *fp, const struct analysis *a)
{
	const struct event_finding *ef;
	char	 when[40];
	size_t	 i;

	if (a->nevents == 0)
		return;
	fprintf(fp, "<section id=\"events\">\n<h2>Exhaustion events</h2>\n"
	    "<p>%zu %s; when the tags would have been called, judging only "
	    "the samples before each.</p>\n<table class=\"events\">\n"
	    "<thead><tr><th>time</th><th>event</th><th>what</th>"
	    "<th>first warning</th><th>first leak</th></tr></thead>\n"
	    "<tbody>\n", a->nevents, report_plural((long)a->nevents,
	    "event", "events"));
	for (i = 0; i < a->nevents; i++) {
		ef = &a->events[i];
		fprintf(fp, "<tr><td>%s</td><td>%d ", ts_format(ef->event->t_ms,
		    a->utc, when, sizeof(when)), ef->event->id);
		report_markup(fp, ef->event->source);
		fprintf(fp, "</td><td>%s</td><td>", ef->event->kind);
		if (ef->segment < 0)
			fputs("before the first snapshot</td><td>", fp);
		else {
			hindsight_cell(fp, a, ef->warned, ef->warned_ms,
			    ef->warned_hours_before);
			fputs("</td><td>", fp);
		}
		if (ef->segment >= 0)
			hindsight_cell(fp, a, ef->tag, ef->called_ms,
			    ef->hours_before);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

/* Counters (handle counts): the growing ones, or all with --all. */
static void
counters_section(FILE *fp, const struct analysis *a,
    const struct report_opts *ro)
{
	const struct counter_finding *c;
	struct listing	 l;
	size_t	 i, k, growing = 0;

	if (a->ncounters == 0)
		return;
	for (i = 0; i < a->ncounters; i++)
		growing += a->counters[i].verdict == VERDICT_LEAK ||
		    a->counters[i].verdict == VERDICT_SUSPECT;
	fprintf(fp, "<section id=\"counters\">\n<h2>Counters</h2>\n<p>%zu "
	    "growing of %zu.</p>\n", growing, a->ncounters);
	report_list_counters(a, ro, &l);
	for (k = 0; k < l.n; k++) {
		c = &a->counters[l.idx[k]];
		if (k == 0)
			fputs("<table class=\"counters\">\n<thead><tr><th>rank"
			    "</th><th>counter</th><th>verdict</th><th>growth</th>"
			    "<th>now</th><th>reason</th></tr></thead>\n<tbody>\n",
			    fp);
		fprintf(fp, "<tr class=\"counter\"><td class=\"n\">%d</td><td>",
		    c->rank);
		report_markup(fp, c->name);
		fputs("</td><td>", fp);
		verdict_badge(fp, c->verdict);
		if (isnan(c->slope_per_hour))
			fputs("</td><td class=\"n\">-", fp);
		else
			fprintf(fp, "</td><td class=\"n\">%+.1f/h",
			    c->slope_per_hour);
		fprintf(fp, "</td><td class=\"n\">%.0f</td><td class=\"why\">",
		    c->last);
		report_markup(fp, c->reason);
		if (c->next_step != NULL) {
			fputs("<br>next: ", fp);
			report_markup(fp, c->next_step);
		}
		fputs("</td></tr>\n", fp);
	}
	if (l.n > 0)
		fputs("</tbody>\n</table>\n", fp);
	fputs("</section>\n", fp);
	report_listing_free(&l);
}

/* The gate: passed or failed, and each failure. */
static void
gate_item(void *fp, const char *line)
{
	fputs("<li>", fp);
	report_markup(fp, line);
	fputs("</li>\n", fp);
}

static void
gate_section(FILE *fp, const struct analysis *a, const struct gate *g)
{
	fprintf(fp, "<section id=\"gate\">\n<h2>Gate</h2>\n<p class=\"%s\">"
	    "%s (exit %d): %zu %s, %zu %s, %zu %s failed</p>\n<ul>\n",
	    g->failed ? "fail" : "pass", g->failed ? "Failed" : "Passed",
	    g->failed, g->failed_pools, report_plural((long)g->failed_pools, "pool",
	    "pools"), g->failed_tags, report_plural((long)g->failed_tags, "tag",
	    "tags"), g->failed_counters, report_plural((long)g->failed_counters,
	    "counter", "counters"));
	report_gate_items(a, g, gate_item, fp);
	fputs("</ul>\n</section>\n", fp);
}

static void
head(FILE *fp, const struct report_input *ri)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"pooltrend\">\n<title>pooltrend: ",
	    fp);
	if (ri->nfiles == 0)
		fputs("no input", fp);
	else
		report_markup(fp, ri->files[0].name);
	if (ri->nfiles > 1)
		fprintf(fp, " and %zu more", ri->nfiles - 1);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

/* Each file: its format, lines and snapshots, and its skipped lines by
 * kind with the first of each. */
static void
files_list(FILE *fp, const struct report_input *ri)
{
	static const char *const kinds[SKIP_NREASONS][2] = {
		[SKIP_DAMAGED] = { "line of a damaged row",
		    "lines of damaged rows" },
		[SKIP_UNRECOGNISED] = { "unrecognised line",
		    "unrecognised lines" },
		[SKIP_DUPLICATE] = { "line of a duplicate row",
		    "lines of duplicate rows" },
	};
	size_t	 i;
	int	 r, any;

	fputs("<ul class=\"files\">\n", fp);
	for (i = 0; i < ri->nfiles && i < FILES_NAMED; i++) {
		const struct file_stats *fs = &ri->files[i];

		fputs("<li><span class=\"mono\">", fp);
		report_markup(fp, fs->name);
		fprintf(fp, "</span> <span class=\"muted\">(%s): %ld %s, %ld %s",
		    fs->format != NULL ? fs->format : "-", fs->lines,
		    report_plural(fs->lines, "line", "lines"), fs->snapshots,
		    report_plural(fs->snapshots, "snapshot", "snapshots"));
		for (any = 0, r = 0; r < SKIP_NREASONS; r++) {
			if (fs->skipped[r] == 0)
				continue;
			fprintf(fp, "%s%ld %s (first at line %ld)", any ? ", " :
			    "; skipped ", fs->skipped[r], fs->skipped[r] == 1 ?
			    kinds[r][0] : kinds[r][1], fs->first_line[r]);
			any = 1;
		}
		fputs("</span></li>\n", fp);
	}
	if (ri->nfiles > FILES_NAMED)
		fprintf(fp, "<li class=\"muted\">and %zu more</li>\n",
		    ri->nfiles - FILES_NAMED);
	fputs("</ul>\n", fp);
}

/* What was read, with the numbers of the text report's header. */
static void
summary(FILE *fp, const struct analysis *a, const struct report_input *ri,
    const struct report_opts *ro)
{
	char	 first[40], last[40];
	long	 skipped = 0, lines = 0, rowl = 0, strl = 0;
	size_t	 i;
	int	 r;

	for (i = 0; i < ri->nfiles; i++) {
		lines += ri->files[i].lines;
		rowl += ri->files[i].row_lines;
		strl += ri->files[i].structure_lines;
		for (r = 0; r < SKIP_NREASONS; r++)
			skipped += ri->files[i].skipped[r];
	}
	fputs("<header>\n<h1>pooltrend report", fp);
	if (ro->host != NULL) {
		fputs(": ", fp);
		report_markup(fp, ro->host);
	}
	fprintf(fp, "</h1>\n<p class=\"lead\">%zu %s, ", ri->nfiles,
	    report_plural((long)ri->nfiles, "file", "files"));
	if (a->time_unknown)
		fputs("1 snapshot (time unknown)", fp);
	else if (a->nsnapshots == 1)
		fprintf(fp, "1 snapshot at %s", ts_format(a->first_ms, a->utc,
		    first, sizeof(first)));
	else
		fprintf(fp, "%zu snapshots from %s to %s (%.1f h)",
		    a->nsnapshots, ts_format(a->first_ms, a->utc, first,
		    sizeof(first)), ts_format(a->last_ms, a->utc, last,
		    sizeof(last)), (double)(a->last_ms - a->first_ms) / MS_HOUR);
	fprintf(fp, "</p>\n<p>%zu %s (tag and pool type), %zu %s, %zu boot %s"
	    "</p>\n", a->ntags, report_plural((long)a->ntags, "tag", "tags"),
	    ri->nsamples, report_plural((long)ri->nsamples, "row", "rows"),
	    a->nsegments, report_plural((long)a->nsegments, "segment", "segments"));
	fprintf(fp, "<p>%ld %s read: %ld row %s, %ld structure, %ld skipped"
	    "</p>\n", lines, report_plural(lines, "line", "lines"), rowl, report_plural(rowl,
	    "line", "lines"), strl, skipped);
	files_list(fp, ri);
	if (ri->duplicates > 0)
		fprintf(fp, "<p class=\"note\">%zu duplicate %s of a tag at one "
		    "time dropped.</p>\n", ri->duplicates,
		    report_plural((long)ri->duplicates, "sample", "samples"));
	if (ri->skipped_files > 0)
		fprintf(fp, "<p class=\"note\">%zu %s in directories skipped: not "
		    "a pool log.</p>\n", ri->skipped_files,
		    report_plural((long)ri->skipped_files, "file", "files"));
	fputs("</header>\n", fp);
}

int
report_html(FILE *fp, const struct analysis *a, const struct report_input *ri,
    const struct report_opts *ro)
{
	head(fp, ri);
	summary(fp, a, ri, ro);
	pools_section(fp, a, ri);
	tags_section(fp, a, ri, ro);
	events_section(fp, a);
	counters_section(fp, a, ro);
	if (ro->gate != NULL && ro->gate->shown)
		gate_section(fp, a, ro->gate);
	fputs("</body>\n</html>\n", fp);
	return ferror(fp) ? -1 : 0;
}
