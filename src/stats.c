/* stats.c: pure math on arrays (OLS, Theil-Sen, Mann-Kendall); no I/O. */
#include <math.h>
#include <string.h>

#include "stats.h"
#include "util.h"

void
stats_ols(const double *x, const double *y, size_t n, struct ols *o)
{
	double	 mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0, dx, dy;
	size_t	 i;

	for (i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (i = 0; i < n; i++) {
		dx = x[i] - mx;
		dy = y[i] - my;
		sxx += dx * dx;
		sxy += dx * dy;
		syy += dy * dy;
	}
	o->slope = sxx > 0 ? sxy / sxx : 0;
	o->intercept = my - o->slope * mx;
	o->r2 = sxx > 0 && syy > 0 ? sxy * sxy / (sxx * syy) : 0;
}

/* Merge two sorted runs of w at src into dst, w steps from the front
 * and w from the back at once: two chains of loads and compares that do
 * not wait on each other (the "parity merge" of Scandum's quadsort).  The
 * front takes the w smallest and the back the w largest, ties left
 * first, so neither can run past its runs.  Returns the sum of the
 * positions in dst that the right run's elements take. */
static uint64_t
merge_even(const double *src, double *dst, size_t w)
{
	size_t	 l = 0, r = w, lb = w - 1, rb = 2 * w - 1, o = 0,
		 ob = 2 * w - 1, k, right, left;
	uint64_t pos = 0;
	double	 x, y;

	for (k = 0; k < w; k++) {
		x = src[l];
		y = src[r];
		right = y < x;
		dst[o] = right ? y : x;
		pos += o & -right;
		r += right;
		l += !right;
		o++;
		x = src[lb];
		y = src[rb];
		left = x > y;
		dst[ob] = left ? x : y;
		pos += ob & (left - 1);
		lb -= left;
		rb -= !left;
		ob--;
	}
	return pos;
}

/* Merge sort a[0..n) ascending, counting strict inversions.  The runs
 * go back and forth between a and tmp, and each merge step takes the
 * smaller head without a branch on the data: on noise a branch would be
 * mispredicted half the time.  A right element b at position p of the
 * merged pair of runs, k-th of its run, is after p - k left elements, so
 * the w - (p - k) others of the left run are greater: two runs of w have
 * w w + w (w - 1) / 2 - (the sum of those p) inversions. */
static double
sort_count(double *a, double *tmp, size_t n)
{
	double	*src = a, *dst = tmp, *sw, x, y;
	uint64_t inv = 0;
	size_t	 w, i, l, r, lend, rend, o, right;

	for (w = 1; w < n; w *= 2) {
		for (i = 0; i + 2 * w <= n; i += 2 * w)
			inv += w * w + w * (w - 1) / 2 -
			    merge_even(src + i, dst + i, w);
		/* the last runs, shorter */
		l = i;
		lend = r = i + w < n ? i + w : n;
		rend = n;
		o = i;
		while (l < lend && r < rend) {
			x = src[l];
			y = src[r];
			right = y < x;
			inv += (lend - l) & -right;
			dst[o++] = right ? y : x;
			r += right;
			l += !right;
		}
		while (l < lend)
			dst[o++] = src[l++];
		while (r < rend)
			dst[o++] = src[r++];
		sw = src;
		src = dst;
		dst = sw;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
	return (double)inv;
}

void
stats_mann_kendall(const double *y, size_t n, double *scratch, struct mk *m)
{
	double	*a = scratch, *tmp = scratch + n;
	double	 pairs, ties = 0, tiecorr = 0, q, t, dn = (double)n;
	size_t	 i, j;

	memcpy(a, y, n * sizeof(*a));
	q = sort_count(a, tmp, n);	/* pairs i < j with y_i > y_j */
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && a[j] == a[i]; j++)
			;
		t = (double)(j - i);
		ties += t * (t - 1) / 2;
		tiecorr += t * (t - 1) * (2 * t + 5);
	}
	pairs = dn * (dn - 1) / 2;
	/* S = P - Q with P = pairs - ties - Q */
	m->s = pairs - ties - 2 * q;
	m->var_s = (dn * (dn - 1) * (2 * dn + 5) - tiecorr) / 18;
	if (m->var_s > 0 && m->s != 0)
		m->z = (m->s - (m->s > 0 ? 1 : -1)) / sqrt(m->var_s);
	else
		m->z = 0;
	m->p = m->p_plain = erfc(fabs(m->z) / sqrt(2.0));
}

/* Sort a[lo..hi) by insertion: for the few elements left at the end of
 * a selection, and for a pivot's sample. */
