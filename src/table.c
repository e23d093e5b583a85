/* table.c: the tag table, (tag, pool type) -> time series; knows no format. */
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>		/* malloc_trim */
#endif

#include "table.h"
#include "util.h"

struct series {
	struct series_info info;
	char		*driver;
	char		*description;
	uint8_t		*buf;		/* varint records, see put_sample */
	size_t		 len, cap;
	uint64_t	 key;		/* tag | type << 32 */
	uint32_t	 last_snap;	/* of the last sample appended */
	int64_t		 last[4];	/* allocs, frees, diff, bytes */
	int		 ordered;	/* appended in increasing snapshot */
	uint32_t	 slen;		/* bytes in its stage (see stage_sample) */
	uint32_t	 sn;		/* samples in its stage */
};

/* Open addressing from 64-bit keys to indices; slot value 0 is empty. */
struct map {
	uint64_t	*keys;
	uint32_t	*vals;		/* index + 1 */
	size_t		 cap;		/* power of two */
	size_t		 n;
};

struct counter {
	char		*name;
	uint32_t	*snap;
	double		*value;
	size_t		 n, cap;
};

/* What trend_segments counts at a snapshot, counted as the rows come
 * (see table_falls): the snapshot with rows before it (or NONE), the
 * series with a sample there and here, and of those the ones whose
 * Allocs and Frees are both lower here. */
struct fall {
	uint32_t	 prev;
	uint32_t	 shared;
	uint32_t	 down;
};

#define NONE	UINT32_MAX

/* The samples of a row go first to a stage of STAGE bytes, one for each
 * of the first NSTAGE series in one array, and from there to the series'
 * buffer a stage at a time (see stage_sample). */
#define STAGE	256
#define NSTAGE	4096
/* how many series ahead a flush is seen coming (see stage_sample) */
#define AHEAD	16

/* bytes of samples table_append frees between giving memory back */
#define TRIM_BYTES	((size_t)1 << 20)

struct table {
	struct pool_event *events;
	size_t		 nevents, eventcap;
	struct counter	*counters;
	size_t		 ncounters, countercap;
	struct snapshot	*snaps;
	struct fall	*falls;		/* one a snapshot */
	size_t		 nsnaps, snapcap;
	uint32_t	 cur;		/* the snapshot rows last went to */
	double		 expect;	/* snapshots to expect, 0: not known
					 * (see table_expect) */
	int		 falls_ok;	/* rows in time order so far */
	struct map	 snapmap;	/* t_ms -> snapshot */
	struct series	*series;
	uint8_t		*stage;		/* STAGE bytes for each of the first
					 * NSTAGE series */
	size_t		 nseries, seriescap;
	struct map	 seriesmap;	/* tag | type << 32 -> series */
	size_t		 next;		/* the series after the last added to */
	size_t		 nsamples;
	struct alloc_group *allocs;	/* sorted and summed by table_finish */
	size_t		 nallocs, alloccap;
	int		 finished;
	int		 have_offset;
	int64_t		 offset_ms;
};

static uint64_t
mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

static uint32_t *
map_slot(struct map *m, uint64_t key)
{
	size_t	 i = (size_t)mix(key) & (m->cap - 1);

	while (m->vals[i] != 0 && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = key;
	return &m->vals[i];
}

static void
map_grow(struct map *m)
{
	struct map	 old = *m;
	size_t		 i;

	m->cap = old.cap == 0 ? 256 : old.cap * 2;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->vals = xcalloc(m->cap, sizeof(*m->vals));
	for (i = 0; i < old.cap; i++)
		if (old.vals[i] != 0)
			*map_slot(m, old.keys[i]) = old.vals[i];
	free(old.keys);
	free(old.vals);
}

/* The slot for key; *slot == 0 means absent, store index + 1 there. */
static uint32_t *
map_find(struct map *m, uint64_t key)
{
	if ((m->n + 1) * 2 > m->cap)
		map_grow(m);
	return map_slot(m, key);
}

struct table *
table_new(void)
{
	struct table	*t = xcalloc(1, sizeof(struct table));

	t->cur = NONE;
	t->falls_ok = 1;
	return t;
}

void
table_free(struct table *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nseries; i++) {
		free(t->series[i].buf);
		free(t->series[i].driver);
		free(t->series[i].description);
	}
	free(t->series);
	free(t->stage);
	for (i = 0; i < t->nevents; i++) {
		free((char *)t->events[i].source);
		free((char *)t->events[i].message);
	}
	free(t->events);
	for (i = 0; i < t->ncounters; i++) {
		free(t->counters[i].name);
		free(t->counters[i].snap);
		free(t->counters[i].value);
	}
	free(t->counters);
	free(t->allocs);
	free(t->snaps);
	free(t->falls);
	free(t->snapmap.keys);
	free(t->snapmap.vals);
	free(t->seriesmap.keys);
	free(t->seriesmap.vals);
	free(t);
}

void
table_set_local_offset(struct table *t, int64_t offset_ms)
{
	t->have_offset = 1;
	t->offset_ms = offset_ms;
}

