/* accuracy.c: score pooltrend's verdicts on poolsim scenarios, beside the
 * usual baselines, on the same data.
 *
 * accuracy DIR reads DIR/truth.csv and each scenario's sK.log (judged the
 * way pooltrend judges it), sK.csv (the same numbers, for the baselines and
 * for the prefixes of the detection delay) and sK.args (its --limit), and
 * prints precision, recall and F1 of "leak", the false-leak rate per class,
 * the slope and hours-to-exhaustion errors, and the detection delay.
 *
 * Baselines, each with the same 1 KB/h floor as pooltrend:
 *   endpoint     (last - first) / span, as PAL's trend and PoolmonViz's
 *                ranking by last - first
 *   ols          least squares over the window, as Prometheus deriv()
 *   mann-kendall plain Mann-Kendall, p < 0.01, with the Theil-Sen slope */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_poolmon.h"
#include "input.h"
#include "stats.h"
#include "table.h"
#include "trend.h"
#include "util.h"

#define FLOOR 1024.0	/* bytes per hour */

enum method { M_POOLTREND, M_ENDPOINT, M_OLS, M_MK, NMETHODS };
static const char *const mname[NMETHODS] = { "pooltrend", "endpoint",
    "ols", "mann-kendall" };

#define NCLS 8
static const char *const clsname[NCLS] = { "flat", "cache", "sawtooth",
    "step", "daily", "leak", "leak_late", "leak_stops" };

struct truth {
	char	 scen[16], tag[5], cls[16];
	int	 paged, leak;
	double	 slope, onset;
	double	 leaking_hours;	/* of leaking data at the end of the log */
	double	 phi;		/* of the AR(1) noise */
	double	 widths;	/* leaks: growth in noise widths */
};

struct row {
	double	 t_h;
	char	 tag[5];
	int	 paged;
	double	 diff, bytes;
	long long allocs, frees;
};

struct score {
	long	 tp, fp, fn;
	long	 called[NCLS], total[NCLS];
	double	*slope_err;
	size_t	 nslope, capslope;
};

static void
push(double **a, size_t *n, size_t *cap, double v)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*a = xreallocarray(*a, *cap, sizeof(**a));
	}
	(*a)[(*n)++] = v;
}

static int
cls_index(const char *c)
{
	int	 i;

	for (i = 0; i < NCLS; i++)
		if (strcmp(c, clsname[i]) == 0)
			return i;
	return -1;
}

static double
median(double *a, size_t n)
{
	return n == 0 ? NAN : stats_median(a, n);
}

/* Read a scenario's long CSV (as poolsim writes it: no quotes). */
static struct row *
read_csv(const char *path, size_t *n, double *t0)
{
	FILE		*fp = fopen(path, "r");
	char		 line[256], tag[8], type[8];
	struct row	*r = NULL;
	size_t		 cap = 0;
	int		 y, mo, d, h, mi, s;
	long long	 a, f;
	double		 diff, bytes, t;

	*n = 0;
	if (fp == NULL)
		return NULL;
	*t0 = NAN;
	if (fgets(line, sizeof(line), fp) == NULL) {	/* the header */
		fclose(fp);
		return NULL;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "%d-%d-%dT%d:%d:%d,%4[^,],%7[^,],%lld,%lld,"
		    "%lf,%lf", &y, &mo, &d, &h, &mi, &s, tag, type, &a, &f, &diff,
		    &bytes) != 12)
			continue;
		t = ((double)((y * 12 + mo) * 31 + d) * 24 + h) + mi / 60.0 +
		    s / 3600.0;
		if (isnan(*t0))
			*t0 = t;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4096;
			r = xreallocarray(r, cap, sizeof(*r));
		}
		r[*n].t_h = t;
		memcpy(r[*n].tag, tag, 5);
		r[*n].paged = type[0] == 'P';
		r[*n].diff = diff;
		r[*n].bytes = bytes;
		r[*n].allocs = a;
		r[*n].frees = f;
		(*n)++;
	}
	fclose(fp);
	return r;
}

