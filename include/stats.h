/* stats.h: pure math on arrays; no I/O, no table. */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>
#include <stdint.h>

struct ols {
	double	 slope, intercept, r2;
};

/* Ordinary least squares of y on x (n >= 2).  r2 is 1 when y is exactly
 * linear, 0 when y is constant. */
void	 stats_ols(const double *x, const double *y, size_t n, struct ols *);

struct mk {
	double	 s;		/* Kendall's S: sum of sign(y_j - y_i), i < j */
	double	 var_s;		/* variance of S under H0, ties corrected */
	double	 z;		/* (S - sign S) / sqrt(var_s) */
	double	 p;		/* two-sided p-value */
};

/* Mann-Kendall trend test on y in time order (Mann 1945; Kendall 1975,
 * ties as in Kendall 1975), in O(n log n).  scratch holds 2n doubles. */
void	 stats_mann_kendall(const double *y, size_t n, double *scratch,
	    struct mk *);

struct theil_sen {
	double	 slope, intercept;
	double	 lo, hi;	/* confidence interval of the slope */
	int	 exact;		/* all pairs were used */
};

/* Theil-Sen slope (Sen 1968): the median of the pairwise slopes, with the
 * interval of Sen 1968 at two-sided level conf (e.g. 0.95) from var_s, the
 * variance of Kendall's S.  x must be strictly increasing.  Up to
 * STATS_TS_MAX_PAIRS pairs are all used; beyond that STATS_TS_MAX_PAIRS
 * pairs drawn by a generator seeded with seed, so the estimate's rank
 * among all pairs is within about 0.4% (1 sd) of the target.  scratch
 * holds STATS_TS_MAX_PAIRS doubles. */
#define STATS_TS_MAX_PAIRS 16384
void	 stats_theil_sen(const double *x, const double *y, size_t n,
	    double var_s, double conf, uint64_t seed, double *scratch,
	    struct theil_sen *);

/* Standard normal CDF and its inverse (Acklam's algorithm refined by one
 * Halley step). */
double	 stats_norm_cdf(double);
double	 stats_norm_quantile(double p);

/* Median of a (n >= 1), reordering a. */
double	 stats_median(double *a, size_t n);

/* The k-th smallest (0-based) of a, reordering a. */
double	 stats_select(double *a, size_t n, size_t k);

#endif
