/* fleet.c: the hosts of a fleet compared, tag by tag. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fleet.h"
#include "stats.h"
#include "util.h"

/* One (tag, type) on one host. */
struct entry {
	unsigned char	 tag[4];
	int		 type;
	size_t		 host, idx;
};

static int
entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int	 c;

	if ((c = memcmp(a->tag, b->tag, 4)) != 0)
		return c;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->host != b->host)
		return a->host < b->host ? -1 : 1;
	return 0;
}

/* Larger first, unknown (NAN) last. */
static int
desc(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) - isnan(b);
	return a > b ? -1 : a < b;
}

static int
tag_cmp(const void *pa, const void *pb)
{
	const struct fleet_tag *a = pa, *b = pb;
	int	 c;

	if (a->nleak != b->nleak)
		return a->nleak > b->nleak ? -1 : 1;
	if ((c = desc(a->median_slope, b->median_slope)) != 0)
		return c;
	if ((c = memcmp(a->tag, b->tag, 4)) != 0)
		return c;
	return (int)a->type - (int)b->type;
}

/* An outlier with its host's slope, to sort by. */
struct outlier_sort {
	struct fleet_outlier	 o;
	double			 slope;
};

static int
outlier_cmp(const void *pa, const void *pb)
{
	const struct outlier_sort *a = pa, *b = pb;
	int	 c;

	if ((c = desc(a->slope, b->slope)) != 0)
		return c;
	if (a->o.host != b->o.host)
		return a->o.host < b->o.host ? -1 : 1;
	return a->o.tag < b->o.tag ? -1 : a->o.tag > b->o.tag;
}

static const struct tag_finding *
finding(const struct fleet_host *h, const struct entry *e)
{
	return &h[e->host].an->tags[e->idx];
}

/* One (tag, type) over the hosts that have it: e[0..n). */
static void
judge(const struct fleet_host *h, const struct entry *e, size_t n,
    struct fleet_view *v, struct outlier_sort **os, size_t *nos,
    double *scratch)
{
	const struct tag_finding *f;
	struct fleet_tag *ft;
	size_t	 i, nleak = 0, nsuspect = 0, nstable = 0, k, leak = 0;

	for (i = 0; i < n; i++) {
		f = finding(h, &e[i]);
		if (f->verdict == VERDICT_LEAK) {
			nleak++;
			leak = i;
		} else if (f->verdict == VERDICT_SUSPECT)
			nsuspect++;
		else if (f->verdict == VERDICT_STABLE)
			nstable++;
	}
	if (nleak >= 2) {
		v->tags = xreallocarray(v->tags, v->ntags + 1,
		    sizeof(*v->tags));
		ft = &v->tags[v->ntags++];
		memset(ft, 0, sizeof(*ft));
		memcpy(ft->tag, e[0].tag, 4);
		ft->type = (enum pool_type)e[0].type;
		ft->nwith = n;
		ft->hosts = xcalloc(nleak, sizeof(*ft->hosts));
		for (i = 0, k = 0; i < n; i++) {
			f = finding(h, &e[i]);
			if (f->verdict != VERDICT_LEAK)
				continue;
			if (ft->driver == NULL)
				ft->driver = f->driver;
			if (!isnan(f->slope_bytes_per_hour))
				scratch[k++] = f->slope_bytes_per_hour;
			ft->hosts[ft->nleak++] = e[i].host;
		}
		ft->median_slope = k > 0 ? stats_median(scratch, k) : NAN;
		for (i = 0, k = 0; i < n; i++) {
			f = finding(h, &e[i]);
			if (f->verdict == VERDICT_LEAK && !isnan(f->object_bytes))
				scratch[k++] = f->object_bytes;
		}
		ft->median_object = k > 0 ? stats_median(scratch, k) : NAN;
	} else if (nleak == 1 && nsuspect == 0 &&
	    nstable >= FLEET_MIN_FLAT_PEERS) {
		*os = xreallocarray(*os, *nos + 1, sizeof(**os));
		(*os)[*nos].o.host = e[leak].host;
		(*os)[*nos].o.tag = e[leak].idx;
		(*os)[*nos].o.flat_peers = nstable;
		(*os)[*nos].slope = finding(h, &e[leak])->slope_bytes_per_hour;
		for (i = 0, k = 0; i < n; i++) {
			f = finding(h, &e[i]);
			if (f->verdict == VERDICT_STABLE &&
			    !isnan(f->slope_bytes_per_hour))
				scratch[k++] = f->slope_bytes_per_hour;
		}
		(*os)[*nos].o.peers_median_slope = k > 0 ?
		    stats_median(scratch, k) : NAN;
		(*nos)++;
	}
}

struct fleet_view *
fleet_compare(const struct fleet_host *h, size_t n)
{
	struct fleet_view *v = xcalloc(1, sizeof(*v));
	struct entry	*e;
	struct outlier_sort *os = NULL;
	double		*scratch;
	size_t		 ne = 0, total = 0, i, j, k, nos = 0;

	for (i = 0; i < n; i++) {
		total += h[i].an != NULL ? h[i].an->ntags : 0;
		v->failed_hosts += h[i].gate != NULL && h[i].gate->failed;
	}
	e = xcalloc(total + 1, sizeof(*e));
	for (i = 0; i < n; i++)
		for (j = 0; h[i].an != NULL && j < h[i].an->ntags; j++) {
			if (h[i].gate != NULL &&
			    h[i].gate->tags[j].state == GATE_IGNORED)
				continue;
			memcpy(e[ne].tag, h[i].an->tags[j].tag, 4);
			e[ne].type = (int)h[i].an->tags[j].type;
			e[ne].host = i;
			e[ne].idx = j;
			ne++;
		}
	if (ne > 0)
		qsort(e, ne, sizeof(*e), entry_cmp);
	scratch = xcalloc(n + 1, sizeof(*scratch));
	for (i = 0; i < ne; i = k) {
		for (k = i + 1; k < ne && memcmp(e[k].tag, e[i].tag, 4) == 0 &&
		    e[k].type == e[i].type; k++)
			;
		judge(h, e + i, k - i, v, &os, &nos, scratch);
	}
	if (v->ntags > 0)
		qsort(v->tags, v->ntags, sizeof(*v->tags), tag_cmp);
	if (nos > 0) {
		qsort(os, nos, sizeof(*os), outlier_cmp);
		v->outliers = xcalloc(nos, sizeof(*v->outliers));
		for (i = 0; i < nos; i++)
			v->outliers[i] = os[i].o;
		v->noutliers = nos;
	}
	free(os);
	free(scratch);
	free(e);
	return v;
}

void
fleet_free(struct fleet_view *v)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < v->ntags; i++)
		free(v->tags[i].hosts);
	free(v->tags);
	free(v->outliers);
	free(v);
}
