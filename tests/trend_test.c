/* trend_test.c: verdicts on generated series, reboot segments, pools. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "stats.h"
#include "table.h"
#include "trend.h"
#include "testutil.h"

#define MAXN 512

static double t[MAXN], y[MAXN], d[MAXN];
static uint64_t rng;

static double
gauss(void)
{
	double	 u, v;

	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	u = ((double)(rng >> 11) + 0.5) * 0x1.0p-53;
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	v = (double)(rng >> 11) * 0x1.0p-53;
	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

/* n hourly samples; Diff follows Bytes as objects of 256 bytes. */
static void
hourly(size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		t[i] = (double)i;
}

static void
diff_from_bytes(size_t n, double size)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		d[i] = floor(y[i] / size);
}

static struct tag_finding
judge(size_t n)
{
	struct tag_finding f;

	memset(&f, 0, sizeof(f));
	trend_judge(t, y, d, n, 12345, &trend_bytes, &f);
	return f;
}

/* AR(1) noise of stationary width w and lag-one correlation phi, around
 * 1000 objects; the tests below add their growth to it. */
static void
ar1_objects(size_t n, double phi, double w)
{
	double	 e = 0, s = w * sqrt(1 - phi * phi);
	size_t	 i;

	for (i = 0; i < n; i++) {
		t[i] = (double)i;
		e = phi * e + s * gauss();
		d[i] = 1000 + e;
	}
}

/* Bytes from objects of 512 bytes, d floored to whole objects. */
static void
bytes_from_objects(size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		d[i] = floor(d[i]);
		y[i] = 512 * d[i];
	}
}

/* The verdict with a day needed for a leak, as pooltrend runs. */
static struct tag_finding
judge_day(size_t n)
{
	struct judge_opts jo = trend_bytes;
	struct tag_finding f;

	jo.min_leak_hours = 24;
	memset(&f, 0, sizeof(f));
	trend_judge(t, y, d, n, 12345, &jo, &f);
	return f;
}

/* Bytes falling while the Diff grows (small objects replacing large
 * ones): stable, no object size, and the Diff's slope still given, the
 * Theil-Sen slope of an exact line: 5 an hour. */
static void
test_falling_bytes_still_give_the_diff_slope(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	hourly(60);
	for (i = 0; i < 60; i++) {
		d[i] = 100 + 5 * t[i];
		y[i] = 1e6 - 2000 * t[i];
	}
	f = judge(60);
	assert_int_equal(f.verdict, VERDICT_STABLE);
	assert_true(isnan(f.object_bytes));
	assert_close(f.diff_slope_per_hour, 5, 1e-12);
}

static void
test_linear_leak_is_leak(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	rng = 1;
	hourly(90);
	/* 12 objects of 1664 bytes an hour, with noise in the count */
	for (i = 0; i < 90; i++) {
		d[i] = 600 + 12 * t[i] + floor(3 * gauss());
		y[i] = 1664 * d[i];
	}
	f = judge(90);
	assert_int_equal(f.verdict, VERDICT_LEAK);
	assert_close(f.slope_bytes_per_hour, 12 * 1664, 0.05);
	assert_true(f.ci_lo < f.ci_hi);
	assert_true(f.ci_lo <= f.slope_bytes_per_hour &&
	    f.slope_bytes_per_hour <= f.ci_hi);
	assert_true(f.ci_lo > 0);
	assert_true(f.p_value < 1e-6);
	/* Bytes is exactly 1664 times Diff, so the ratio of the slopes is */
	assert_close(f.object_bytes, 1664, 1e-12);
	assert_close(f.diff_slope_per_hour, 12, 0.05);
	assert_int_equal(f.samples, 90);
	assert_non_null(strstr(f.reason, "steady growth"));
	/* the line the reports draw: 600 objects at t = 0 */
	assert_close(f.intercept_bytes, 600 * 1664, 0.01);
}

static void
test_flat_noise_is_stable(void **state)
{
	struct tag_finding f;
	size_t	 i;
	uint64_t seed;

	(void)state;
	hourly(90);
	for (seed = 1; seed <= 20; seed++) {
		rng = seed;
		for (i = 0; i < 90; i++)
			y[i] = 1e6 + 5000 * gauss();
		diff_from_bytes(90, 256);
		f = judge(90);
		assert_int_equal(f.verdict, VERDICT_STABLE);
	}
}

static void
test_ar1_noise_that_fools_plain_mann_kendall_is_stable(void **state)
{
	struct tag_finding f;
	struct mk m;
	static double scratch[2 * MAXN];
	size_t	 i, fooled = 0, called = 0;
	uint64_t seed;
	double	 e;

	(void)state;
	/* AR(1) noise (phi 0.7) wanders: plain Mann-Kendall finds a
	 * significant upward trend in several times 1% of such series
	 * (Machida et al. 2013); with the variance corrected for serial
	 * correlation none is called a leak or suspect. */
	hourly(90);
	for (seed = 1; seed <= 200; seed++) {
		rng = seed;
		e = 0;
		for (i = 0; i < 90; i++) {
			e = 0.7 * e + 20000 * gauss();
			y[i] = 5e6 + e;
		}
		diff_from_bytes(90, 256);
		stats_mann_kendall(y, 90, scratch, &m);
		if (m.s > 0 && m.p < 0.01)
			fooled++;
		f = judge(90);
		if (f.verdict == VERDICT_LEAK || f.verdict == VERDICT_SUSPECT)
			called++;
	}
	assert_true(fooled >= 10);	/* 5 times the nominal 1% */
	assert_int_equal(called, 0);
}

static void
test_cache_that_plateaus_is_not_a_leak(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	rng = 4;
	hourly(90);
	for (i = 0; i < 90; i++)
		y[i] = 2e6 + 400000 * (t[i] < 25 ? t[i] : 25) + 8000 * gauss();
	diff_from_bytes(90, 1600);
	f = judge(90);
	assert_int_equal(f.verdict, VERDICT_STABLE);
	assert_non_null(strstr(f.reason, "flat since"));
}

static void
test_sawtooth_is_not_a_leak(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	rng = 5;
	hourly(90);
	/* grows 130 KB an hour, trimmed back every 12 hours */
	for (i = 0; i < 90; i++)
		y[i] = 4e6 + 136000 * fmod(t[i], 12) + 5000 * gauss();
	diff_from_bytes(90, 340);
	f = judge(90);
	assert_int_equal(f.verdict, VERDICT_STABLE);
	assert_non_null(strstr(f.reason, "trimmed"));
}

