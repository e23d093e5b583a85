/* fmt_poolused.c: WinDbg !poolused output, one snapshot from a dump.
 *
 *                NonPaged                  Paged
 *  Tag     Allocs         Used     Allocs         Used
 *  amda   5768754   1938325232         32         9360<TAB>UNKNOWN pooltag ...
 *
 * Numbers are right-aligned under their column names, so each is cut at
 * the right edge of its name: older builds have no TAB and the description
 * touches the last number ("0UNKNOWN", even "01394 OHCI ...").  Allocs is
 * the number of allocations outstanding, poolmon's Diff. */
#include <stdio.h>
#include <string.h>

#include "fmt_poolused.h"
#include "units.h"
#include "util.h"

struct layout;
static int	header(const char *, size_t, struct layout *);

struct layout {
	int	 tagcol;	/* where tags start */
	int	 edge[4];	/* right edges: NP Allocs, NP Used, P Allocs,
				 * P Used */
};

static int
blank(int c)
{
	return c == ' ' || c == '\t';
}

int
fmt_poolused_header(const char *l, size_t n)
{
	struct layout	 lo;

	return header(l, n, &lo);
}

/* The column header " Tag     Allocs         Used     Allocs         Used". */
static int
header(const char *l, size_t n, struct layout *lo)
{
	const char	*p, *e = l + n;
	int		 k = 0;

	for (p = l; p < e && blank(*p); p++)
		;
	if (e - p < 3 || memcmp(p, "Tag", 3) != 0)
		return 0;
	lo->tagcol = (int)(p - l);
	p += 3;
	while (k < 4) {
		while (p < e && blank(*p))
			p++;
		if (e - p >= 6 && memcmp(p, "Allocs", 6) == 0 && k % 2 == 0)
			p += 6;
		else if (e - p >= 4 && memcmp(p, "Used", 4) == 0 && k % 2 == 1)
			p += 4;
		else
			return 0;
		lo->edge[k++] = (int)(p - l) - 1;
	}
	return 1;
}

/* "kd> ", "0: kd> " */
static int
prompt(const char *p, const char *e)
{
	while (p < e && *p >= '0' && *p <= '9')
		p++;
	if (e - p >= 2 && p[0] == ':' && p[1] == ' ')
		p += 2;
	return e - p >= 3 && memcmp(p, "kd>", 3) == 0;
}

/* Driver text from the description: "Etw Buffer , Binary: nt!etw" becomes
 * "nt!etw - Etw Buffer"; UNKNOWN pooltag messages are none. */
static size_t
driver_text(const char *p, const char *e, char *buf, size_t size)
{
	const char	*b, *d_end;
	int		 w;

	while (p < e && blank(*p))
		p++;
	while (e > p && blank(e[-1]))
		e--;
	if (p == e || (e - p >= 15 && memcmp(p, "UNKNOWN pooltag", 15) == 0))
		return 0;
	for (b = p; b + 9 <= e && memcmp(b, ", Binary:", 9) != 0; b++)
		;
	if (b + 9 <= e) {
		for (d_end = b; d_end > p && blank(d_end[-1]); d_end--)
			;
		b += 9;
		while (b < e && blank(*b))
			b++;
		w = snprintf(buf, size, "%.*s - %.*s", (int)(e - b), b,
		    (int)(d_end - p), p);
	} else
		w = snprintf(buf, size, "%.*s", (int)(e - p), p);
	return w < 0 ? 0 : (size_t)w < size ? (size_t)w : size - 1;
}

/* The four numbers of a row, each right-aligned near its column's right
 * edge: it may end before the edge (a shifted row) but not after it, so a
 * description touching the last number is cut off.  Sets *desc to where
 * the description starts.  Returns -1, or the index of the first column
 * without a number. */
