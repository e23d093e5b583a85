/* gate.c: the CI gate: thresholds, the ignore list and the baseline. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "csvin.h"
#include "gate.h"
#include "util.h"

struct ignore_list {
	unsigned char	(*pat)[4];	/* blank padded unless wild */
	int		*wild;
	size_t		 n, cap;
};

struct base_tag {
	unsigned char	 tag[4];
	int		 type;
	int		 verdict;
	double		 ci_hi;		/* top of the slope's interval */
};

struct base_counter {
	char		*name;
	int		 verdict;
	double		 ci_hi;
};

struct baseline {
	struct base_tag		*tags;
	size_t			 ntags;
	struct base_counter	*counters;
	size_t			 ncounters;
	double			 pool_hours[POOL_NTYPES];	/* NAN: none */
};

static const char *const state_names[] = {
	"pass", "fail", "ignored", "unchanged"
};
static const char *const base_names[] = {
	NULL, "new", "worse", "same"
};

const char *
gate_state_name(enum gate_state s)
{
	return state_names[s];
}

const char *
baseline_state_name(enum baseline_state b)
{
	return base_names[b];
}

/* A pool running out sooner than this share of the baseline's time is
 * worse. */
#define SOONER	0.9

static int
tagcmp(const unsigned char a[4], int at, const unsigned char b[4], int bt)
{
	int	 c = memcmp(a, b, 4);

	return c != 0 ? c : at - bt;
}

static int
base_tag_cmp(const void *a, const void *b)
{
	const struct base_tag *x = a, *y = b;

	return tagcmp(x->tag, x->type, y->tag, y->type);
}

