/* fmt_wpa.c: the Pool table of Windows Performance Analyzer exported to
 * CSV, after a pool trace (wpr -start Pool):
 *
 *	Pool Tag,Paged,Size,Count,Type
 *	Toke,Paged,"1,664","6,043",AIFO
 *	Irp ,NonPaged,256,3,AIFI
 *
 * Columns are found by name in any order (WPA lets the user rearrange
 * them; others are ignored).  Each row is a group of allocations of one
 * size; Type is WPA's lifetime class: allocated inside (AI) or outside
 * (AO) the trace, freed inside it (FI) or still outstanding at its end
 * (FO).  No public sample of the export is known, so the columns are
 * taken as WPA names them in its Pool graph. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "csvin.h"
#include "fmt_wpa.h"
#include "units.h"
#include "util.h"

enum col {
	COL_POOLTAG, COL_TAG, COL_PAGED, COL_POOLTYPE, COL_SIZE, COL_COUNT,
	COL_TYPE, NCOLS
};

static const char *const colname[NCOLS] = {
	"Pool Tag", "Tag", "Paged", "Pool Type", "Size", "Count", "Type"
};

/* The largest size and count taken: 1 TB, 2^40 allocations. */
#define WPA_MAX	(INT64_C(1) << 40)

struct wpa_state {
	struct csv_sink		 sink;
	const char		*name;
	int			 col[NCOLS];
	int			 tagcol, typecol;	/* the columns used */
};

int
fmt_wpa_header(const char *l, size_t n)
{
	return memchr(l, ',', n) != NULL && (util_has_word(l, n, "Pool Tag") ||
	    util_has_word(l, n, "Tag")) && util_has_word(l, n, "Paged") &&
	    util_has_word(l, n, "Size") && util_has_word(l, n, "Count");
}

static int
header(struct wpa_state *st, const struct csv_row *r)
{
	const char	*missing = NULL;

	csvin_columns(r, colname, NCOLS, st->col);
	st->tagcol = st->col[COL_POOLTAG] >= 0 ? COL_POOLTAG : COL_TAG;
	st->typecol = st->col[COL_PAGED] >= 0 ? COL_PAGED : COL_POOLTYPE;
	if (st->col[st->tagcol] < 0)
		missing = "Pool Tag";
	else if (st->col[st->typecol] < 0)
		missing = "Paged";
	else if (st->col[COL_SIZE] < 0)
		missing = "Size";
	else if (st->col[COL_COUNT] < 0)
		missing = "Count";
	if (missing != NULL) {
		diag_set(st->sink.ctx->diag, st->name, r->line, 0,
		    "no column '%s' in the header: a WPA pool table export "
		    "needs Pool Tag (or Tag), Paged (or Pool Type), Size and "
		    "Count", missing);
		return -1;
	}
	st->sink.header_done = 1;
	return 0;
}

/* The field of column c, trimmed; NULL if the row is too short. */
static const char *
field(const struct wpa_state *st, const struct csv_row *r, int c,
    size_t *len)
{
	const char	*s;
	int		 i = st->col[c];

	if (i >= r->n)
		return NULL;
	s = r->field[i];
	*len = r->len[i];
	csvin_trim(&s, len);
	return s;
}

/* A whole number, plain or with thousands separators ("1,664"), from 0
 * to WPA_MAX.  Returns 0, or -1. */
static int
number(const char *s, size_t n, int64_t *v)
{
	size_t	 i, digits = 0;
	int	 commas = 0;

	*v = 0;
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] == ',') {
			/* a first group of 1 to 3 digits, then 3 each */
			if (digits == 0 || (commas ? digits != 3 : digits > 3))
				return -1;
			commas = 1;
			digits = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
		if (*v > WPA_MAX)
			return -1;
		digits++;
	}
	return digits == 0 || (commas && digits != 3) ? -1 : 0;
}

/* Paged or nonpaged, as WPA and people write it.  Returns 0, or -1. */
static int
pool_type(const char *s, size_t n, enum pool_type *type)
{
	static const char *const paged[] = { "Paged", "Paged Pool" };
	static const char *const nonpaged[] = { "NonPaged", "Non Paged",
	    "NonPaged Pool", "Nonp" };
	size_t	 k;

	for (k = 0; k < sizeof(paged) / sizeof(paged[0]); k++)
		if (strlen(paged[k]) == n && strncasecmp(s, paged[k], n) == 0) {
			*type = POOL_PAGED;
			return 0;
		}
	for (k = 0; k < sizeof(nonpaged) / sizeof(nonpaged[0]); k++)
		if (strlen(nonpaged[k]) == n &&
		    strncasecmp(s, nonpaged[k], n) == 0) {
			*type = POOL_NONPAGED;
			return 0;
		}
	return -1;
}