static void
test_one_time_step_is_not_a_leak(void **state)
{
	struct tag_finding f;
	size_t	 i;
	double	 mb;

	(void)state;
	rng = 6;
	hourly(90);
	for (i = 0; i < 90; i++)
		y[i] = 8e6 + (i >= 45 ? 8388608 : 0) + 20000 * gauss();
	diff_from_bytes(90, 65536);
	f = judge(90);
	assert_int_equal(f.verdict, VERDICT_STABLE);
	/* the step is 8 MB give or take the noise of two samples */
	assert_int_equal(sscanf(f.reason, "one-time step of +%lf MB, flat "
	    "otherwise", &mb), 1);
	assert_close(mb, 8, 0.01);
}

static void
test_leak_with_periodic_trims_that_never_return_is_a_leak(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	rng = 7;
	hourly(90);
	/* a sawtooth on top of a steady climb: the floor rises */
	for (i = 0; i < 90; i++)
		y[i] = 4e6 + 200000 * t[i] + 100000 * fmod(t[i], 12) +
		    5000 * gauss();
	diff_from_bytes(90, 512);
	f = judge(90);
	assert_int_equal(f.verdict, VERDICT_LEAK);
}

static void
test_leak_that_starts_late_is_fitted_from_its_onset(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	rng = 8;
	hourly(96);
	/* flat for 48 hours, then 40 objects of 512 bytes an hour */
	for (i = 0; i < 96; i++) {
		d[i] = floor(1000 + (i >= 48 ? 40.0 * (double)(i - 48) : 0) +
		    5 * gauss());
		y[i] = 512 * d[i];
	}
	f = judge(96);
	assert_int_equal(f.verdict, VERDICT_LEAK);
	assert_close(f.onset_hours, 48, 0.1);
	/* the slope of the leaking stretch, not of the whole window */
	assert_close(f.slope_bytes_per_hour, 40 * 512, 0.05);
	assert_non_null(strstr(f.reason, "leaking since"));
	/* the leaking stretch's line, in hours from the first sample, is at
	 * the flat level (1000 objects) at the onset */
	assert_close(f.intercept_bytes + f.slope_bytes_per_hour *
	    f.onset_hours, 1000 * 512, 0.02);
}

static void
test_growth_that_stopped_is_not_a_leak(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	rng = 9;
	hourly(96);
	/* grows for 60 hours, then stops */
	for (i = 0; i < 96; i++) {
		d[i] = floor(1000 + 30.0 * (double)(i < 60 ? i : 60) +
		    5 * gauss());
		y[i] = 512 * d[i];
	}
	f = judge(96);
	assert_int_not_equal(f.verdict, VERDICT_LEAK);
	assert_nan(f.onset_hours);
}

static void
test_growth_that_fades_out_is_not_a_leak(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	rng = 10;
	hourly(96);
	/* no sharp break: growth slowing like a cache warming up */
	for (i = 0; i < 96; i++) {
		d[i] = floor(1000 + 3000 * (1 - exp(-t[i] / 25)) + 8 * gauss());
		y[i] = 512 * d[i];
	}
	f = judge(96);
	assert_int_not_equal(f.verdict, VERDICT_LEAK);
}

/* The verdict, with a day needed for a leak, on n hourly samples of AR(1)
 * noise of width w objects (phi), seeded, plus growth(i) objects at hour i;
 * objects of 512 bytes. */
static struct tag_finding
judge_noisy(uint64_t seed, size_t n, double phi, double w,
    double (*growth)(size_t))
{
	size_t	 i;

	rng = seed;
	ar1_objects(n, phi, w);
	for (i = 0; i < n; i++)
		d[i] += growth(i);
	bytes_from_objects(n);
	return judge_day(n);
}

/* 6 widths of 200 objects over 96 hours */
static double
slow_leak(size_t i)
{
	return 6 * 200 * (double)i / 96;
}

/* 8 widths of 200 objects over 60 hours, then none */
static double
stops_at_60(size_t i)
{
	return 8 * 200 * (double)(i < 60 ? i : 60) / 60;
}

/* from hour 84, 40 widths of 200 objects over 36 hours */
static double
leaks_from_84(size_t i)
{
	return i < 84 ? 0 : 40 * 200 * (double)(i - 84) / 36;
}

/* from hour 88, 30 objects an hour */
static double
leaks_from_88(size_t i)
{
	return i < 88 ? 0 : 30 * (double)(i - 88);
}

/* A slow leak, 6 noise widths over 96 hours in AR(1) noise (phi 0.6),
 * whose last third on its own often shows little growth: a straight line
 * fits it as well as one bending flat, so it stays a leak.  Judging the
 * last third alone called 8 of these 40 "may have stopped". */
static void
test_slow_leak_in_correlated_noise_stays_a_leak(void **state)
{
	uint64_t seed;
	size_t	 leaks = 0;

	(void)state;
	for (seed = 1; seed <= 40; seed++)
		leaks += judge_noisy(seed, 96, 0.6, 200, slow_leak).verdict ==
		    VERDICT_LEAK;
	assert_true(leaks >= 36);
}

/* A leak of 8 noise widths that stops 60 hours into 96 (AR(1), phi 0.3):
 * too slow for two separate lines to fit clearly better than one, but a
 * line that bends flat does, so none of the 40 is a leak. */
static void
test_slow_leak_that_stopped_is_not_a_leak(void **state)
{
	struct tag_finding f;
	uint64_t seed;

	(void)state;
	for (seed = 1; seed <= 40; seed++) {
		f = judge_noisy(seed, 96, 0.3, 200, stops_at_60);
		assert_int_not_equal(f.verdict, VERDICT_LEAK);
		if (f.verdict == VERDICT_SUSPECT)
			assert_non_null(strstr(f.reason, "may have stopped"));
	}
}

/* Strongly correlated noise (phi 0.9) for 84 hours, then a leak of 40
 * widths over the last 36: the wandering before the onset may look like
 * slow growth on its own, yet its whole interval lies under half the
 * leak's slope, so the leak is called from its onset. */
static void
test_leak_after_wandering_noise_is_fitted_from_its_onset(void **state)
{
	struct tag_finding f;
	uint64_t seed;
	size_t	 leaks = 0;

	(void)state;
	for (seed = 1; seed <= 40; seed++) {
		f = judge_noisy(seed, 120, 0.9, 200, leaks_from_84);
		if (f.verdict != VERDICT_LEAK)
			continue;
		leaks++;
		assert_true(f.onset_hours >= 78 && f.onset_hours <= 90);
		assert_close(f.slope_bytes_per_hour, 40 * 200 * 512 / 36.0, 0.1);
	}
	assert_true(leaks >= 36);
}

/* A leak in the last quarter of the window, with more than a day of data
 * (onset at 88 of 120 hours): under a third of the window, but a day of
 * leaking is enough, and so is growth of twice the range before it. */
