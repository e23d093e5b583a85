/* stats_test.c: the statistics against independently computed values.
 *
 * Reference values were computed outside this project three ways that agree
 * to 13 or more significant digits: scipy 1.10.1 (stats.linregress,
 * stats.theilslopes(y, t, alpha=0.95), stats.norm), R 4.2.2 (lm,
 * cor.test(method = "kendall", exact = FALSE, continuity = TRUE), pnorm,
 * qnorm) and a brute-force O(n^2) Python evaluation of the textbook
 * formulas in exact rational arithmetic (fractions.Fraction).  Where a
 * value is a simple fraction it is written as one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "stats.h"
#include "util.h"
#include "testutil.h"

static double scratch[STATS_TS_SCRATCH(2000) + 4000];

/* Series A: no ties. */
static const double ta[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
static const double ya[] = { 3, 5, 4, 8, 9, 12, 11, 15, 16, 18 };
/* Series B: ties in y (groups of 2, 2 and 3). */
static const double tb[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
static const double yb[] = { 10, 10, 12, 11, 11, 15, 14, 14, 14, 18, 17, 20 };
/* Series C: decreasing, irregular times. */
static const double tc[] = { 0, 0.5, 2, 3.25, 4, 6, 7.5, 9 };
static const double yc[] = { 100, 98, 99, 90, 91, 85, 80, 81 };
/* Series D: flat with ties (groups of 6 and 2). */
static const double td[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
static const double yd[] = { 5, 5, 5, 6, 5, 5, 6, 5 };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_ols_matches_reference(void **state)
{
	struct ols o;

	(void)state;
	stats_ols(ta, ya, N(ta), &o);
	assert_close(o.slope, 93.0 / 55, 1e-13);
	assert_close(o.intercept, 137.0 / 55, 1e-13);
	assert_close(o.r2, 837.0 / 869, 1e-13);
	stats_ols(tb, yb, N(tb), &o);
	assert_close(o.slope, 119.0 / 143, 1e-13);
	assert_close(o.intercept, 361.0 / 39, 1e-13);
	assert_close(o.r2, 42483.0 / 49621, 1e-13);
	stats_ols(tc, yc, N(tc), &o);
	assert_close(o.slope, -22544.0 / 9479, 1e-13);
	assert_close(o.intercept, 948730.0 / 9479, 1e-13);
	assert_close(o.r2, 1985281.0 / 2132775, 1e-13);
	stats_ols(td, yd, N(td), &o);
	assert_close(o.slope, 1.0 / 21, 1e-12);
	assert_close(o.intercept, 61.0 / 12, 1e-13);
	assert_close(o.r2, 4.0 / 63, 1e-11);
}

static void
test_ols_constant_series_has_zero_r2(void **state)
{
	static const double y[] = { 7, 7, 7, 7 };
	struct ols o;

	(void)state;
	stats_ols(ta, y, N(y), &o);
	assert_close(o.slope, 0, 0);
	assert_close(o.intercept, 7, 0);
	assert_close(o.r2, 0, 0);
}

static void
test_mann_kendall_matches_reference(void **state)
{
	struct mk m;

	(void)state;
	stats_mann_kendall(ya, N(ya), scratch, &m);
	assert_close(m.s, 41, 0);
	assert_close(m.var_s, 125, 1e-15);
	assert_close(m.z, 40 / sqrt(125.0), 1e-14);
	assert_close(m.p, 3.466193511346669750e-4, 1e-12);
	stats_mann_kendall(yc, N(yc), scratch, &m);
	assert_close(m.s, -22, 0);
	assert_close(m.var_s, 196.0 / 3, 1e-15);
	assert_close(m.z, -21 / sqrt(196.0 / 3), 1e-14);
	assert_close(m.p, 9.374768459434886762e-3, 1e-12);
}

static void
test_mann_kendall_corrects_ties(void **state)
{
	struct mk m;

	(void)state;
	/* B: (12*11*29 - 2*2*1*9 - 3*2*11) / 18 = 207, not 638/3 */
	stats_mann_kendall(yb, N(yb), scratch, &m);
	assert_close(m.s, 49, 0);
	assert_close(m.var_s, 207, 1e-15);
	assert_close(m.z, 48 / sqrt(207.0), 1e-14);
	assert_close(m.p, 8.492268308191797329e-4, 1e-12);
	/* D: (8*7*21 - 6*5*17 - 2*1*9) / 18 = 36 */
	stats_mann_kendall(yd, N(yd), scratch, &m);
	assert_close(m.s, 4, 0);
	assert_close(m.var_s, 36, 1e-15);
	assert_close(m.z, 0.5, 1e-15);
	assert_close(m.p, 0.6170750774519738, 1e-13);
}

static void
test_mann_kendall_constant_series(void **state)
{
	static const double y[] = { 3, 3, 3, 3, 3 };
	struct mk m;

	(void)state;
	stats_mann_kendall(y, N(y), scratch, &m);
	assert_close(m.s, 0, 0);
	assert_close(m.var_s, 0, 0);
	assert_close(m.z, 0, 0);
	assert_close(m.p, 1, 0);
}

static void
theil_sen(const double *t, const double *y, size_t n, double var_s,
    struct theil_sen *ts)
{
	stats_theil_sen(t, y, n, 42, scratch, ts);
	stats_theil_sen_ci(scratch, ts, var_s, 0.95);
}

static void
test_theil_sen_matches_reference(void **state)
{
	struct theil_sen ts;

	(void)state;
	/* var_s as Mann-Kendall computes it (tie corrected) */
	theil_sen(ta, ya, N(ta), 125, &ts);
	assert_true(ts.exact);
	assert_close(ts.slope, 5.0 / 3, 1e-15);
	assert_close(ts.intercept, 2.5, 1e-15);
	assert_close(ts.lo, 1.5, 1e-15);
	assert_close(ts.hi, 2.0, 1e-15);
	theil_sen(tb, yb, N(tb), 207, &ts);
	assert_close(ts.slope, 49.0 / 60, 1e-15);
	assert_close(ts.intercept, 14 - 49.0 / 60 * 5.5, 1e-14);
	assert_close(ts.lo, 0.5, 1e-15);
	assert_close(ts.hi, 1.0, 1e-15);
	theil_sen(tc, yc, N(tc), 196.0 / 3, &ts);
	assert_close(ts.slope, -107.0 / 44, 1e-15);
	assert_close(ts.intercept, 99.315340909090907, 1e-14);
	assert_close(ts.lo, -10.0 / 3, 1e-15);
	assert_close(ts.hi, -36.0 / 23, 1e-15);
}

static void
test_theil_sen_interval_uses_tie_corrected_variance(void **state)
{
	struct theil_sen ts;

	(void)state;
	/* D: with var 36 (ties corrected) [0, 1/6]; with the uncorrected
	 * 196/3 it would be [0, 1/4] */
	theil_sen(td, yd, N(td), 36, &ts);
	assert_close(ts.slope, 0, 0);
	assert_close(ts.lo, 0, 0);
	assert_close(ts.hi, 1.0 / 6, 1e-15);
	theil_sen(td, yd, N(td), 196.0 / 3, &ts);
	assert_close(ts.hi, 0.25, 1e-15);
}

static void
test_theil_sen_sampled_on_long_series(void **state)
{
	static double t[2000], y[2000];
	struct theil_sen a, b;
	struct mk m;
	size_t i;
	uint64_t r = 7;

	(void)state;
	/* exact line: every pair has slope 3 */
	for (i = 0; i < 2000; i++) {
		t[i] = (double)i * 0.25;
		y[i] = 3 * t[i] + 100;
	}
	stats_theil_sen(t, y, 2000, 1, scratch, &a);
	assert_false(a.exact);
	assert_close(a.npairs, 1999000, 0);
	assert_int_equal(a.used, STATS_TS_MAX_PAIRS);
	assert_close(a.slope, 3, 1e-12);
	assert_close(a.intercept, 100, 1e-9);
	/* with noise: near the true slope and the same for the same seed */
	for (i = 0; i < 2000; i++) {
		r = r * 6364136223846793005ULL + 1442695040888963407ULL;
		y[i] = 3 * t[i] + (double)(r >> 40) / (double)(1 << 24) * 50;
	}
	stats_mann_kendall(y, 2000, scratch, &m);
	stats_theil_sen(t, y, 2000, 9, scratch, &a);
	stats_theil_sen_ci(scratch, &a, m.var_s, 0.95);
	stats_theil_sen(t, y, 2000, 9, scratch, &b);
	assert_close(a.slope, b.slope, 0);
	assert_close(a.slope, 3, 0.01);
	assert_true(a.lo < a.slope && a.slope < a.hi);
	assert_true(a.lo > 2.9 && a.hi < 3.1);
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Mann-Kendall's S and the variance of S on long series against their
 * definitions: S over all pairs, O(n^2), and the tie groups counted in a
 * copy sorted by qsort (Kendall 1975: var S = (n (n - 1) (2n + 5) - sum
 * over tie groups of t (t - 1) (2t + 5)) / 18).  The lengths make merges
 * of equal runs only (powers of two), a shorter last run, or a lone one;
 * the values are distinct, tied in groups, or few. */
static void
test_mann_kendall_long_series_against_pairs(void **state)
{
	static const size_t ns[] = { 2, 3, 5, 64, 1024, 1500, 2047, 2048 };
	static double y[2048], c[2048];
	struct mk m;
	double	 s, ties, t, dn;
	size_t	 i, j, z, kind;
	uint64_t st = 3;

	(void)state;
	for (z = 0; z < sizeof(ns) / sizeof(*ns); z++)
		for (kind = 0; kind < 3; kind++) {
			for (i = 0; i < ns[z]; i++)
				y[i] = kind == 0 ? (double)(util_splitmix64(&st) %
				    40) + (double)i / 100 : kind == 1 ?
				    (double)(util_splitmix64(&st) % 40) :
				    (double)(util_splitmix64(&st) % 3);
			for (s = 0, i = 0; i < ns[z]; i++)
				for (j = i + 1; j < ns[z]; j++)
					s += (y[j] > y[i]) - (y[j] < y[i]);
			memcpy(c, y, ns[z] * sizeof(*c));
			qsort(c, ns[z], sizeof(*c), cmp_double);
			for (ties = 0, i = 0; i < ns[z]; i = j) {
				for (j = i; j < ns[z] && c[j] == c[i]; j++)
					;
				t = (double)(j - i);
				ties += t * (t - 1) * (2 * t + 5);
			}
			dn = (double)ns[z];
			stats_mann_kendall(y, ns[z], scratch, &m);
			assert_close(m.s, s, 0);
			assert_close(m.var_s, (dn * (dn - 1) * (2 * dn + 5) -
			    ties) / 18, 1e-12);
		}
}

/* The median of the sampled pair slopes and the interval's bounds are
 * exact order statistics of those slopes, whichever way they are found: a
 * window around the median, one around a bound, or selection in place
 * when a window misses or overflows (heavy ties).  Checked against the
 * same slopes sorted by qsort, the ranks from Sen (1968) (2.6) as
 * stats_theil_sen_ci documents them. */
static void
test_theil_sen_sampled_ranks_are_exact(void **state)
{
	static double t[2000], y[2000], sorted[STATS_TS_MAX_PAIRS];
	struct theil_sen ts;
	struct mk m;
	double	 z, sigma, np, rl, ru, inflate;
	size_t	 i, k, lo, hi, c;
	uint64_t r = 11;
	int	 in_window = 0, outside = 0, in_place = 0;

	(void)state;
	z = stats_norm_quantile(0.975);
	for (c = 0; c < 8; c++) {
		for (i = 0; i < 2000; i++) {
			t[i] = (double)i / 12;
			y[i] = c / 2 == 0 ? 5 * t[i] + util_unit(&r) :
			    c / 2 == 1 ? util_unit(&r) * 1000 :
			    c / 2 == 2 ? (double)(i % 3) : 2 * t[i] + 7;
		}
		/* the even cases with S's variance as it is, the odd ones
		 * with it inflated a hundredfold: a wide interval */
		inflate = c % 2 == 0 ? 1 : 100;
		stats_mann_kendall(y, 2000, scratch, &m);
		stats_theil_sen(t, y, 2000, 3 + c, scratch, &ts);
		stats_theil_sen_ci(scratch, &ts, m.var_s * inflate, 0.95);
		k = ts.used;
		assert_int_equal(k, STATS_TS_MAX_PAIRS);
		memcpy(sorted, scratch, k * sizeof(*sorted));
		qsort(sorted, k, sizeof(*sorted), cmp_double);
		assert_true(ts.slope == (sorted[k / 2 - 1] + sorted[k / 2]) / 2);
		np = ts.npairs;
		sigma = sqrt(m.var_s * inflate);
		rl = round((np - z * sigma) / 2) - 1;
		ru = round((np + z * sigma) / 2);
		lo = (size_t)floor((rl + 0.5) / np * (double)k);
		hi = (size_t)floor((ru + 0.5) / np * (double)k);
		assert_true(ts.lo == sorted[lo]);
		assert_true(ts.hi == sorted[hi]);
		if (ts.win_n == 0)
			in_place++;
		else if (lo >= ts.win_below && hi < ts.win_below + ts.win_n)
			in_window++;
		else
			outside++;
	}
	/* every way was taken */
	assert_true(in_window > 0);
	assert_true(outside > 0);
	assert_true(in_place > 0);
}

/* A flat series, sampled: pairs drawn right to left give -0, and the
 * slope and its bounds are +0 all the same (a report prints no "-0"). */
static void
test_theil_sen_flat_slope_is_plus_zero(void **state)
{
	static double t[1000], y[1000];
	struct theil_sen ts;
	struct mk m;
	size_t	 i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		t[i] = (double)i;
		y[i] = 42;
	}
	stats_mann_kendall(y, 1000, scratch, &m);
	stats_theil_sen(t, y, 1000, 5, scratch, &ts);
	stats_theil_sen_ci(scratch, &ts, m.var_s, 0.95);
	assert_false(ts.exact);
	assert_true(ts.slope == 0 && !signbit(ts.slope));
	assert_true(ts.lo == 0 && !signbit(ts.lo));
	assert_true(ts.hi == 0 && !signbit(ts.hi));
}

static void
test_lag1_autocorrelation(void **state)
{
	static const double v[] = { 1, 2, 3, 4, 5 };
	static const double alt[] = { 1, -1, 1, -1, 1, -1 };
	static const double flat[] = { 2, 2, 2 };

	(void)state;
	/* by hand: mean 3, sum of lagged products 4, sum of squares 10 */
	assert_close(stats_lag1(v, N(v)), 0.4, 1e-15);
	/* by hand: mean 0, lagged products sum -5, squares 6 */
	assert_close(stats_lag1(alt, N(alt)), -5.0 / 6, 1e-15);
	assert_close(stats_lag1(flat, N(flat)), 0, 0);
}

/* The screened lag-1 of Hamed & Rao: 0 under Anderson's bound, else the
 * bias-corrected r.  Values by hand and, for n = 50, from
 *   r = sum((v[i]-m)*(v[i+1]-m) for i < n-1) / sum((v[i]-m)**2)
 * in Python over v[i] = i % k, i < 50: k = 7 gives r 0.2400957 under the
 * bound (-1 + 1.96 sqrt 48) / 49 = 0.2567200, k = 8 gives r 0.3437453
 * over it, and (50 r + 1) / 46 = 0.39537529774663405. */
static void
test_lag1_screened(void **state)
{
	static const double rise[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const double wiggle[] = { 1, 3, 2, 4, 3, 5, 4, 6 };
	double	 v[50];
	size_t	 i;

	(void)state;
	/* by hand: deviations -3.5 to 3.5, squares 42, lagged 26.25, r
	 * 0.625 over the bound 0.5430 at n 8; (8 r + 1) / 4 = 1.5, capped */
	assert_close(stats_lag1_screened(rise, N(rise)), 0.99, 1e-15);
	/* by hand: squares 18, lagged 2.25, r 0.125: under the bound, 0;
	 * bias-corrected it would be (8 r + 1) / 4 = 0.5 */
	assert_close(stats_lag1_unbiased(wiggle, N(wiggle)), 0.5, 1e-15);
	assert_close(stats_lag1_screened(wiggle, N(wiggle)), 0, 0);
	for (i = 0; i < 50; i++)
		v[i] = (double)(i % 7);
	assert_close(stats_lag1(v, 50), 0.24009569377990436, 1e-14);
	assert_close(stats_lag1_screened(v, 50), 0, 0);
	for (i = 0; i < 50; i++)
		v[i] = (double)(i % 8);
	assert_close(stats_lag1_screened(v, 50), 0.39537529774663405, 1e-14);
	/* too short to say */
	assert_close(stats_lag1_screened(rise, 2), 0, 0);
}

static void
test_ar1_inflation(void **state)
{
	struct mk m;

	(void)state;
	assert_close(stats_ar1_inflation(0, 10), 1, 0);
	assert_close(stats_ar1_inflation(-0.3, 10), 1, 0);
	/* Hamed & Rao 1998 eq. 22 with rho_k = 0.5^k, n = 10, by hand:
	 * sum_k (10-k)(9-k)(8-k) 0.5^k = 372.046875; 1 + 2 * that / 720 */
	assert_close(stats_ar1_inflation(0.5, 10), 1 + 2 * 372.046875 / 720,
	    1e-15);
	/* large n tends to (1 + rho) / (1 - rho) */
	assert_close(stats_ar1_inflation(0.5, 100000), 3, 1e-3);
	/* inflating var_s by 4 halves z: A gives 40 / sqrt(500) */
	stats_mann_kendall(ya, N(ya), scratch, &m);
	stats_mk_inflate(&m, 4);
	assert_close(m.var_s, 500, 1e-15);
	assert_close(m.z, 40 / sqrt(500.0), 1e-14);
	assert_close(m.p, erfc(40 / sqrt(500.0) / sqrt(2.0)), 1e-14);
	/* the p-value before it stays: var_s 125, z 40 / sqrt(125) */
	assert_close(m.p_plain, erfc(40 / sqrt(125.0) / sqrt(2.0)), 1e-14);
}

static void
test_normal_distribution(void **state)
{
	(void)state;
	assert_close(stats_norm_cdf(1.959963984540054), 0.975, 1e-14);
	assert_close(stats_norm_quantile(0.975), 1.959963984540054235, 1e-14);
	assert_close(stats_norm_quantile(0.025), -1.959963984540054235, 1e-14);
	assert_close(2 * stats_norm_cdf(-2), 0.045500263896358414, 1e-13);
	assert_close(stats_norm_quantile(0.5), 0, 1e-15);
	assert_true(isinf(stats_norm_quantile(0)));
}

static void
test_median_and_select(void **state)
{
	double odd[] = { 5, 1, 4, 2, 3 };
	double even[] = { 8, 1, 7, 2 };
	double dup[] = { 2, 2, 2, 1, 3, 2 };

	(void)state;
	assert_close(stats_median(odd, 5), 3, 0);
	assert_close(stats_median(even, 4), 4.5, 0);
	assert_close(stats_median(dup, 6), 2, 0);
	assert_close(stats_select(odd, 5, 0), 1, 0);
	assert_close(stats_select(odd, 5, 4), 5, 0);
}

/* Selection against sorting, on arrays small and large enough for the
 * sampling step, random with many ties and without, in order, in reverse
 * order and all equal: the k-th value is the sorted array's, and it
 * partitions the array (the median and the slope's interval rely on
 * that). */
static void
test_select_against_sort(void **state)
{
	static const size_t sizes[] = { 1, 2, 7, 601, 1000, 16384 };
	double	*a, *s;
	uint64_t st = 42;
	size_t	 z, n, k, i, r;

	(void)state;
	a = malloc(16384 * sizeof(*a));
	s = malloc(16384 * sizeof(*s));
	assert_non_null(a);
	assert_non_null(s);
	for (z = 0; z < sizeof(sizes) / sizeof(*sizes); z++) {
		n = sizes[z];
		for (r = 0; r < 5; r++) {
			size_t	 ks[4];

			ks[0] = 0;
			ks[1] = n / 2;
			ks[2] = n * 3 / 40;
			ks[3] = n - 1;
			for (k = 0; k < 4; k++) {
				for (i = 0; i < n; i++)
					s[i] = a[i] = r == 0 ? util_unit(&st) :
					    r == 1 ? (double)(util_splitmix64(&st) % 5) :
					    r == 2 ? (double)i : r == 3 ?
					    (double)(n - i) : 7;
				qsort(s, n, sizeof(*s), cmp_double);
				assert_true(stats_select(a, n, ks[k]) ==
				    s[ks[k]]);
				for (i = 0; i < n; i++)
					assert_true(i < ks[k] ? a[i] <= a[ks[k]] :
					    a[i] >= a[ks[k]]);
			}
		}
	}
	free(a);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ols_matches_reference),
		cmocka_unit_test(test_ols_constant_series_has_zero_r2),
		cmocka_unit_test(test_mann_kendall_matches_reference),
		cmocka_unit_test(test_mann_kendall_corrects_ties),
		cmocka_unit_test(test_mann_kendall_constant_series),
		cmocka_unit_test(test_theil_sen_matches_reference),
		cmocka_unit_test(test_theil_sen_interval_uses_tie_corrected_variance),
		cmocka_unit_test(test_theil_sen_sampled_on_long_series),
		cmocka_unit_test(test_mann_kendall_long_series_against_pairs),
		cmocka_unit_test(test_theil_sen_sampled_ranks_are_exact),
		cmocka_unit_test(test_theil_sen_flat_slope_is_plus_zero),
		cmocka_unit_test(test_lag1_autocorrelation),
		cmocka_unit_test(test_lag1_screened),
		cmocka_unit_test(test_ar1_inflation),
		cmocka_unit_test(test_normal_distribution),
		cmocka_unit_test(test_median_and_select),
		cmocka_unit_test(test_select_against_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
