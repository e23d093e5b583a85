/* nextstep.c: the next diagnostic step for each finding, from rules. */
#include <fnmatch.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nextstep.h"
#include "units.h"
#include "util.h"

enum kind {
	KIND_TAG,
	KIND_POOL,
	KIND_COUNTER
};

/* Conditions of a rule: all must hold. */
struct rule {
	enum kind	 kind;
	char		*pattern;
	int		 driver;	/* 1: has one, 0: has none, -1: any */
	int		 verdict;	/* enum verdict, or -1: any */
	int64_t		 limit_max;	/* -1: any */
	double		 used_min;	/* fraction; NAN: any */
	char		**related;	/* patterns, NULL-terminated */
	char		*step;
};

struct nextstep_rules {
	struct rule	*r;
	size_t		 n;
};

/* The compiled-in table, a string a line (generated from
 * data/next-steps.tsv by the Makefile). */
static const char *const builtin_lines[] = {
#include "nextsteps.inc"
};

static void
free_rule(struct rule *r)
{
	size_t	 i;

	free(r->pattern);
	for (i = 0; r->related != NULL && r->related[i] != NULL; i++)
		free(r->related[i]);
	free(r->related);
	free(r->step);
}

void
nextstep_free(struct nextstep_rules *rs)
{
	size_t	 i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++)
		free_rule(&rs->r[i]);
	free(rs->r);
	free(rs);
}

size_t
nextstep_count(const struct nextstep_rules *rs)
{
	return rs->n;
}

/* One condition of the when field.  Returns 0, or -1. */
static int
condition(struct rule *r, const char *c)
{
	char	*end;
	double	 pct;

	if (strcmp(c, "driver") == 0)
		r->driver = 1;
	else if (strcmp(c, "no-driver") == 0)
		r->driver = 0;
	else if (strcmp(c, "leak") == 0)
		r->verdict = VERDICT_LEAK;
	else if (strcmp(c, "suspect") == 0)
		r->verdict = VERDICT_SUSPECT;
	else if (strncmp(c, "limit<=", 7) == 0) {
		if (util_parse_size(c + 7, &r->limit_max) == -1)
			return -1;
	} else if (strncmp(c, "used>=", 6) == 0) {
		pct = strtod(c + 6, &end);
		if (end == c + 6 || strcmp(end, "%") != 0 || !(pct >= 0) ||
		    pct > 100)
			return -1;
		r->used_min = pct / 100;
	} else
		return -1;
	return 0;
}

/* Split s at commas into a NULL-terminated array of copies. */
static char **
split_commas(const char *s)
{
	char	**v;
	size_t	 n = 1, i = 0;
	const char *p, *q;

	for (p = s; *p != '\0'; p++)
		n += *p == ',';
	v = xcalloc(n + 1, sizeof(*v));
	for (p = s; ; p = q + 1) {
		q = strchr(p, ',');
		v[i++] = q == NULL ? xstrdup(p) : xstrndup(p, (size_t)(q - p));
		if (q == NULL)
			break;
	}
	return v;
}

/* Parse one line of five fields into r.  Returns 0, or -1 with the diag
 * set. */
static int
parse_rule(char *line, struct rule *r, const char *name, long lineno,
    struct diag *d)
{
	char	*f[5], *p = line, *c, *save = NULL;
	int	 n = 0;

	while (n < 5) {
		while (*p == '\t')
			p++;
		if (*p == '\0')
			break;
		f[n++] = p;
		if (n == 5)
			break;
		p += strcspn(p, "\t");
		if (*p != '\0')
			*p++ = '\0';
	}
	if (n < 5) {
		diag_set(d, name, lineno, 0, "expected 5 fields separated by "
		    "tabs (kind, pattern, when, related, step), found %d", n);
		return -1;
	}
	memset(r, 0, sizeof(*r));
	r->driver = r->verdict = -1;
	r->limit_max = -1;
	r->used_min = NAN;
	if (strcmp(f[0], "tag") == 0)
		r->kind = KIND_TAG;
	else if (strcmp(f[0], "pool") == 0)
		r->kind = KIND_POOL;
	else if (strcmp(f[0], "counter") == 0)
		r->kind = KIND_COUNTER;
	else {
		diag_set(d, name, lineno, 0, "unknown kind '%s' (expected tag, "
		    "pool or counter)", f[0]);
		return -1;
	}
	r->pattern = xstrdup(f[1]);
	r->step = xstrdup(f[4]);
	if (strcmp(f[3], "-") != 0) {
		if (r->kind != KIND_TAG) {
			diag_set(d, name, lineno, 0, "only a tag's rule names "
			    "related counters");
			free_rule(r);
			return -1;
		}
		r->related = split_commas(f[3]);
	}
	if (strcmp(f[2], "-") == 0)
		return 0;
	for (c = strtok_r(f[2], ",", &save); c != NULL;
	    c = strtok_r(NULL, ",", &save))
		if (condition(r, c) == -1) {
			diag_set(d, name, lineno, 0, "unknown condition '%s' "
			    "(expected driver, no-driver, leak, suspect, "
			    "limit<=SIZE or used>=N%%)", c);
			free_rule(r);
			return -1;
		}
	return 0;
}