static void
test_leak_with_a_day_in_the_last_quarter_is_a_leak(void **state)
{
	struct tag_finding f;

	(void)state;
	f = judge_noisy(11, 120, 0, 150, leaks_from_88);
	assert_int_equal(f.verdict, VERDICT_LEAK);
	assert_close(f.onset_hours, 88, 0.03);
	assert_close(f.slope_bytes_per_hour, 30 * 512, 0.1);
	/* with --min-leak-hours 0 the third of the window still holds:
	 * 960 objects of growth are under twice the range before it, and
	 * the break is not taken (the whole window is fitted) */
	f = judge(120);
	assert_true(isnan(f.onset_hours));
	/* in noise of 5 objects, growth that towers over the range before
	 * it: a leak, under a third of the window */
	f = judge_noisy(11, 120, 0, 5, leaks_from_88);
	assert_int_equal(f.verdict, VERDICT_LEAK);
	f = judge(120);
	assert_int_equal(f.verdict, VERDICT_LEAK);
	assert_close(f.onset_hours, 88, 0.03);
	assert_close(f.slope_bytes_per_hour, 30 * 512, 0.05);
}

static void
test_daily_cycle_is_not_a_leak(void **state)
{
	struct tag_finding f;
	struct judge_opts jo = trend_bytes;
	size_t	 i;

	(void)state;
	rng = 11;
	hourly(96);
	for (i = 0; i < 96; i++) {
		d[i] = floor(5000 + 800 * sin(2 * M_PI * t[i] / 24) +
		    10 * gauss());
		y[i] = 256 * d[i];
	}
	f = judge(96);
	assert_int_equal(f.verdict, VERDICT_STABLE);
	/* its rising half, 10 hours of it, grows like a leak: with a day
	 * required for a leak it is suspect, and says why */
	jo.min_leak_hours = 24;
	memset(&f, 0, sizeof(f));
	trend_judge(t + 19, y + 19, d + 19, 11, 12345, &jo, &f);
	assert_int_equal(f.verdict, VERDICT_SUSPECT);
	assert_true(f.short_span);
	assert_non_null(strstr(f.reason, "a leak needs 24 h"));
	/* without the rule it would be called a leak */
	memset(&f, 0, sizeof(f));
	trend_judge(t + 19, y + 19, d + 19, 11, 12345, &trend_bytes, &f);
	assert_int_equal(f.verdict, VERDICT_LEAK);
}

static void
test_too_few_samples_is_insufficient(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	hourly(5);
	for (i = 0; i < 5; i++)
		y[i] = d[i] = 1000 * (double)i;
	f = judge(5);
	assert_int_equal(f.verdict, VERDICT_INSUFFICIENT);
	assert_nan(f.slope_bytes_per_hour);
	/* enough samples but 0.5 h of them */
	for (i = 0; i < 10; i++) {
		t[i] = (double)i / 20;
		y[i] = d[i] = 1000 * (double)i;
	}
	f = judge(10);
	assert_int_equal(f.verdict, VERDICT_INSUFFICIENT);
	assert_non_null(strstr(f.reason, "needs 6 over 1 h"));
}

/* A rise of 40 objects an hour over 8 hourly samples, in noise of 1: by
 * chance the residuals of so few samples often show a lag-1 correlation
 * of 0.3 or more, which Kendall's bias correction makes 0.6 or more.
 * Corrected for it, a clean rise would be "not yet certain" at p 0.01 to
 * 0.05 from one seed to the next; screened (Hamed & Rao 1998) it keeps
 * Mann-Kendall's p of a monotone series of 8, 8.4e-4, on every seed. */
static void
test_short_clean_rise_is_significant(void **state)
{
	struct tag_finding f;
	size_t	 i;
	uint64_t seed;

	(void)state;
	for (seed = 1; seed <= 40; seed++) {
		rng = seed;
		ar1_objects(8, 0, 1);
		for (i = 0; i < 8; i++)
			d[i] += 40 * t[i];
		bytes_from_objects(8);
		f = judge_day(8);
		assert_int_equal(f.verdict, VERDICT_SUSPECT);
		assert_true(f.short_span);
		assert_true(f.p_value < 1e-3);
		assert_non_null(strstr(f.reason, "over 7.0 h only"));
	}
}

/* Flat for 4 hours, then 50 objects an hour for 6: the bend leaves the
 * residuals of one line serially correlated, and 10 samples are too few
 * to look for a break (each stretch needs 6).  Plain Mann-Kendall finds
 * the rise (S of 33 to 45, of 45 pairs); corrected, it would be
 * "stable".  The verdict is suspect, and the reason says why. */
static void
test_late_rise_in_few_samples_is_suspect(void **state)
{
	struct tag_finding f;
	size_t	 i;
	uint64_t seed;
	int	 corrected = 0;

	(void)state;
	for (seed = 1; seed <= 40; seed++) {
		rng = seed;
		ar1_objects(10, 0, 2);
		for (i = 4; i < 10; i++)
			d[i] += 50 * (t[i] - 3);
		bytes_from_objects(10);
		f = judge_day(10);
		assert_int_equal(f.verdict, VERDICT_SUSPECT);
		corrected += strstr(f.reason, "uncorrected") != NULL;
	}
	/* the rule decides some of the seeds, not none */
	assert_true(corrected > 0);
}

/* Flat for 7 hours, then 500 objects an hour for the last 3, in noise
 * of 2: three jumps up in a row to the last sample are growth that
 * started late, not three steps; too few samples to look for a break,
 * or for Mann-Kendall to see it (p 0.4), so suspect.  One jump to the
 * last sample alone is still a step. */
static void
test_late_ramp_in_few_samples_is_no_steps(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	rng = 7;
	ar1_objects(10, 0, 2);
	for (i = 7; i < 10; i++)
		d[i] += 500 * (t[i] - 6);
	bytes_from_objects(10);
	f = judge_day(10);
	assert_int_equal(f.verdict, VERDICT_SUSPECT);
	assert_non_null(strstr(f.reason, "3 jumps up in a row to the last "
	    "sample"));
	rng = 7;
	ar1_objects(10, 0, 2);
	d[9] += 1500;
	bytes_from_objects(10);
	f = judge_day(10);
	assert_int_equal(f.verdict, VERDICT_STABLE);
	assert_non_null(strstr(f.reason, "one-time step"));
}

/* 8 hourly samples, flat and falling a little for 4 hours, then rising
 * by 2000 to 5000 objects an hour to the end.  Mann-Kendall cannot see it
 * (S = -6 + 16 + 6 = 16 of 28 pairs, var S = 8 7 21 / 18 = 65.3, z = 15
 * / 8.08 = 1.86, p = 0.063 before any correction), and the rises are too
 * many to be outlying jumps: rises at every one of the last 4 samples,
 * from 5265 to 21925 objects of 2160 bytes in 4 hours (8,996,400 B/h,
 * +8.58 MB/h), at least twice the range of the samples before, are
 * growth that started late, suspect.  A rise of under twice that range,
 * or two rises alone, are not. */
