/* trend.h: table -> per-tag findings, pool projections and verdicts. */
#ifndef TREND_H
#define TREND_H

#include <stddef.h>
#include <stdint.h>

#include "table.h"

enum verdict {
	VERDICT_LEAK,
	VERDICT_SUSPECT,
	VERDICT_STABLE,
	VERDICT_INSUFFICIENT,
	VERDICT_N
};

/* A segment needs this many samples and this span to be judged. */
#define TREND_MIN_SAMPLES	6
#define TREND_MIN_HOURS		1.0
/* Significance level of the Mann-Kendall test for "leak". */
#define TREND_ALPHA		0.01
/* ... and for "suspect". */
#define TREND_ALPHA_SUSPECT	0.05
/* Growth slower than this is "stable" (negligible): of a pool tag's
 * bytes, of a counter such as a handle count. */
#define TREND_MIN_LEAK_BYTES_PER_HOUR 1024.0
#define TREND_MIN_COUNT_PER_HOUR 10.0

/* How to judge a series: its floor and whether it counts (handles) rather
 * than bytes. */
struct judge_opts {
	double	 min_per_hour;
	int	 counts;
	double	 min_leak_hours;	/* a shorter stretch is suspect at most */
};
extern const struct judge_opts trend_bytes, trend_counts;

struct trend_opts {
	int64_t	 limit_bytes[POOL_NTYPES];	/* -1: unknown */
	const char *limit_source[POOL_NTYPES];	/* "option", "vm", or NULL */
	double	 min_leak_hours;	/* a leak needs this span (0: any) */
	int	 threads;		/* judge tags on this many (0, 1: one) */
};

/* A time of exhaustion too far off to write: after the year 9999. */
#define TREND_NEVER_MS	INT64_C(253402300800000)

struct segment {
	uint32_t first, last;		/* snapshot indices, inclusive */
};

struct counter_finding;

/* What a pool trace export (WPA) says of a tag: its allocations made
 * inside the trace and outstanding at its end (AIFO), by size. */
#define TREND_SIZES	3
struct outstanding {
	int	 have;			/* the export has such rows */
	int64_t	 allocations;
	int64_t	 bytes;			/* sum of size times count */
	int64_t	 dominant_size_bytes;	/* the size of most allocations */
	int64_t	 dominant_count;
	double	 dominant_share;	/* dominant_count / allocations */
	struct {
		int64_t	 size_bytes, count;
	}	 sizes[TREND_SIZES];	/* by count, most first */
	int	 nsizes;
	int	 matches;		/* dominant size is object_bytes: 1,
					 * 0, or -1 unknown */
};

struct tag_finding {
	unsigned char	 tag[4];
	enum pool_type	 type;
	enum verdict	 verdict;
	char		 reason[256];
	const char	*driver;	/* borrowed from the table, or NULL */
	const char	*description;	/* borrowed from the table, or NULL */
	size_t		 series;	/* index in the table */
	uint32_t	 samples;	/* in the judged segment */
	int		 segment;	/* index of the judged segment, -1 none */
	double		 slope_bytes_per_hour;	/* Theil-Sen */
	double		 intercept_bytes;	/* the line: bytes = intercept +
					 * slope * hours since fit_t0_ms */
	int64_t		 fit_t0_ms;		/* the judged segment's first
					 * sample */
	double		 ci_lo, ci_hi;		/* 95% interval of the slope */
	double		 p_value;		/* Mann-Kendall, two-sided */
	double		 r2;			/* least squares */
	double		 ols_bytes_per_hour;
	int64_t		 bytes_last;
	double		 diff_slope_per_hour;	/* Theil-Sen of Diff */
	double		 object_bytes;		/* NAN if unknown */
	double		 share_of_pool_growth;	/* NAN if unknown */
	double		 hours_to_exhaustion;	/* NAN if unknown */
	double		 hours_ci_lo, hours_ci_hi;	/* from the slope's
					 * interval; NAN if unknown */
	int		 boots_leaking;	/* boots with this leak, this one too */
	int		 boots_judged;	/* boots with enough data to judge */
	double		 onset_hours;	/* a leak that started late: hours
					 * into the segment, else NAN */
	int		 short_span;	/* leak but for --min-leak-hours */
	int		 rank;			/* 1 = most dangerous */
	char		*next_step;	/* see nextstep.h, or NULL */
	const struct counter_finding *related;	/* a counter growing with
					 * it (a handle count), or NULL */
	struct outstanding outstanding;	/* from a pool trace export */
};