struct nextstep_rules *
nextstep_parse(const char *text, const char *name, struct diag *d)
{
	struct nextstep_rules *rs;
	const char	*p = text, *nl;
	char		*line;
	size_t		 cap = 0, len;
	long		 lineno = 0;

	rs = xcalloc(1, sizeof(*rs));
	for (; *p != '\0'; p = nl == NULL ? p + len : nl + 1) {
		nl = strchr(p, '\n');
		len = nl == NULL ? strlen(p) : (size_t)(nl - p);
		lineno++;
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len == 0 || p[0] == '#')
			continue;
		if (rs->n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			rs->r = xreallocarray(rs->r, cap, sizeof(*rs->r));
		}
		line = xstrndup(p, len);
		if (parse_rule(line, &rs->r[rs->n], name, lineno, d) == -1) {
			free(line);
			nextstep_free(rs);
			return NULL;
		}
		free(line);
		rs->n++;
	}
	return rs;
}

static struct nextstep_rules *builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void
parse_builtin(void)
{
	struct diag	 d;
	size_t		 i, len = 0;
	char		*text;

	for (i = 0; i < sizeof(builtin_lines) / sizeof(*builtin_lines); i++)
		len += strlen(builtin_lines[i]) + 1;
	text = xmalloc(len + 1);
	for (len = 0, i = 0; i < sizeof(builtin_lines) /
	    sizeof(*builtin_lines); i++) {
		memcpy(text + len, builtin_lines[i], strlen(builtin_lines[i]));
		len += strlen(builtin_lines[i]);
		text[len++] = '\n';
	}
	text[len] = '\0';
	memset(&d, 0, sizeof(d));
	/* the tests parse the same file, so this cannot fail in a build
	 * that passed them; no rules at all if it did */
	if ((builtin = nextstep_parse(text, "next-steps.tsv", &d)) == NULL)
		builtin = xcalloc(1, sizeof(*builtin));
	free(text);
}

const struct nextstep_rules *
nextstep_builtin(void)
{
	pthread_once(&builtin_once, parse_builtin);
	return builtin;
}

/* What a finding offers the rules. */
struct subject {
	enum kind	 kind;
	const char	*name;		/* tag (trimmed), pool or counter */
	const char	*type;		/* "Paged", "Nonp" or NULL */
	const char	*pool;		/* "paged", "nonpaged" or NULL */
	const char	*driver;	/* NULL if none */
	int		 verdict;
	int64_t		 limit;		/* of the pool, -1 if unknown */
	double		 used;		/* fraction of the limit, NAN */
};

static int
matches(const struct rule *r, const struct subject *s)
{
	if (r->kind != s->kind || fnmatch(r->pattern, s->name, 0) != 0)
		return 0;
	if (r->driver >= 0 && r->driver != (s->driver != NULL))
		return 0;
	if (r->verdict >= 0 && r->verdict != s->verdict)
		return 0;
	if (r->limit_max >= 0 && (s->limit < 0 || s->limit > r->limit_max))
		return 0;
	if (!isnan(r->used_min) && !(s->used >= r->used_min))
		return 0;
	return 1;
}

/* The value of the {name} at p, whose length is k, or NULL. */
static const char *
field(const char *p, size_t k, const struct subject *s, char *buf,
    size_t size)
{
	if ((k == 5 && memcmp(p, "{tag}", k) == 0) ||
	    (k == 6 && memcmp(p, "{name}", k) == 0))
		return s->name;
	if (k == 6 && memcmp(p, "{pool}", k) == 0)
		return s->pool != NULL ? s->pool : "";
	if (k == 6 && memcmp(p, "{type}", k) == 0)
		return s->type != NULL ? s->type : "";
	if (k == 8 && memcmp(p, "{driver}", k) == 0)
		return s->driver != NULL ? s->driver : "an unknown driver";
	if (k == 7 && memcmp(p, "{limit}", k) == 0)
		return s->limit >= 0 ? units_bytes((double)s->limit, buf,
		    size) : "an unknown size";
	return NULL;
}