static void
test_late_rise_at_every_sample_is_suspect(void **state)
{
	static const double late[8] = { 5396, 5372, 5320, 5265, 7265, 12344,
	    17144, 21925 };
	static const double small[8] = { 5396, 5372, 5320, 5265, 5300, 5330,
	    5380, 5420 };
	static const double two[8] = { 5396, 5372, 5320, 5265, 5200, 5100,
	    12344, 21925 };
	struct tag_finding f;
	size_t	 i;

	(void)state;
	hourly(8);
	for (i = 0; i < 8; i++)
		y[i] = late[i] * 2160;
	diff_from_bytes(8, 2160);
	f = judge_day(8);
	assert_int_equal(f.verdict, VERDICT_SUSPECT);
	assert_string_equal(f.reason, "rises at every one of its last 4 "
	    "samples, +8.58 MB/h: growth that started late, in too few "
	    "samples to judge (p=0.063)");
	for (i = 0; i < 8; i++)
		y[i] = small[i] * 2160;
	diff_from_bytes(8, 2160);
	f = judge_day(8);
	assert_int_equal(f.verdict, VERDICT_STABLE);
	for (i = 0; i < 8; i++)
		y[i] = two[i] * 2160;
	diff_from_bytes(8, 2160);
	f = judge_day(8);
	assert_null(strstr(f.reason, "rises at every"));
}

/* 10 hourly samples with no day needed for a leak: too few to look for
 * a change of regime, so a leak must grow over its last half too.  A
 * cache that fills for 6 hours, 100 objects an hour in noise of 2, and
 * is flat for the last 4 is suspect, "it may have stopped" (the pairs
 * of its last 5 samples have a median slope near 0); the same growth
 * kept up to the last sample is a leak. */
static void
test_growth_that_stopped_in_few_samples_is_no_leak(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	rng = 3;
	ar1_objects(10, 0, 2);
	for (i = 0; i < 10; i++)
		d[i] += 100 * (t[i] < 6 ? t[i] : 6);
	bytes_from_objects(10);
	f = judge(10);
	assert_int_equal(f.verdict, VERDICT_SUSPECT);
	assert_non_null(strstr(f.reason, "over its last 5 samples: it may "
	    "have stopped"));
	rng = 3;
	ar1_objects(10, 0, 2);
	for (i = 0; i < 10; i++)
		d[i] += 100 * t[i];
	bytes_from_objects(10);
	f = judge(10);
	assert_int_equal(f.verdict, VERDICT_LEAK);
}

static void
test_shrinking_is_stable(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	hourly(40);
	for (i = 0; i < 40; i++)
		y[i] = 1e7 - 50000 * t[i];
	diff_from_bytes(40, 100);
	f = judge(40);
	assert_int_equal(f.verdict, VERDICT_STABLE);
	assert_non_null(strstr(f.reason, "shrinking"));
	assert_close(f.slope_bytes_per_hour, -50000, 1e-12);
}

static void
test_negligible_growth_is_stable(void **state)
{
	struct tag_finding f;
	size_t	 i;

	(void)state;
	hourly(90);
	/* one 64-byte object every hour: certain, but 64 B/h */
	for (i = 0; i < 90; i++) {
		d[i] = 100 + t[i];
		y[i] = 64 * d[i];
	}
	f = judge(90);
	assert_int_equal(f.verdict, VERDICT_STABLE);
	assert_non_null(strstr(f.reason, "negligible"));
	assert_close(f.slope_bytes_per_hour, 64, 1e-12);
}

/* A table of ntags tags over nsnap hourly snapshots.  Tag 0 ("Leak")
 * grows 1 MB an hour from every boot; the others are flat.  Counters
 * restart at snapshot reboot (none if < 0).  Header pool totals are
 * 100 MB + 1 MB/h since boot.  With handles, a snapshot of a counter
 * alone follows each, 30 s later, as handle.exe captures do. */
static struct table *
make_table_handles(int ntags, int nsnap, int reboot, int handles)
{
	struct table	*tb = table_new();
	unsigned char	 tag[4];
	int		 i, k, since = 0;
	uint32_t	 s;
	int64_t		 allocs;

	for (k = 0; k < nsnap; k++) {
		if (k == reboot)
			since = k;
		s = table_snapshot_at(tb, (int64_t)k * 3600000, 0);
		table_set_header(tb, s, (int64_t)100 * 1048576 +
		    (int64_t)(k - since) * 1048576, 50 * 1048576, -1);
		for (i = 0; i < ntags; i++) {
			memcpy(tag, i == 0 ? "Leak" : "Flat", 4);
			tag[3] = i == 0 ? 'k' : (unsigned char)('0' + i);
			allocs = 1000 + (int64_t)(k - since) * 500 + i;
			table_add(tb, s, tag, POOL_PAGED, allocs,
			    allocs - (i == 0 ? 10 + (k - since) * 256 : 10),
			    i == 0 ? 10 + (k - since) * 256 : 10,
			    i == 0 ? (int64_t)(10 + (k - since) * 256) * 4096 :
			    40960, NULL, 0);
		}
		if (handles)
			table_counter_add(tb, table_counter(tb, "handles", 7),
			    table_snapshot_at(tb, (int64_t)k * 3600000 + 30000,
			    0), 1000 + k - since);
	}
	table_finish(tb);
	return tb;
}

static struct table *
make_table(int ntags, int nsnap, int reboot)
{
	return make_table_handles(ntags, nsnap, reboot, 0);
}

static void
test_segments_split_at_reboot(void **state)
{
	struct table	*tb;
	struct segment	*seg;
	size_t		 n;

	(void)state;
	tb = make_table(4, 20, 10);
	n = trend_segments(tb, 1, &seg);
	assert_int_equal(n, 2);
	assert_int_equal(seg[0].first, 0);
	assert_int_equal(seg[0].last, 9);
	assert_int_equal(seg[1].first, 10);
	assert_int_equal(seg[1].last, 19);
	free(seg);
	table_free(tb);
	tb = make_table(4, 20, -1);
	n = trend_segments(tb, 1, &seg);
	assert_int_equal(n, 1);
	free(seg);
	table_free(tb);
	/* snapshots of counters alone between those of the tags: the tags'
	 * samples are still consecutive, and the reboot is found at the
	 * tags' snapshot after it (index 20 of 40) */
	tb = make_table_handles(4, 20, 10, 1);
	n = trend_segments(tb, 1, &seg);
	assert_int_equal(n, 2);
	assert_int_equal(seg[0].last, 19);
	assert_int_equal(seg[1].first, 20);
	assert_int_equal(seg[1].last, 39);
	free(seg);
	table_free(tb);
}

/* 300 tags over 20 hourly snapshots, of which the first `reset` start
 * over at snapshot 10; the snapshots added last first with backwards. */