struct pool_finding {
	enum pool_type	 type;
	int		 have_data;
	int		 from_header;	/* totals from the header, not rows */
	int64_t		 bytes_last;
	double		 slope_bytes_per_hour;
	double		 intercept_bytes;	/* as a tag's; fit_t0_ms is the
					 * last boot's first snapshot */
	int64_t		 fit_t0_ms;
	double		 ci_lo, ci_hi;
	double		 p_value;
	int64_t		 limit_bytes;	/* -1: unknown */
	const char	*limit_source;	/* "option", "vm", or NULL */
	double		 projection_bytes_per_hour;	/* the rate of the
					 * projection: the sum of the leaks, or
					 * the slope of the total */
	int		 projection_from_leaks;
	double		 hours_to_exhaustion;	/* NAN if unknown */
	double		 hours_ci_lo, hours_ci_hi;	/* NAN if unknown */
	int64_t		 exhaustion_ms;		/* valid if hours known;
					 * TREND_NEVER_MS after the year 9999 */
	char		 note[120];
	char		*next_step;	/* see nextstep.h, or NULL */
};

/* A counter of the table (a process's handle count), judged like a tag. */
struct counter_finding {
	const char	*name;		/* borrowed from the table */
	enum verdict	 verdict;
	char		 reason[256];
	double		 slope_per_hour, ci_lo, ci_hi, p_value;
	double		 last;
	uint32_t	 samples;
	int		 rank;
	char		*next_step;	/* see nextstep.h, or NULL */
};

/* An exhaustion event of the system log, and how early the engine would
 * have called a leak given only the samples before it. */
struct event_finding {
	const struct pool_event	*event;		/* borrowed from the table */
	int			 segment;	/* the boot it fell in, -1
						 * before the first snapshot */
	const struct tag_finding *tag;		/* the leak called first, or
						 * NULL if none was */
	int64_t			 called_ms;	/* when (valid with tag) */
	double			 hours_before;	/* event time - called_ms */
	const struct tag_finding *warned;	/* the tag first judged leak
						 * or suspect, or NULL */
	int64_t			 warned_ms;	/* when (valid with warned) */
	double			 warned_hours_before;
};

/* A leak is looked for in hindsight among this many of the highest
 * ranked growing tags, and called at most this many times a series. */
#define TREND_HINDSIGHT_TAGS	10
#define TREND_HINDSIGHT_STEPS	200

struct analysis {
	size_t			 nsnapshots;
	int64_t			 first_ms, last_ms;
	int			 utc;
	int			 time_unknown;	/* one snapshot, no time */
	struct segment		*segments;
	size_t			 nsegments;
	struct pool_finding	 pools[POOL_NTYPES];
	struct tag_finding	*tags;		/* ranked */
	size_t			 ntags;
	size_t			 count[VERDICT_N];
	struct counter_finding	*counters;	/* ranked */
	size_t			 ncounters;
	struct event_finding	*events;	/* in time order */
	size_t			 nevents;
};

/* Analyse a finished table.  The result borrows strings from the table,
 * which must outlive it.  Returns NULL if the table holds no snapshot. */
struct analysis	*trend_analyse(const struct table *, const struct trend_opts *);
void		 trend_free(struct analysis *);

const char	*trend_verdict_name(enum verdict);

/* Does an allocation size match an object size from a trend?  Pool
 * blocks are rounded up to 16 bytes: they match within 16 bytes or 2% of
 * the object size, whichever is more.  Returns 1, 0, or -1 if the object
 * size is not known (NAN). */
int		 trend_size_matches(int64_t size_bytes, double object_bytes);

/* Segments of a finished table: a new one starts at every snapshot where
 * the Allocs and Frees of most tags went backwards together (a reboot).
 * The series are read on up to nthreads threads (0, 1: one); the result
 * does not depend on how many.  Returns the count; *out is allocated. */
size_t		 trend_segments(const struct table *, int nthreads,
		    struct segment **out);

/* Judge one series given as times in hours and Bytes and Diff values
 * (n samples of one segment).  Fills everything in f but the identity,
 * bytes_last, share, hours and rank.  Exposed for the tests. */
void		 trend_judge(const double *t_h, const double *bytes,
		    const double *diff, size_t n, uint64_t seed,
		    const struct judge_opts *, struct tag_finding *f);

#endif
