/* fmt_csv.c: pooltrend's long CSV, timestamp,tag,type,allocs,frees,diff,bytes. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "csvin.h"
#include "fmt_csv.h"
#include "timestamp.h"
#include "util.h"

enum col {
	COL_TIMESTAMP, COL_TAG, COL_TYPE, COL_ALLOCS, COL_FREES, COL_DIFF,
	COL_BYTES, COL_HOST, COL_DRIVER, NCOLS
};

/* the fast path's columns: the first NFAST, all there */
#define NFAST	(COL_BYTES + 1)
/* "paged," and "nonp," as util_load_le reads them */
#define PAGED_LE	0x2c6465676170ULL
#define NONP_LE		0x2c706e6f6eULL

/* host and driver are optional */
static const char *const colname[NCOLS] = {
	"timestamp", "tag", "type", "allocs", "frees", "diff", "bytes", "host",
	"driver"
};

struct csv_state {
	struct csv_sink		 sink;
	const char		*name;
	int			 col[NCOLS];	/* field index, -1 absent */
	int			 need;		/* fields a row must have */
	char			 last[40];	/* the last timestamp read, */
	size_t			 lastlen;	/* 0: none */
	int64_t			 last_t;	/* its time */
	int			 last_utc;
	signed char		 role[NFAST];	/* field i's column (fast path) */
};

/* Is p, in any letter case, the lower-case letters of word?  Setting
 * bit 5 lowers a capital and leaves a lower-case letter as it is; only
 * those two bytes map to a given lower-case letter. */
static int
lower_is(const char *p, const char *word, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if ((p[i] | 0x20) != word[i])
			return 0;
	return 1;
}

/* A plain field at p, up to the delimiter or e: its end, or NULL if it
 * holds a quote, a control character or a blank, or is empty. */
static const char *
plain_end(const char *p, const char *e)
{
	const char	*q;

	for (q = p; q < e && *q != ','; q++)
		if ((unsigned char)*q <= ' ' || *q == '"' || *q == '\\')
			return NULL;
	return q > p ? q : NULL;
}

/* A tag field at p, up to the delimiter or e, into tag: trimmed and read
 * as the general path reads it.  Its end, or NULL if it holds a quote or
 * a control character other than a tab, or is not a tag.  Pool tags
 * often end in a blank ("Vad "). */
static const char *
tag_field(const char *p, const char *e, unsigned char tag[4])
{
	const char	*q, *s = p;
	size_t		 n;

	for (q = p; q < e && *q != ','; q++)
		if (((unsigned char)*q < ' ' && *q != '\t') || *q == '"')
			return NULL;
	n = (size_t)(q - p);
	csvin_trim(&s, &n);
	return csvin_tag(s, n, tag) == 0 ? q : NULL;
}

/* Are the n bytes at a and b the same?  A timestamp of 8 to 24 bytes is
 * compared as three words of eight, the first, the middle and the last,
 * overlapping. */
static int
same_bytes(const char *a, const char *b, size_t n)
{
	if (n < 8 || n > 24)
		return memcmp(a, b, n) == 0;
	return util_load_le(a) == util_load_le(b) &&
	    util_load_le(a + n / 2 - 4) == util_load_le(b + n / 2 - 4) &&
	    util_load_le(a + n - 8) == util_load_le(b + n - 8);
}

/* The time of a timestamp field of n bytes at s, 0 if it is none.  The
 * rows of a snapshot share their timestamp, so it is parsed once and kept
 * while the field repeats. */
static int
timestamp(struct csv_state *st, const char *s, size_t n, int64_t *t,
    int *utc)
{
	if (n > 0 && n == st->lastlen && same_bytes(s, st->last, n)) {
		*t = st->last_t;
		*utc = st->last_utc;
		return 1;
	}
	if (!ts_parse_field(s, n, t, utc))
		return 0;
	if (n < sizeof(st->last)) {
		memcpy(st->last, s, n);
		st->lastlen = n;
		st->last_t = *t;
		st->last_utc = *utc;
	}
	return 1;
}

/* The row fast path (see csv_line_fn): a line of exactly the seven
 * columns, none quoted and none but the timestamp and the tag
 * blank-padded, the type Paged or Nonp, the numbers of 1 to 18 digits.
 * The general path reads any other line, and says what is wrong with a
 * bad one; this one takes the lines it reads just as that would. */