uint32_t
table_snapshot_at(struct table *t, int64_t t_ms, int utc)
{
	uint32_t	*slot;
	struct snapshot	*s;

	if (!utc && t->have_offset) {
		t_ms -= t->offset_ms;
		utc = 1;
	}
	slot = map_find(&t->snapmap, (uint64_t)t_ms);
	if (*slot != 0)
		return *slot - 1;
	if (t->nsnaps == t->snapcap) {
		t->snapcap = t->snapcap == 0 ? 64 : t->snapcap * 2;
		t->snaps = xreallocarray(t->snaps, t->snapcap, sizeof(*s));
		t->falls = xreallocarray(t->falls, t->snapcap,
		    sizeof(*t->falls));
	}
	t->falls[t->nsnaps].prev = NONE;
	t->falls[t->nsnaps].shared = t->falls[t->nsnaps].down = 0;
	s = &t->snaps[t->nsnaps];
	memset(s, 0, sizeof(*s));
	s->t_ms = t_ms;
	s->hdr_bytes[POOL_PAGED] = s->hdr_bytes[POOL_NONPAGED] = -1;
	s->phys_bytes = -1;
	s->utc = utc;
	t->snapmap.n++;
	*slot = (uint32_t)++t->nsnaps;
	return (uint32_t)(t->nsnaps - 1);
}

void
table_mark_untimed(struct table *t, uint32_t snap)
{
	t->snaps[snap].untimed = 1;
}

void
table_set_header(struct table *t, uint32_t snap, int64_t paged,
    int64_t nonpaged, int64_t phys)
{
	struct snapshot	*s = &t->snaps[snap];

	if (paged >= 0)
		s->hdr_bytes[POOL_PAGED] = paged;
	if (nonpaged >= 0)
		s->hdr_bytes[POOL_NONPAGED] = nonpaged;
	if (phys >= 0)
		s->phys_bytes = phys;
}

/* Write v as a varint at p: seven bits a byte, low first, the high bit
 * set on all but the last.  Returns the end. */
static uint8_t *
put_varint(uint8_t *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8_t)v;
	return p;
}

static uint64_t
zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

/* b - a, wrapping as the counters do rather than overflowing */
static int64_t
delta(int64_t b, int64_t a)
{
	return (int64_t)((uint64_t)b - (uint64_t)a);
}

/* a + b and a - b, held at INT64_MIN and INT64_MAX rather than
 * overflowing: a snapshot's sum of Bytes, which rows of any size make */
static int64_t
sum_sat(int64_t a, int64_t b)
{
	if (b > 0 && a > INT64_MAX - b)
		return INT64_MAX;
	if (b < 0 && a < INT64_MIN - b)
		return INT64_MIN;
	return a + b;
}

static int64_t
sub_sat(int64_t a, int64_t b)
{
	if (b < 0 && a > INT64_MAX + b)
		return INT64_MAX;
	if (b > 0 && a < INT64_MIN + b)
		return INT64_MIN;
	return a - b;
}

/* What Frees has that Allocs - Diff does not: 0 in a poolmon row, where
 * Diff is Allocs - Frees. */
static int64_t
frees_rest(int64_t allocs, int64_t frees, int64_t diff)
{
	return delta(delta(allocs, diff), frees);
}

/* Room for len bytes of samples, the last at snapshot snap, the table
 * expecting expect snapshots in all (0: not known; see table_expect): a
 * half more, or, once 64 snapshots have shown the series' bytes a
 * snapshot, what it will need by the last one at that rate (a sparse
 * series keeps its density), with a 32nd to spare, but at most 64 times
 * what it has or holds; never less than an eighth more.  Sized so, the
 * buffers of a long file end with little slack, and grow a few times
 * rather than a dozen. */
static void
grow(struct series *s, size_t len, uint32_t snap, double expect)
{
	double	 need;
	size_t	 cap, most;

	if (s->cap < 64)
		cap = 128;
	else if (expect > 0 && snap >= 63) {
		need = (double)len * expect / ((double)snap + 1) *
		    (33.0 / 32) + 64;
		most = (len > s->cap ? len : s->cap) * 64;
		cap = need < (double)most ? (size_t)need : most;
	} else
		cap = s->cap + s->cap / 2;
	if (cap < len + len / 8 + 50)
		cap = len + len / 8 + 50;
	s->buf = xreallocarray(s->buf, cap, 1);
	s->cap = cap;
}

/* A sample is five varints: the zigzag deltas of the snapshot index,
 * Allocs, Frees' rest (see frees_rest), Diff and Bytes from the previous
 * sample (from 0 for the first).  The rest of a poolmon row takes one
 * byte; steady series cost 5 to 10 bytes a sample. */
