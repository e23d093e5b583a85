/* gate.h: what fails a run (exit status 1), for a CI pipeline: tags
 * judged at or above --fail-on, leaks and suspects growing faster than
 * --max-slope, pools running out within --min-hours; tags on the ignore
 * list never fail, and with a baseline (a previous run's JSON) only what is
 * new or worse counts. */
#ifndef GATE_H
#define GATE_H

#include <stddef.h>

#include "diag.h"
#include "input.h"
#include "trend.h"

/* Why something failed: bits. */
#define GATE_VERDICT	0x1	/* verdict at or above --fail-on */
#define GATE_SLOPE	0x2	/* growth above --max-slope */
#define GATE_HOURS	0x4	/* a pool runs out within --min-hours */

enum gate_state {
	GATE_PASS,
	GATE_FAIL,
	GATE_IGNORED,		/* on the ignore list: never fails */
	GATE_UNCHANGED		/* would fail, but not new or worse */
};

enum baseline_state {
	BASE_NONE,		/* no baseline given */
	BASE_NEW,		/* not a finding in the baseline */
	BASE_WORSE,		/* a worse verdict, faster, or sooner */
	BASE_SAME		/* no worse than the baseline */
};

struct ignore_list;
struct baseline;

struct gate_opts {
	int		 fail_on;	/* an enum verdict, or -1: never */
	int		 fail_on_given;
	double		 max_slope;	/* bytes an hour, or -1 */
	double		 min_hours;	/* or -1 */
	const struct ignore_list *ignore;	/* or NULL */
	const struct baseline	*baseline;	/* or NULL */
	const char	*baseline_path;
};

struct gate_mark {
	enum gate_state		 state;
	unsigned		 why;		/* GATE_ bits, also when not failing */
	enum baseline_state	 base;
};

struct gate {
	const struct gate_opts	*opts;
	struct gate_mark	*tags;		/* one per analysis tag */
	struct gate_mark	*counters;	/* one per analysis counter */
	struct gate_mark	 pools[POOL_NTYPES];
	size_t			 failed_tags, failed_counters, failed_pools;
	size_t			 ignored, unchanged;
	int			 failed;	/* exit status 1 */
	int			 shown;		/* a gate option was given */
};

/* Judge an analysis.  Never fails. */
struct gate	*gate_judge(const struct analysis *, const struct gate_opts *);
void		 gate_free(struct gate *);

const char	*gate_state_name(enum gate_state);
const char	*baseline_state_name(enum baseline_state);	/* NULL: none */

/* Add tag patterns (1 to 4 bytes; ? any byte, * any rest, as in
 * pooltag.txt) from a comma-separated list.  Returns 0, or -1 with diag
 * set naming the bad pattern. */
int		 ignore_add_list(struct ignore_list **, const char *,
		    struct diag *);

/* Add the patterns of a file: one or more per line, separated by blanks
 * or commas; # starts a comment.  Returns 0, or -1 with diag set. */
int		 ignore_add_file(struct ignore_list **, struct input *,
		    struct diag *);

int		 ignore_match(const struct ignore_list *,
		    const unsigned char tag[4]);
size_t		 ignore_count(const struct ignore_list *);
void		 ignore_free(struct ignore_list *);

/* Read a previous run's JSON document (-f json).  Returns NULL with diag
 * set if it is not one. */
struct baseline	*baseline_read(const char *path, struct diag *);
/* The same from len bytes of text, named name in messages. */
struct baseline	*baseline_parse(const char *text, size_t len,
		    const char *name, struct diag *);
void		 baseline_free(struct baseline *);

/* A previous fleet run's JSON document (--host-from with -f json), and
 * the baseline of each host in it: a host it does not have gets an empty
 * one (everything is new).  Each returns NULL with diag set on error. */
struct baseline_set;
struct baseline_set *baseline_set_read(const char *path, struct diag *);
struct baseline	*baseline_set_host(const struct baseline_set *,
		    const char *host, struct diag *);
void		 baseline_set_free(struct baseline_set *);

#endif