static int
fast_row(const char *l, size_t n, long line, void *arg)
{
	struct csv_state *st = arg;
	const char	*p = l, *e = l + n, *q;
	int64_t		 t = 0, v[4];
	uint64_t	 u;
	int		 utc = 0, i, k;
	unsigned char	 tag[4];
	enum pool_type	 type = POOL_PAGED;

	/* the fields in order, i the field and st->role[i] its column */
	for (i = 0; i < NFAST; i++, p = q + 1) {
		switch (st->role[i]) {
		case COL_TIMESTAMP:
			if ((q = memchr(p, ',', (size_t)(e - p))) == NULL)
				q = e;
			if (!timestamp(st, p, (size_t)(q - p), &t, &utc))
				return 0;
			break;
		case COL_TAG:
			if ((q = tag_field(p, e, tag)) == NULL)
				return 0;
			break;
		case COL_TYPE:
			if ((q = plain_end(p, e)) == NULL)
				return 0;
			if (q - p == 5 && lower_is(p, "paged", 5))
				type = POOL_PAGED;
			else if (q - p == 4 && lower_is(p, "nonp", 4))
				type = POOL_NONPAGED;
			else
				return 0;
			break;
		default:	/* ALLOCS to BYTES */
			k = (int)util_digits(p, e, &u);
			q = p + k;
			if (k == 0 || k > 18 || (q < e && *q != ','))
				return 0;
			v[st->role[i] - COL_ALLOCS] = (int64_t)u;
			break;
		}
		/* the last field ends the line, and no other does */
		if ((q == e) != (i == NFAST - 1))
			return 0;
	}
	csvin_add(&st->sink, line, t, utc, tag, type, v[0], v[1], v[2], v[3],
	    NULL, 0);
	return 1;
}

#if defined(__SSE2__)
/* The commas of the sixteen bytes at p, as the low 16 bits. */
static inline uint32_t
commas16(const char *p)
{
	return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(
	    (const __m128i *)(const void *)p), _mm_set1_epi8(',')));
}

/* The four counts from p to e, "A,F,D,B", of a row that begins at l:
 * 1 with v set if they are four runs of 1 to 18 digits between three
 * commas, 0 if not, -1 if p is more than 32 bytes from e or l less.
 * Found at once in a bitmap of the commas of the 32 bytes that end at e,
 * each number of up to eight digits read from the eight bytes that end
 * with it (p is eight bytes into the row or more), rather than each
 * after the one before, waiting on it. */
static int
four_numbers(const char *l, const char *p, const char *e, int64_t *v)
{
	size_t		 len = (size_t)(e - p), s, t, k;
	uint64_t	 c, w;
	int		 i;

	if (len > 32 || e - l < 32)
		return -1;
	/* bit j for byte e - 32 + j, the bytes before p cleared */
	c = ((uint64_t)commas16(e - 16) << 16 | commas16(e - 32)) &
	    ~(uint64_t)0 << (32 - len);
	for (i = 0, s = 32 - len; i < 4; i++, s = t + 1) {
		/* the field is e - 32 + s to e - 32 + t, the last to e; a
		 * fourth comma is in the last, which is then no number */
		if (i == 3)
			t = 32;
		else if (c == 0)
			return 0;
		else {
			t = (size_t)__builtin_ctzll(c);
			c &= c - 1;
		}
		if ((k = t - s) == 0 || k > 18)
			return 0;
		if (k > 8) {
			if (util_digits(e - 32 + s, e, &w) != k)
				return 0;
			v[i] = (int64_t)w;
			continue;
		}
		if (!util_digits_last(util_load_le(e - 32 + t - 8), k, &w))
			return 0;
		v[i] = (int64_t)w;
	}
	return 1;
}
#endif

/* fast_row for the columns in their usual order, on a line of the same
 * snapshot as the one before, a plain tag of one to four bytes and a
 * Paged or Nonp type: those fields are read eight bytes at a time, and
 * the four counts by four_numbers, or as fast_row reads them where it
 * leaves them.  Any other line goes to fast_row. */