/* The lifetime class: 1 allocated inside the trace and outstanding
 * (AIFO), 0 allocated before it and outstanding (AOFO), 2 freed (AIFI,
 * AOFI).  Returns -1 for anything else. */
static int
lifetime(const char *s, size_t n)
{
	if (n != 4)
		return -1;
	if (strncasecmp(s, "AIFO", 4) == 0)
		return 1;
	if (strncasecmp(s, "AOFO", 4) == 0)
		return 0;
	if (strncasecmp(s, "AIFI", 4) == 0 || strncasecmp(s, "AOFI", 4) == 0)
		return 2;
	return -1;
}

static int
on_row(const struct csv_row *r, void *arg)
{
	struct wpa_state *st = arg;
	struct file_stats *fs;
	const char	*s[NCOLS] = { NULL };
	size_t		 n[NCOLS] = { 0 };
	int64_t		 size, count;
	enum pool_type	 type;
	unsigned char	 tag[4];
	char		 ex[48], tbuf[24];
	int		 c, life = 1;
	const int	 used[] = { st->tagcol, st->typecol, COL_SIZE,
	    COL_COUNT, COL_TYPE };

	if (!st->sink.header_done)
		return header(st, r);
	fs = st->sink.fs;
	for (c = 0; c < (int)(sizeof(used) / sizeof(used[0])); c++) {
		if (st->col[used[c]] < 0)
			continue;
		if ((s[used[c]] = field(st, r, used[c], &n[used[c]])) == NULL) {
			parse_skip(fs, SKIP_DAMAGED, r->line, "row has %d "
			    "fields, column '%s' is missing", r->n,
			    colname[used[c]]);
			return 0;
		}
	}
	if (csvin_tag(s[st->tagcol], n[st->tagcol], tag) == -1) {
		parse_skip(fs, SKIP_DAMAGED, r->line, "expected a tag of 1 to "
		    "4 bytes in column '%s': '%s'", colname[st->tagcol],
		    parse_excerpt(s[st->tagcol], n[st->tagcol], ex,
		    sizeof(ex)));
		return 0;
	}
	if (pool_type(s[st->typecol], n[st->typecol], &type) == -1) {
		parse_skip(fs, SKIP_DAMAGED, r->line, "tag '%s': expected "
		    "Paged or NonPaged in column '%s': '%s'",
		    units_tag(tag, tbuf, sizeof(tbuf)), colname[st->typecol],
		    parse_excerpt(s[st->typecol], n[st->typecol], ex,
		    sizeof(ex)));
		return 0;
	}
	if (number(s[COL_SIZE], n[COL_SIZE], &size) == -1) {
		parse_skip(fs, SKIP_DAMAGED, r->line, "tag '%s': expected a "
		    "size in bytes in column 'Size'", units_tag(tag, ex,
		    sizeof(ex)));
		return 0;
	}
	if (number(s[COL_COUNT], n[COL_COUNT], &count) == -1) {
		parse_skip(fs, SKIP_DAMAGED, r->line, "tag '%s': expected a "
		    "number of allocations in column 'Count'", units_tag(tag,
		    ex, sizeof(ex)));
		return 0;
	}
	if (st->col[COL_TYPE] >= 0 &&
	    (life = lifetime(s[COL_TYPE], n[COL_TYPE])) == -1) {
		parse_skip(fs, SKIP_DAMAGED, r->line, "tag '%s': expected "
		    "AIFO, AOFO, AIFI or AOFI in column 'Type'", units_tag(tag,
		    ex, sizeof(ex)));
		return 0;
	}
	/* freed allocations are read, and left out */
	if (life != 2 && count > 0) {
		table_alloc_add(st->sink.ctx->table, tag, type, size, count,
		    life);
		fs->rows++;
	}
	parse_line(fs, r->line, r->line, LINE_ROW);
	return 0;
}

int
fmt_wpa_parse(struct parse_ctx *ctx, struct input *in, struct file_stats *fs)
{
	struct wpa_state st;

	memset(&st, 0, sizeof(st));
	st.name = input_name(in);
	return csvin_parse(ctx, in, fs, "wpa", ',', &st.sink, on_row, &st);
}