static struct table *
make_partial_reboot(int reset, int backwards)
{
	struct table	*tb = table_new();
	unsigned char	 tag[4];
	int		 i, j, k, since;
	int64_t		 allocs;
	uint32_t	 s;

	for (j = 0; j < 20; j++) {
		k = backwards ? 19 - j : j;
		s = table_snapshot_at(tb, (int64_t)k * 3600000, 0);
		for (i = 0; i < 300; i++) {
			tag[0] = 'T';
			tag[1] = (unsigned char)('0' + i / 100);
			tag[2] = (unsigned char)('0' + i / 10 % 10);
			tag[3] = (unsigned char)('0' + i % 10);
			since = i < reset && k >= 10 ? 10 : 0;
			allocs = 1000 + (int64_t)(k - since) * 50;
			table_add(tb, s, tag, POOL_PAGED, allocs, allocs - 10,
			    10, 640, NULL, 0);
		}
	}
	table_finish(tb);
	return tb;
}

/* The vote of the tags is counted over all of them, whatever the number
 * of threads that read them (in chunks of 64) when the table could not
 * count it as the rows came (the snapshots added last first), and the
 * same when it could: 160 of 300 going back is a reboot, 140 is not. */
static void
test_segments_do_not_depend_on_threads(void **state)
{
	struct table	*tb;
	struct segment	*seg;
	uint32_t	 sh[20], dn[20];
	int		 j, b;

	(void)state;
	for (b = 0; b <= 1; b++)
		for (j = 1; j <= 4; j++) {
			tb = make_partial_reboot(160, b);
			assert_int_equal(table_falls(tb, sh, dn), !b);
			assert_int_equal(trend_segments(tb, j, &seg), 2);
			assert_int_equal(seg[1].first, 10);
			free(seg);
			table_free(tb);
			tb = make_partial_reboot(140, b);
			assert_int_equal(trend_segments(tb, j, &seg), 1);
			free(seg);
			table_free(tb);
		}
}

static void
test_one_counter_wrapping_is_no_reboot(void **state)
{
	struct table	*tb = table_new();
	struct segment	*seg;
	unsigned char	 a[4] = { 'W', 'r', 'a', 'p' }, b[4] = { 'K', 'e', 'e', 'p' };
	uint32_t	 s;
	int		 k;

	(void)state;
	for (k = 0; k < 10; k++) {
		s = table_snapshot_at(tb, (int64_t)k * 3600000, 0);
		/* Allocs of Wrap passes 2^32 at k = 5; Frees does not */
		table_add(tb, s, a, POOL_NONPAGED,
		    (int64_t)((4294967000u + (uint32_t)k * 100) & 0xffffffffu),
		    4294960000 + k * 90, 100, 6400, NULL, 0);
		table_add(tb, s, b, POOL_NONPAGED, 1000 + k, 990 + k, 10,
		    640, NULL, 0);
	}
	table_finish(tb);
	assert_int_equal(trend_segments(tb, 1, &seg), 1);
	free(seg);
	table_free(tb);
}

static void
test_leak_is_judged_in_the_last_boot_segment(void **state)
{
	struct table	*tb = make_table(5, 40, 20);
	struct trend_opts to = { { -1, -1 }, { NULL, NULL }, 0, 0 };
	struct analysis	*a;

	(void)state;
	a = trend_analyse(tb, &to);
	assert_non_null(a);
	assert_int_equal(a->nsegments, 2);
	assert_int_equal(a->tags[0].rank, 1);
	assert_memory_equal(a->tags[0].tag, "Leak", 4);
	assert_int_equal(a->tags[0].verdict, VERDICT_LEAK);
	assert_int_equal(a->tags[0].segment, 1);
	assert_int_equal(a->tags[0].samples, 20);
	/* 256 objects of 4096 bytes an hour, exactly */
	assert_close(a->tags[0].slope_bytes_per_hour, 1048576, 1e-12);
	assert_close(a->tags[0].object_bytes, 4096, 1e-12);
	assert_int_equal(a->tags[0].bytes_last, (int64_t)(10 + 19 * 256) * 4096);
	assert_int_equal(a->count[VERDICT_LEAK], 1);
	assert_int_equal(a->count[VERDICT_STABLE], 4);
	/* it leaked in the first boot too, and the reason says so */
	assert_int_equal(a->tags[0].boots_judged, 2);
	assert_int_equal(a->tags[0].boots_leaking, 2);
	assert_non_null(strstr(a->tags[0].reason, "also in 1 of 1 earlier "
	    "boots"));
	trend_free(a);
	table_free(tb);
}

/* Tag "Leak" over nsnap hourly snapshots, with a reboot at snapshot
 * reboot: before it the leak adds `before` objects of 4096 bytes an hour,
 * after it `after` from snapshot start on; each sample off by up to twice
 * `wobble` objects.  Four flat tags restart with it, so that the reboot
 * is seen. */
static struct table *
make_boots(int nsnap, int reboot, int before, int after, int start,
    int wobble)
{
	struct table	*tb = table_new();
	unsigned char	 tag[4];
	int		 i, k, since = 0;
	int64_t		 allocs, live = 10, n;
	uint32_t	 s;

	for (k = 0; k < nsnap; k++) {
		if (k == reboot)
			since = k, live = 10;
		else if (k > 0 && k < reboot)
			live += before;
		else if (k > start)
			live += after;
		s = table_snapshot_at(tb, (int64_t)k * 3600000, 0);
		for (i = 0; i < 5; i++) {
			memcpy(tag, i == 0 ? "Leak" : "Flat", 4);
			if (i > 0)
				tag[3] = (unsigned char)('0' + i);
			allocs = 1000 + (int64_t)(k - since) * 500 + i;
			n = i == 0 ? live + (k * 7 % 5 - 2) * wobble : 10;
			table_add(tb, s, tag, POOL_PAGED, allocs, allocs - n,
			    n, n * 4096, NULL, 0);
		}
	}
	table_finish(tb);
	return tb;
}

/* The earlier boots are added to a reason of any length whole: a boot of
 * 10 samples gives a reason of 97 characters before them, which a
 * buffer of 160 cut at 96 ("looks the sam; also in").  The p of a
 * monotone series of 10: S = 45, var S = 10 9 25 / 18 = 125, z = 44 /
 * sqrt 125 = 3.9355, erfc(z / sqrt 2) = 8.3e-05. */
static void
test_reason_with_earlier_boots_is_whole(void **state)
{
	struct trend_opts to = { { -1, -1 }, { NULL, NULL }, 24, 0 };
	struct table	*tb;
	struct analysis	*a;

	(void)state;
	tb = make_boots(30, 20, 300, 300, 20, 0);
	a = trend_analyse(tb, &to);
	assert_int_equal(a->tags[0].verdict, VERDICT_SUSPECT);
	assert_string_equal(a->tags[0].reason, "grows +1.17 MB/h (p=8.3e-05), "
	    "over 9.0 h only: a leak needs 24 h, as a daily cycle looks the "
	    "same; also in 1 of 1 earlier boots");
	trend_free(a);
	table_free(tb);
}