static uint8_t *
encode(struct series *s, uint8_t *p, const struct sample *x)
{
	p = put_varint(p, zigzag((int64_t)x->snap - (int64_t)s->last_snap));
	p = put_varint(p, zigzag(delta(x->allocs, s->last[0])));
	p = put_varint(p, zigzag(delta(frees_rest(x->allocs, x->frees,
	    x->diff), frees_rest(s->last[0], s->last[1], s->last[2]))));
	p = put_varint(p, zigzag(delta(x->diff, s->last[2])));
	p = put_varint(p, zigzag(delta(x->bytes, s->last[3])));
	if (s->info.n > 0 && x->snap < s->last_snap)
		s->ordered = 0;
	s->last_snap = x->snap;
	s->last[0] = x->allocs;
	s->last[1] = x->frees;
	s->last[2] = x->diff;
	s->last[3] = x->bytes;
	s->info.n++;
	return p;
}

/* Append a sample to the buffer of s, which has nothing staged. */
static void
put_sample(struct series *s, const struct sample *x, double expect)
{
	/* room for five varints of ten bytes */
	if (s->cap - s->len < 50)
		grow(s, s->len, x->snap, expect);
	s->len = (size_t)(encode(s, s->buf + s->len, x) - s->buf);
}

/* Move what the stage of series i holds to the end of its buffer; snap
 * is the snapshot of the next sample, for sizing. */
static void
flush(struct table *t, size_t i, uint32_t snap)
{
	struct series	*s = &t->series[i];

	if (s->slen == 0)
		return;
	if (s->cap - s->len < s->slen)
		grow(s, s->len + s->slen, snap, t->expect);
	memcpy(s->buf + s->len, t->stage + i * STAGE, s->slen);
	s->len += s->slen;
	s->slen = s->sn = 0;
}

/* Flush every stage: before anything reads or moves the buffers.  With
 * last, no sample follows: a buffer that needs room gets just that. */
static void
flush_all(struct table *t, int last)
{
	struct series	*s;
	size_t		 i;

	for (i = 0; i < t->nseries && i < NSTAGE; i++) {
		s = &t->series[i];
		if (last && s->cap - s->len < s->slen) {
			s->cap = s->len + s->slen;
			s->buf = xreallocarray(s->buf, s->cap, 1);
		}
		flush(t, i, s->last_snap + 1);
	}
}

/* put_sample for a row added: through the stage of series i, if it has
 * one.  A snapshot's rows go to the series one after another, and so
 * through one array from end to end, where their buffers' ends would
 * each be on a page of its own: with thousands of series, more pages
 * than the processor keeps the addresses of (its TLB).  A buffer is
 * written a stage, some thirty samples, at a time. */
static void
stage_sample(struct table *t, size_t i, const struct sample *x)
{
	struct series	*s = &t->series[i];
	uint8_t		*b;
#if defined(__GNUC__)
	struct series	*a;
	size_t		 k;
#endif

	if (i >= NSTAGE) {
		put_sample(s, x, t->expect);
		return;
	}
	/* The rows of a snapshot come in the order of the series, mostly:
	 * the series AHEAD on will most likely get a row soon, and if its
	 * stage is full then, its buffer's end is written.  Ask for that
	 * end now, so that it is in the cache by then. */
#if defined(__GNUC__)
	if (i + AHEAD < t->nseries && i + AHEAD < NSTAGE &&
	    STAGE - (a = &t->series[i + AHEAD])->slen < 50 && a->buf != NULL)
		for (k = 0; k < STAGE; k += 64)
			__builtin_prefetch(a->buf + a->len + k, 1);
#endif
	if (STAGE - s->slen < 50)
		flush(t, i, x->snap);
	b = t->stage + i * STAGE;
	s->slen = (uint32_t)(encode(s, b + s->slen, x) - b);
	s->sn++;
}

static struct series *
series_get(struct table *t, const unsigned char tag[4], enum pool_type type)
{
	uint64_t	 key;
	uint32_t	*slot;
	struct series	*s;

	key = ((uint64_t)tag[0] | (uint64_t)tag[1] << 8 |
	    (uint64_t)tag[2] << 16 | (uint64_t)tag[3] << 24) |
	    (uint64_t)type << 32;
	/* Snapshots list their tags in the same order, mostly: try the
	 * series after the last one first. */
	if (t->next < t->nseries && t->series[t->next].key == key)
		return &t->series[t->next++];
	slot = map_find(&t->seriesmap, key);
	if (*slot != 0) {
		t->next = *slot;
		return &t->series[*slot - 1];
	}
	if (t->nseries == t->seriescap) {
		t->seriescap = t->seriescap == 0 ? 256 : t->seriescap * 2;
		t->series = xreallocarray(t->series, t->seriescap, sizeof(*s));
		if (t->seriescap <= NSTAGE)
			t->stage = xreallocarray(t->stage, t->seriescap,
			    STAGE);
	}
	s = &t->series[t->nseries];
	memset(s, 0, sizeof(*s));
	memcpy(s->info.tag, tag, 4);
	s->info.type = type;
	s->key = key;
	s->ordered = 1;
	t->seriesmap.n++;
	*slot = (uint32_t)++t->nseries;
	t->next = t->nseries;
	return s;
}

/* The driver text of a row, if it has one: the latest wins. */
static void
series_driver(struct series *s, const char *driver, size_t dlen)
{
	if (driver != NULL && dlen > 0 && (s->driver == NULL ||
	    strlen(s->driver) != dlen || memcmp(s->driver, driver, dlen) != 0)) {
		free(s->driver);
		s->driver = xstrndup(driver, dlen);
		s->info.driver = s->driver;
	}
}