static int
fast_usual(const char *l, size_t n, long line, void *arg)
{
	struct csv_state *st = arg;
	const char	*p, *q, *e = l + n;
	size_t		 tl = st->lastlen, c, k;
	uint64_t	 w, u;
	int64_t		 v[4];
	unsigned char	 tag[4];
	enum pool_type	 type;
	int		 i;

	/* the eight-byte reads below reach tl + 14 bytes in at most, and
	 * a row is longer: tl + 15 bytes at the least ("T,A,Nonp,1,1,0,0") */
	if (tl == 0 || n < tl + 14 || l[tl] != ',' ||
	    !same_bytes(l, st->last, tl))
		return fast_row(l, n, line, arg);
	p = l + tl + 1;
	/* the tag: its first byte not blank, none a control character, a
	 * quote or a backslash (an escape), as tag_field would keep them.
	 * A byte under 0x20 borrows from the bytes above it, so the lowest
	 * byte flagged is one, and any flag in the tag's bytes means one. */
	w = util_load_le(p);
	if ((u = util_zero_bytes(w ^ UTIL_BYTES(','))) == 0 ||
	    (c = util_first_byte(u)) == 0 || c > 4)
		return fast_row(l, n, line, arg);
	u = util_zero_bytes(w ^ UTIL_BYTES('"')) |
	    util_zero_bytes(w ^ UTIL_BYTES('\\')) |
	    ((w - UTIL_BYTES(0x20)) & ~w & UTIL_BYTES(0x80));
	if ((u & (((uint64_t)1 << (8 * c)) - 1)) != 0 || (w & 0xff) == ' ')
		return fast_row(l, n, line, arg);
	memcpy(tag, p, sizeof(tag));
	memset(tag + c, ' ', sizeof(tag) - c);
	p += c + 1;
	/* the type, in any letter case, and its delimiter (not lowered) */
	w = util_load_le(p);
	if (((w | 0x2020202020ULL) & 0xffffffffffffULL) == PAGED_LE) {
		type = POOL_PAGED;
		p += 6;
	} else if (((w | 0x20202020ULL) & 0xffffffffffULL) == NONP_LE) {
		type = POOL_NONPAGED;
		p += 5;
	} else
		return fast_row(l, n, line, arg);
#if defined(__SSE2__)
	if ((i = four_numbers(l, p, e, v)) == 0)
		return fast_row(l, n, line, arg);
	if (i == -1)
#endif
	for (i = 0; i < 4; i++, p = q + 1) {
		k = i < 3 ? util_digits(p, e, &u) : util_digits_end(p, e, &u);
		q = p + k;
		if (k == 0 || k > 18 || (i < 3 ? q == e || *q != ',' : q != e))
			return fast_row(l, n, line, arg);
		v[i] = (int64_t)u;
	}
	csvin_add(&st->sink, line, st->last_t, st->last_utc, tag, type, v[0],
	    v[1], v[2], v[3], NULL, 0);
	return 1;
}

/* A copy of the state for the fast path on another thread (see
 * csv_sink). */
static void *
clone(const void *arg, struct csv_sink **sink)
{
	struct csv_state *c = xmalloc(sizeof(*c));

	memcpy(c, arg, sizeof(*c));
	*sink = &c->sink;
	return c;
}

static int
header(struct csv_state *st, const struct csv_row *r)
{
	int		 c, usual;

	csvin_columns(r, colname, NCOLS, st->col);
	for (c = 0; c < NCOLS; c++) {
		if (st->col[c] == -1 && c != COL_HOST && c != COL_DRIVER) {
			diag_set(st->sink.ctx->diag, st->name, r->line, 0,
			    "missing column '%s' in the header (needs "
			    "timestamp,tag,type,allocs,frees,diff,bytes)",
			    colname[c]);
			return -1;
		}
		if (st->col[c] + 1 > st->need)
			st->need = st->col[c] + 1;
	}
	st->sink.header_done = 1;
	/* the fast path: the seven columns alone, in any order */
	if (st->need == NFAST && st->col[COL_HOST] == -1 &&
	    st->col[COL_DRIVER] == -1) {
		usual = 1;
		for (c = COL_TIMESTAMP; c <= COL_BYTES; c++) {
			st->role[st->col[c]] = (signed char)c;
			usual &= st->col[c] == c;
		}
		st->sink.fast = usual ? fast_usual : fast_row;
		st->sink.clone = clone;
	}
	return 0;
}