/* A leak cut short by a reboot needs --min-leak-hours in its own boot,
 * even when the boot before grew alike: a daily cycle that restarts with
 * each boot rises in both halves of a day cut in two. */
static void
test_leak_cut_short_by_a_reboot_is_suspect(void **state)
{
	struct trend_opts to = { { -1, -1 }, { NULL, NULL }, 24, 0 };
	struct table	*tb;
	struct analysis	*a;

	(void)state;
	/* 19 h of growth in each boot */
	tb = make_boots(40, 20, 256, 256, 20, 0);
	a = trend_analyse(tb, &to);
	assert_int_equal(a->nsegments, 2);
	assert_memory_equal(a->tags[0].tag, "Leak", 4);
	assert_int_equal(a->tags[0].verdict, VERDICT_SUSPECT);
	assert_int_equal(a->tags[0].segment, 1);
	assert_close(a->tags[0].slope_bytes_per_hour, 256 * 4096, 1e-12);
	assert_non_null(strstr(a->tags[0].reason, "over 19.0 h only: a leak "
	    "needs 24 h"));
	assert_non_null(strstr(a->tags[0].reason, "; also in 1 of 1 earlier "
	    "boots"));
	assert_int_equal(a->tags[0].boots_judged, 2);
	assert_int_equal(a->tags[0].boots_leaking, 2);
	trend_free(a);
	/* when a leak needs 19 h, its own boot is enough */
	to.min_leak_hours = 19;
	a = trend_analyse(tb, &to);
	assert_int_equal(a->tags[0].verdict, VERDICT_LEAK);
	trend_free(a);
	table_free(tb);
	/* flat for 8 h after the reboot, then 11 h of growth that towers
	 * over the flat stretch: growing since the break, but 19 h in all */
	to.min_leak_hours = 24;
	tb = make_boots(40, 20, 256, 256, 28, 1);
	a = trend_analyse(tb, &to);
	assert_int_equal(a->tags[0].verdict, VERDICT_SUSPECT);
	assert_close(a->tags[0].onset_hours, 8, 1e-12);
	assert_close(a->tags[0].slope_bytes_per_hour, 256 * 4096, 0.01);
	assert_non_null(strstr(a->tags[0].reason, "growing since 8.0 h in: "
	    "steady growth +1.00 MB/h over 11.0 h"));
	trend_free(a);
	/* with --min-leak-hours 19, the whole boot counts after the flat
	 * stretch: a leak since the break */
	to.min_leak_hours = 19;
	a = trend_analyse(tb, &to);
	assert_int_equal(a->tags[0].verdict, VERDICT_LEAK);
	assert_close(a->tags[0].onset_hours, 8, 1e-12);
	assert_non_null(strstr(a->tags[0].reason, "leaking since 8.0 h in"));
	trend_free(a);
	table_free(tb);
}

/* A leak cut short by a reboot that leaked for a day or more in the boot
 * before is a leak: a daily cycle is not reset by a reboot, nor does a
 * cache that fills after each boot keep growing for a day.  The p of a
 * monotone series of 20: S = 190, var S = 20 19 45 / 18 = 950, z = 189 /
 * sqrt 950 = 6.13, p = 8.7e-10. */
static void
test_leak_cut_short_after_a_day_long_leak_is_a_leak(void **state)
{
	struct trend_opts to = { { -1, -1 }, { NULL, NULL }, 24, 0 };
	struct table	*tb;
	struct analysis	*a;

	(void)state;
	/* 29 h of growth in the first boot, 19 h in the second */
	tb = make_boots(50, 30, 256, 256, 30, 0);
	a = trend_analyse(tb, &to);
	assert_int_equal(a->nsegments, 2);
	assert_memory_equal(a->tags[0].tag, "Leak", 4);
	assert_int_equal(a->tags[0].verdict, VERDICT_LEAK);
	assert_int_equal(a->tags[0].short_span, 0);
	assert_int_equal(a->tags[0].segment, 1);
	assert_close(a->tags[0].slope_bytes_per_hour, 256 * 4096, 1e-12);
	assert_string_equal(a->tags[0].reason, "steady growth +1.00 MB/h over "
	    "19.0 h (p<1e-6, R2 1.00); also in 1 of 1 earlier boots, for 24 h "
	    "or more in one");
	assert_int_equal(a->tags[0].boots_leaking, 2);
	trend_free(a);
	table_free(tb);
	/* flat for 8 h after the reboot, then 11 h of growth */
	tb = make_boots(50, 30, 256, 256, 38, 1);
	a = trend_analyse(tb, &to);
	assert_int_equal(a->tags[0].verdict, VERDICT_LEAK);
	assert_close(a->tags[0].onset_hours, 8, 1e-12);
	assert_non_null(strstr(a->tags[0].reason, "leaking since 8.0 h in: "
	    "steady growth +1.00 MB/h over 11.0 h"));
	assert_non_null(strstr(a->tags[0].reason, "; also in 1 of 1 earlier "
	    "boots, for 24 h or more in one"));
	trend_free(a);
	table_free(tb);
	/* the boot before was flat: no help */
	tb = make_boots(50, 30, 0, 256, 30, 0);
	a = trend_analyse(tb, &to);
	assert_int_equal(a->tags[0].verdict, VERDICT_SUSPECT);
	assert_int_equal(a->tags[0].short_span, 1);
	assert_non_null(strstr(a->tags[0].reason, "over 19.0 h only: a leak "
	    "needs 24 h"));
	assert_non_null(strstr(a->tags[0].reason, "; not in 0 of 1 earlier "
	    "boots"));
	trend_free(a);
	table_free(tb);
}

/* Tag "Leak" over boots of len[b] hourly snapshots, adding rate[b]
 * objects of 4096 bytes an hour in boot b, and four flat tags that
 * restart with each boot. */
static struct table *
make_nboots(const int *len, const int *rate, int nboots)
{
	struct table	*tb = table_new();
	unsigned char	 tag[4];
	int		 b, i, j, k = 0;
	int64_t		 allocs, n;
	uint32_t	 s;

	for (b = 0; b < nboots; b++) {
		for (j = 0; j < len[b]; j++, k++) {
			s = table_snapshot_at(tb, (int64_t)k * 3600000, 0);
			for (i = 0; i < 5; i++) {
				memcpy(tag, i == 0 ? "Leak" : "Flat", 4);
				if (i > 0)
					tag[3] = (unsigned char)('0' + i);
				allocs = 1000 + (int64_t)j * 500 + i;
				n = i == 0 ? 10 + (int64_t)j * rate[b] : 10;
				table_add(tb, s, tag, POOL_PAGED, allocs,
				    allocs - n, n, n * 4096, NULL, 0);
			}
		}
	}
	table_finish(tb);
	return tb;
}