/* The pair of s's last sample and the one at snap, as trend_segments
 * would count it: while the rows come in time order, each snapshot's
 * together, the snapshot with rows before snap is the one rows last
 * went to.  Rows of a snapshot before that one (an earlier time, or
 * one that had rows already) stop the count. */
static void
count_fall(struct table *t, const struct series *s, uint32_t snap,
    int64_t allocs, int64_t frees)
{
	struct fall	*f = &t->falls[snap];

	if (snap != t->cur) {
		if (t->cur != NONE &&
		    t->snaps[snap].t_ms <= t->snaps[t->cur].t_ms) {
			t->falls_ok = 0;
			return;
		}
		f->prev = t->cur;
		t->cur = snap;
	}
	if (s->info.n == 0 || s->last_snap != f->prev || s->last[0] <= 0 ||
	    allocs < 0)
		return;
	f->shared++;
	if (allocs < s->last[0] && frees < s->last[1])
		f->down++;
}

int
table_add(struct table *t, uint32_t snap, const unsigned char tag[4],
    enum pool_type type, int64_t allocs, int64_t frees, int64_t diff,
    int64_t bytes, const char *driver, size_t dlen)
{
	struct series	*s;
	struct sample	 x;

	s = series_get(t, tag, type);
	if (s->info.n > 0 && s->last_snap == snap)
		return 1;
	if (t->falls_ok)
		count_fall(t, s, snap, allocs, frees);
	x.snap = snap;
	x.allocs = allocs;
	x.frees = frees;
	x.diff = diff;
	x.bytes = bytes;
	stage_sample(t, (size_t)(s - t->series), &x);
	series_driver(s, driver, dlen);
	t->snaps[snap].sum_bytes[type] = sum_sat(t->snaps[snap].sum_bytes[type],
	    bytes);
	t->snaps[snap].rows++;
	t->nsamples++;
	return 0;
}

void
table_describe(struct table *t, size_t i, const char *driver,
    const char *description)
{
	struct series	*s = &t->series[i];

	free(s->driver);
	free(s->description);
	s->driver = driver != NULL && *driver != '\0' ? xstrdup(driver) : NULL;
	s->description = description != NULL && *description != '\0' ?
	    xstrdup(description) : NULL;
	s->info.driver = s->driver;
	s->info.description = s->description;
}

size_t
table_counter(struct table *t, const char *name, size_t len)
{
	struct counter	*c;
	size_t		 i;

	for (i = 0; i < t->ncounters; i++)
		if (strlen(t->counters[i].name) == len &&
		    memcmp(t->counters[i].name, name, len) == 0)
			return i;
	if (t->ncounters == t->countercap) {
		t->countercap = t->countercap == 0 ? 16 : t->countercap * 2;
		t->counters = xreallocarray(t->counters, t->countercap,
		    sizeof(*t->counters));
	}
	c = &t->counters[t->ncounters];
	memset(c, 0, sizeof(*c));
	c->name = xstrndup(name, len);
	return t->ncounters++;
}

int
table_counter_add(struct table *t, size_t i, uint32_t snap, double value)
{
	struct counter	*c = &t->counters[i];
	size_t		 k;

	for (k = c->n; k-- > 0 && k + 8 > c->n;)	/* recent ones */
		if (c->snap[k] == snap)
			return 1;
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 64 : c->cap * 2;
		c->snap = xreallocarray(c->snap, c->cap, sizeof(*c->snap));
		c->value = xreallocarray(c->value, c->cap, sizeof(*c->value));
	}
	c->snap[c->n] = snap;
	c->value[c->n++] = value;
	return 0;
}

int
table_event_add(struct table *t, int64_t t_ms, int utc, int id,
    const char *source, const char *kind, int pool, const char *message,
    size_t len)
{
	struct pool_event *e;
	size_t		 i;

	if (!utc && t->have_offset) {
		t_ms -= t->offset_ms;
		utc = 1;
	}
	for (i = 0; i < t->nevents; i++)
		if (t->events[i].t_ms == t_ms && t->events[i].id == id &&
		    strcmp(t->events[i].source, source) == 0)
			return 1;
	if (t->nevents == t->eventcap) {
		t->eventcap = t->eventcap == 0 ? 8 : t->eventcap * 2;
		t->events = xreallocarray(t->events, t->eventcap,
		    sizeof(*t->events));
	}
	e = &t->events[t->nevents++];
	e->t_ms = t_ms;
	e->utc = utc;
	e->id = id;
	e->source = xstrdup(source);
	e->kind = kind;
	e->pool = pool;
	e->message = xstrndup(message, len);
	return 0;
}

size_t
table_nevents(const struct table *t)
{
	return t->nevents;
}

const struct pool_event *
table_event(const struct table *t, size_t i)
{
	return &t->events[i];
}

static int
cmp_event(const void *pa, const void *pb)
{
	const struct pool_event *a = pa, *b = pb;

	if (a->t_ms != b->t_ms)
		return (a->t_ms > b->t_ms) - (a->t_ms < b->t_ms);
	return (a->id > b->id) - (a->id < b->id);
}