/* The times are days and hours of a scenario without month ends crossing
 * badly: poolsim's spans are at most 7 days inside one month but for the
 * crossing; use the differences within a scenario only. */

static void
count(struct score *sc, int cls, int leak, int called)
{
	if (cls >= 0) {
		sc->total[cls]++;
		sc->called[cls] += called;
	}
	if (leak && called)
		sc->tp++;
	else if (!leak && called)
		sc->fp++;
	else if (leak && !called)
		sc->fn++;
}

/* Field k (from 0) of a line of comma-separated numbers, 0 if empty. */
static double
field(const char *line, int k)
{
	while (k-- > 0)
		if ((line = strchr(line, ',')) == NULL)
			return 0;
		else
			line++;
	return atof(line);
}

/* Judge a series with a baseline; *slope gets its slope estimate. */
static int
baseline(enum method m, const double *t, const double *y, size_t n,
    double *scratch, double *slope)
{
	struct ols	 o;
	struct mk	 k;
	struct theil_sen ts;

	*slope = NAN;
	if (n < 2 || t[n - 1] - t[0] <= 0)
		return 0;
	switch (m) {
	case M_ENDPOINT:
		*slope = (y[n - 1] - y[0]) / (t[n - 1] - t[0]);
		return *slope >= FLOOR;
	case M_OLS:
		stats_ols(t, y, n, &o);
		*slope = o.slope;
		return *slope >= FLOOR;
	case M_MK:
		stats_mann_kendall(y, n, scratch, &k);
		stats_theil_sen(t, y, n, 1, scratch, &ts);
		*slope = ts.slope;
		return k.s > 0 && k.p < 0.01 && ts.slope >= FLOOR;
	default:
		return 0;
	}
}

/* The verdicts pooltrend gives on a table: called[i] for truth entry i. */
static struct analysis *
judge_table(struct table *tb, double limit)
{
	struct trend_opts to;

	memset(&to, 0, sizeof(to));
	to.limit_bytes[POOL_PAGED] = (int64_t)limit;
	to.limit_bytes[POOL_NONPAGED] = -1;
	to.limit_source[POOL_PAGED] = "option";
	/* the tool's default, or ACCURACY_MIN_LEAK_HOURS */
	to.min_leak_hours = getenv("ACCURACY_MIN_LEAK_HOURS") != NULL ?
	    atof(getenv("ACCURACY_MIN_LEAK_HOURS")) : 24;
	table_finish(tb);
	return trend_analyse(tb, &to);
}

static const struct tag_finding *
finding(const struct analysis *a, const char *tag, int paged)
{
	size_t	 i;

	for (i = 0; i < a->ntags; i++)
		if (memcmp(a->tags[i].tag, tag, 4) == 0 &&
		    (a->tags[i].type == POOL_PAGED) == paged)
			return &a->tags[i];
	return NULL;
}

/* A table of the CSV rows up to t0 + hours. */
static struct table *
prefix_table(const struct row *r, size_t n, double t0, double hours)
{
	struct table	*tb = table_new();
	size_t		 i;
	uint32_t	 s = 0;
	double		 last = NAN;

	for (i = 0; i < n && r[i].t_h - t0 <= hours + 1e-9; i++) {
		if (r[i].t_h != last) {
			s = table_snapshot_at(tb, (int64_t)llround(r[i].t_h *
			    3600000), 0);
			last = r[i].t_h;
		}
		table_add(tb, s, (const unsigned char *)r[i].tag, r[i].paged ?
		    POOL_PAGED : POOL_NONPAGED, r[i].allocs, r[i].frees,
		    (int64_t)r[i].diff, (int64_t)r[i].bytes, NULL, 0);
	}
	return tb;
}

/* A line for each class, of the leaking ones or of the others: the share
 * of its series each method called a leak, and how many there were. */