/* With more than one boot before, every one judged must have grown for
 * the earlier boots to make up the day. */
static void
test_earlier_boots_must_all_have_grown(void **state)
{
	static const int len[3] = { 30, 30, 20 };
	static const int grew[3] = { 256, 256, 256 };
	static const int one_flat[3] = { 256, 0, 256 };
	struct trend_opts to = { { -1, -1 }, { NULL, NULL }, 24, 0 };
	struct table	*tb;
	struct analysis	*a;

	(void)state;
	tb = make_nboots(len, grew, 3);
	a = trend_analyse(tb, &to);
	assert_int_equal(a->nsegments, 3);
	assert_int_equal(a->tags[0].verdict, VERDICT_LEAK);
	assert_non_null(strstr(a->tags[0].reason, "; also in 2 of 2 earlier "
	    "boots, for 24 h or more in one"));
	trend_free(a);
	table_free(tb);
	tb = make_nboots(len, one_flat, 3);
	a = trend_analyse(tb, &to);
	assert_int_equal(a->nsegments, 3);
	assert_int_equal(a->tags[0].verdict, VERDICT_SUSPECT);
	assert_non_null(strstr(a->tags[0].reason, "over 19.0 h only"));
	assert_non_null(strstr(a->tags[0].reason, "; also in 1 of 2 earlier "
	    "boots"));
	trend_free(a);
	table_free(tb);
}

static void
test_pool_hours_to_exhaustion(void **state)
{
	struct table	*tb = make_table(3, 24, -1);
	struct trend_opts to = { { 200 * 1048576, -1 }, { "option", NULL }, 0, 0 };
	struct analysis	*a;
	const struct pool_finding *p;

	(void)state;
	a = trend_analyse(tb, &to);
	p = &a->pools[POOL_PAGED];
	assert_true(p->from_header);
	assert_int_equal(p->bytes_last, 123 * 1048576);
	assert_close(p->slope_bytes_per_hour, 1048576, 1e-12);
	/* (200 MB - 123 MB) / (1 MB/h) */
	assert_close(p->hours_to_exhaustion, 77, 1e-12);
	/* an exact line: the interval is the point */
	assert_close(p->hours_ci_lo, 77, 1e-12);
	assert_close(p->hours_ci_hi, 77, 1e-12);
	assert_int_equal(p->exhaustion_ms, (int64_t)(23 + 77) * 3600000);
	/* the fitted line the HTML report draws: 100 MB at the first hour */
	assert_int_equal(p->fit_t0_ms, 0);
	assert_close(p->intercept_bytes, 100 * 1048576, 1e-12);
	/* the leak alone grows as fast as the pool, and the projection
	 * follows the leak */
	assert_close(a->tags[0].share_of_pool_growth, 1, 1e-12);
	assert_true(p->projection_from_leaks);
	assert_close(p->projection_bytes_per_hour, 1048576, 1e-12);
	assert_close(a->tags[0].hours_to_exhaustion, 77, 1e-12);
	/* nonpaged is flat and has no limit */
	p = &a->pools[POOL_NONPAGED];
	assert_nan(p->hours_to_exhaustion);
	assert_non_null(strstr(p->note, "--limit"));
	trend_free(a);
	table_free(tb);
}

static void
test_projection_follows_the_leaks_not_the_total(void **state)
{
	struct table	*tb = table_new();
	struct trend_opts to = { { 400 * 1048576, -1 }, { "option", NULL }, 0, 0 };
	struct analysis	*a;
	unsigned char	 cache[4] = { 'C', 'a', 'c', 'h' };
	unsigned char	 leak[4] = { 'L', 'e', 'a', 'k' };
	uint32_t	 s;
	int		 k;
	int64_t		 cb, lb;

	(void)state;
	/* a cache fills 4 MB/h for 20 h then stops; a leak grows 1 MB/h:
	 * the total grew faster than the pool grows now */
	for (k = 0; k < 60; k++) {
		s = table_snapshot_at(tb, (int64_t)k * 3600000, 0);
		cb = (int64_t)(k < 20 ? k : 20) * 4 * 1048576;
		lb = (int64_t)k * 1048576;
		table_add(tb, s, cache, POOL_PAGED, 1000 + k, 10, 990 + k,
		    10 * 1048576 + cb, NULL, 0);
		table_add(tb, s, leak, POOL_PAGED, 1000 + k, 10, 990 + k,
		    lb + 1048576, NULL, 0);
	}
	table_finish(tb);
	a = trend_analyse(tb, &to);
	assert_true(a->pools[POOL_PAGED].projection_from_leaks);
	assert_close(a->pools[POOL_PAGED].projection_bytes_per_hour, 1048576,
	    1e-9);
	/* (400 MB - (90 + 60) MB) at 1 MB/h */
	assert_close(a->pools[POOL_PAGED].hours_to_exhaustion, 250, 1e-9);
	assert_close(a->pools[POOL_PAGED].hours_ci_lo, 250, 1e-9);
	assert_close(a->pools[POOL_PAGED].hours_ci_hi, 250, 1e-9);
	trend_free(a);
	table_free(tb);
}

static void
test_pool_over_its_limit_has_zero_hours(void **state)
{
	struct table	*tb = make_table(2, 12, -1);
	struct trend_opts to = { { 100 * 1048576, -1 }, { "option", NULL }, 0, 0 };
	struct analysis	*a;

	(void)state;
	a = trend_analyse(tb, &to);
	assert_close(a->pools[POOL_PAGED].hours_to_exhaustion, 0, 0);
	trend_free(a);
	table_free(tb);
}

static void
test_leaks_rank_before_suspects_and_by_speed(void **state)
{
	struct table	*tb = table_new();
	struct trend_opts to = { { -1, -1 }, { NULL, NULL }, 0, 0 };
	struct analysis	*a;
	unsigned char	 fast[4] = { 'F', 'a', 's', 't' };
	unsigned char	 slow[4] = { 'S', 'l', 'o', 'w' };
	unsigned char	 flat[4] = { 'F', 'l', 'a', 't' };
	uint32_t	 s;
	int		 k;

	(void)state;
	for (k = 0; k < 30; k++) {
		s = table_snapshot_at(tb, (int64_t)k * 3600000, 0);
		table_add(tb, s, slow, POOL_NONPAGED, 100 + k * 3, 90, 10 + k * 2,
		    (10 + k * 2) * 1024, NULL, 0);
		table_add(tb, s, flat, POOL_PAGED, 100 + k * 3, 90 + k * 3, 10,
		    10240, NULL, 0);
		table_add(tb, s, fast, POOL_PAGED, 100 + k * 30, 90, 10 + k * 20,
		    (10 + k * 20) * 1024, "drv.sys - Fast things", 21);
	}
	table_finish(tb);
	a = trend_analyse(tb, &to);
	assert_memory_equal(a->tags[0].tag, "Fast", 4);
	assert_string_equal(a->tags[0].driver, "drv.sys - Fast things");
	assert_memory_equal(a->tags[1].tag, "Slow", 4);
	assert_memory_equal(a->tags[2].tag, "Flat", 4);
	assert_int_equal(a->tags[0].verdict, VERDICT_LEAK);
	assert_int_equal(a->tags[1].verdict, VERDICT_LEAK);
	assert_int_equal(a->tags[2].verdict, VERDICT_STABLE);
	assert_int_equal(a->tags[2].rank, 3);
	trend_free(a);
	table_free(tb);
}