size_t
table_ncounters(const struct table *t)
{
	return t->ncounters;
}

const char *
table_counter_name(const struct table *t, size_t i)
{
	return t->counters[i].name;
}

size_t
table_counter_values(const struct table *t, size_t i, const uint32_t **snaps,
    const double **values)
{
	*snaps = t->counters[i].snap;
	*values = t->counters[i].value;
	return t->counters[i].n;
}

/* a + b for counts and bytes that are not negative, at most INT64_MAX. */
static int64_t
add_sat(int64_t a, int64_t b)
{
	return a > INT64_MAX - b ? INT64_MAX : a + b;
}

void
table_alloc_add(struct table *t, const unsigned char tag[4],
    enum pool_type type, int64_t size_bytes, int64_t count, int aifo)
{
	struct alloc_group *g;

	if (t->nallocs == t->alloccap) {
		t->alloccap = t->alloccap == 0 ? 64 : t->alloccap * 2;
		t->allocs = xreallocarray(t->allocs, t->alloccap,
		    sizeof(*t->allocs));
	}
	g = &t->allocs[t->nallocs++];
	memcpy(g->tag, tag, 4);
	g->type = type;
	g->aifo = aifo != 0;
	g->size_bytes = size_bytes;
	g->count = count;
}

size_t
table_nalloc_groups(const struct table *t)
{
	return t->nallocs;
}

/* Order of groups: by tag and type, then inside the trace first, then by
 * size. */
static int
cmp_group_key(const struct alloc_group *a, const unsigned char tag[4],
    enum pool_type type)
{
	int	 c;

	if ((c = memcmp(a->tag, tag, 4)) != 0)
		return c;
	return (a->type > type) - (a->type < type);
}

static int
cmp_group(const void *pa, const void *pb)
{
	const struct alloc_group *a = pa, *b = pb;
	int	 c;

	if ((c = cmp_group_key(a, b->tag, b->type)) != 0)
		return c;
	if (a->aifo != b->aifo)
		return b->aifo - a->aifo;
	return (a->size_bytes > b->size_bytes) - (a->size_bytes < b->size_bytes);
}

/* Sort the groups and sum those of equal (tag, type, aifo, size). */
static void
finish_allocs(struct table *t)
{
	size_t	 i, k = 0;

	if (t->nallocs == 0)
		return;
	qsort(t->allocs, t->nallocs, sizeof(*t->allocs), cmp_group);
	for (i = 1; i < t->nallocs; i++) {
		if (cmp_group(&t->allocs[k], &t->allocs[i]) == 0)
			t->allocs[k].count = add_sat(t->allocs[k].count,
			    t->allocs[i].count);
		else
			t->allocs[++k] = t->allocs[i];
	}
	t->nallocs = k + 1;
}

size_t
table_allocs(const struct table *t, const unsigned char tag[4],
    enum pool_type type, const struct alloc_group **out)
{
	size_t	 lo = 0, hi = t->nallocs, mid, n;

	/* the first group not before (tag, type) */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_group_key(&t->allocs[mid], tag, type) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (n = 0; lo + n < t->nallocs &&
	    cmp_group_key(&t->allocs[lo + n], tag, type) == 0; n++)
		;
	*out = n > 0 ? &t->allocs[lo] : NULL;
	return n;
}

int
table_allocs_snapshot(struct table *t)
{
	const struct alloc_group *g;
	uint32_t	 snap;
	int64_t		 count, bytes, b;
	size_t		 i, j;

	if (t->nsnaps > 0 || t->nallocs == 0)
		return 0;
	finish_allocs(t);
	snap = table_snapshot_at(t, 0, 0);
	table_mark_untimed(t, snap);
	for (i = 0; i < t->nallocs; i = j) {
		g = &t->allocs[i];
		count = bytes = 0;
		for (j = i; j < t->nallocs &&
		    cmp_group_key(&t->allocs[j], g->tag, g->type) == 0; j++) {
			count = add_sat(count, t->allocs[j].count);
			if (t->allocs[j].count > 0 && t->allocs[j].size_bytes >
			    INT64_MAX / t->allocs[j].count)
				b = INT64_MAX;
			else
				b = t->allocs[j].size_bytes * t->allocs[j].count;
			bytes = add_sat(bytes, b);
		}
		table_add(t, snap, g->tag, g->type, -1, -1, count, bytes,
		    NULL, 0);
	}
	return 1;
}

/* Renumber a counter's snapshots and put them in time order, dropping
 * repeats (the first stays). */