static void
damaged(struct csv_state *st, const struct csv_row *r, int c, const char *what)
{
	parse_skip(st->sink.fs, SKIP_DAMAGED, r->line, "%s in column '%s'",
	    what, colname[c]);
}

/* The one host of a run: the first seen, or an error for another. */
static int
host(struct csv_state *st, const struct csv_row *r)
{
	struct parse_ctx *ctx = st->sink.ctx;
	const char	*s = r->field[st->col[COL_HOST]];
	size_t		 n = r->len[st->col[COL_HOST]];

	csvin_trim(&s, &n);
	if (ctx->host == NULL)
		ctx->host = xstrndup(s, n);
	else if (strlen(ctx->host) != n || strncmp(ctx->host, s, n) != 0) {
		char	 a[64], b[64];

		diag_set(ctx->diag, st->name, r->line, 0,
		    "one host per run: host '%s' after '%s'",
		    parse_excerpt(s, n, a, sizeof(a)),
		    parse_excerpt(ctx->host, strlen(ctx->host), b, sizeof(b)));
		return -1;
	}
	return 0;
}

static int
on_row(const struct csv_row *r, void *arg)
{
	struct csv_state *st = arg;
	const char	*s;
	size_t		 n;
	int64_t		 t, v[4];
	int		 utc, c;
	unsigned char	 tag[4];
	enum pool_type	 type;

	if (!st->sink.header_done)
		return header(st, r);
	if (r->n < st->need) {
		parse_skip(st->sink.fs, SKIP_DAMAGED, r->line,
		    "row has %d fields, needs %d", r->n, st->need);
		return 0;
	}
	if (!timestamp(st, r->field[st->col[COL_TIMESTAMP]],
	    r->len[st->col[COL_TIMESTAMP]], &t, &utc)) {
		damaged(st, r, COL_TIMESTAMP, "expected a time (ISO 8601 or "
		    "epoch seconds)");
		return 0;
	}
	if (csvin_tag(r->field[st->col[COL_TAG]], r->len[st->col[COL_TAG]],
	    tag) == -1) {
		damaged(st, r, COL_TAG, "expected a tag of 1 to 4 bytes");
		return 0;
	}
	s = r->field[st->col[COL_TYPE]];
	n = r->len[st->col[COL_TYPE]];
	csvin_trim(&s, &n);
	if (n == 5 && strncasecmp(s, "paged", 5) == 0)
		type = POOL_PAGED;
	else if ((n == 4 && strncasecmp(s, "nonp", 4) == 0) ||
	    (n == 8 && strncasecmp(s, "nonpaged", 8) == 0))
		type = POOL_NONPAGED;
	else {
		damaged(st, r, COL_TYPE, "expected Paged or Nonp");
		return 0;
	}
	for (c = COL_ALLOCS; c <= COL_BYTES; c++) {
		s = r->field[st->col[c]];
		n = r->len[st->col[c]];
		csvin_trim(&s, &n);
		/* Allocs and Frees may be unknown, as in a dump's */
		if (n == 0 && (c == COL_ALLOCS || c == COL_FREES)) {
			v[c - COL_ALLOCS] = -1;
			continue;
		}
		if (csvin_int(s, n, &v[c - COL_ALLOCS]) == -1) {
			damaged(st, r, c, "expected an integer");
			return 0;
		}
		if (c != COL_DIFF && v[c - COL_ALLOCS] < 0) {
			damaged(st, r, c, "negative number");
			return 0;
		}
	}
	if (st->col[COL_HOST] >= 0 && host(st, r) == -1)
		return -1;
	s = NULL;
	n = 0;
	if (st->col[COL_DRIVER] >= 0) {
		s = r->field[st->col[COL_DRIVER]];
		n = r->len[st->col[COL_DRIVER]];
		csvin_trim(&s, &n);
	}
	csvin_add(&st->sink, r->line, t, utc, tag, type, v[0], v[1], v[2],
	    v[3], n > 0 ? s : NULL, n);
	return 0;
}

int
fmt_csv_parse(struct parse_ctx *ctx, struct input *in, struct file_stats *fs)
{
	struct csv_state st;

	memset(&st, 0, sizeof(st));
	st.name = input_name(in);
	return csvin_parse(ctx, in, fs, "csv", ',', &st.sink, on_row, &st);
}
