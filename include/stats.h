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
	double	 p_plain;	/* p before any inflation of var_s */
};

/* Mann-Kendall trend test on y in time order (Mann 1945; Kendall 1975,
 * ties as in Kendall 1975), in O(n log n).  scratch holds 2n doubles. */
void	 stats_mann_kendall(const double *y, size_t n, double *scratch,
	    struct mk *);

/* Scale var_s by a variance inflation factor and recompute z and p. */
void	 stats_mk_inflate(struct mk *, double factor);

/* Lag-1 autocorrelation of v (n >= 3), 0 if v is constant. */
double	 stats_lag1(const double *v, size_t n);

/* The lag-1 autocorrelation corrected for its small-sample bias under
 * AR(1), (n r + 1) / (n - 4) (Kendall 1954), at most 0.99. */
double	 stats_lag1_unbiased(const double *v, size_t n);

/* The lag-1 autocorrelation to correct a test for, as Hamed & Rao (1998)
 * screen it: 0 unless r of v is significant at 5%, above Anderson's
 * (1942) bound (-1 + 1.96 sqrt(n - 2)) / (n - 1), else as
 * stats_lag1_unbiased.  A few samples give r a wide spread, which the
 * bias correction widens further (at n = 8 it doubles r). */
double	 stats_lag1_screened(const double *v, size_t n);

/* Variance inflation of Kendall's S under AR(1) serial correlation rho:
 * Hamed & Rao 1998 eq. 22 with rho_k = rho^k (Yue & Wang 2004).  1 when
 * rho <= 0. */
double	 stats_ar1_inflation(double rho, size_t n);

struct theil_sen {
	double	 slope, intercept;
	double	 lo, hi;	/* confidence interval, see stats_theil_sen_ci */
	double	 npairs;	/* pairs in the series */
	size_t	 used;		/* pair slopes left in scratch */
	size_t	 win_n;		/* of them, copied after them around the */
	size_t	 win_below;	/* median; how many lie under those */
	int	 exact;		/* all pairs were used */
};

/* Theil-Sen slope (Sen 1968): the median of the pairwise slopes.  x must be
 * strictly increasing.  Up to STATS_TS_MAX_PAIRS pairs are all used; beyond
 * that STATS_TS_MAX_PAIRS pairs drawn by a generator seeded with seed, so
 * the estimate's rank among all pairs is within about 0.4% (1 sd) of the
 * median.  scratch holds STATS_TS_SCRATCH(n) doubles and keeps the pair
 * slopes for stats_theil_sen_ci.  lo and hi are left unset. */
#define STATS_TS_MAX_PAIRS 16384
/* room after the pair slopes for the few of them around the ranks looked
 * for: the median and the interval's bounds are selected among those,
 * found in one pass, when there are this many pairs or more */
#define STATS_TS_WINDOW 8192
#define STATS_TS_SCRATCH(n) (STATS_TS_MAX_PAIRS + STATS_TS_WINDOW + (n))
void	 stats_theil_sen(const double *x, const double *y, size_t n,
	    uint64_t seed, double *scratch, struct theil_sen *);

/* The interval of Sen 1968 (2.6) at two-sided level conf (e.g. 0.95) from
 * var_s, the variance of Kendall's S; ranks rounded as
 * scipy.stats.theilslopes does.  scratch is as stats_theil_sen left it. */
void	 stats_theil_sen_ci(double *scratch, struct theil_sen *,
	    double var_s, double conf);

/* The least-squares slope's z statistic with its variance inflated by
 * (1 + rho) / (1 - rho) for AR(1) residuals of lag-1 autocorrelation rho
 * (rho <= 0 inflates nothing), and its two-sided p-value from the normal
 * distribution. */
double	 stats_ols_ar1_p(const double *x, const double *y, size_t n,
	    double rho, double *z);

/* Standard normal CDF and its inverse (Acklam's algorithm refined by one
 * Halley step). */
double	 stats_norm_cdf(double);
double	 stats_norm_quantile(double p);

/* Median of a (n >= 1), reordering a. */
double	 stats_median(double *a, size_t n);

/* The k-th smallest (0-based) of a, reordering a. */
double	 stats_select(double *a, size_t n, size_t k);

#endif