static size_t
finish_counter(struct counter *c, const uint32_t *newidx)
{
	size_t	 i, j, k, dropped = 0;
	uint32_t s;
	double	 v;

	for (i = 0; i < c->n; i++)
		c->snap[i] = newidx[c->snap[i]];
	/* insertion sort: counters come nearly in order */
	for (i = 1; i < c->n; i++) {
		s = c->snap[i];
		v = c->value[i];
		for (j = i; j > 0 && c->snap[j - 1] > s; j--) {
			c->snap[j] = c->snap[j - 1];
			c->value[j] = c->value[j - 1];
		}
		c->snap[j] = s;
		c->value[j] = v;
	}
	for (i = 0, k = 0; i < c->n; i++) {
		if (k > 0 && c->snap[i] == c->snap[k - 1]) {
			dropped++;
			continue;
		}
		c->snap[k] = c->snap[i];
		c->value[k++] = c->value[i];
	}
	c->n = k;
	return dropped;
}

static uint64_t
get_varint(const uint8_t **p)
{
	const uint8_t	*q = *p;
	uint64_t	 v = *q++;
	int		 shift = 7;

	/* most deltas take one byte */
	if (v & 0x80) {
		v &= 0x7f;
		do {
			v |= (uint64_t)(*q & 0x7f) << shift;
			shift += 7;
		} while (*q++ & 0x80);
	}
	*p = q;
	return v;
}

static int64_t
unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* Decode n samples at p, each from last, into out. */
static void
decode_run(const uint8_t *p, uint32_t n, uint64_t last[5], struct sample *out)
{
	uint32_t	 i;
	int		 k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < 5; k++)
			last[k] += (uint64_t)unzigzag(get_varint(&p));
		out[i].snap = (uint32_t)last[0];
		out[i].allocs = (int64_t)last[1];
		out[i].frees = (int64_t)(last[1] - last[3] - last[2]);
		out[i].diff = (int64_t)last[3];
		out[i].bytes = (int64_t)last[4];
	}
}

/* The samples of series i: those of its buffer, then of its stage. */
static size_t
decode(const struct table *t, size_t i, struct sample *out)
{
	const struct series *s = &t->series[i];
	uint64_t	 last[5] = { 0, 0, 0, 0, 0 };
	uint32_t	 n = s->info.n - s->sn;

	decode_run(s->buf, n, last, out);
	if (s->sn > 0)
		decode_run(t->stage + i * STAGE, s->sn, last, out + n);
	return s->info.n;
}

struct table *
table_new_like(const struct table *t)
{
	struct table	*n = table_new();

	n->have_offset = t->have_offset;
	n->offset_ms = t->offset_ms;
	return n;
}

