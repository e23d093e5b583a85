/* fleet.h: many hosts, each analysed on its own, compared: the tags
 * leaking on several hosts, and a host whose tag grows while the same tag
 * is flat on its peers. */
#ifndef FLEET_H
#define FLEET_H

#include <stddef.h>

#include "gate.h"
#include "trend.h"

/* A tag is out of line on one host when it leaks there, leaks or is
 * suspect on no other host, and is stable on at least this many. */
#define FLEET_MIN_FLAT_PEERS	2

/* One host: its name and analysis, and its gate (tags the gate ignores
 * are left out of the comparison). */
struct fleet_host {
	const char		*name;
	const struct analysis	*an;
	const struct gate	*gate;		/* or NULL */
};

/* A (tag, type) judged leak on two hosts or more. */
struct fleet_tag {
	unsigned char	 tag[4];
	enum pool_type	 type;
	size_t		*hosts;		/* the leaking hosts, in host order */
	size_t		 nleak;
	size_t		 nwith;		/* hosts that have the tag at all */
	double		 median_slope;	/* bytes an hour, of the leaks */
	double		 median_object;	/* bytes, NAN if none known */
	const char	*driver;	/* the first leaking host's, or NULL */
};

/* A (tag, type) that leaks on one host and is flat on its peers. */
struct fleet_outlier {
	size_t		 host;
	size_t		 tag;		/* index into that host's an->tags */
	size_t		 flat_peers;	/* hosts judging it stable */
	double		 peers_median_slope;	/* bytes an hour */
};

struct fleet_view {
	struct fleet_tag	*tags;		/* most hosts first */
	size_t			 ntags;
	struct fleet_outlier	*outliers;	/* fastest first */
	size_t			 noutliers;
	size_t			 failed_hosts;	/* whose gate failed */
};

/* Compare n hosts.  Never fails. */
struct fleet_view	*fleet_compare(const struct fleet_host *, size_t n);
void			 fleet_free(struct fleet_view *);

#endif