static const struct base_tag *
base_find(const struct baseline *b, const unsigned char tag[4], int type)
{
	size_t	 lo = 0, hi = b->ntags, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = tagcmp(tag, type, b->tags[mid].tag, b->tags[mid].type);
		if (c == 0)
			return &b->tags[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Compare a finding with its baseline entry (found or not). */
static enum baseline_state
compare(int verdict, double slope, int found, int bverdict, double bci_hi)
{
	int	 finding = verdict == VERDICT_LEAK || verdict == VERDICT_SUSPECT;

	if (!found || (finding && bverdict != VERDICT_LEAK &&
	    bverdict != VERDICT_SUSPECT))
		return finding || !found ? BASE_NEW : BASE_SAME;
	if (verdict < bverdict)
		return BASE_WORSE;
	if (finding && !isnan(bci_hi) && slope > bci_hi && slope > 0)
		return BASE_WORSE;
	return BASE_SAME;
}

/* The state of something with the reasons why it would fail. */
static enum gate_state
state(unsigned why, int ignored, const struct gate_opts *o,
    enum baseline_state base)
{
	if (ignored)
		return GATE_IGNORED;
	if (why == 0)
		return GATE_PASS;
	if (o->baseline != NULL && base == BASE_SAME)
		return GATE_UNCHANGED;
	return GATE_FAIL;
}

struct gate *
gate_judge(const struct analysis *a, const struct gate_opts *o)
{
	struct gate	*g = xcalloc(1, sizeof(*g));
	const struct baseline *b = o->baseline;
	size_t		 i, k;
	int		 t, found, bv;
	double		 bhi;

	g->opts = o;
	g->shown = o->fail_on_given || o->max_slope >= 0 || o->min_hours >= 0 ||
	    o->ignore != NULL || b != NULL;
	g->tags = xcalloc(a->ntags + 1, sizeof(*g->tags));
	g->counters = xcalloc(a->ncounters + 1, sizeof(*g->counters));
	for (i = 0; i < a->ntags; i++) {
		const struct tag_finding *f = &a->tags[i];
		struct gate_mark *m = &g->tags[i];
		const struct base_tag *bt = NULL;

		if (o->fail_on >= 0 && (int)f->verdict <= o->fail_on)
			m->why |= GATE_VERDICT;
		if (o->max_slope >= 0 && (f->verdict == VERDICT_LEAK ||
		    f->verdict == VERDICT_SUSPECT) &&
		    f->slope_bytes_per_hour > o->max_slope)
			m->why |= GATE_SLOPE;
		if (b != NULL) {
			bt = base_find(b, f->tag, (int)f->type);
			m->base = compare((int)f->verdict, f->slope_bytes_per_hour,
			    bt != NULL, bt != NULL ? bt->verdict : 0,
			    bt != NULL ? bt->ci_hi : NAN);
		}
		m->state = state(m->why, o->ignore != NULL &&
		    ignore_match(o->ignore, f->tag), o, m->base);
		g->failed_tags += m->state == GATE_FAIL;
		g->ignored += m->state == GATE_IGNORED;
		g->unchanged += m->state == GATE_UNCHANGED;
	}
	for (i = 0; i < a->ncounters; i++) {
		const struct counter_finding *c = &a->counters[i];
		struct gate_mark *m = &g->counters[i];

		if (o->fail_on >= 0 && (int)c->verdict <= o->fail_on)
			m->why |= GATE_VERDICT;
		if (b != NULL) {
			found = 0;
			bv = 0;
			bhi = NAN;
			for (k = 0; k < b->ncounters && !found; k++)
				if (strcmp(b->counters[k].name, c->name) == 0) {
					found = 1;
					bv = b->counters[k].verdict;
					bhi = b->counters[k].ci_hi;
				}
			m->base = compare((int)c->verdict, c->slope_per_hour,
			    found, bv, bhi);
		}
		m->state = state(m->why, 0, o, m->base);
		g->failed_counters += m->state == GATE_FAIL;
		g->unchanged += m->state == GATE_UNCHANGED;
	}
	for (t = 0; t < POOL_NTYPES; t++) {
		const struct pool_finding *p = &a->pools[t];
		struct gate_mark *m = &g->pools[t];
		double	 h = p->hours_to_exhaustion, bh;

		if (o->min_hours >= 0 && !isnan(h) && h < o->min_hours)
			m->why |= GATE_HOURS;
		if (b != NULL) {
			bh = b->pool_hours[t];
			if (isnan(h))
				m->base = BASE_SAME;
			else if (isnan(bh))
				m->base = BASE_NEW;
			else
				m->base = h < SOONER * bh ? BASE_WORSE :
				    BASE_SAME;
		}
		m->state = state(m->why, 0, o, m->base);
		g->failed_pools += m->state == GATE_FAIL;
		g->unchanged += m->state == GATE_UNCHANGED;
	}
	g->failed = g->failed_tags + g->failed_counters + g->failed_pools > 0;
	return g;
}

void
gate_free(struct gate *g)
{
	if (g == NULL)
		return;
	free(g->tags);
	free(g->counters);
	free(g);
}

/* One pattern of n bytes.  Returns 0, or -1 if it is not a tag pattern. */
static int
ignore_add(struct ignore_list **lp, const char *s, size_t n)
{
	struct ignore_list *l;
	unsigned char	 pat[4];
	int		 wild = 0;
	size_t		 i;

	if (csvin_tag(s, n, pat) == -1)
		return -1;
	for (i = 0; i < 4; i++)
		if (pat[i] == '?' || pat[i] == '*')
			wild = 1;
	if ((l = *lp) == NULL)
		l = *lp = xcalloc(1, sizeof(*l));
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 16 : l->cap * 2;
		l->pat = xreallocarray(l->pat, l->cap, sizeof(*l->pat));
		l->wild = xreallocarray(l->wild, l->cap, sizeof(*l->wild));
	}
	memcpy(l->pat[l->n], pat, 4);
	l->wild[l->n++] = wild;
	return 0;
}

/* The patterns of s up to e, separated by any of seps. */
static int
ignore_split(struct ignore_list **lp, const char *s, const char *e,
    const char *seps, const char *where, long line, struct diag *d)
{
	const char	*w;
	char		 ex[64];

	while (s < e) {
		while (s < e && strchr(seps, *s) != NULL)
			s++;
		for (w = s; w < e && strchr(seps, *w) == NULL; w++)
			;
		if (w > s && ignore_add(lp, s, (size_t)(w - s)) == -1) {
			diag_set(d, where, line, 0, "not a tag pattern: '%s' "
			    "(1 to 4 bytes; ? any byte, * any rest)",
			    parse_excerpt(s, (size_t)(w - s), ex, sizeof(ex)));
			return -1;
		}
		s = w;
	}
	return 0;
}

int
ignore_add_list(struct ignore_list **lp, const char *s, struct diag *d)
{
	size_t	 n = strlen(s);

	if (ignore_split(lp, s, s + n, ",", NULL, 0, d) == -1)
		return -1;
	if (*lp == NULL || strspn(s, ",") == n) {
		diag_set(d, NULL, 0, 0, "--ignore: no tag pattern in '%s'", s);
		return -1;
	}
	return 0;
}

int
ignore_add_file(struct ignore_list **lp, struct input *in, struct diag *d)
{
	const char	*l, *hash;
	size_t		 n;
	int		 r;

	while ((r = input_getline(in, &l, &n)) == 1) {
		if ((hash = memchr(l, '#', n)) != NULL)
			n = (size_t)(hash - l);
		if (ignore_split(lp, l, l + n, " \t,", input_name(in),
		    input_lineno(in), d) == -1)
			return -1;
	}
	if (r == 0 && *lp == NULL) {
		diag_set(d, input_name(in), 0, 0, "no tag pattern in the file");
		return -1;
	}
	return r == -1 ? -1 : 0;
}

int
ignore_match(const struct ignore_list *l, const unsigned char tag[4])
{
	size_t	 i, k;

	for (i = 0; i < l->n; i++) {
		if (!l->wild[i]) {
			if (memcmp(l->pat[i], tag, 4) == 0)
				return 1;
			continue;
		}
		for (k = 0; k < 4; k++) {
			if (l->pat[i][k] == '*')
				return 1;
			if (l->pat[i][k] != '?' && l->pat[i][k] != tag[k])
				break;
		}
		if (k == 4)
			return 1;
	}
	return 0;
}

size_t
ignore_count(const struct ignore_list *l)
{
	return l == NULL ? 0 : l->n;
}

void
ignore_free(struct ignore_list *l)
{
	if (l == NULL)
		return;
	free(l->pat);
	free(l->wild);
	free(l);
}

static int
verdict_of(const char *s)
{
	int	 v;

	for (v = 0; s != NULL && v < VERDICT_N; v++)
		if (strcmp(s, trend_verdict_name((enum verdict)v)) == 0)
			return v;
	return -1;
}

/* A number, or NAN for null. */
static double
number(json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

static double
ci_hi(json_t *o, const char *key)
{
	json_t	*v = json_array_get(json_object_get(o, key), 1);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

static int
type_of(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "paged") == 0)
		return POOL_PAGED;
	if (strcmp(s, "nonpaged") == 0)
		return POOL_NONPAGED;
	return -1;
}

/* The baseline in a parsed document, which it consumes. */
static struct baseline *
baseline_of(json_t *root, const char *path, struct diag *d)
{
	struct baseline	*b;
	json_t		*tags, *pools, *counters, *o;
	const char	*s;
	size_t		 i;
	int		 t;

	tags = json_object_get(root, "tags");
	pools = json_object_get(root, "pools");
	counters = json_object_get(root, "counters");
	if (json_integer_value(json_object_get(root, "schema_version")) != 1 ||
	    !json_is_array(tags) || !json_is_array(pools)) {
		diag_set(d, path, 0, 0, "not a pooltrend JSON report (schema "
		    "version 1, from -f json)");
		json_decref(root);
		return NULL;
	}
	b = xcalloc(1, sizeof(*b));
	b->tags = xcalloc(json_array_size(tags) + 1, sizeof(*b->tags));
	for (i = 0; i < json_array_size(tags); i++) {
		struct base_tag *bt = &b->tags[b->ntags];

		o = json_array_get(tags, i);
		s = json_string_value(json_object_get(o, "tag"));
		if (s == NULL || csvin_tag(s, strlen(s), bt->tag) == -1 ||
		    (bt->type = type_of(json_string_value(json_object_get(o,
		    "type")))) == -1 || (bt->verdict = verdict_of(
		    json_string_value(json_object_get(o, "verdict")))) == -1) {
			diag_set(d, path, 0, 0, "tag %zu of the baseline has no "
			    "tag, type or verdict", i + 1);
			baseline_free(b);
			json_decref(root);
			return NULL;
		}
		/* the top of the slope's interval, else the slope */
		if (isnan(bt->ci_hi = ci_hi(o, "slope_ci_bytes_per_hour")))
			bt->ci_hi = number(o, "slope_bytes_per_hour");
		b->ntags++;
	}
	qsort(b->tags, b->ntags, sizeof(*b->tags), base_tag_cmp);
	b->counters = xcalloc(json_array_size(counters) + 1,
	    sizeof(*b->counters));
	for (i = 0; i < json_array_size(counters); i++) {
		struct base_counter *bc = &b->counters[b->ncounters];

		o = json_array_get(counters, i);
		if ((s = json_string_value(json_object_get(o, "name"))) == NULL ||
		    (bc->verdict = verdict_of(json_string_value(
		    json_object_get(o, "verdict")))) == -1) {
			diag_set(d, path, 0, 0, "counter %zu of the baseline "
			    "has no name or verdict", i + 1);
			baseline_free(b);
			json_decref(root);
			return NULL;
		}
		bc->name = xstrdup(s);
		if (isnan(bc->ci_hi = ci_hi(o, "slope_ci_per_hour")))
			bc->ci_hi = number(o, "slope_per_hour");
		b->ncounters++;
	}
	for (t = 0; t < POOL_NTYPES; t++)
		b->pool_hours[t] = NAN;
	for (i = 0; i < json_array_size(pools); i++) {
		o = json_array_get(pools, i);
		if ((t = type_of(json_string_value(json_object_get(o,
		    "type")))) >= 0)
			b->pool_hours[t] = number(o, "hours_to_exhaustion");
	}
	json_decref(root);
	return b;
}

struct baseline *
baseline_read(const char *path, struct diag *d)
{
	json_error_t	 err;
	json_t		*root;

	if ((root = json_load_file(path, 0, &err)) == NULL) {
		diag_set(d, path, err.line > 0 ? err.line : 0, 0,
		    "not a JSON document: %s", err.text);
		return NULL;
	}
	return baseline_of(root, path, d);
}

struct baseline *
baseline_parse(const char *text, size_t len, const char *name,
    struct diag *d)
{
	json_error_t	 err;
	json_t		*root;

	if ((root = json_loadb(text, len, 0, &err)) == NULL) {
		diag_set(d, name, err.line > 0 ? err.line : 0, 0,
		    "not a JSON document: %s", err.text);
		return NULL;
	}
	return baseline_of(root, name, d);
}

void
baseline_free(struct baseline *b)
{
	size_t	 i;

	if (b == NULL)
		return;
	for (i = 0; i < b->ncounters; i++)
		free(b->counters[i].name);
	free(b->counters);
	free(b->tags);
	free(b);
}

struct baseline_set {
	json_t		*root;
	json_t		*hosts;
	char		*path;
};

struct baseline_set *
baseline_set_read(const char *path, struct diag *d)
{
	struct baseline_set *s;
	json_error_t	 err;
	json_t		*root, *hosts;

	if ((root = json_load_file(path, 0, &err)) == NULL) {
		diag_set(d, path, err.line > 0 ? err.line : 0, 0,
		    "not a JSON document: %s", err.text);
		return NULL;
	}
	hosts = json_object_get(root, "hosts");
	if (json_integer_value(json_object_get(root, "schema_version")) != 1 ||
	    !json_is_object(json_object_get(root, "fleet")) ||
	    !json_is_array(hosts)) {
		diag_set(d, path, 0, 0, "not a pooltrend fleet report (schema "
		    "version 1, from --host-from dir -f json)");
		json_decref(root);
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->root = root;
	s->hosts = hosts;
	s->path = xstrdup(path);
	return s;
}

struct baseline *
baseline_set_host(const struct baseline_set *s, const char *host,
    struct diag *d)
{
	struct baseline	*b;
	json_t		*doc;
	const char	*name;
	size_t		 k;
	int		 t;

	for (k = 0; k < json_array_size(s->hosts); k++) {
		doc = json_array_get(s->hosts, k);
		name = json_string_value(json_object_get(doc, "host"));
		if (name != NULL && strcmp(name, host) == 0)
			return baseline_of(json_incref(doc), s->path, d);
	}
	/* a host new to the fleet: everything is new */
	b = xcalloc(1, sizeof(*b));
	b->tags = xcalloc(1, sizeof(*b->tags));
	b->counters = xcalloc(1, sizeof(*b->counters));
	for (t = 0; t < POOL_NTYPES; t++)
		b->pool_hours[t] = NAN;
	return b;
}

void
baseline_set_free(struct baseline_set *s)
{
	if (s == NULL)
		return;
	json_decref(s->root);
	free(s->path);
	free(s);
}