static void
insertion(double *a, size_t lo, size_t hi)
{
	size_t	 i, j;
	double	 x;

	for (i = lo + 1; i < hi; i++) {
		x = a[i];
		for (j = i; j > lo && a[j - 1] > x; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* Move the elements of a[lo..hi) below p to its front and return where
 * they end, in one pass that does not branch on the data: a Lomuto
 * partition with the swap done always and the count moved by the
 * comparison.  Branches on random data are mispredicted half the time,
 * and cost more than the comparisons. */
static size_t
below(double *a, size_t lo, size_t hi, double p)
{
	size_t	 w = lo, i;
	double	 x;

	for (i = lo; i < hi; i++) {
		x = a[i];
		a[i] = a[w];
		a[w] = x;
		w += x < p;
	}
	return w;
}

#define SEL_SAMPLE	((size_t)31)

/* Put the k-th smallest of a[0..n) at a[k], the smaller before it and
 * the larger after.  Each round partitions the range that holds k around
 * the element of a sample of it at k's rank (Floyd and Rivest's idea).
 * When nothing is below the pivot, the elements equal to it are set
 * apart, so every round shrinks the range, ties included. */
static double
select_k(double *a, size_t n, size_t k)
{
	double	 s[SEL_SAMPLE], p;
	size_t	 lo = 0, hi = n, m, i, w, w2;

	while ((m = hi - lo) > 2 * SEL_SAMPLE) {
		for (i = 0; i < SEL_SAMPLE; i++)
			s[i] = a[lo + (2 * i + 1) * m / (2 * SEL_SAMPLE)];
		insertion(s, 0, SEL_SAMPLE);
		p = s[(k - lo) * SEL_SAMPLE / m];
		w = below(a, lo, hi, p);
		if (k < w)
			hi = w;
		else if (w > lo)
			lo = w;
		else {
			/* nothing below p: set apart those equal to it, the
			 * ones below the next double up */
			w2 = below(a, lo, hi, nextafter(p, INFINITY));
			if (k < w2)
				return a[k];
			if (w2 == lo)	/* p is NaN or infinite */
				break;
			lo = w2;
		}
	}
	insertion(a, lo, hi);
	return a[k];
}

#define WIN_SAMPLE	((size_t)512)
/* how far the pivots lie from a rank's place in the sample: 3 standard
 * deviations of that place, sqrt(WIN_SAMPLE) / 2 at most */
#define WIN_SPREAD	((size_t)34)

/* Copy to win the elements of a[0..n) (no NaN in it) that lie between two
 * pivots bracketing ranks k1 <= k2, in one pass that leaves a as it is:
 * the pivots are drawn from a sample of a, as in Floyd and Rivest's SELECT
 * (1975), and the copy and the count below are done always, not branched
 * on.  Returns how many were copied, and sets *below to how many lie under
 * the window; 0 when the window misses a rank or would outgrow cap. */
static size_t
window(const double *a, size_t n, size_t k1, size_t k2, double *win,
    size_t cap, size_t *below)
{
	double	 s[WIN_SAMPLE], p1 = -INFINITY, p2 = INFINITY, x;
	size_t	 i, j, end, r1, r2, lo = 0, nb = 0, m = 0;

	for (i = 0; i < WIN_SAMPLE; i++)
		s[i] = a[(2 * i + 1) * n / (2 * WIN_SAMPLE)];
	r1 = k1 * WIN_SAMPLE / n;
	r2 = k2 * WIN_SAMPLE / n;
	if (r1 >= WIN_SPREAD) {
		p1 = select_k(s, WIN_SAMPLE, r1 - WIN_SPREAD);
		lo = r1 - WIN_SPREAD + 1;
	}
	if (r2 + WIN_SPREAD < WIN_SAMPLE)
		p2 = select_k(s + lo, WIN_SAMPLE - lo, r2 + WIN_SPREAD - lo);
	for (i = 0; i < n; i = end) {
		end = n - i > 256 ? i + 256 : n;
		if (cap - m < end - i)
			return 0;
		for (j = i; j < end; j++) {
			x = a[j];
			nb += x < p1;
			win[m] = x;
			m += (x >= p1) & (x <= p2);
		}
	}
	*below = nb;
	return k1 >= nb && k2 < nb + m ? m : 0;
}

double
stats_select(double *a, size_t n, size_t k)
{
	return select_k(a, n, k);
}

double
stats_median(double *a, size_t n)
{
	double	 hi, lo;
	size_t	 i;

	hi = select_k(a, n, n / 2);
	if (n % 2 == 1)
		return hi;
	/* the lower middle is the largest of the lower half */
	lo = a[0];
	for (i = 1; i < n / 2; i++)
		if (a[i] > lo)
			lo = a[i];
	return (lo + hi) / 2;
}

void
stats_theil_sen(const double *x, const double *y, size_t n, uint64_t seed,
    double *scratch, struct theil_sen *ts)
{
	double	*a = scratch, *win = scratch + STATS_TS_MAX_PAIRS;
	double	*b = win + STATS_TS_WINDOW, lo, hi, med_x, med_y;
	size_t	 k = 0, i, j;
	uint64_t state = seed;

	ts->npairs = (double)n * ((double)n - 1) / 2;
	ts->lo = ts->hi = NAN;
	ts->win_n = ts->win_below = 0;
	if (n < 2) {
		ts->slope = 0;
		ts->intercept = n == 1 ? y[0] : 0;
		ts->exact = 1;
		ts->used = 0;
		return;
	}
	if (ts->npairs <= STATS_TS_MAX_PAIRS) {
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				a[k++] = (y[j] - y[i]) / (x[j] - x[i]);
		ts->exact = 1;
	} else {
		while (k < STATS_TS_MAX_PAIRS) {
			util_pair(&state, n, &i, &j);
			if (i == j)
				continue;
			a[k++] = (y[j] - y[i]) / (x[j] - x[i]);
		}
		ts->exact = 0;
	}
	ts->used = k;
	/* + 0: a pair of equal values taken right to left has slope -0 */
	if (k >= STATS_TS_WINDOW && (ts->win_n = window(a, k, (k - 1) / 2,
	    k / 2, win, STATS_TS_WINDOW / 2, &ts->win_below)) > 0) {
		/* the lower middle, then the least of those after it */
		i = (k - 1) / 2 - ts->win_below;
		lo = select_k(win, ts->win_n, i);
		hi = k % 2 == 1 ? lo : select_k(win + i + 1, ts->win_n - i - 1,
		    0);
		ts->slope = (k % 2 == 1 ? lo : (lo + hi) / 2) + 0.0;
	} else
		ts->slope = stats_median(a, k) + 0.0;
	/* intercept as scipy: median(y) - slope * median(x); times come in
	 * order, and the median of sorted values needs no selection */
	for (i = 1; i < n && x[i - 1] <= x[i]; i++)
		;
	if (i == n)
		med_x = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
	else {
		memcpy(b, x, n * sizeof(*b));
		med_x = stats_median(b, n);
	}
	memcpy(b, y, n * sizeof(*b));
	med_y = stats_median(b, n);
	ts->intercept = med_y - ts->slope * med_x;
}

/* The pair slope at rank r of the k in scratch: from the median's window
 * when it holds r, else from a window of its own after it, else by
 * select_k in place. */
static double
ts_rank(double *scratch, const struct theil_sen *ts, size_t r)
{
	double	*win = scratch + STATS_TS_MAX_PAIRS;
	size_t	 k = ts->used, below, wn;

	if (ts->win_n > 0 && r >= ts->win_below &&
	    r < ts->win_below + ts->win_n)
		return select_k(win, ts->win_n, r - ts->win_below);
	if (k >= STATS_TS_WINDOW && (wn = window(scratch, k, r, r, win +
	    ts->win_n, STATS_TS_WINDOW - ts->win_n, &below)) > 0)
		return select_k(win + ts->win_n, wn, r - below);
	return select_k(scratch, k, r);
}

void
stats_theil_sen_ci(double *scratch, struct theil_sen *ts, double var_s,
    double conf)
{
	double	 z, sigma, rl, ru, np = ts->npairs;
	size_t	 lo, hi, k = ts->used;

	if (k == 0) {
		ts->lo = ts->hi = NAN;
		return;
	}
	z = stats_norm_quantile(0.5 + conf / 2);
	sigma = sqrt(var_s > 0 ? var_s : 0);
	/* 0-based ranks among all pairs, as scipy.stats.theilslopes */
	rl = round((np - z * sigma) / 2) - 1;
	ru = round((np + z * sigma) / 2);
	if (rl < 0)
		rl = 0;
	if (ru > np - 1)
		ru = np - 1;
	/* the same fractions of the pairs used */
	lo = (size_t)floor((rl + 0.5) / np * (double)k);
	hi = (size_t)floor((ru + 0.5) / np * (double)k);
	if (hi >= k)
		hi = k - 1;
	ts->lo = ts_rank(scratch, ts, lo) + 0.0;
	ts->hi = ts_rank(scratch, ts, hi) + 0.0;
}

void
stats_mk_inflate(struct mk *m, double factor)
{
	m->var_s *= factor;
	if (m->var_s > 0 && m->s != 0)
		m->z = (m->s - (m->s > 0 ? 1 : -1)) / sqrt(m->var_s);
	else
		m->z = 0;
	m->p = erfc(fabs(m->z) / sqrt(2.0));
}

double
stats_lag1(const double *v, size_t n)
{
	double	 mean = 0, num = 0, den = 0;
	size_t	 i;

	if (n < 3)
		return 0;
	for (i = 0; i < n; i++)
		mean += v[i];
	mean /= (double)n;
	for (i = 0; i < n; i++) {
		den += (v[i] - mean) * (v[i] - mean);
		if (i + 1 < n)
			num += (v[i] - mean) * (v[i + 1] - mean);
	}
	return den > 0 ? num / den : 0;
}

/* E[r] = rho - (1 + 4 rho) / n for AR(1) (Kendall 1954): invert */
static double
unbias(double r, size_t n)
{
	double	 dn = (double)n;

	if (n <= 4)
		return r;
	r = (dn * r + 1) / (dn - 4);
	return r > 0.99 ? 0.99 : r;
}

double
stats_lag1_unbiased(const double *v, size_t n)
{
	return unbias(stats_lag1(v, n), n);
}

double
stats_lag1_screened(const double *v, size_t n)
{
	double	 r = stats_lag1(v, n), dn = (double)n;

	if (n < 3 || r <= (-1 + 1.96 * sqrt(dn - 2)) / (dn - 1))
		return 0;
	return unbias(r, n);
}

double
stats_ar1_inflation(double rho, size_t n)
{
	double	 sum = 0, rk = 1, dn = (double)n, dk;
	size_t	 k;

	if (rho <= 0 || n < 3)
		return 1;
	if (rho > 0.99)
		rho = 0.99;
	for (k = 1; k + 2 < n; k++) {
		rk *= rho;
		if (rk < 1e-9)
			break;
		dk = (double)k;
		sum += (dn - dk) * (dn - dk - 1) * (dn - dk - 2) * rk;
	}
	return 1 + 2 * sum / (dn * (dn - 1) * (dn - 2));
}

double
stats_ols_ar1_p(const double *x, const double *y, size_t n, double rho,
    double *z)
{
	struct ols	 o;
	double		 mx = 0, sxx = 0, sse = 0, r, se;
	size_t		 i;

	*z = 0;
	if (n < 3)
		return 1;
	stats_ols(x, y, n, &o);
	for (i = 0; i < n; i++)
		mx += x[i];
	mx /= (double)n;
	for (i = 0; i < n; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		r = y[i] - (o.intercept + o.slope * x[i]);
		sse += r * r;
	}
	if (sxx <= 0)
		return 1;
	if (rho > 0.99)
		rho = 0.99;
	se = sqrt(sse / (double)(n - 2) / sxx * (rho > 0 ? (1 + rho) /
	    (1 - rho) : 1));
	if (se == 0)
		return o.slope == 0 ? 1 : 0;
	*z = o.slope / se;
	return erfc(fabs(*z) / sqrt(2.0));
}

double
stats_norm_cdf(double x)
{
	return 0.5 * erfc(-x / sqrt(2.0));
}

double
stats_norm_quantile(double p)
{
	/* Acklam's rational approximation, then one Halley step. */
	static const double a[] = { -3.969683028665376e+01,
	    2.209460984245205e+02, -2.759285104469687e+02,
	    1.383577518672690e+02, -3.066479806614716e+01,
	    2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01,
	    1.615858368580409e+02, -1.556989798598866e+02,
	    6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03,
	    -3.223964580411365e-01, -2.400758277161838e+00,
	    -2.549732539343734e+00, 4.374664141464968e+00,
	    2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03,
	    3.224671290700398e-01, 2.445134137142996e+00,
	    3.754408661907416e+00 };
	double	 q, r, x, e, u;

	if (p <= 0)
		return -INFINITY;
	if (p >= 1)
		return INFINITY;
	if (p < 0.02425) {
		q = sqrt(-2 * log(p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) *
		    q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) *
		    q + 1);
	} else if (p <= 1 - 0.02425) {
		q = p - 0.5;
		r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) *
		    r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r +
		    b[3]) * r + b[4]) * r + 1);
	} else {
		q = sqrt(-2 * log(1 - p));
		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) *
		    q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) *
		    q + 1);
	}
	e = stats_norm_cdf(x) - p;
	u = e * sqrt(2 * M_PI) * exp(x * x / 2);
	return x - u / (1 + x * u / 2);
}