static int
numbers(const char *l, size_t n, const struct layout *lo, int64_t v[4],
    const char **desc)
{
	const char	*q, *edge, *e = l + n;
	int		 k, start = lo->tagcol + 4;

	for (k = 0; k < 4; k++) {
		edge = l + lo->edge[k];
		for (q = l + start; q < e && q <= edge && blank(*q); q++)
			;
		if (q >= e || q > edge || *q < '0' || *q > '9')
			return k;
		for (v[k] = 0; q < e && q <= edge && *q >= '0' && *q <= '9';
		    q++) {
			if (v[k] > (INT64_MAX - 9) / 10)
				return k;
			v[k] = v[k] * 10 + (*q - '0');
		}
		if (k < 3) {
			/* only blanks up to the edge */
			for (; q < e && q <= edge; q++)
				if (!blank(*q))
					return k;
			start = lo->edge[k] + 1;
		}
	}
	*desc = q;
	return -1;
}

int
fmt_poolused_parse(struct parse_ctx *ctx, struct input *in,
    struct file_stats *fs)
{
	struct layout	 lo;
	const char	*l, *p;
	size_t		 n, dlen;
	int64_t		 v[4];
	int		 r, k, have = 0, seen_header = 0;
	uint32_t	 snap = 0;
	long		 line;
	unsigned char	 tag[4];
	char		 driver[256], ex[64];

	memset(&lo, 0, sizeof(lo));
	fs->format = "poolused";
	while ((r = input_getline(in, &l, &n)) == 1) {
		line = input_lineno(in);
		fs->lines++;
		if (header(l, n, &lo)) {
			parse_line(fs, line, line, LINE_STRUCTURE);
			have = seen_header = 1;
			continue;
		}
		for (p = l; p < l + n && blank(*p); p++)
			;
		/* a new debugger command: chatter until its table */
		if (prompt(p, l + n)) {
			parse_line(fs, line, line, LINE_STRUCTURE);
			have = 0;
			continue;
		}
		/* debugger chatter before the table is not pool data, nor are
		 * the sums of the rows */
		if (!have || p == l + n || (l + n - p == 3 &&
		    memcmp(p, "...", 3) == 0) || (l + n - p >= 5 &&
		    memcmp(p, "TOTAL", 5) == 0)) {
			parse_line(fs, line, line, LINE_STRUCTURE);
			continue;
		}
		if ((int)(p - l) != lo.tagcol || (int)n <= lo.tagcol + 4 ||
		    !blank(l[lo.tagcol + 4])) {
			parse_skip(fs, SKIP_UNRECOGNISED, line,
			    "not a !poolused row: '%s'",
			    parse_excerpt(l, n, ex, sizeof(ex)));
			continue;
		}
		memcpy(tag, l + lo.tagcol, 4);
		if ((k = numbers(l, n, &lo, v, &p)) >= 0) {
			parse_skip(fs, SKIP_DAMAGED, line, "tag '%s': expected "
			    "a number in column %s %s", units_tag(tag, ex,
			    sizeof(ex)),
			    k < 2 ? "NonPaged" : "Paged",
			    k % 2 == 0 ? "Allocs" : "Used");
			continue;
		}
		parse_line(fs, line, line, LINE_ROW);
		dlen = driver_text(p, l + n, driver, sizeof(driver));
		/* the snapshot exists from its first row on */
		if (fs->snapshots == 0) {
			snap = table_snapshot_at(ctx->table, ctx->have_dump_time ?
			    ctx->dump_ms : 0, 0);
			if (!ctx->have_dump_time)
				table_mark_untimed(ctx->table, snap);
			fs->snapshots = 1;
		}
		for (k = 0; k < 2; k++) {
			const int64_t *side = k == 0 ? v : v + 2;

			if (side[0] == 0 && side[1] == 0)
				continue;
			/* Allocs and Frees are not known: -1 */
			if (table_add(ctx->table, snap, tag, k == 0 ?
			    POOL_NONPAGED : POOL_PAGED, -1, -1, side[0],
			    side[1], dlen > 0 ? driver : NULL, dlen) != 0)
				parse_skip(fs, SKIP_DUPLICATE, line,
				    "second row for '%s' %s", units_tag(tag, ex,
				    sizeof(ex)),
				    k == 0 ? "Nonp" : "Paged");
			else
				fs->rows++;
		}
	}
	if (r == 0 && fs->rows == 0 && !seen_header) {
		diag_set(ctx->diag, input_name(in), 0, 0,
		    "no !poolused table (no 'Tag Allocs Used Allocs Used' "
		    "header)");
		return -1;
	}
	return r == -1 ? -1 : 0;
}
