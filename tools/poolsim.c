/* poolsim.c: scenarios of poolmon logs with planted, labelled behaviour.
 *
 * poolsim [-n SCENARIOS] [-t TAGS] [-S SEED] DIR writes, for each scenario
 * k, DIR/sK.log (poolmon -n -r snapshots with time lines), DIR/sK.csv (the
 * same numbers as long CSV), DIR/sK.args (the --limit of its paged pool),
 * and one DIR/truth.csv for all: per tag its class, whether it leaks at the
 * end and its true slope; per scenario the paged pool's true growth and
 * hours to exhaustion.  Deterministic for a seed.
 *
 * Classes (of the outstanding allocations, Diff; Bytes is Diff times an
 * object size):
 *   flat        AR(1) noise, phi 0, 0.3, 0.6 or 0.9
 *   cache       fills linearly, then flat
 *   sawtooth    grows and is trimmed back, periodically
 *   step        one step up
 *   daily       a 24-hour cycle
 *   leak        linear growth from the start; total growth 3 to 300 noise
 *               widths over the window, and at least 4 KB an hour
 *   leak_late   linear growth from an onset at 30% to 70% of the window
 *   leak_stops  linear growth that stops at 30% to 70%: not growing at
 *               the end, so not a leak
 * Scenarios vary length (6 h to 7 days), interval (5 to 60 min), and may
 * have gaps, irregular intervals, a reboot and Allocs/Frees that wrap past
 * 2^32. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "timestamp.h"
#include "util.h"

enum cls { FLAT, CACHE, SAW, STEP, DAILY, LEAK, LEAK_LATE, LEAK_STOPS, NCLS };

static const char *const clsname[NCLS] = { "flat", "cache", "sawtooth",
    "step", "daily", "leak", "leak_late", "leak_stops" };

/* share of each class among the tags, in percent */
static const int clsmix[NCLS] = { 40, 8, 8, 8, 8, 14, 7, 7 };

struct tag {
	char		 name[5];
	int		 paged;
	enum cls	 cls;
	double		 size;		/* bytes per object */
	double		 base;		/* objects */
	double		 phi, sigma;	/* AR(1); sigma: innovations */
	double		 width;		/* stationary noise, objects */
	double		 amp;		/* of cache, sawtooth, step, daily */
	double		 rate;		/* objects per hour, leaks */
	double		 widths;	/* leaks: growth in noise widths */
	double		 at;		/* onset, stop, step time (fraction) */
	double		 period;	/* sawtooth, hours */
	double		 phase;
	double		 churn;		/* allocations per hour */
	double		 noise;		/* state */
	uint64_t	 allocs0;
};

static uint64_t rng;

static double
u01(void)
{
	return util_unit(&rng);
}

static double
uniform(double a, double b)
{
	return a + (b - a) * u01();
}

static double
gauss(void)
{
	return sqrt(-2 * log(u01() + 1e-300)) * cos(2 * M_PI * u01());
}

/* The signal of a tag, in objects, b hours after boot in a boot of
 * length T hours. */
static double
signal(const struct tag *t, double b, double T)
{
	double	 x = b / T, on;

	switch (t->cls) {
	case CACHE:
		return t->amp * (x < t->at ? x / t->at : 1);
	case SAW:
		return t->amp * fmod(b, t->period) / t->period;
	case STEP:
		return x >= t->at ? t->amp : 0;
	case DAILY:
		return t->amp * sin(2 * M_PI * b / 24 + t->phase);
	case LEAK:
		return t->rate * b;
	case LEAK_LATE:
		on = t->at * T;
		return b > on ? t->rate * (b - on) : 0;
	case LEAK_STOPS:
		on = t->at * T;
		return t->rate * (b < on ? b : on);
	default:
		return 0;
	}
}

static enum cls
pick_class(void)
{
	int	 r = (int)(u01() * 100), c;

	for (c = 0; c < NCLS; c++) {
		if (r < clsmix[c])
			return (enum cls)c;
		r -= clsmix[c];
	}
	return FLAT;
}

