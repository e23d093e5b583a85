/* trend.c: table -> per-tag findings, pool projections and verdicts. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "timestamp.h"
#include "trend.h"
#include "units.h"
#include "util.h"

/* A jump between consecutive samples is an outlier beyond this many robust
 * standard deviations of the differences. */
#define JUMP_SIGMAS	8.0
/* A stretch "levelled off" when the upper end of its slope interval is
 * below this fraction of the growth before it. */
#define PLATEAU_FRACTION 0.5
/* A leak "may have stopped" when a line that bends flat fits it better
 * than a straight line by this much log-likelihood (bent_flat).  Chosen on
 * the simulator's corpus (seed 1) and checked on another (seed 2); see
 * bench/README.md. */
#define STOP_MARGIN	0.5
/* Under this many samples no change of regime is looked for (each of two
 * stretches needs TREND_MIN_SAMPLES), and the rules of few samples hold:
 * see judge_stretch and few_samples. */
#define FEW_SAMPLES	(2 * (size_t)TREND_MIN_SAMPLES)

static const char *const verdict_names[VERDICT_N] = {
	"leak", "suspect", "stable", "insufficient"
};

const char *
trend_verdict_name(enum verdict v)
{
	return verdict_names[v];
}

static void
fmt_p(double p, char *buf, size_t size)
{
	if (p < 1e-6)
		snprintf(buf, size, "p<1e-6");
	else if (p < 0.001)
		snprintf(buf, size, "p=%.1e", p);
	else
		snprintf(buf, size, "p=%.3f", p);
}

/* The reason of steady growth at rate over span hours, with f's p-value
 * and R2; after "leaking (or growing) since ONSET h in: " for growth that
 * started late (onset not NAN). */
static void
steady_reason(struct tag_finding *f, double onset, const char *rate,
    double span)
{
	char	 p[32];
	int	 n = 0;

	fmt_p(f->p_value, p, sizeof(p));
	if (!isnan(onset))
		n = snprintf(f->reason, sizeof(f->reason), "%s since %.1f h "
		    "in: ", f->verdict == VERDICT_LEAK ? "leaking" : "growing",
		    onset);
	snprintf(f->reason + n, sizeof(f->reason) - (size_t)n, "steady "
	    "growth %s over %.1f h (%s, R2 %.2f)", rate, span, p, f->r2);
}

/* Robust scale: 1.4826 times the median absolute deviation from m. */
static double
mad_sigma(const double *v, size_t n, double *scratch)
{
	double	 m;
	size_t	 i;

	memcpy(scratch, v, n * sizeof(*v));
	m = stats_median(scratch, n);
	for (i = 0; i < n; i++)
		scratch[i] = fabs(v[i] - m);
	return 1.4826 * stats_median(scratch, n);
}

/* Mann-Kendall and Theil-Sen on one stretch of a series, the variance of
 * S inflated for the serial correlation of the residuals around the
 * Theil-Sen line (Hamed & Rao 1998; AR(1) as Yue & Wang 2004), and the
 * slope's interval from that variance (only with ci: the slope of Diff
 * and of a series with its steps taken out need none).  scratch holds
 * SCRATCH(n) doubles, resid n. */
#define SCRATCH(n) \
	(STATS_TS_SCRATCH(n) > 2 * (n) ? STATS_TS_SCRATCH(n) : 2 * (n))
static void
fit(const double *t, const double *y, size_t n, uint64_t seed,
    double *scratch, double *resid, int ci, struct mk *m,
    struct theil_sen *ts)
{
	size_t	 i;
	double	 rho, pt, z;

	stats_mann_kendall(y, n, scratch, m);
	stats_theil_sen(t, y, n, seed, scratch, ts);
	for (i = 0; i < n; i++)
		resid[i] = y[i] - (ts->intercept + ts->slope * t[i]);
	rho = stats_lag1_screened(resid, n);
	stats_mk_inflate(m, stats_ar1_inflation(rho, n));
	if (ci)
		stats_theil_sen_ci(scratch, ts, m->var_s, 0.95);
	/* Ranks saturate: under strong serial correlation a short series
	 * cannot reach significance by Mann-Kendall however steep it is.
	 * For a nearly monotone series (Kendall's tau 0.8 or more) with 12
	 * samples or more, the least-squares slope against its AR(1)-corrected
	 * error, which sees the size of the growth, is the second test: the
	 * two combine by Bonferroni (twice the smaller p-value). */
	if (n >= 12 && fabs(m->s) >= 0.8 * (double)n * (double)(n - 1) / 2) {
		pt = stats_ols_ar1_p(t, y, n, rho, &z);
		m->p = (z > 0) == (m->s > 0) && pt < m->p ? 2 * pt : 2 * m->p;
		if (m->p > 1)
			m->p = 1;
	}
}