/* The value of a map's key, 0 if absent, without adding it. */
static uint32_t
map_get(const struct map *m, uint64_t key)
{
	size_t	 i;

	if (m->cap == 0)
		return 0;
	for (i = (size_t)mix(key) & (m->cap - 1); m->vals[i] != 0;
	    i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			return m->vals[i];
	return 0;
}

/* Append series j of another table, src, to d, its snapshots renumbered
 * by snap (linear: by adding snap[0], one delta rewritten and the rest of
 * the buffer copied).  Neither has anything staged. */
static void
append_series(struct series *d, const struct table *src, size_t j,
    const uint32_t *snap, int linear, struct sample *buf)
{
	const struct series *s = &src->series[j];
	const uint8_t	*p = s->buf;
	struct sample	 x;
	uint64_t	 v[5];
	size_t		 rest, i;
	int		 k;

	if (!linear) {
		decode(src, j, buf);
		for (i = 0; i < s->info.n; i++) {
			buf[i].snap = snap[buf[i].snap];
			put_sample(d, &buf[i], 0);
		}
		return;
	}
	for (k = 0; k < 5; k++)
		v[k] = (uint64_t)unzigzag(get_varint(&p));
	x.snap = snap[v[0]];
	x.allocs = (int64_t)v[1];
	x.frees = (int64_t)(v[1] - v[3] - v[2]);
	x.diff = (int64_t)v[3];
	x.bytes = (int64_t)v[4];
	put_sample(d, &x, 0);
	rest = s->len - (size_t)(p - s->buf);
	if (d->cap - d->len < rest) {
		d->cap = d->len + rest + 64;
		d->buf = xreallocarray(d->buf, d->cap, 1);
	}
	memcpy(d->buf + d->len, p, rest);
	d->len += rest;
	d->info.n += s->info.n - 1;
	d->last_snap = snap[s->last_snap];
	memcpy(d->last, s->last, sizeof(d->last));
	if (!s->ordered)
		d->ordered = 0;
}

/* The first sample of s, which has one. */
static void
first_sample(const struct series *s, struct sample *x)
{
	const uint8_t	*p = s->buf;
	int64_t		 v[5];
	int		 k;

	for (k = 0; k < 5; k++)
		v[k] = unzigzag(get_varint(&p));
	x->snap = (uint32_t)v[0];
	x->allocs = v[1];
	x->frees = (int64_t)((uint64_t)v[1] - (uint64_t)v[3] - (uint64_t)v[2]);
	x->diff = v[3];
	x->bytes = v[4];
}

int
table_append(struct table *t, struct table *src)
{
	struct sample	*buf = NULL, one;
	struct series	*s;
	struct series	*d;
	struct fall	*f;
	uint32_t	*snap, idx, first, maxn = 0;
	size_t		 i, nnew = 0, freed = 0;
	int		 linear = 1, k, falls, merged;

	if (t->finished || src->nevents > 0 || src->ncounters > 0 ||
	    src->nallocs > 0)
		return -1;
	flush_all(t, 0);
	flush_all(src, 1);
	/* where each snapshot of src goes, adding none yet */
	snap = xreallocarray(NULL, src->nsnaps + 1, sizeof(*snap));
	for (i = 0; i < src->nsnaps; i++) {
		if ((idx = map_get(&t->snapmap,
		    (uint64_t)src->snaps[i].t_ms)) != 0)
			snap[i] = idx - 1;
		else
			snap[i] = (uint32_t)(t->nsnaps + nnew++);
		if (snap[i] != snap[0] + i)
			linear = 0;
	}
	/* each series must go on after its last sample in t */
	for (i = 0; i < src->nseries; i++) {
		const uint8_t	*p;

		s = &src->series[i];
		if (s->info.n > maxn)
			maxn = s->info.n;
		if ((idx = map_get(&t->seriesmap, s->key)) == 0 ||
		    s->info.n == 0)
			continue;
		d = &t->series[idx - 1];
		p = s->buf;
		first = (uint32_t)unzigzag(get_varint(&p));
		if (d->info.n > 0 && snap[first] <= d->last_snap) {
			free(snap);
			return -1;
		}
	}
	/* the falls of src go on after t's if its snapshots all come after
	 * t's, in the same order, the first of them perhaps the one t's
	 * rows last went to (a CSV split within a snapshot) */
	merged = src->nsnaps > 0 && t->cur != NONE && snap[0] == t->cur;
	falls = t->falls_ok && src->falls_ok && linear &&
	    (src->nsnaps == 0 || snap[0] == t->nsnaps || merged);
	for (i = 0; i < src->nsnaps; i++) {
		const struct snapshot *x = &src->snaps[i];
		struct snapshot	*y;

		idx = table_snapshot_at(t, x->t_ms, x->utc);
		table_set_header(t, idx, x->hdr_bytes[POOL_PAGED],
		    x->hdr_bytes[POOL_NONPAGED], x->phys_bytes);
		y = &t->snaps[idx];
		for (k = 0; k < POOL_NTYPES; k++)
			y->sum_bytes[k] = sum_sat(y->sum_bytes[k],
			    x->sum_bytes[k]);
		y->rows += x->rows;
	}
	if (falls)
		for (i = 0; i < src->nsnaps; i++) {
			f = &t->falls[snap[i]];
			if (i == 0 && merged) {
				/* its snapshot before stays t's */
				f->shared += src->falls[i].shared;
				f->down += src->falls[i].down;
				continue;
			}
			*f = src->falls[i];
			f->prev = f->prev != NONE ? snap[f->prev] : t->cur;
		}
	if (!linear)
		buf = xreallocarray(NULL, maxn + 1, sizeof(*buf));
	for (i = 0; i < src->nseries; i++) {
		s = &src->series[i];
		d = series_get(t, s->info.tag, s->info.type);
		/* a series' pair across the seam, which neither table had */
		if (falls && s->info.n > 0 && d->info.n > 0) {
			first_sample(s, &one);
			f = &t->falls[snap[one.snap]];
			if (d->last_snap == f->prev && d->last[0] > 0 &&
			    one.allocs >= 0) {
				f->shared++;
				if (one.allocs < d->last[0] &&
				    one.frees < d->last[1])
					f->down++;
			}
		}
		if (s->info.n > 0)
			append_series(d, src, i, snap, linear, buf);
		/* Moved.  glibc keeps memory freed here for the thread that
		 * had it, so give it back now and then: at its peak, memory
		 * holds the samples about once. */
		freed += s->cap;
		free(s->buf);
		s->buf = NULL;
		s->len = s->cap = 0;
		s->info.n = 0;
#ifdef __GLIBC__
		if (freed >= TRIM_BYTES) {
			malloc_trim(0);
			freed = 0;
		}
#endif
		if (s->driver != NULL)
			series_driver(d, s->driver, strlen(s->driver));
	}
	t->nsamples += src->nsamples;
	t->falls_ok = falls;
	if (falls && src->cur != NONE)
		t->cur = snap[src->cur];
	free(buf);
	free(snap);
	return 0;
}

size_t
table_decode(const struct table *t, size_t i, struct sample *out)
{
	return decode(t, i, out);
}

/* Stable merge sort by snapshot, so the first of two samples at one
 * snapshot stays first. */
static void
sort_samples(struct sample *a, size_t n, struct sample *tmp)
{
	size_t	 w, i, l, r, lend, rend, o;

	for (w = 1; w < n; w *= 2) {
		for (i = 0; i < n; i += 2 * w) {
			l = i;
			lend = r = i + w < n ? i + w : n;
			rend = i + 2 * w < n ? i + 2 * w : n;
			o = i;
			while (l < lend && r < rend)
				tmp[o++] = a[r].snap < a[l].snap ? a[r++] : a[l++];
			while (l < lend)
				tmp[o++] = a[l++];
			while (r < rend)
				tmp[o++] = a[r++];
		}
		memcpy(a, tmp, n * sizeof(*a));
	}
}

/* Order of snapshots by time, then by index: stable.  The key carries
 * the time, so the comparison needs no global (tables are finished on
 * several threads at once). */
struct snap_key {
	int64_t		 t_ms;
	uint32_t	 i;
};

static int
cmp_snapkey(const void *pa, const void *pb)
{
	const struct snap_key *a = pa, *b = pb;

	if (a->t_ms != b->t_ms)
		return (a->t_ms > b->t_ms) - (a->t_ms < b->t_ms);
	return (a->i > b->i) - (a->i < b->i);
}

size_t
table_finish(struct table *t)
{
	uint32_t	*order, *newidx;
	struct snap_key	*keys;
	struct snapshot	*snaps;
	struct sample	*buf = NULL, *tmp = NULL;
	size_t		 i, j, k, bufcap = 0, dropped = 0;
	int		 identity = 1;
	struct series	*s;

	flush_all(t, 1);
	if (t->nevents > 1)
		qsort(t->events, t->nevents, sizeof(*t->events), cmp_event);
	order = xcalloc(t->nsnaps, sizeof(*order));
	newidx = xcalloc(t->nsnaps, sizeof(*newidx));
	keys = xcalloc(t->nsnaps, sizeof(*keys));
	for (i = 0; i < t->nsnaps; i++) {
		keys[i].t_ms = t->snaps[i].t_ms;
		keys[i].i = (uint32_t)i;
	}
	qsort(keys, t->nsnaps, sizeof(*keys), cmp_snapkey);
	for (i = 0; i < t->nsnaps; i++)
		order[i] = keys[i].i;
	free(keys);
	for (i = 0; i < t->nsnaps; i++) {
		newidx[order[i]] = (uint32_t)i;
		if (order[i] != i)
			identity = 0;
	}
	if (!identity) {
		snaps = xcalloc(t->nsnaps, sizeof(*snaps));
		for (i = 0; i < t->nsnaps; i++)
			snaps[i] = t->snaps[order[i]];
		free(t->snaps);
		t->snaps = snaps;
		t->snapcap = t->nsnaps;
	}
	if (!identity)
		t->falls_ok = 0;
	for (i = 0; i < t->nseries; i++) {
		s = &t->series[i];
		if (identity && s->ordered)
			continue;
		t->falls_ok = 0;
		if (s->info.n > bufcap) {
			bufcap = s->info.n;
			buf = xreallocarray(buf, bufcap, sizeof(*buf));
			tmp = xreallocarray(tmp, bufcap, sizeof(*tmp));
		}
		decode(t, i, buf);
		for (j = 0; j < s->info.n; j++)
			buf[j].snap = newidx[buf[j].snap];
		sort_samples(buf, s->info.n, tmp);
		k = s->info.n;
		s->info.n = 0;
		s->len = 0;
		s->last_snap = 0;
		memset(s->last, 0, sizeof(s->last));
		for (j = 0; j < k; j++) {
			if (j > 0 && buf[j].snap == buf[j - 1].snap) {
				struct snapshot *sn = &t->snaps[buf[j].snap];

				/* the later copy leaves the sums */
				sn->sum_bytes[s->info.type] = sub_sat(
				    sn->sum_bytes[s->info.type], buf[j].bytes);
				sn->rows--;
				t->nsamples--;
				dropped++;
				continue;
			}
			put_sample(s, &buf[j], 0);
		}
		s->ordered = 1;
	}
	for (i = 0; i < t->ncounters; i++)
		dropped += finish_counter(&t->counters[i], newidx);
	finish_allocs(t);
	/* The map's indices are stale now; nothing may be added. */
	t->finished = 1;
	free(buf);
	free(tmp);
	free(order);
	free(newidx);
	return dropped;
}

int
table_falls(const struct table *t, uint32_t *shared, uint32_t *down)
{
	size_t	 i;

	if (!t->finished || !t->falls_ok)
		return 0;
	for (i = 0; i < t->nsnaps; i++) {
		shared[i] = t->falls[i].shared;
		down[i] = t->falls[i].down;
	}
	return 1;
}

size_t
table_nsnapshots(const struct table *t)
{
	return t->nsnaps;
}

const struct snapshot *
table_snapshot(const struct table *t, size_t i)
{
	return &t->snaps[i];
}

size_t
table_nseries(const struct table *t)
{
	return t->nseries;
}

const struct series_info *
table_series(const struct table *t, size_t i)
{
	return &t->series[i].info;
}

size_t
table_nsamples(const struct table *t)
{
	return t->nsamples;
}

size_t
table_sample_bytes(const struct table *t, size_t *room)
{
	size_t	 i, n = 0, r = 0;

	for (i = 0; i < t->nseries; i++) {
		n += t->series[i].len + t->series[i].slen;
		r += t->series[i].cap;
	}
	if (room != NULL)
		*room = r;
	return n;
}

void
table_expect(struct table *t, size_t before, double done)
{
	if (done <= 0)
		t->expect = 0;
	else if (done <= 1 && t->nsnaps > before)
		t->expect = (double)before + (double)(t->nsnaps - before) /
		    done;
}