static void
print_rates(const struct score *sc, int leaking)
{
	int	 c, m;

	for (c = 0; c < NCLS; c++) {
		if ((strcmp(clsname[c], "leak") == 0 ||
		    strcmp(clsname[c], "leak_late") == 0) != leaking)
			continue;
		printf("%-13s", clsname[c]);
		for (m = 0; m < NMETHODS; m++)
			printf(" %11.2f%%", sc[m].total[c] ? 100.0 *
			    (double)sc[m].called[c] / (double)sc[m].total[c] : 0);
		printf("  (%ld)\n", sc[0].total[c]);
	}
}

int
main(int argc, char *argv[])
{
	struct score	 sc[NMETHODS];
	struct truth	*tr = NULL;
	size_t		 ntr = 0, captr = 0, i, j, k, nrows, m;
	FILE		*fp;
	char		 line[512], path[512], cur[16] = "";
	double		*hours_err = NULL, *delay = NULL, *t = NULL, *y = NULL;
	double		*scratch;
	size_t		 nh = 0, caph = 0, nd = 0, capd = 0;
	long		 delays_missed = 0, scenarios = 0, series = 0;
	long		 day_total = 0, day_called = 0;
	long		 verdicts[NCLS][VERDICT_N];
	struct row	*rows;
	double		 t0, limit, slope, true_hours;
	int		 c, v;

	if (argc != 2) {
		fprintf(stderr, "usage: accuracy DIR\n");
		return 2;
	}
	memset(sc, 0, sizeof(sc));
	memset(verdicts, 0, sizeof(verdicts));
	snprintf(path, sizeof(path), "%s/truth.csv", argv[1]);
	if ((fp = fopen(path, "r")) == NULL) {
		perror(path);
		return 1;
	}
	if (fgets(line, sizeof(line), fp) == NULL)	/* the header */
		return 1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		struct truth	 x;
		char		 type[16], hours[32];

		memset(&x, 0, sizeof(x));
		if (sscanf(line, "%15[^,],%4[^,],%15[^,],%15[^,],%d,%lf,%31[^,]",
		    x.scen, x.tag, type, x.cls, &x.leak, &x.slope, hours) != 7) {
			/* the pool line: scenario,,paged,pool,leak,rate,,hours */
			if (sscanf(line, "%15[^,],,%15[^,],pool,%d,%lf,,%31[^,]",
			    x.scen, type, &x.leak, &x.slope, hours) != 5)
				continue;
			strcpy(x.cls, "pool");
			x.onset = x.leak ? atof(hours) : NAN;	/* true hours */
		} else
			x.onset = atof(hours);
		x.paged = type[0] == 'p';
		x.leaking_hours = field(line, 15);
		x.phi = field(line, 16);
		x.widths = field(line, 17);
		if (ntr == captr) {
			captr = captr ? captr * 2 : 1024;
			tr = xreallocarray(tr, captr, sizeof(*tr));
		}
		tr[ntr++] = x;
	}
	fclose(fp);
	scratch = xreallocarray(NULL, STATS_TS_SCRATCH(20000) + 40000,
	    sizeof(*scratch));
	t = xreallocarray(NULL, 20000, sizeof(*t));
	y = xreallocarray(NULL, 20000, sizeof(*y));

	for (i = 0; i < ntr; i = j) {
		struct table	*tb;
		struct analysis	*a;
		struct diag	 d;
		struct parse_ctx ctx;
		struct file_stats fs;
		struct input	*in;
		double		 T = 0;

		strcpy(cur, tr[i].scen);
		for (j = i; j < ntr && strcmp(tr[j].scen, cur) == 0; j++)
			;
		scenarios++;
		snprintf(path, sizeof(path), "%s/%s.args", argv[1], cur);
		limit = -1;
		if ((fp = fopen(path, "r")) != NULL) {
			if (fscanf(fp, "--limit paged=%lf", &limit) != 1)
				limit = -1;
			fclose(fp);
		}
		/* pooltrend on the log, as a user runs it */
		snprintf(path, sizeof(path), "%s/%s.log", argv[1], cur);
		memset(&d, 0, sizeof(d));
		memset(&ctx, 0, sizeof(ctx));
		memset(&fs, 0, sizeof(fs));
		tb = table_new();
		ctx.table = tb;
		ctx.diag = &d;
		if ((in = input_open(path, &d)) == NULL ||
		    fmt_poolmon_parse(&ctx, in, &fs) == -1) {
			fprintf(stderr, "%s: %s\n", path, d.msg);
			return 1;
		}
		input_free(in);
		a = judge_table(tb, limit);
		/* the same numbers for the baselines */
		snprintf(path, sizeof(path), "%s/%s.csv", argv[1], cur);
		rows = read_csv(path, &nrows, &t0);
		if (nrows > 0)
			T = rows[nrows - 1].t_h - t0;
		for (k = i; k < j; k++) {
			const struct truth *x = &tr[k];
			const struct tag_finding *f;
			size_t	 n = 0, r;

			if (strcmp(x->cls, "pool") == 0) {
				true_hours = x->onset;
				if (x->leak && a != NULL &&
				    !isnan(a->pools[POOL_PAGED].hours_to_exhaustion))
					push(&hours_err, &nh, &caph, fabs(
					    a->pools[POOL_PAGED].hours_to_exhaustion -
					    true_hours) / true_hours);
				continue;
			}
			series++;
			c = cls_index(x->cls);
			f = a != NULL ? finding(a, x->tag, x->paged) : NULL;
			count(&sc[M_POOLTREND], c, x->leak, f != NULL &&
			    f->verdict == VERDICT_LEAK);
			if (f != NULL)
				verdicts[c][f->verdict]++;
			if (getenv("ACCURACY_ALL") != NULL && f != NULL)
				printf("all %s %s %s %s %s %s\n", x->scen, x->tag,
				    x->paged ? "paged" : "nonpaged", x->cls,
				    trend_verdict_name(f->verdict), f->reason);
			if (getenv("ACCURACY_DEBUG") != NULL && f != NULL &&
			    (f->verdict == VERDICT_LEAK) != x->leak)
				printf("miss %s %s %s %s true %.0f B/h onset %.1f "
				    "leaking %.1f h phi %.1f widths %.1f: %s %s\n",
				    x->scen, x->tag, x->paged ? "paged" :
				    "nonpaged", x->cls, x->slope, x->onset,
				    x->leaking_hours, x->phi, x->widths,
				    trend_verdict_name(f->verdict),
				    f->reason);
			if (x->leak && x->leaking_hours >= 24) {
				day_total++;
				day_called += f != NULL &&
				    f->verdict == VERDICT_LEAK;
			}
			if (x->leak && f != NULL && f->verdict == VERDICT_LEAK)
				push(&sc[M_POOLTREND].slope_err,
				    &sc[M_POOLTREND].nslope,
				    &sc[M_POOLTREND].capslope,
				    fabs(f->slope_bytes_per_hour - x->slope) /
				    x->slope);
			for (r = 0; r < nrows && n < 20000; r++)
				if (memcmp(rows[r].tag, x->tag, 4) == 0 &&
				    rows[r].paged == x->paged) {
					t[n] = rows[r].t_h - t0;
					y[n++] = rows[r].bytes;
				}
			for (m = M_ENDPOINT; m < NMETHODS; m++) {
				int	 called = baseline((enum method)m, t, y, n,
				    scratch, &slope);

				count(&sc[m], c, x->leak, called);
				if (x->leak && called)
					push(&sc[m].slope_err, &sc[m].nslope,
					    &sc[m].capslope,
					    fabs(slope - x->slope) / x->slope);
			}
		}
		/* detection delay: the leaks, judged on growing prefixes */
		if (T >= 24) {
			double	 first[4096];
			int	 nleak = 0, q;

			for (k = i; k < j && nleak < 4096; k++)
				first[nleak++] = NAN;
			for (q = 1; q <= 20; q++) {
				double		 hrs = T * q / 20;
				struct table	*pt = prefix_table(rows, nrows, t0,
				    hrs);
				struct analysis	*pa = judge_table(pt, limit);

				for (k = i; k < j; k++) {
					const struct tag_finding *f;

					if (!tr[k].leak || strcmp(tr[k].cls,
					    "pool") == 0 || !isnan(first[k - i]))
						continue;
					f = pa != NULL ? finding(pa, tr[k].tag,
					    tr[k].paged) : NULL;
					if (f != NULL && f->verdict == VERDICT_LEAK)
						first[k - i] = hrs;
				}
				trend_free(pa);
				table_free(pt);
			}
			for (k = i; k < j; k++) {
				if (!tr[k].leak || strcmp(tr[k].cls, "pool") == 0)
					continue;
				if (isnan(first[k - i]))
					delays_missed++;
				else
					push(&delay, &nd, &capd, first[k - i] -
					    tr[k].onset);
			}
		}
		free(rows);
		trend_free(a);
		table_free(tb);
	}

	printf("%ld scenarios, %ld series\n\n", scenarios, series);
	printf("%-13s %9s %7s %7s %7s %12s\n", "method", "precision",
	    "recall", "F1", "leaks", "slope error");
	for (m = 0; m < NMETHODS; m++) {
		double	 p = sc[m].tp + sc[m].fp ? (double)sc[m].tp /
		    (double)(sc[m].tp + sc[m].fp) : 0;
		double	 r = sc[m].tp + sc[m].fn ? (double)sc[m].tp /
		    (double)(sc[m].tp + sc[m].fn) : 0;

		printf("%-13s %9.3f %7.3f %7.3f %7ld %11.1f%%\n", mname[m], p, r,
		    p + r > 0 ? 2 * p * r / (p + r) : 0, sc[m].tp + sc[m].fp,
		    100 * median(sc[m].slope_err, sc[m].nslope));
	}
	printf("\nfalse-leak rate by class (of the series in it)\n%-13s",
	    "class");
	for (m = 0; m < NMETHODS; m++)
		printf(" %12s", mname[m]);
	printf("\n");
	print_rates(sc, 0);
	printf("\nrecall by class\n");
	print_rates(sc, 1);
	printf("\npooltrend's verdicts by class (of the series in it)\n"
	    "%-13s", "class");
	for (v = 0; v < VERDICT_N; v++)
		printf(" %12s", trend_verdict_name((enum verdict)v));
	printf("\n");
	for (c = 0; c < NCLS; c++) {
		long	 all = 0;

		for (v = 0; v < VERDICT_N; v++)
			all += verdicts[c][v];
		printf("%-13s", clsname[c]);
		for (v = 0; v < VERDICT_N; v++)
			printf(" %11.2f%%", all ? 100.0 *
			    (double)verdicts[c][v] / (double)all : 0);
		printf("  (%ld)\n", all);
	}
	printf("\npooltrend: recall of the leaks with a day or more of "
	    "leaking data: %.3f (%ld of %ld)\n", day_total ?
	    (double)day_called / (double)day_total : 0, day_called,
	    day_total);
	printf("pooltrend: median hours-to-exhaustion error %.1f%% (%zu "
	    "pools)\n", 100 * median(hours_err, nh), nh);
	printf("pooltrend: detection delay, hours of leaking before called: "
	    "median %.1f (%zu leaks; %ld not called on any prefix)\n",
	    median(delay, nd), nd, delays_missed);
	for (m = 0; m < NMETHODS; m++)
		free(sc[m].slope_err);
	free(hours_err);
	free(delay);
	free(scratch);
	free(t);
	free(y);
	free(tr);
	return 0;
}