static void
usage(void)
{
	fprintf(stderr, "usage: poolsim [-n SCENARIOS] [-t TAGS] [-S SEED] DIR\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	static const double hours_choice[] = { 24, 48, 96, 168 };
	static const double interval_choice[] = { 5, 10, 15, 30, 60 };
	static const double phis[] = { 0, 0.3, 0.6, 0.9 };
	int		 ch, nscen = 40, ntags = 200, k, i, j, nsnap, reboot;
	int		 wrap, gaps, jitter, cnt[NCLS];
	uint64_t	 seed = 1;
	const char	*dir;
	char		 path[512];
	FILE		*logf, *csv, *truth, *args;
	struct tag	*tags;
	double		 T, interval, t_h, boot_h, bootT, sum[2], level, L;
	double		 pool_rate, pool_end, limit, hours;
	long long	 start, ms;
	struct civil	 c;
	uint64_t	 allocs, frees;
	double		*diffs;

	while ((ch = getopt(argc, argv, "n:S:t:")) != -1) {
		switch (ch) {
		case 'n': nscen = atoi(optarg); break;
		case 'S': seed = strtoull(optarg, NULL, 10); break;
		case 't': ntags = atoi(optarg); break;
		default: usage();
		}
	}
	if (argc - optind != 1 || nscen < 1 || ntags < 1 || ntags > 26 * 26 * 10)
		usage();
	dir = argv[optind];
	snprintf(path, sizeof(path), "%s/truth.csv", dir);
	if ((truth = fopen(path, "w")) == NULL) {
		perror(path);
		return 1;
	}
	fprintf(truth, "scenario,tag,type,class,leak,slope_bytes_per_hour,"
	    "onset_or_stop_hour,hours_to_exhaustion,limit_bytes,reboot,wrap,gaps,"
	    "jitter,hours,interval_min,leaking_hours,phi,growth_widths\n");
	tags = calloc((size_t)ntags, sizeof(*tags));
	diffs = calloc((size_t)ntags, sizeof(*diffs));
	for (k = 0; k < nscen; k++) {
		rng = seed * 1000003 + (uint64_t)k * 7919;
		/* one in eight is a short log */
		if (k % 8 == 7) {
			T = uniform(6, 12);
			interval = 60;
		} else {
			T = hours_choice[(int)(u01() * 4)];
			interval = interval_choice[(int)(u01() * 5)];
			while (T * 60 / interval > 2000)
				interval *= 2;
		}
		nsnap = (int)(T * 60 / interval) + 1;
		reboot = k % 5 == 1 ? (int)(nsnap * uniform(0.3, 0.7)) : -1;
		wrap = k % 5 == 2;
		gaps = k % 3 == 0;
		jitter = k % 4 == 1;
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < ntags; i++) {
			struct tag *t = &tags[i];

			memset(t, 0, sizeof(*t));
			snprintf(t->name, sizeof(t->name), "%c%c%02d",
			    'A' + i / 260 % 26, 'a' + i / 10 % 26, i % 10 * 7 % 100);
			t->paged = u01() < 0.6;
			t->cls = pick_class();
			cnt[t->cls]++;
			t->size = 16 * floor(uniform(2, 200));
			t->base = floor(exp(uniform(log(50), log(50000))));
			t->phi = phis[(int)(u01() * 4)];
			t->sigma = t->base * uniform(0.002, 0.02) + 1;
			t->width = t->sigma / sqrt(1 - t->phi * t->phi);
			t->amp = uniform(5, 50) * t->width;
			t->at = uniform(0.3, 0.7);
			t->period = uniform(2, T / 3 > 3 ? T / 3 : 3);
			t->phase = uniform(0, 2 * M_PI);
			t->churn = floor(uniform(0, 20000));
			if (t->cls == CACHE)
				t->at = uniform(0.2, 0.6);
			if (t->cls == STEP)
				t->at = uniform(0.2, 0.8);
			if (t->cls == DAILY)
				t->amp = uniform(3, 20) * t->width;
			if (t->cls == LEAK || t->cls == LEAK_LATE ||
			    t->cls == LEAK_STOPS) {
				/* growth over its stretch: 3 to 300 widths */
				L = t->cls == LEAK ? T : t->cls == LEAK_LATE ?
				    (1 - t->at) * T : t->at * T;
				if (reboot >= 0)
					L *= 0.5;
				t->widths = exp(uniform(log(3), log(300)));
				t->rate = t->widths * t->width / L;
				/* a leak is at least 4 KB an hour, four times
				 * pooltrend's materiality floor */
				if (t->rate * t->size < 4096)
					t->size = 16 * ceil(4096 / t->rate / 16);
			}
			t->allocs0 = wrap ? 4294967296ULL - (uint64_t)(t->churn *
			    T * uniform(0.2, 0.8)) - (uint64_t)t->base :
			    (uint64_t)(t->base * 3 + uniform(0, 100000));
		}
		snprintf(path, sizeof(path), "%s/s%d.log", dir, k);
		logf = fopen(path, "w");
		snprintf(path, sizeof(path), "%s/s%d.csv", dir, k);
		csv = fopen(path, "w");
		if (logf == NULL || csv == NULL) {
			perror(path);
			return 1;
		}
		fprintf(csv, "timestamp,tag,type,allocs,frees,diff,bytes\n");
		start = 1795000000000LL + (long long)k * 86400000LL * 9;
		boot_h = 0;
		bootT = reboot >= 0 ? reboot * interval / 60 : T;
		for (j = 0; j < nsnap; j++) {
			t_h = j * interval / 60;
			if (jitter && j > 0 && j < nsnap - 1)
				t_h += uniform(-0.2, 0.2) * interval / 60;
			if (j == reboot) {
				boot_h = t_h;
				bootT = T - t_h;
				for (i = 0; i < ntags; i++)
					tags[i].allocs0 = (uint64_t)(tags[i].base +
					    uniform(0, 50));
			}
			sum[0] = sum[1] = 0;
			for (i = 0; i < ntags; i++) {
				struct tag *t = &tags[i];

				t->noise = t->phi * t->noise + t->sigma * gauss();
				level = t->base + signal(t, t_h - boot_h, bootT) +
				    t->noise;
				diffs[i] = floor(level < 1 ? 1 : level);
				sum[t->paged] += diffs[i] * t->size;
			}
			/* gaps: a tenth of the snapshots lost, and a run */
			if (gaps && j > 0 && j < nsnap - 1 && (u01() < 0.1 ||
			    (j > nsnap / 2 && j < nsnap / 2 + nsnap / 20)))
				continue;
			ms = start + (long long)llround(t_h * 3600000);
			ts_civil(ms, &c);
			fprintf(logf, "%04d.%02d.%02d-%02d:%02d:%02d Pacific "
			    "Standard Time (local time of the PC where this was "
			    "collected)\n\n Memory:16468560K Avail:12072536K  "
			    "PageFlts:468600648   InRam Krnl:56708K P:950888K\n "
			    "Commit:4100436K Limit:17517136K Peak:11685564K"
			    "            Pool N:%.0fK P:%.0fK\n\n Tag  Type     "
			    "Allocs            Frees               Diff            "
			    "Bytes                 Per Alloc\n\n", c.year,
			    c.month, c.day, c.hour, c.min, c.sec, floor((sum[0] + 50e6) / 1024),
			    floor((sum[1] + 80e6) / 1024));
			for (i = 0; i < ntags; i++) {
				struct tag *t = &tags[i];

				allocs = (t->allocs0 + (uint64_t)(t->churn *
				    (t_h - boot_h)) + (uint64_t)diffs[i]) &
				    0xffffffffULL;
				frees = (allocs - (uint64_t)diffs[i]) & 0xffffffffULL;
				fprintf(logf, " %.4s %-5s%20llu%19llu%18.0f%15.0f"
				    "%17.0f\n", t->name, t->paged ? "Paged" :
				    "Nonp", (unsigned long long)allocs,
				    (unsigned long long)frees, diffs[i],
				    diffs[i] * t->size, t->size);
				fprintf(csv, "%04d-%02d-%02dT%02d:%02d:%02d,%.4s,"
				    "%s,%llu,%llu,%.0f,%.0f\n", c.year, c.month,
				    c.day, c.hour, c.min, c.sec,
				    t->name, t->paged ? "Paged" : "Nonp",
				    (unsigned long long)allocs,
				    (unsigned long long)frees, diffs[i],
				    diffs[i] * t->size);
			}
		}
		fclose(logf);
		fclose(csv);
		/* the paged pool: its true growth at the end is the sum of the
		 * leaks growing then; its limit is chosen to be reached in 1 to
		 * 60 days at that rate */
		pool_rate = 0;
		pool_end = 80e6;
		for (i = 0; i < ntags; i++) {
			struct tag *t = &tags[i];
			int	 growing = t->cls == LEAK || (t->cls == LEAK_LATE);

			if (!t->paged)
				continue;
			pool_end += (t->base + signal(t, T - boot_h, bootT)) *
			    t->size;
			if (growing)
				pool_rate += t->rate * t->size;
		}
		hours = pool_rate > 0 ? exp(uniform(log(24), log(1440))) : NAN;
		limit = pool_rate > 0 ? pool_end + hours * pool_rate :
		    pool_end * 2;
		snprintf(path, sizeof(path), "%s/s%d.args", dir, k);
		if ((args = fopen(path, "w")) == NULL) {
			perror(path);
			return 1;
		}
		fprintf(args, "--limit paged=%.0f\n", limit);
		fclose(args);
		for (i = 0; i < ntags; i++) {
			struct tag *t = &tags[i];
			int	 leak = t->cls == LEAK || t->cls == LEAK_LATE;

			fprintf(truth, "s%d,%.4s,%s,%s,%d,%.3f,%.3f,,,%d,%d,%d,%d,"
			    "%.1f,%.1f,%.1f,%.1f,%.1f\n", k, t->name, t->paged ? "paged" :
			    "nonpaged", clsname[t->cls], leak,
			    leak ? t->rate * t->size : 0,
			    t->cls == LEAK_LATE || t->cls == LEAK_STOPS ?
			    boot_h + t->at * bootT : 0,
			    reboot >= 0, wrap, gaps, jitter, T, interval,
			    !leak ? 0 : t->cls == LEAK_LATE ? T - (boot_h +
			    t->at * bootT) : T - boot_h, t->phi, t->widths);
		}
		fprintf(truth, "s%d,,paged,pool,%d,%.3f,,%.3f,%.0f,%d,%d,%d,%d,"
		    "%.1f,%.1f,,,\n", k, pool_rate > 0, pool_rate, hours, limit,
		    reboot >= 0, wrap, gaps, jitter, T, interval);
	}
	fclose(truth);
	free(tags);
	free(diffs);
	return 0;
}
