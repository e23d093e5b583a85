/* fmt_pscsv.c: the PowerShell collector's CSV (NtQuerySystemInformation
 * pool tags through ConvertTo-Csv): "DateTime","DateTimeUTC","Tag",
 * "PagedAllocs",...,"NonPagedUsedBytes","TotalUsedBytes"[,"Binary",
 * "Description"], any subset of the value columns, one row per tag. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "csvin.h"
#include "fmt_pscsv.h"
#include "timestamp.h"

enum col {
	COL_DATETIME, COL_DATETIMEUTC, COL_TAG,
	COL_PALLOCS, COL_PFREES, COL_PDIFF, COL_PBYTES,
	COL_NALLOCS, COL_NFREES, COL_NDIFF, COL_NBYTES,
	COL_BINARY, COL_DESCRIPTION, NCOLS
};

static const char *const colname[NCOLS] = {
	"DateTime", "DateTimeUTC", "Tag",
	"PagedAllocs", "PagedFrees", "PagedDiff", "PagedUsedBytes",
	"NonPagedAllocs", "NonPagedFrees", "NonPagedDiff", "NonPagedUsedBytes",
	"Binary", "Description"
};

struct ps_state {
	struct csv_sink		 sink;
	const char		*name;
	int			 col[NCOLS];
};

static int
header(struct ps_state *st, const struct csv_row *r)
{
	csvin_columns(r, colname, NCOLS, st->col);
	if (st->col[COL_TAG] == -1 || (st->col[COL_DATETIME] == -1 &&
	    st->col[COL_DATETIMEUTC] == -1) || (st->col[COL_PBYTES] == -1 &&
	    st->col[COL_NBYTES] == -1)) {
		diag_set(st->sink.ctx->diag, st->name, r->line, 0,
		    "the header needs Tag, DateTime or DateTimeUTC, and "
		    "PagedUsedBytes or NonPagedUsedBytes");
		return -1;
	}
	st->sink.header_done = 1;
	return 0;
}

/* A field by column, "" when the column is absent or the row short. */
static const char *
field(const struct ps_state *st, const struct csv_row *r, int c, size_t *len)
{
	int	 i = st->col[c];

	if (i < 0 || i >= r->n) {
		*len = 0;
		return "";
	}
	*len = r->len[i];
	return r->field[i];
}

/* One pool side of a row: Allocs, Frees, Diff, Bytes from the columns at
 * base (absent counts are 0).  Returns 1 to add, 0 to leave out (never
 * used), -1 if damaged (counted). */
static int
side(struct ps_state *st, const struct csv_row *r, int base, int64_t v[4])
{
	const char	*s;
	size_t		 n;
	int		 k;

	for (k = 0; k < 4; k++) {
		v[k] = 0;
		if (st->col[base + k] < 0)
			continue;
		if (st->col[base + k] >= r->n) {
			parse_skip(st->sink.fs, SKIP_DAMAGED, r->line,
			    "row has %d fields, column '%s' is missing", r->n,
			    colname[base + k]);
			return -1;
		}
		s = field(st, r, base + k, &n);
		if (csvin_int(s, n, &v[k]) == -1 || (k != 2 && v[k] < 0)) {
			parse_skip(st->sink.fs, SKIP_DAMAGED, r->line,
			    "expected a%s integer in column '%s'",
			    k != 2 ? " non-negative" : "n", colname[base + k]);
			return -1;
		}
	}
	return v[0] != 0 || v[1] != 0 || v[3] != 0;
}

static int
on_row(const struct csv_row *r, void *arg)
{
	struct ps_state	*st = arg;
	const char	*s, *bin, *desc;
	size_t		 n, bn, dn;
	int64_t		 t, v[2][4];
	int		 utc, use[2], k;
	unsigned char	 tag[4];
	char		 driver[256];
	int		 dlen;

	if (!st->sink.header_done)
		return header(st, r);
	/* DateTimeUTC when there is one: no zone is written, it is UTC */
	if (st->col[COL_DATETIMEUTC] >= 0) {
		s = field(st, r, COL_DATETIMEUTC, &n);
		k = ts_parse_field(s, n, &t, &utc);
		utc = 1;
	} else {
		s = field(st, r, COL_DATETIME, &n);
		k = ts_parse_field(s, n, &t, &utc);
	}
	if (!k) {
		parse_skip(st->sink.fs, SKIP_DAMAGED, r->line,
		    "expected a time in column '%s'",
		    colname[st->col[COL_DATETIMEUTC] >= 0 ? COL_DATETIMEUTC :
		    COL_DATETIME]);
		return 0;
	}
	s = field(st, r, COL_TAG, &n);
	if (csvin_tag(s, n, tag) == -1) {
		parse_skip(st->sink.fs, SKIP_DAMAGED, r->line,
		    "expected a tag of 1 to 4 bytes in column 'Tag'");
		return 0;
	}
	use[0] = st->col[COL_PBYTES] >= 0 ? side(st, r, COL_PALLOCS, v[0]) : 0;
	if (use[0] == -1)
		return 0;
	use[1] = st->col[COL_NBYTES] >= 0 ? side(st, r, COL_NALLOCS, v[1]) : 0;
	if (use[1] == -1)
		return 0;
	bin = field(st, r, COL_BINARY, &bn);
	desc = field(st, r, COL_DESCRIPTION, &dn);
	csvin_trim(&bin, &bn);
	csvin_trim(&desc, &dn);
	dlen = snprintf(driver, sizeof(driver), "%.*s%s%.*s", (int)(bn > 120 ?
	    120 : bn), bin, bn > 0 && dn > 0 ? " - " : "", (int)(dn > 120 ? 120 :
	    dn), desc);
	for (k = 0; k < 2; k++)
		if (use[k])
			csvin_add(&st->sink, r->line, t, utc, tag,
			    k == 0 ? POOL_PAGED : POOL_NONPAGED, v[k][0],
			    v[k][1], v[k][2], v[k][3], dlen > 0 ? driver : NULL,
			    dlen > 0 ? (size_t)dlen : 0);
	/* a row with nothing in either pool is still a row */
	parse_line(st->sink.fs, r->line, r->line, LINE_ROW);
	return 0;
}

int
fmt_pscsv_parse(struct parse_ctx *ctx, struct input *in,
    struct file_stats *fs)
{
	struct ps_state	 st;

	memset(&st, 0, sizeof(st));
	st.name = input_name(in);
	return csvin_parse(ctx, in, fs, "powershell", ',', &st.sink, on_row,
	    &st);
}