/* The step text with its {names} replaced. */
static char *
expand(const char *step, const struct subject *s)
{
	char		*out, buf[32];
	size_t		 len = 0, cap = strlen(step) + 1, k, vl;
	const char	*p, *v;

	out = xmalloc(cap);
	for (p = step; *p != '\0'; p += k) {
		k = 1;
		v = NULL;
		if (*p == '{' && strchr(p, '}') != NULL) {
			k = (size_t)(strchr(p, '}') - p) + 1;
			v = field(p, k, s, buf, sizeof(buf));
		}
		if (v == NULL) {
			v = p;
			k = 1;
		}
		vl = v == p ? 1 : strlen(v);
		while (len + vl + 1 > cap)
			out = xreallocarray(out, cap *= 2, 1);
		memcpy(out + len, v, vl);
		len += vl;
	}
	out[len] = '\0';
	return out;
}

static const struct rule *
find_rule(const struct nextstep_rules *rs, const struct subject *s)
{
	size_t	 i;

	for (i = 0; i < rs->n; i++)
		if (matches(&rs->r[i], s))
			return &rs->r[i];
	return NULL;
}

static int
growing(int verdict)
{
	return verdict == VERDICT_LEAK || verdict == VERDICT_SUSPECT;
}

/* The growing counter a rule relates to its tag: of the first of its
 * patterns that any matches, the first in rank order. */
static const struct counter_finding *
related_counter(const struct rule *r, const struct analysis *a)
{
	size_t	 i, k;

	if (r->related == NULL)
		return NULL;
	for (k = 0; r->related[k] != NULL; k++)
		for (i = 0; i < a->ncounters; i++)
			if (growing(a->counters[i].verdict) &&
			    fnmatch(r->related[k], a->counters[i].name, 0) == 0)
				return &a->counters[i];
	return NULL;
}

void
nextstep_apply(const struct nextstep_rules *rs, struct analysis *a)
{
	static const char *const pools[] = { "paged", "nonpaged" };
	const struct rule *r;
	struct subject	 s;
	size_t		 i;
	int		 t;
	char		 tag[24];

	if (a == NULL)
		return;
	for (t = 0; t < POOL_NTYPES; t++) {
		struct pool_finding *pf = &a->pools[t];

		/* a pool that fills, grows or is full */
		if (!pf->have_data || (isnan(pf->hours_to_exhaustion) &&
		    !(pf->slope_bytes_per_hour > 0 &&
		    pf->p_value < TREND_ALPHA_SUSPECT)))
			continue;
		memset(&s, 0, sizeof(s));
		s.kind = KIND_POOL;
		s.name = s.pool = pools[t];
		s.verdict = -1;
		s.limit = pf->limit_bytes;
		s.used = pf->limit_bytes > 0 ? (double)pf->bytes_last /
		    (double)pf->limit_bytes : NAN;
		if ((r = find_rule(rs, &s)) != NULL)
			pf->next_step = expand(r->step, &s);
	}
	for (i = 0; i < a->ntags; i++) {
		struct tag_finding *f = &a->tags[i];
		const struct pool_finding *pf = &a->pools[f->type];

		if (!growing(f->verdict))
			continue;
		units_tag(f->tag, tag, sizeof(tag));
		memset(&s, 0, sizeof(s));
		s.kind = KIND_TAG;
		s.name = tag;
		s.type = f->type == POOL_PAGED ? "Paged" : "Nonp";
		s.pool = pools[f->type];
		s.driver = f->driver != NULL && f->driver[0] != '\0' ?
		    f->driver : NULL;
		s.verdict = (int)f->verdict;
		s.limit = pf->limit_bytes;
		s.used = pf->limit_bytes > 0 ? (double)pf->bytes_last /
		    (double)pf->limit_bytes : NAN;
		if ((r = find_rule(rs, &s)) == NULL)
			continue;
		f->next_step = expand(r->step, &s);
		f->related = related_counter(r, a);
	}
	for (i = 0; i < a->ncounters; i++) {
		struct counter_finding *c = &a->counters[i];

		if (!growing(c->verdict))
			continue;
		memset(&s, 0, sizeof(s));
		s.kind = KIND_COUNTER;
		s.name = c->name;
		s.verdict = (int)c->verdict;
		s.limit = -1;
		s.used = NAN;
		if ((r = find_rule(rs, &s)) != NULL)
			c->next_step = expand(r->step, &s);
	}
}