static double
min_of(const double *v, size_t n)
{
	double	 m = v[0];
	size_t	 i;

	for (i = 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

static double
max_of(const double *v, size_t n)
{
	double	 m = v[0];
	size_t	 i;

	for (i = 1; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

/* The rises in a row up to the last sample, when there are 3 or more,
 * 2 or more samples come before them, and they rise by at least twice
 * the whole range of the samples up to their start; else 0. */
static size_t
late_rise(const double *y, size_t n)
{
	size_t	 k = 0;

	while (k + 1 < n && y[n - 1 - k] > y[n - 2 - k])
		k++;
	if (k < 3 || n - k < 3)
		return 0;
	return y[n - 1] - y[n - 1 - k] >= 2 * (max_of(y, n - k) -
	    min_of(y, n - k)) ? k : 0;
}

/* The consecutive differences that are outliers (one-time steps, trims).
 * Returns the count of downward ones, with the sum of the upward ones in
 * *up, their count in *nup, the index of the sample after the first of
 * them in *first_up, and the sum of the downward ones in *down
 * (positive).  adjusted is y with the outlying jumps taken out. */
static size_t
jumps(const double *y, size_t n, double *scratch, double *work,
    double *up, double *down, double *adjusted, size_t *nup,
    size_t *first_up)
{
	double	 med, sigma, d, shift = 0, floor_;
	size_t	 i, ndown = 0;

	*nup = *first_up = 0;
	*up = *down = 0;
	for (i = 1; i < n; i++)
		work[i - 1] = y[i] - y[i - 1];
	memcpy(scratch, work, (n - 1) * sizeof(*work));
	med = stats_median(scratch, n - 1);
	sigma = mad_sigma(work, n - 1, scratch);
	/* and at least a twentieth of the range, so quantised noise (one
	 * large object more or less) is no jump */
	floor_ = (max_of(y, n) - min_of(y, n)) / 20;
	adjusted[0] = y[0];
	for (i = 1; i < n; i++) {
		d = work[i - 1];
		if (fabs(d - med) > JUMP_SIGMAS * sigma &&
		    fabs(d - med) > floor_ && fabs(d) > 0) {
			if (d > 0) {
				*up += d;
				if ((*nup)++ == 0)
					*first_up = i;
			} else {
				*down += -d;
				ndown++;
			}
			shift += d - med;
		}
		adjusted[i] = y[i] - shift;
	}
	return ndown;
}

const struct judge_opts trend_bytes = { TREND_MIN_LEAK_BYTES_PER_HOUR, 0, 0 };
const struct judge_opts trend_counts = { TREND_MIN_COUNT_PER_HOUR, 1, 0 };

/* A rate or an amount in the judged series' unit. */
static void
rate_text(double v, const struct judge_opts *jo, char *buf, size_t size)
{
	if (jo->counts)
		snprintf(buf, size, "%+.1f/h", v);
	else
		units_rate(v, buf, size);
}

/* What judge_stretch saw, beyond the verdict. */
enum pattern {
	PAT_NONE,
	PAT_FALLING,	/* Kendall's S <= 0 or a slope <= 0 */
	PAT_SAWTOOTH,
	PAT_STEP
};

/* Judge one stretch of a series as a whole: the bytes y, and the Diff d
 * for the object size, or NULL when the caller wants none. */
static enum pattern
judge_stretch(const double *t, const double *y, const double *d, size_t n,
    uint64_t seed, const struct judge_opts *jo, struct tag_finding *f)
{
	struct mk	 m, md;
	struct theil_sen ts, tsd;
	struct ols	 o;
	double		*scratch, *work, *adj, *resid;
	double		 span, up, down, rise;
	char		 rate[32], p[32], r2[32];
	size_t		 ndown, nup, first_up, k, third;
	enum pattern	 pat = PAT_NONE;

	f->samples = (uint32_t)n;
	f->slope_bytes_per_hour = f->intercept_bytes = NAN;
	f->ci_lo = f->ci_hi = NAN;
	f->p_value = f->r2 = f->ols_bytes_per_hour = NAN;
	f->diff_slope_per_hour = f->object_bytes = NAN;
	span = n > 0 ? t[n - 1] - t[0] : 0;
	if (n < TREND_MIN_SAMPLES || span < TREND_MIN_HOURS) {
		f->verdict = VERDICT_INSUFFICIENT;
		if (n == 1)
			snprintf(f->reason, sizeof(f->reason),
			    "one sample: no trend");
		else
			snprintf(f->reason, sizeof(f->reason),
		    "%zu samples over %.1f h; needs %d over %.0f h", n, span,
		    TREND_MIN_SAMPLES, TREND_MIN_HOURS);
		return PAT_NONE;
	}
	scratch = xreallocarray(NULL, SCRATCH(n), sizeof(*scratch));
	work = xreallocarray(NULL, n, sizeof(*work));
	adj = xreallocarray(NULL, n, sizeof(*adj));
	resid = xreallocarray(NULL, n, sizeof(*resid));

	fit(t, y, n, seed, scratch, resid, 1, &m, &ts);
	stats_ols(t, y, n, &o);
	f->slope_bytes_per_hour = ts.slope;
	f->intercept_bytes = ts.intercept;
	f->ci_lo = ts.lo;
	f->ci_hi = ts.hi;
	f->p_value = m.p;
	f->r2 = o.r2;
	f->ols_bytes_per_hour = o.slope;
	if (d != NULL && ts.slope > 0) {
		fit(t, d, n, seed ^ 0x5bd1e995, scratch, resid, 0, &md, &tsd);
		f->diff_slope_per_hour = tsd.slope;
		if (tsd.slope > 0 && md.s > 0 && md.p < TREND_ALPHA_SUSPECT &&
		    ts.slope / tsd.slope >= 1)
			f->object_bytes = ts.slope / tsd.slope;
	} else if (d != NULL) {
		/* no object size without growth: the Diff's slope alone, with
		 * no test */
		stats_theil_sen(t, d, n, seed ^ 0x5bd1e995, scratch, &tsd);
		f->diff_slope_per_hour = tsd.slope;
	}

	rate_text(ts.slope, jo, rate, sizeof(rate));
	fmt_p(m.p, p, sizeof(p));
	snprintf(r2, sizeof(r2), "R2 %.2f", o.r2);

	if (m.s <= 0 || ts.slope <= 0) {
		f->verdict = VERDICT_STABLE;
		pat = PAT_FALLING;
		if (m.s < 0 && m.p < TREND_ALPHA_SUSPECT)
			snprintf(f->reason, sizeof(f->reason),
			    "shrinking, %s (%s)", rate, p);
		else
			snprintf(f->reason, sizeof(f->reason),
			    "no upward trend (%s)", p);
		goto out;
	}

	/* One-time steps and periodic trims: outlying jumps between
	 * consecutive samples. */
	ndown = jumps(y, n, scratch, work, &up, &down, adj, &nup, &first_up);
	k = n / 10 > 0 ? n / 10 : 1;
	memcpy(scratch, y + n - k, k * sizeof(*y));
	rise = stats_median(scratch, k);
	memcpy(scratch, y, k * sizeof(*y));
	rise -= stats_median(scratch, k);
	third = n / 3;
	if (ndown > 0 && third >= 2 && min_of(y + n - third, third) <=
	    min_of(y, third) + 0.25 * (max_of(y, n) - min_of(y, n))) {
		f->verdict = VERDICT_STABLE;
		snprintf(f->reason, sizeof(f->reason),
		    "grows and is trimmed back (%zu drops; sawtooth)", ndown);
		pat = PAT_SAWTOOTH;
		goto out;
	}
	/* Under 12 samples no break is looked for: jumps up that follow one
	 * another to the last sample and make most of the rise are growth
	 * that started late, not steps. */
	if (nup >= 2 && first_up + nup == n &&
	    n < FEW_SAMPLES && rise > 0 && up >= 0.5 * rise) {
		rate_text(up / (t[n - 1] - t[first_up - 1]), jo, rate,
		    sizeof(rate));
		f->verdict = VERDICT_SUSPECT;
		snprintf(f->reason, sizeof(f->reason), "%zu jumps up in a row "
		    "to the last sample, %s: growth that started late, in too "
		    "few samples to judge", nup, rate);
		goto out;
	}
	if (up > 0 && rise > 0 && up >= 0.5 * rise && nup <= 3) {
		struct mk	 ma;
		struct theil_sen tsa;

		fit(t, adj, n, seed, scratch, resid, 0, &ma, &tsa);
		if (ma.p >= TREND_ALPHA_SUSPECT || tsa.slope <= 0.25 * ts.slope) {
			char	 size[32], b[40];

			if (jo->counts)
				snprintf(b, sizeof(b), "+%.0f", up);
			else
				snprintf(b, sizeof(b), "+%s",
				    units_bytes(up, size, sizeof(size)));
			f->verdict = VERDICT_STABLE;
			if (nup == 1)
				snprintf(f->reason, sizeof(f->reason),
				    "one-time step of %s, flat otherwise", b);
			else
				snprintf(f->reason, sizeof(f->reason),
				    "%zu steps adding %s, flat otherwise", nup, b);
			pat = PAT_STEP;
			goto out;
		}
	}

	if (m.p >= TREND_ALPHA_SUSPECT && m.p_plain < TREND_ALPHA_SUSPECT &&
	    n < FEW_SAMPLES) {
		/* Under 12 samples no break is looked for, and a late start
		 * bends the residuals as serial correlation would: growth
		 * significant before the correction is not stable. */
		char	 pp[32];

		fmt_p(m.p_plain, pp, sizeof(pp));
		f->verdict = VERDICT_SUSPECT;
		snprintf(f->reason, sizeof(f->reason), "grows %s, not yet "
		    "certain (%s, %s uncorrected: %zu samples cannot tell a "
		    "late start from serial correlation)", rate, p, pp, n);
		goto out;
	}
	if (m.p >= TREND_ALPHA_SUSPECT && n < FEW_SAMPLES &&
	    (k = late_rise(y, n)) > 0) {
		/* Too few samples after a late start for any test, but the
		 * last ones rise, every one, far above the rest. */
		rate_text((y[n - 1] - y[n - 1 - k]) / (t[n - 1] - t[n - 1 - k]),
		    jo, rate, sizeof(rate));
		f->verdict = VERDICT_SUSPECT;
		snprintf(f->reason, sizeof(f->reason), "rises at every one of "
		    "its last %zu samples, %s: growth that started late, in "
		    "too few samples to judge (%s)", k, rate, p);
		goto out;
	}
	if (m.p >= TREND_ALPHA_SUSPECT) {
		f->verdict = VERDICT_STABLE;
		snprintf(f->reason, sizeof(f->reason),
		    "no significant upward trend (%s)", p);
		goto out;
	}
	if (ts.slope < jo->min_per_hour) {
		f->verdict = VERDICT_STABLE;
		snprintf(f->reason, sizeof(f->reason),
		    "negligible growth %s (%s)", rate, p);
		goto out;
	}
	if (m.p < TREND_ALPHA && ts.lo > 0 && ts.slope >= jo->min_per_hour &&
	    span < jo->min_leak_hours) {
		/* within a day, the rising half of a load-driven daily cycle
		 * looks just like a leak */
		f->verdict = VERDICT_SUSPECT;
		f->short_span = 1;
		snprintf(f->reason, sizeof(f->reason),
		    "grows %s (%s), over %.1f h only: a leak needs %.0f h, as "
		    "a daily cycle looks the same", rate, p, span,
		    jo->min_leak_hours);
	} else if (m.p < TREND_ALPHA && ts.lo > 0 &&
	    ts.slope >= jo->min_per_hour) {
		f->verdict = VERDICT_LEAK;
		steady_reason(f, NAN, rate, span);
	} else {
		f->verdict = VERDICT_SUSPECT;
		snprintf(f->reason, sizeof(f->reason),
		    "grows %s, not yet certain (%s over %zu samples, %s)",
		    rate, p, n, r2);
	}
out:
	free(scratch);
	free(work);
	free(adj);
	free(resid);
	return pat;
}

/* Prefix sums over the samples, in hours from the first (x) and
 * standardised values (v): sum[0..4][i] of x, v, x x, x v and v v over the
 * first i samples, in one block that sum[0] owns; *mean and *sd of y.
 * Returns 0, allocating nothing, when y is constant. */
static int
std_sums(const double *t, const double *y, size_t n, double *sum[5],
    double *mean, double *sd)
{
	double	 x, v;
	size_t	 i, k;

	*mean = *sd = 0;
	for (i = 0; i < n; i++)
		*mean += y[i];
	*mean /= (double)n;
	for (i = 0; i < n; i++)
		*sd += (y[i] - *mean) * (y[i] - *mean);
	if ((*sd = sqrt(*sd / (double)n)) == 0)
		return 0;
	sum[0] = xreallocarray(NULL, 5 * (n + 1), sizeof(double));
	for (k = 0; k < 5; k++) {
		sum[k] = sum[0] + k * (n + 1);
		sum[k][0] = 0;
	}
	/* standardised values and hours from the start keep the sums small */
	for (i = 0; i < n; i++) {
		x = t[i] - t[0];
		v = (y[i] - *mean) / *sd;
		sum[0][i + 1] = sum[0][i] + x;
		sum[1][i + 1] = sum[1][i] + v;
		sum[2][i + 1] = sum[2][i] + x * x;
		sum[3][i + 1] = sum[3][i] + x * v;
		sum[4][i + 1] = sum[4][i] + v * v;
	}
	return 1;
}

/* The samples a criterion counts under AR(1) noise of lag-one
 * correlation rho: n (1 - rho) / (1 + rho). */
static double
effective_n(double rho, size_t n)
{
	return rho > 0 ? (double)n * (1 - rho) / (1 + rho) : (double)n;
}

/* Sums over a stretch, for the least-squares error of a line through it. */
static double
sse_range(const double *const sum[5], size_t a, size_t b)
{
	double	 m = (double)(b - a), st = sum[0][b] - sum[0][a];
	double	 sy = sum[1][b] - sum[1][a], stt = sum[2][b] - sum[2][a];
	double	 sty = sum[3][b] - sum[3][a], syy = sum[4][b] - sum[4][a];
	double	 vt = stt - st * st / m, cty = sty - st * sy / m;
	double	 e = syy - sy * sy / m - (vt > 0 ? cty * cty / vt : 0);

	return e > 0 ? e : 0;
}

/* The residuals over [a, b) of the least-squares line through it, in the
 * standardised units of sum. */
static void
line(double *const sum[5], size_t a, size_t b, const double *t,
    const double *y, double mean, double sd, double *resid)
{
	double	 m = (double)(b - a), st = sum[0][b] - sum[0][a];
	double	 sy = sum[1][b] - sum[1][a], stt = sum[2][b] - sum[2][a];
	double	 sty = sum[3][b] - sum[3][a];
	double	 vt = stt - st * st / m, slope, icpt;
	size_t	 i;

	slope = vt > 0 ? (sty - st * sy / m) / vt : 0;
	icpt = sy / m - slope * st / m;
	for (i = a; i < b; i++)
		resid[i] = (y[i] - mean) / sd - (icpt + slope * (t[i] - t[0]));
}

/* The best place to break a series into two least-squares lines, each
 * stretch at least minlen samples, if two lines fit clearly better than
 * one: by the Bayesian information criterion (Schwarz 1978), 2 parameters
 * against 5, with a margin of BREAK_MARGIN, counting the effective number
 * of samples under AR(1) noise.  Returns the index where the second
 * stretch starts, or 0. */
#define BREAK_MARGIN 10.0
static size_t
breakpoint(const double *t, const double *y, size_t n, size_t minlen)
{
	double	*sum[5], mean, sd, one, best = INFINITY, e;
	double	*resid, rho, neff = 0;
	size_t	 i, at = 0;

	if (n < 2 * minlen || !std_sums(t, y, n, sum, &mean, &sd))
		return 0;
	one = sse_range((const double *const *)sum, 0, n);
	for (i = minlen; i + minlen <= n; i++) {
		e = sse_range((const double *const *)sum, 0, i) +
		    sse_range((const double *const *)sum, i, n);
		if (e < best) {
			best = e;
			at = i;
		}
	}
	if (one > 1e-12 * (double)n && best <= 0) {
		neff = (double)n;	/* two exact lines */
		goto done;
	}
	if (one <= 1e-12 * (double)n) {
		at = 0;
		goto done;
	}
	/* The criterion counts independent samples: serially correlated
	 * noise makes two lines look better than they are, so n is taken as
	 * n (1 - rho) / (1 + rho), rho of the two lines' residuals. */
	resid = xreallocarray(NULL, n, sizeof(*resid));
	line(sum, 0, at, t, y, mean, sd, resid);
	line(sum, at, n, t, y, mean, sd, resid);
	rho = stats_lag1_unbiased(resid, n);
	free(resid);
	neff = effective_n(rho, n);
	if (neff < 4 || neff * log(one / best) <= 3 * log(neff) + BREAK_MARGIN)
		at = 0;
done:
	free(sum[0]);
	(void)neff;
	return at;
}

/* Growth that stopped: the best fit of y = a + b min(t, tau), a line that
 * bends flat at tau, a sample with at least minlen samples before it and
 * minflat from it on, against one straight line.  Both have two
 * coefficients, so the evidence for the bend is neff log(SSE straight /
 * SSE bent), the log-likelihood ratio of the two under Gaussian noise with
 * the samples counted as neff = n (1 - rho) / (1 + rho), rho of the bent
 * fit's residuals.  Returns that evidence, -INFINITY when no bend grows
 * first; *at gets the bend's index. */
static double
bent_flat(const double *t, const double *y, size_t n, size_t minlen,
    size_t minflat, size_t *at)
{
	double	*sum[5], *resid, mean, sd, su, suu, suy, sy, syy, u, m;
	double	 vx, cxy, e, best = INFINITY, one, tau, b, a;
	size_t	 i, k;

	*at = 0;
	if (n < minlen + minflat || minlen < 2 ||
	    !std_sums(t, y, n, sum, &mean, &sd))
		return -INFINITY;
	one = sse_range((const double *const *)sum, 0, n);
	sy = sum[1][n];
	syy = sum[4][n];
	for (k = minlen; k + minflat <= n; k++) {
		/* x = min(hours, tau): hours before k, tau from k on */
		tau = t[k] - t[0];
		m = (double)(n - k);
		su = sum[0][k] + m * tau;
		suu = sum[2][k] + m * tau * tau;
		suy = sum[3][k] + tau * (sy - sum[1][k]);
		vx = suu - su * su / (double)n;
		cxy = suy - su * sy / (double)n;
		if (vx <= 0 || cxy <= 0)
			continue;
		e = syy - sy * sy / (double)n - cxy * cxy / vx;
		if (e < best) {
			best = e;
			*at = k;
		}
	}
	free(sum[0]);
	if (*at == 0 || one <= 1e-12 * (double)n)
		return -INFINITY;
	if (best <= 1e-12 * (double)n)
		return INFINITY;
	/* the bent fit's residuals, for the serial correlation */
	resid = xreallocarray(NULL, n, sizeof(*resid));
	tau = t[*at] - t[0];
	su = suu = suy = 0;
	for (i = 0; i < n; i++) {
		u = t[i] - t[0] < tau ? t[i] - t[0] : tau;
		su += u;
		suu += u * u;
		suy += u * (y[i] - mean) / sd;
	}
	vx = suu - su * su / (double)n;
	b = (suy - su * sy / (double)n) / vx;
	a = sy / (double)n - b * su / (double)n;
	for (i = 0; i < n; i++) {
		u = t[i] - t[0] < tau ? t[i] - t[0] : tau;
		resid[i] = (y[i] - mean) / sd - (a + b * u);
	}
	e = effective_n(stats_lag1_unbiased(resid, n), n) * log(one / best);
	free(resid);
	return e;
}

static int
growing(const struct tag_finding *f)
{
	return f->verdict == VERDICT_LEAK || f->verdict == VERDICT_SUSPECT;
}

/* Growth that faded out without a clear break: a leak that a line bending
 * flat for at least its last third fits better than a straight line, by
 * more than STOP_MARGIN, may have stopped: suspect. */
static void
faded(const double *t, const double *y, size_t n,
    uint64_t seed, const struct judge_opts *jo, struct tag_finding *f)
{
	struct tag_finding l;
	size_t	 k, minlen = n / 4 > TREND_MIN_SAMPLES ? n / 4 :
		    TREND_MIN_SAMPLES;
	size_t	 minflat = n / 3 > TREND_MIN_SAMPLES ? n / 3 :
		    TREND_MIN_SAMPLES;
	char	 early[32], late[32];

	if (f->verdict != VERDICT_LEAK || !isnan(f->onset_hours) ||
	    bent_flat(t, y, n, minlen, minflat, &k) <= STOP_MARGIN)
		return;
	memset(&l, 0, sizeof(l));
	judge_stretch(t + k, y + k, NULL, n - k, seed ^ 0x3c6e, jo, &l);
	rate_text(f->slope_bytes_per_hour, jo, early, sizeof(early));
	rate_text(l.slope_bytes_per_hour, jo, late, sizeof(late));
	f->verdict = VERDICT_SUSPECT;
	snprintf(f->reason, sizeof(f->reason), "grew %s, but only %s over the "
	    "last %.1f h: it may have stopped", early, late, t[n - 1] -
	    t[k]);
}

/* Under 12 samples no change of regime is looked for, so a cache that
 * filled or growth that stopped in the last samples would pass for a
 * leak: a leak there must grow over its last half too, at half its rate
 * or more (the median slope of the pairs in that half, Sen's estimator). */
static void
few_samples(const double *t, const double *y, size_t n,
    const struct judge_opts *jo, struct tag_finding *f)
{
	/* the last half of at most 11 samples: 5, and 10 pairs */
	double	 sl[TREND_MIN_SAMPLES * (TREND_MIN_SAMPLES - 1) / 2], late;
	char	 early[32], now[32];
	size_t	 i, j, k = n / 2, m = 0;

	if (f->verdict != VERDICT_LEAK || n >= FEW_SAMPLES)
		return;
	for (i = n - k; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (t[j] > t[i])
				sl[m++] = (y[j] - y[i]) / (t[j] - t[i]);
	late = m > 0 ? stats_median(sl, m) : 0;
	if (late >= PLATEAU_FRACTION * f->slope_bytes_per_hour)
		return;
	rate_text(f->slope_bytes_per_hour, jo, early, sizeof(early));
	rate_text(late, jo, now, sizeof(now));
	f->verdict = VERDICT_SUSPECT;
	snprintf(f->reason, sizeof(f->reason), "grew %s, but %s over its "
	    "last %zu samples: it may have stopped (too few samples, %zu, "
	    "to tell)", early, now, k, n);
}

void
trend_judge(const double *t, const double *y, const double *d, size_t n,
    uint64_t seed, const struct judge_opts *jo, struct tag_finding *f)
{
	struct tag_finding e, l;
	enum pattern	 pat;
	size_t		 b, minlen;
	char		 when[32], early[32], late[32];
	int		 towers;

	f->onset_hours = NAN;
	pat = judge_stretch(t, y, d, n, seed, jo, f);
	if (f->verdict == VERDICT_INSUFFICIENT || pat == PAT_SAWTOOTH)
		return;
	/* no upward tendency at all: no late leak to look for */
	if (pat == PAT_FALLING)
		return;
	/* A change of regime: a leak that starts late is fitted from its
	 * start; growth that levels off (a cache filling, a leak that
	 * stopped) is not a leak now; two flat stretches are a step. */
	minlen = n / 4 > TREND_MIN_SAMPLES ? n / 4 : TREND_MIN_SAMPLES;
	if ((b = breakpoint(t, y, n, minlen)) == 0) {
		faded(t, y, n, seed, jo, f);
		few_samples(t, y, n, jo, f);
		return;
	}
	memset(&e, 0, sizeof(e));
	memset(&l, 0, sizeof(l));
	judge_stretch(t, y, NULL, b, seed ^ 0x7f4a, jo, &e);
	judge_stretch(t + b, y + b, d + b, n - b, seed ^ 0x9e37, jo, &l);
	if (e.verdict == VERDICT_INSUFFICIENT ||
	    l.verdict == VERDICT_INSUFFICIENT) {
		faded(t, y, n, seed, jo, f);
		return;
	}
	snprintf(when, sizeof(when), "%.1f h", t[b] - t[0]);
	rate_text(e.slope_bytes_per_hour, jo, early, sizeof(early));
	rate_text(l.slope_bytes_per_hour, jo, late, sizeof(late));
	/* The break was chosen where the fit is best, which flatters the
	 * second stretch: a leak starting there needs a tenth of the p-value
	 * and a third of the window, or --min-leak-hours of it, or growth
	 * that towers: twice the whole range of the stretch before it.  That
	 * stretch may wander (noise can make it suspect on its own), but its
	 * whole interval must lie under half the later slope. */
	towers = l.slope_bytes_per_hour * (t[n - 1] - t[b]) >=
	    2 * (max_of(y, b) - min_of(y, b));
	if ((l.verdict == VERDICT_LEAK || l.short_span) &&
	    l.p_value < TREND_ALPHA / 10 && ((n - b) * 3 >= n || towers ||
	    (jo->min_leak_hours > 0 &&
	    t[n - 1] - t[b] >= jo->min_leak_hours)) &&
	    e.ci_hi < PLATEAU_FRACTION * l.slope_bytes_per_hour) {
		/* slower, then a leak: judged on its own stretch.  A flat
		 * stretch before it, one whose whole range is under half the
		 * later growth, rules out a daily cycle, so the whole window
		 * counts for --min-leak-hours. */
		if (l.short_span && t[n - 1] - t[0] >= jo->min_leak_hours &&
		    towers) {
			l.verdict = VERDICT_LEAK;
			l.short_span = 0;
		}
		f->verdict = l.verdict;
		f->short_span = l.short_span;
		f->samples = l.samples;
		f->slope_bytes_per_hour = l.slope_bytes_per_hour;
		f->intercept_bytes = l.intercept_bytes;
		f->ci_lo = l.ci_lo;
		f->ci_hi = l.ci_hi;
		f->p_value = l.p_value;
		f->r2 = l.r2;
		f->ols_bytes_per_hour = l.ols_bytes_per_hour;
		f->diff_slope_per_hour = l.diff_slope_per_hour;
		f->object_bytes = l.object_bytes;
		f->onset_hours = t[b] - t[0];
		steady_reason(f, f->onset_hours, late, t[n - 1] - t[b]);
		return;
	}
	if (growing(&e) && !growing(&l) && e.slope_bytes_per_hour > 0) {
		if (l.ci_hi < PLATEAU_FRACTION * e.slope_bytes_per_hour) {
			f->verdict = VERDICT_STABLE;
			snprintf(f->reason, sizeof(f->reason), "grew %s for %s, "
			    "flat since (a cache filling, or growth that "
			    "stopped)", early, when);
		} else if (f->verdict == VERDICT_LEAK) {
			/* not proven flat, nor growing: not a leak now */
			f->verdict = VERDICT_SUSPECT;
			snprintf(f->reason, sizeof(f->reason), "grew %s for %s, "
			    "not since (%s); it may have stopped", early, when,
			    late);
		}
		return;
	}
	if (growing(f) && !growing(&e) && !growing(&l)) {
		f->verdict = VERDICT_STABLE;
		snprintf(f->reason, sizeof(f->reason), "a step at %s in, flat "
		    "before and after", when);
		return;
	}
	faded(t, y, n, seed, jo, f);
}

/* The series of a table handed out to the threads of util_workers a
 * chunk at a time. */
struct chunks {
	pthread_mutex_t	 lock;
	size_t		 next, total, size;
	size_t		 maxn;		/* the most samples of a series */
};

static void
chunks_init(struct chunks *c, const struct table *tb, size_t size)
{
	size_t	 i;

	pthread_mutex_init(&c->lock, NULL);
	c->next = c->maxn = 0;
	c->total = table_nseries(tb);
	c->size = size;
	for (i = 0; i < c->total; i++)
		if (table_series(tb, i)->n > c->maxn)
			c->maxn = table_series(tb, i)->n;
}

/* The next chunk, [*i, *end); 0 when all are taken. */
static int
chunks_take(struct chunks *c, size_t *i, size_t *end)
{
	pthread_mutex_lock(&c->lock);
	*i = c->next;
	c->next = *i + c->size < c->total ? *i + c->size : c->total;
	*end = c->next;
	pthread_mutex_unlock(&c->lock);
	return *i < *end;
}

/* Run fn on up to nthreads threads, no more than there are chunks; then
 * the chunks are done with. */
static void
chunks_run(struct chunks *c, int nthreads, void *(*fn)(void *), void *arg)
{
	size_t	 n = nthreads > 1 ? (size_t)nthreads : 1;

	if (n > c->total / c->size + 1)
		n = c->total / c->size + 1;
	util_workers(n, fn, arg);
	pthread_mutex_destroy(&c->lock);
}

/* The series whose reboots the threads count, each into counts of its
 * own, summed under the chunks' lock. */
struct seg_work {
	struct chunks		 c;
	const struct table	*tb;
	const uint32_t		*prev;
	uint32_t		*shared, *down;	/* the sums */
};

#define SEG_CHUNK	64

static void *
seg_worker(void *arg)
{
	struct seg_work	*w = arg;
	size_t		 ns = table_nsnapshots(w->tb);
	size_t		 i, j, end, n;
	uint32_t	*shared, *down;
	struct sample	*smp;

	shared = xcalloc(ns + 1, sizeof(*shared));
	down = xcalloc(ns + 1, sizeof(*down));
	smp = xreallocarray(NULL, w->c.maxn + 1, sizeof(*smp));
	while (chunks_take(&w->c, &i, &end)) {
		for (; i < end; i++) {
			n = table_decode(w->tb, i, smp);
			for (j = 1; j < n; j++) {
				/* Allocs unknown (-1, from a dump) or never
				 * used */
				if (smp[j - 1].snap != w->prev[smp[j].snap] ||
				    smp[j - 1].allocs <= 0 || smp[j].allocs < 0)
					continue;
				shared[smp[j].snap]++;
				if (smp[j].allocs < smp[j - 1].allocs &&
				    smp[j].frees < smp[j - 1].frees)
					down[smp[j].snap]++;
			}
		}
	}
	pthread_mutex_lock(&w->c.lock);
	for (i = 0; i < ns; i++) {
		w->shared[i] += shared[i];
		w->down[i] += down[i];
	}
	pthread_mutex_unlock(&w->c.lock);
	free(shared);
	free(down);
	free(smp);
	return NULL;
}

size_t
trend_segments(const struct table *tb, int nthreads, struct segment **out)
{
	size_t		 ns = table_nsnapshots(tb);
	size_t		 i, nseg = 0;
	uint32_t	*prev, last;
	struct seg_work	 w;
	struct segment	*seg;

	memset(&w, 0, sizeof(w));
	w.tb = tb;
	w.shared = xcalloc(ns + 1, sizeof(*w.shared));
	w.down = xcalloc(ns + 1, sizeof(*w.down));
	/* counted as the rows were added, when they came in order; else
	 * counted here, each tag read once */
	if (!table_falls(tb, w.shared, w.down)) {
		/* the snapshot with rows before each: snapshots of counters
		 * alone (handle.exe, perfmon) come between those of the tags */
		prev = xcalloc(ns + 1, sizeof(*prev));
		for (last = UINT32_MAX, i = 0; i < ns; i++) {
			prev[i] = last;
			if (table_snapshot(tb, i)->rows > 0)
				last = (uint32_t)i;
		}
		w.prev = prev;
		chunks_init(&w.c, tb, SEG_CHUNK);
		chunks_run(&w.c, nthreads, seg_worker, &w);
		free(prev);
	}
	seg = xcalloc(ns + 1, sizeof(*seg));
	for (i = 0; i < ns; i++) {
		if (i == 0 || (w.down[i] > 0 && w.down[i] * 2 > w.shared[i])) {
			if (nseg > 0)
				seg[nseg - 1].last = (uint32_t)i - 1;
			seg[nseg].first = (uint32_t)i;
			nseg++;
		}
	}
	if (nseg > 0)
		seg[nseg - 1].last = (uint32_t)(ns - 1);
	free(w.shared);
	free(w.down);
	*out = seg;
	return nseg;
}

static uint64_t
series_seed(const struct series_info *si)
{
	uint64_t k = (uint64_t)si->tag[0] | (uint64_t)si->tag[1] << 8 |
	    (uint64_t)si->tag[2] << 16 | (uint64_t)si->tag[3] << 24 |
	    (uint64_t)si->type << 32;

	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

static int segment_of(const struct analysis *, uint32_t);
static double hours_between(int64_t, int64_t);

/* A leak of the current boot judged in every earlier boot with enough
 * data: a leak that recurs after each reboot is stronger evidence, and
 * the reason says so. */
static void
recurrence(const struct table *tb, const struct analysis *a,
    const struct sample *smp, size_t n, size_t current, uint64_t seed,
    const struct judge_opts *jo, struct tag_finding *f)
{
	struct tag_finding g;
	double		*t, *y, *d, span;
	size_t		 j, k, first, cnt;
	int		 seg, judged = 0, leaking = 0, full = 0;
	int64_t		 t0;
	char		 tmp[sizeof(f->reason)], rate[32], more[48];

	t = xreallocarray(NULL, n + 1, sizeof(*t));
	y = xreallocarray(NULL, n + 1, sizeof(*y));
	d = xreallocarray(NULL, n + 1, sizeof(*d));
	for (j = 0; j < current; j = first + cnt) {
		first = j;
		seg = segment_of(a, smp[j].snap);
		for (cnt = 0; j + cnt < current &&
		    segment_of(a, smp[j + cnt].snap) == seg; cnt++)
			;
		t0 = table_snapshot(tb, smp[first].snap)->t_ms;
		for (k = 0; k < cnt; k++) {
			t[k] = hours_between(t0,
			    table_snapshot(tb, smp[first + k].snap)->t_ms);
			y[k] = (double)smp[first + k].bytes;
			d[k] = (double)smp[first + k].diff;
		}
		memset(&g, 0, sizeof(g));
		trend_judge(t, y, d, cnt, seed ^ (uint64_t)seg, jo, &g);
		if (g.verdict == VERDICT_INSUFFICIENT)
			continue;
		judged++;
		leaking += g.verdict == VERDICT_LEAK || g.short_span;
		full += g.verdict == VERDICT_LEAK;
	}
	free(t);
	free(y);
	free(d);
	f->boots_judged = judged + 1;
	f->boots_leaking = leaking + 1;
	if (judged == 0)
		return;
	more[0] = '\0';
	if (f->short_span && leaking == judged && full > 0) {
		/* Too short a growth in this boot, but it grew in every
		 * earlier boot too, and was a leak in one, over
		 * --min-leak-hours or more: neither a daily cycle nor a cache
		 * that fills after each reboot grows for a day. */
		span = hours_between(table_snapshot(tb, smp[current].snap)->t_ms,
		    table_snapshot(tb, smp[n - 1].snap)->t_ms);
		if (!isnan(f->onset_hours))
			span -= f->onset_hours;
		rate_text(f->slope_bytes_per_hour, jo, rate, sizeof(rate));
		f->verdict = VERDICT_LEAK;
		f->short_span = 0;
		steady_reason(f, f->onset_hours, rate, span);
		snprintf(more, sizeof(more), ", for %.0f h or more in one",
		    jo->min_leak_hours);
	}
	memcpy(tmp, f->reason, sizeof(tmp));
	snprintf(f->reason, sizeof(f->reason), "%.*s; %s in %d of %d earlier "
	    "boots%s", (int)(sizeof(f->reason) - 64 - strlen(more)), tmp,
	    leaking > 0 ? "also" : "not", leaking, judged, more);
}

static int
segment_of(const struct analysis *a, uint32_t snap)
{
	size_t	 i;

	for (i = a->nsegments; i-- > 0;)
		if (snap >= a->segments[i].first)
			return (int)i;
	return 0;
}

static double
hours_between(int64_t a_ms, int64_t b_ms)
{
	return (double)(b_ms - a_ms) / 3.6e6;
}

/* The time hours after from_ms, or TREND_NEVER_MS if that is after the
 * year 9999 (the cast would overflow long before the double does). */
static int64_t
exhaustion_at(int64_t from_ms, double hours)
{
	double	 ms = (double)from_ms + hours * 3.6e6;

	return ms >= (double)TREND_NEVER_MS ? TREND_NEVER_MS : (int64_t)ms;
}

/* Hours to fill headroom at rates lo..hi: [headroom / hi, headroom / lo],
 * the upper end unknown (NAN) unless lo > 0. */
static void
hours_interval(double headroom, double lo, double hi, double *hlo,
    double *hhi)
{
	*hlo = hi > 0 ? headroom / hi : NAN;
	*hhi = hi > 0 && lo > 0 ? headroom / lo : NAN;
}

static void
judge_pools(const struct table *tb, struct analysis *a,
    const struct trend_opts *opts)
{
	const struct segment *last = &a->segments[a->nsegments - 1];
	size_t		 span = last->last - last->first + 1, n, i, nh, nr;
	double		*t, *y, *scratch, *resid;
	struct mk	 m;
	struct theil_sen ts;
	int		 type, header;
	const struct snapshot *s;
	int64_t		 t0 = table_snapshot(tb, last->first)->t_ms;
	char		 p[32];

	t = xreallocarray(NULL, span, sizeof(*t));
	y = xreallocarray(NULL, span, sizeof(*y));
	resid = xreallocarray(NULL, span, sizeof(*resid));
	scratch = xreallocarray(NULL, SCRATCH(span), sizeof(*scratch));
	for (type = 0; type < POOL_NTYPES; type++) {
		struct pool_finding *pf = &a->pools[type];

		pf->type = (enum pool_type)type;
		pf->limit_bytes = opts->limit_bytes[type];
		pf->limit_source = opts->limit_bytes[type] >= 0 ?
		    opts->limit_source[type] : NULL;
		pf->slope_bytes_per_hour = pf->ci_lo = pf->ci_hi = NAN;
		pf->intercept_bytes = NAN;
		pf->fit_t0_ms = t0;
		pf->p_value = pf->hours_to_exhaustion = NAN;
		pf->hours_ci_lo = pf->hours_ci_hi = NAN;
		/* A type whose rows all show 0 bytes is as good as absent.  The
		 * totals from headers (poolmon -r, perfmon) or the sums
		 * of the rows, whichever more snapshots have; only those
		 * snapshots. */
		for (nh = nr = 0, i = 0; i < span; i++) {
			s = table_snapshot(tb, last->first + i);
			nh += s->hdr_bytes[type] >= 0;
			nr += s->sum_bytes[type] > 0;
		}
		header = nh > 0 && nh >= nr;
		pf->from_header = header;
		pf->have_data = nh > 0 || nr > 0;
		if (!pf->have_data) {
			snprintf(pf->note, sizeof(pf->note), "no bytes of this type");
			continue;
		}
		for (n = 0, i = 0; i < span; i++) {
			s = table_snapshot(tb, last->first + i);
			if (header ? s->hdr_bytes[type] < 0 : s->sum_bytes[type] <= 0)
				continue;
			t[n] = hours_between(t0, s->t_ms);
			y[n++] = (double)(header ? s->hdr_bytes[type] :
			    s->sum_bytes[type]);
		}
		pf->bytes_last = (int64_t)y[n - 1];
		if (n < TREND_MIN_SAMPLES || t[n - 1] - t[0] < TREND_MIN_HOURS) {
			snprintf(pf->note, sizeof(pf->note), n == 1 ?
			    "one sample: no trend" : "too few samples%s to fit "
			    "a trend", a->nsegments > 1 ?
			    " since the last reboot" : "");
			continue;
		}
		fit(t, y, n, 0x7001 + (uint64_t)type, scratch, resid, 1, &m,
		    &ts);
		pf->slope_bytes_per_hour = ts.slope;
		pf->intercept_bytes = ts.intercept;
		pf->ci_lo = ts.lo;
		pf->ci_hi = ts.hi;
		pf->p_value = m.p;
		fmt_p(m.p, p, sizeof(p));
		if (pf->limit_bytes < 0)
			snprintf(pf->note, sizeof(pf->note),
			    "no limit known (give --limit)");
		else if (pf->bytes_last >= pf->limit_bytes) {
			pf->hours_to_exhaustion = pf->hours_ci_lo =
			    pf->hours_ci_hi = 0;
			snprintf(pf->note, sizeof(pf->note), "at or over the limit");
		} else if (ts.slope <= 0 || m.s <= 0 ||
		    m.p >= TREND_ALPHA_SUSPECT)
			snprintf(pf->note, sizeof(pf->note),
			    "not growing (%s)", p);
		else {
			pf->hours_to_exhaustion =
			    (double)(pf->limit_bytes - pf->bytes_last) / ts.slope;
			hours_interval((double)(pf->limit_bytes - pf->bytes_last),
			    ts.lo, ts.hi, &pf->hours_ci_lo, &pf->hours_ci_hi);
			snprintf(pf->note, sizeof(pf->note), "growing (%s)", p);
		}
		if (!isnan(pf->hours_to_exhaustion))
			pf->exhaustion_ms = exhaustion_at(t0 +
			    (int64_t)(t[n - 1] * 3.6e6),
			    pf->hours_to_exhaustion);
	}
	free(t);
	free(y);
	free(scratch);
	free(resid);
}

/* Judge each counter on its values in the last boot. */
static void
judge_counters(const struct table *tb, struct analysis *a,
    const struct judge_opts *jo)
{
	const struct segment *last = &a->segments[a->nsegments - 1];
	const uint32_t	*snaps;
	const double	*vals;
	size_t		 c, i, n, k;
	double		*t, *y;
	int64_t		 t0 = 0;
	struct tag_finding f;

	a->ncounters = table_ncounters(tb);
	a->counters = xcalloc(a->ncounters + 1, sizeof(*a->counters));
	for (c = 0; c < a->ncounters; c++) {
		struct counter_finding *cf = &a->counters[c];

		n = table_counter_values(tb, c, &snaps, &vals);
		t = xreallocarray(NULL, n + 1, sizeof(*t));
		y = xreallocarray(NULL, n + 1, sizeof(*y));
		for (k = 0, i = 0; i < n; i++) {
			if (snaps[i] < last->first)
				continue;
			if (k == 0)
				t0 = table_snapshot(tb, snaps[i])->t_ms;
			t[k] = hours_between(t0, table_snapshot(tb,
			    snaps[i])->t_ms);
			y[k++] = vals[i];
		}
		memset(&f, 0, sizeof(f));
		trend_judge(t, y, y, k, 0x51ed + c, jo, &f);
		cf->name = table_counter_name(tb, c);
		cf->verdict = f.verdict;
		memcpy(cf->reason, f.reason, sizeof(cf->reason));
		cf->slope_per_hour = f.slope_bytes_per_hour;
		cf->ci_lo = f.ci_lo;
		cf->ci_hi = f.ci_hi;
		cf->p_value = f.p_value;
		cf->last = k > 0 ? y[k - 1] : NAN;
		cf->samples = (uint32_t)k;
		free(t);
		free(y);
	}
}

static int
cmp_counter(const void *pa, const void *pb)
{
	const struct counter_finding *a = pa, *b = pb;
	double	 x = isnan(a->slope_per_hour) ? -INFINITY : a->slope_per_hour;
	double	 y = isnan(b->slope_per_hour) ? -INFINITY : b->slope_per_hour;

	if (a->verdict != b->verdict)
		return (a->verdict > b->verdict) - (a->verdict < b->verdict);
	if (x != y)
		return (x < y) - (x > y);
	return strcmp(a->name, b->name);
}

/* The pools run out at the rate of their leaks: the sum of the slopes of
 * the tags judged leak in the current boot (or that would be but for
 * --min-leak-hours), each fitted over its own stretch (from its onset).
 * The fit of a pool's total mixes past and present growth (caches that
 * filled, leaks that stopped); it stays the projection when no tag
 * leaks. */
static void
project_from_leaks(struct analysis *a)
{
	double	 rate[POOL_NTYPES] = { 0, 0 }, lo[POOL_NTYPES] = { 0, 0 };
	double	 hi[POOL_NTYPES] = { 0, 0 };
	size_t	 i, n[POOL_NTYPES] = { 0, 0 };
	int	 t;
	char	 r[32];

	for (i = 0; i < a->ntags; i++) {
		const struct tag_finding *f = &a->tags[i];

		if ((f->verdict == VERDICT_LEAK || f->short_span) &&
		    f->segment == (int)a->nsegments - 1) {
			rate[f->type] += f->slope_bytes_per_hour;
			lo[f->type] += f->ci_lo;
			hi[f->type] += f->ci_hi;
			n[f->type]++;
		}
	}
	for (t = 0; t < POOL_NTYPES; t++) {
		struct pool_finding *pf = &a->pools[t];

		pf->projection_bytes_per_hour = pf->slope_bytes_per_hour;
		pf->projection_from_leaks = 0;
		if (n[t] == 0 || !pf->have_data || isnan(pf->slope_bytes_per_hour))
			continue;
		pf->projection_bytes_per_hour = rate[t];
		pf->projection_from_leaks = 1;
		if (pf->limit_bytes < 0 || pf->bytes_last >= pf->limit_bytes)
			continue;
		pf->hours_to_exhaustion = (double)(pf->limit_bytes -
		    pf->bytes_last) / rate[t];
		/* the sum of the leaks' intervals bounds the sum's */
		hours_interval((double)(pf->limit_bytes - pf->bytes_last),
		    lo[t], hi[t], &pf->hours_ci_lo, &pf->hours_ci_hi);
		pf->exhaustion_ms = exhaustion_at(a->last_ms,
		    pf->hours_to_exhaustion);
		units_rate(rate[t], r, sizeof(r));
		snprintf(pf->note, sizeof(pf->note), "at %s, the %zu leaking "
		    "%s", r, n[t], n[t] == 1 ? "tag" : "tags");
	}
}

static int
cmp_finding(const void *pa, const void *pb)
{
	const struct tag_finding *a = pa, *b = pb;
	int	 ha, hb;

	if (a->verdict != b->verdict)
		return (a->verdict > b->verdict) - (a->verdict < b->verdict);
	ha = !isnan(a->hours_to_exhaustion);
	hb = !isnan(b->hours_to_exhaustion);
	if (ha != hb)
		return hb - ha;
	if (ha && a->hours_to_exhaustion != b->hours_to_exhaustion)
		return (a->hours_to_exhaustion > b->hours_to_exhaustion) -
		    (a->hours_to_exhaustion < b->hours_to_exhaustion);
	if (!isnan(a->slope_bytes_per_hour) && !isnan(b->slope_bytes_per_hour) &&
	    a->slope_bytes_per_hour != b->slope_bytes_per_hour)
		return (a->slope_bytes_per_hour < b->slope_bytes_per_hour) -
		    (a->slope_bytes_per_hour > b->slope_bytes_per_hour);
	if (isnan(a->slope_bytes_per_hour) != isnan(b->slope_bytes_per_hour))
		return isnan(a->slope_bytes_per_hour) ? 1 : -1;
	if (a->bytes_last != b->bytes_last)
		return (a->bytes_last < b->bytes_last) -
		    (a->bytes_last > b->bytes_last);
	if (memcmp(a->tag, b->tag, 4) != 0)
		return memcmp(a->tag, b->tag, 4);
	return (int)a->type - (int)b->type;
}

/* A tag's buffers: the samples of its series and the judged stretch. */
struct tag_buf {
	struct sample	*smp;
	double		*t, *y, *d;
};

/* Judge series i of the table into a->tags[i]. */
static void
judge_tag(const struct table *tb, struct analysis *a, size_t i,
    const struct judge_opts *jo, struct tag_buf *b)
{
	const struct series_info *si = table_series(tb, i);
	struct tag_finding *f = &a->tags[i];
	struct sample	*smp = b->smp;
	double		*t = b->t, *y = b->y, *d = b->d;
	size_t		 n = table_decode(tb, i, smp);
	size_t		 j, first, cnt, best_first = 0, best_cnt = 0;
	int		 seg, best_seg = -1;
	int64_t		 t0;
	char		 when[32], tmp[sizeof(a->tags->reason)];

	memcpy(f->tag, si->tag, 4);
	f->type = si->type;
	f->driver = si->driver;
	f->description = si->description;
	f->series = i;
	f->share_of_pool_growth = f->hours_to_exhaustion = NAN;
	f->hours_ci_lo = f->hours_ci_hi = NAN;
	/* The latest segment with enough data, else the last one
	 * with any. */
	for (j = 0; j < n; j = first + cnt) {
		first = j;
		seg = segment_of(a, smp[j].snap);
		for (cnt = 0; j + cnt < n &&
		    segment_of(a, smp[j + cnt].snap) == seg; cnt++)
			;
		if (cnt >= TREND_MIN_SAMPLES && hours_between(
		    table_snapshot(tb, smp[first].snap)->t_ms,
		    table_snapshot(tb, smp[first + cnt - 1].snap)->t_ms) >=
		    TREND_MIN_HOURS) {
			best_first = first;
			best_cnt = cnt;
			best_seg = seg;
		}
	}
	if (best_seg == -1 && n > 0) {
		best_seg = segment_of(a, smp[n - 1].snap);
		for (best_first = n - 1; best_first > 0 &&
		    segment_of(a, smp[best_first - 1].snap) == best_seg;
		    best_first--)
			;
		best_cnt = n - best_first;
	}
	f->segment = best_seg;
	t0 = table_snapshot(tb, smp[best_first].snap)->t_ms;
	f->fit_t0_ms = t0;
	for (j = 0; j < best_cnt; j++) {
		const struct sample *x = &smp[best_first + j];

		t[j] = hours_between(t0, table_snapshot(tb, x->snap)->t_ms);
		y[j] = (double)x->bytes;
		d[j] = (double)x->diff;
	}
	f->bytes_last = smp[best_first + best_cnt - 1].bytes;
	trend_judge(t, y, d, best_cnt, series_seed(si), jo, f);
	if (best_seg == (int)a->nsegments - 1 && a->nsegments > 1 &&
	    (f->verdict == VERDICT_LEAK || f->short_span))
		recurrence(tb, a, smp, n, best_first, series_seed(si),
		    jo, f);
	if (best_seg != (int)a->nsegments - 1 &&
	    f->verdict != VERDICT_INSUFFICIENT) {
		ts_format(table_snapshot(tb,
		    a->segments[best_seg].last)->t_ms, a->utc, when,
		    sizeof(when));
		memcpy(tmp, f->reason, sizeof(tmp));
		snprintf(f->reason, sizeof(f->reason),
		    "before reboot at %s: %.*s", when,
		    (int)(sizeof(f->reason) - 52), tmp);
	}
}

/* The tags to judge, shared by the threads that judge them. */
struct tag_work {
	struct chunks		 c;
	const struct table	*tb;
	struct analysis		*a;
	const struct judge_opts	*jo;
};

#define TAG_CHUNK	32

static void *
tag_worker(void *arg)
{
	struct tag_work	*w = arg;
	struct tag_buf	 b;
	size_t		 i, end;

	b.smp = xreallocarray(NULL, w->c.maxn + 1, sizeof(*b.smp));
	b.t = xreallocarray(NULL, w->c.maxn + 1, sizeof(*b.t));
	b.y = xreallocarray(NULL, w->c.maxn + 1, sizeof(*b.y));
	b.d = xreallocarray(NULL, w->c.maxn + 1, sizeof(*b.d));
	while (chunks_take(&w->c, &i, &end))
		for (; i < end; i++)
			judge_tag(w->tb, w->a, i, w->jo, &b);
	free(b.smp);
	free(b.t);
	free(b.y);
	free(b.d);
	return NULL;
}

/* Judge every tag, on up to nthreads threads: each tag is judged on its
 * own, with a seed of its own, so the result does not depend on how
 * many. */
static void
judge_tags(const struct table *tb, struct analysis *a,
    const struct judge_opts *jo, int nthreads)
{
	struct tag_work	 w;
	size_t		 nser = table_nseries(tb);

	memset(&w, 0, sizeof(w));
	w.tb = tb;
	w.a = a;
	w.jo = jo;
	a->tags = xcalloc(nser + 1, sizeof(*a->tags));
	a->ntags = nser;
	chunks_init(&w.c, tb, TAG_CHUNK);
	chunks_run(&w.c, nthreads, tag_worker, &w);
}

/* When the samples of tag f in segment seg up to time te would first
 * have been judged leak or suspect (*warn_ms) and leak (*leak_ms), or -1
 * for never.  The prefixes are judged from the shortest that can be, at
 * most TREND_HINDSIGHT_STEPS of them evenly spread. */
static void
first_call(const struct table *tb, const struct analysis *a,
    const struct tag_finding *f, int seg, int64_t te,
    const struct judge_opts *jo, int64_t *warn_ms, int64_t *leak_ms)
{
	const struct series_info *si = table_series(tb, f->series);
	struct sample	*smp;
	struct tag_finding g;
	double		*t, *y, *d;
	size_t		 n, m = 0, j, k, step;
	int64_t		 t0 = 0, ts;

	*warn_ms = *leak_ms = -1;
	smp = xreallocarray(NULL, si->n + 1, sizeof(*smp));
	t = xreallocarray(NULL, si->n + 1, sizeof(*t));
	y = xreallocarray(NULL, si->n + 1, sizeof(*y));
	d = xreallocarray(NULL, si->n + 1, sizeof(*d));
	n = table_decode(tb, f->series, smp);
	for (j = 0; j < n; j++) {
		ts = table_snapshot(tb, smp[j].snap)->t_ms;
		if (segment_of(a, smp[j].snap) != seg || ts > te)
			continue;
		if (m == 0)
			t0 = ts;
		t[m] = hours_between(t0, ts);
		y[m] = (double)smp[j].bytes;
		d[m++] = (double)smp[j].diff;
	}
	step = m / TREND_HINDSIGHT_STEPS + 1;
	for (k = TREND_MIN_SAMPLES; k <= m && *leak_ms < 0; k += step) {
		memset(&g, 0, sizeof(g));
		trend_judge(t, y, d, k, series_seed(si), jo, &g);
		ts = t0 + (int64_t)(t[k - 1] * 3.6e6 + 0.5);
		if (*warn_ms < 0 && (g.verdict == VERDICT_LEAK ||
		    g.verdict == VERDICT_SUSPECT))
			*warn_ms = ts;
		if (g.verdict == VERDICT_LEAK)
			*leak_ms = ts;
	}
	free(smp);
	free(t);
	free(y);
	free(d);
}

/* Each exhaustion event of the table: the boot it fell in, and the
 * first leak the engine would have called before it, among the highest
 * ranked growing tags (of the pool an event names). */
static void
hindsight(const struct table *tb, struct analysis *a,
    const struct judge_opts *jo)
{
	struct event_finding *ef;
	size_t		 i, k, tried;
	int64_t		 warn, leak;
	int		 s, pool;

	a->nevents = table_nevents(tb);
	a->events = xcalloc(a->nevents + 1, sizeof(*a->events));
	for (i = 0; i < a->nevents; i++) {
		ef = &a->events[i];
		ef->event = table_event(tb, i);
		ef->segment = -1;
		ef->hours_before = ef->warned_hours_before = NAN;
		for (s = 0; s < (int)a->nsegments; s++)
			if (table_snapshot(tb, a->segments[s].first)->t_ms <=
			    ef->event->t_ms)
				ef->segment = s;
		if (ef->segment < 0)
			continue;
		pool = ef->event->pool;
		for (k = tried = 0; k < a->ntags &&
		    tried < TREND_HINDSIGHT_TAGS; k++) {
			const struct tag_finding *f = &a->tags[k];

			if ((f->verdict != VERDICT_LEAK &&
			    f->verdict != VERDICT_SUSPECT) ||
			    (pool >= 0 && (int)f->type != pool))
				continue;
			tried++;
			first_call(tb, a, f, ef->segment, ef->event->t_ms, jo,
			    &warn, &leak);
			if (leak >= 0 && (ef->tag == NULL ||
			    leak < ef->called_ms)) {
				ef->tag = f;
				ef->called_ms = leak;
				ef->hours_before = hours_between(leak,
				    ef->event->t_ms);
			}
			if (warn >= 0 && (ef->warned == NULL ||
			    warn < ef->warned_ms)) {
				ef->warned = f;
				ef->warned_ms = warn;
				ef->warned_hours_before = hours_between(warn,
				    ef->event->t_ms);
			}
		}
	}
}

int
trend_size_matches(int64_t size_bytes, double object_bytes)
{
	double	 tol;

	if (!isfinite(object_bytes))
		return -1;
	tol = 0.02 * object_bytes > 16 ? 0.02 * object_bytes : 16;
	return fabs((double)size_bytes - object_bytes) <= tol;
}

/* The outstanding allocations of f's tag in the table's allocation groups
 * (a pool trace export), if it has any allocated inside the trace. */
static void
outstanding(const struct table *tb, struct tag_finding *f)
{
	struct outstanding *o = &f->outstanding;
	const struct alloc_group *g;
	size_t		 n, i;
	int		 k, j;

	memset(o, 0, sizeof(*o));
	n = table_allocs(tb, f->tag, f->type, &g);
	/* by size, so a tie of counts keeps the smaller size first */
	for (i = 0; i < n && g[i].aifo; i++) {
		if (g[i].count <= 0 || g[i].size_bytes < 0)
			continue;
		o->have = 1;
		o->allocations = g[i].count > INT64_MAX - o->allocations ?
		    INT64_MAX : o->allocations + g[i].count;
		if (g[i].size_bytes > (INT64_MAX - o->bytes) / g[i].count)
			o->bytes = INT64_MAX;
		else
			o->bytes += g[i].size_bytes * g[i].count;
		for (k = 0; k < o->nsizes && o->sizes[k].count >= g[i].count;
		    k++)
			;
		if (k == TREND_SIZES)
			continue;
		if (o->nsizes < TREND_SIZES)
			o->nsizes++;
		for (j = o->nsizes - 1; j > k; j--)
			o->sizes[j] = o->sizes[j - 1];
		o->sizes[k].size_bytes = g[i].size_bytes;
		o->sizes[k].count = g[i].count;
	}
	if (!o->have)
		return;
	o->dominant_size_bytes = o->sizes[0].size_bytes;
	o->dominant_count = o->sizes[0].count;
	o->dominant_share = (double)o->dominant_count / (double)o->allocations;
	o->matches = trend_size_matches(o->dominant_size_bytes,
	    f->object_bytes);
}

struct analysis *
trend_analyse(const struct table *tb, const struct trend_opts *opts)
{
	struct judge_opts jo_bytes, jo_counts;
	struct analysis	*a;
	size_t		 ns = table_nsnapshots(tb), i;

	if (ns == 0)
		return NULL;
	jo_bytes = trend_bytes;
	jo_bytes.min_leak_hours = opts->min_leak_hours;
	jo_counts = trend_counts;
	jo_counts.min_leak_hours = opts->min_leak_hours;
	a = xcalloc(1, sizeof(*a));
	a->nsnapshots = ns;
	a->first_ms = table_snapshot(tb, 0)->t_ms;
	a->last_ms = table_snapshot(tb, ns - 1)->t_ms;
	a->utc = 1;
	for (i = 0; i < ns; i++)
		if (!table_snapshot(tb, i)->utc)
			a->utc = 0;
	a->time_unknown = ns == 1 && table_snapshot(tb, 0)->untimed;
	a->nsegments = trend_segments(tb, opts->threads, &a->segments);
	judge_pools(tb, a, opts);

	judge_tags(tb, a, &jo_bytes, opts->threads);
	for (i = 0; i < a->ntags; i++)
		outstanding(tb, &a->tags[i]);

	/* Each growing tag's share of its pool's growth and the time it
	 * alone would take to fill the pool. */
	for (i = 0; i < a->ntags; i++) {
		struct tag_finding *f = &a->tags[i];
		const struct pool_finding *pf = &a->pools[f->type];

		if ((f->verdict != VERDICT_LEAK && f->verdict != VERDICT_SUSPECT) ||
		    f->segment != (int)a->nsegments - 1 ||
		    !(f->slope_bytes_per_hour > 0))
			continue;
		if (pf->slope_bytes_per_hour > 0)
			f->share_of_pool_growth =
			    f->slope_bytes_per_hour / pf->slope_bytes_per_hour;
		if (pf->limit_bytes >= 0 && pf->bytes_last >= pf->limit_bytes)
			f->hours_to_exhaustion = f->hours_ci_lo =
			    f->hours_ci_hi = 0;
		else if (pf->limit_bytes >= 0) {
			f->hours_to_exhaustion = (double)(pf->limit_bytes -
			    pf->bytes_last) / f->slope_bytes_per_hour;
			hours_interval((double)(pf->limit_bytes - pf->bytes_last),
			    f->ci_lo, f->ci_hi, &f->hours_ci_lo, &f->hours_ci_hi);
		}
	}
	project_from_leaks(a);
	qsort(a->tags, a->ntags, sizeof(*a->tags), cmp_finding);
	judge_counters(tb, a, &jo_counts);
	qsort(a->counters, a->ncounters, sizeof(*a->counters), cmp_counter);
	for (i = 0; i < a->ncounters; i++)
		a->counters[i].rank = (int)i + 1;
	for (i = 0; i < a->ntags; i++) {
		a->tags[i].rank = (int)i + 1;
		a->count[a->tags[i].verdict]++;
	}
	hindsight(tb, a, &jo_bytes);
	return a;
}

void
trend_free(struct analysis *a)
{
	size_t	 i;

	if (a == NULL)
		return;
	for (i = 0; i < a->ntags; i++)
		free(a->tags[i].next_step);
	for (i = 0; i < a->ncounters; i++)
		free(a->counters[i].next_step);
	for (i = 0; i < POOL_NTYPES; i++)
		free(a->pools[i].next_step);
	free(a->events);
	free(a->segments);
	free(a->tags);
	free(a->counters);
	free(a);
}