static void
test_counters_are_judged_in_counts(void **state)
{
	struct table	*tb = table_new();
	struct trend_opts to = { { -1, -1 }, { NULL, NULL }, 0, 0 };
	struct analysis	*a;
	size_t		 lsass, svc;
	uint32_t	 s;
	int		 k;

	(void)state;
	lsass = table_counter(tb, "lsass handles", 13);
	svc = table_counter(tb, "svchost handles", 15);
	/* snapshots given newest first: the table sorts them */
	for (k = 23; k >= 0; k--) {
		s = table_snapshot_at(tb, (int64_t)k * 3600000, 0);
		table_set_header(tb, s, 100 * 1048576, 50 * 1048576, -1);
		table_counter_add(tb, lsass, s, 2400 + 250.0 * k);
		table_counter_add(tb, svc, s, 900 + 5.0 * k);
	}
	table_finish(tb);
	a = trend_analyse(tb, &to);
	assert_int_equal(a->ncounters, 2);
	assert_string_equal(a->counters[0].name, "lsass handles");
	assert_int_equal(a->counters[0].verdict, VERDICT_LEAK);
	assert_close(a->counters[0].slope_per_hour, 250, 1e-12);
	assert_close(a->counters[0].last, 2400 + 250 * 23, 0);
	assert_non_null(strstr(a->counters[0].reason, "+250.0/h"));
	/* 5 handles an hour is below the floor of 10 */
	assert_string_equal(a->counters[1].name, "svchost handles");
	assert_int_equal(a->counters[1].verdict, VERDICT_STABLE);
	assert_non_null(strstr(a->counters[1].reason, "negligible"));
	/* no tag rows: the pools come from the headers */
	assert_int_equal(a->ntags, 0);
	assert_true(a->pools[POOL_PAGED].from_header);
	trend_free(a);
	table_free(tb);
}

static void
test_pool_totals_from_the_source_most_snapshots_have(void **state)
{
	struct table	*tb = table_new();
	struct trend_opts to = { { -1, -1 }, { NULL, NULL }, 0, 0 };
	struct analysis	*a;
	unsigned char	 tag[4] = { 'T', 'o', 'k', 'e' };
	uint32_t	 s;
	int		 k;

	(void)state;
	/* 20 snapshots of rows, and 3 of them also with a header: the
	 * rows' sums are the series, over their 20 snapshots */
	for (k = 0; k < 20; k++) {
		s = table_snapshot_at(tb, (int64_t)k * 3600000, 0);
		if (k % 7 == 0)
			table_set_header(tb, s, 999 * 1048576, -1, -1);
		table_add(tb, s, tag, POOL_PAGED, 100 + k, 90, 10 + k,
		    (10 + k) * 1024, NULL, 0);
	}
	table_finish(tb);
	a = trend_analyse(tb, &to);
	assert_false(a->pools[POOL_PAGED].from_header);
	assert_close(a->pools[POOL_PAGED].slope_bytes_per_hour, 1024, 1e-12);
	assert_int_equal(a->pools[POOL_PAGED].bytes_last, 29 * 1024);
	trend_free(a);
	table_free(tb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linear_leak_is_leak),
		cmocka_unit_test(test_falling_bytes_still_give_the_diff_slope),
		cmocka_unit_test(test_flat_noise_is_stable),
		cmocka_unit_test(test_ar1_noise_that_fools_plain_mann_kendall_is_stable),
		cmocka_unit_test(test_cache_that_plateaus_is_not_a_leak),
		cmocka_unit_test(test_sawtooth_is_not_a_leak),
		cmocka_unit_test(test_one_time_step_is_not_a_leak),
		cmocka_unit_test(test_leak_with_periodic_trims_that_never_return_is_a_leak),
		cmocka_unit_test(test_leak_that_starts_late_is_fitted_from_its_onset),
		cmocka_unit_test(test_growth_that_stopped_is_not_a_leak),
		cmocka_unit_test(test_growth_that_fades_out_is_not_a_leak),
		cmocka_unit_test(test_slow_leak_in_correlated_noise_stays_a_leak),
		cmocka_unit_test(test_slow_leak_that_stopped_is_not_a_leak),
		cmocka_unit_test(test_leak_after_wandering_noise_is_fitted_from_its_onset),
		cmocka_unit_test(test_leak_with_a_day_in_the_last_quarter_is_a_leak),
		cmocka_unit_test(test_daily_cycle_is_not_a_leak),
		cmocka_unit_test(test_too_few_samples_is_insufficient),
		cmocka_unit_test(test_short_clean_rise_is_significant),
		cmocka_unit_test(test_late_rise_in_few_samples_is_suspect),
		cmocka_unit_test(test_late_ramp_in_few_samples_is_no_steps),
		cmocka_unit_test(test_late_rise_at_every_sample_is_suspect),
		cmocka_unit_test(test_growth_that_stopped_in_few_samples_is_no_leak),
		cmocka_unit_test(test_shrinking_is_stable),
		cmocka_unit_test(test_negligible_growth_is_stable),
		cmocka_unit_test(test_segments_split_at_reboot),
		cmocka_unit_test(test_segments_do_not_depend_on_threads),
		cmocka_unit_test(test_one_counter_wrapping_is_no_reboot),
		cmocka_unit_test(test_leak_is_judged_in_the_last_boot_segment),
		cmocka_unit_test(test_leak_cut_short_by_a_reboot_is_suspect),
		cmocka_unit_test(test_leak_cut_short_after_a_day_long_leak_is_a_leak),
		cmocka_unit_test(test_earlier_boots_must_all_have_grown),
		cmocka_unit_test(test_reason_with_earlier_boots_is_whole),
		cmocka_unit_test(test_pool_hours_to_exhaustion),
		cmocka_unit_test(test_projection_follows_the_leaks_not_the_total),
		cmocka_unit_test(test_pool_over_its_limit_has_zero_hours),
		cmocka_unit_test(test_leaks_rank_before_suspects_and_by_speed),
		cmocka_unit_test(test_counters_are_judged_in_counts),
		cmocka_unit_test(test_pool_totals_from_the_source_most_snapshots_have),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
