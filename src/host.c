/* host.c: one machine's inputs -> its table. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fmt_csv.h"
#include "fmt_events.h"
#include "fmt_handle.h"
#include "fmt_perfmon.h"
#include "fmt_poolmon.h"
#include "fmt_poolused.h"
#include "fmt_pscsv.h"
#include "fmt_wpa.h"
#include "host.h"
#include "input.h"
#include "timestamp.h"
#include "util.h"

/* One input file, named or found in a directory. */
struct source {
	char		*path;
	int		 from_dir;
	struct name_time nt;
	int		 have_nt;
};

/* The parser of each format. */
static int (*const parsers[FORMAT_N])(struct parse_ctx *, struct input *,
    struct file_stats *) = {
	[FORMAT_POOLMON] = fmt_poolmon_parse,
	[FORMAT_CSV] = fmt_csv_parse,
	[FORMAT_PSCSV] = fmt_pscsv_parse,
	[FORMAT_POOLUSED] = fmt_poolused_parse,
	[FORMAT_PERFMON] = fmt_perfmon_parse,
	[FORMAT_HANDLE] = fmt_handle_parse,
	[FORMAT_EVENTS] = fmt_events_parse,
	[FORMAT_WPA] = fmt_wpa_parse,
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add_source(struct source **src, size_t *n, size_t *cap, const char *path,
    int from_dir)
{
	const char	*base;
	struct source	*s;

	if (*n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		*src = xreallocarray(*src, *cap, sizeof(**src));
	}
	s = &(*src)[(*n)++];
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	s->from_dir = from_dir;
	if (strcmp(path, "-") != 0) {
		base = strrchr(path, '/');
		s->have_nt = ts_parse_name(base == NULL ? path : base + 1,
		    &s->nt);
	}
}

/* Expand a directory into its files, sorted by name; dot files are left
 * out.  Returns -1 with the diag set if it cannot be read. */
static int
add_dir(struct source **src, size_t *n, size_t *cap, const char *dir,
    struct diag *diag)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		**names = NULL, *path;
	size_t		 nn = 0, nc = 0, i, len;

	if ((d = opendir(dir)) == NULL) {
		diag_set(diag, dir, 0, 0, "cannot open directory: %s",
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		len = strlen(dir) + strlen(de->d_name) + 2;
		path = xmalloc(len);
		snprintf(path, len, "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name);
		if (stat(path, &st) == -1 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (nn == nc) {
			nc = nc == 0 ? 64 : nc * 2;
			names = xreallocarray(names, nc, sizeof(*names));
		}
		names[nn++] = path;
	}
	closedir(d);
	if (nn > 0)
		qsort(names, nn, sizeof(*names), cmp_str);
	for (i = 0; i < nn; i++) {
		add_source(src, n, cap, names[i], 1);
		free(names[i]);
	}
	free(names);
	return 0;
}

/* File names like poolmon.2019-24-07-12-21-57.log are year-day-month:
 * read every name the same way, the way that gives the shortest span. */
static void
choose_name_order(struct source *src, size_t n)
{
	int	 ymd_ok = 1, ydm_ok = 1, any = 0, use_ydm;
	int64_t	 lo[2] = { INT64_MAX, INT64_MAX }, hi[2] = { INT64_MIN, INT64_MIN };
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!src[i].have_nt)
			continue;
		any = 1;
		if (!src[i].nt.have_ymd)
			ymd_ok = 0;
		else {
			lo[0] = src[i].nt.ymd < lo[0] ? src[i].nt.ymd : lo[0];
			hi[0] = src[i].nt.ymd > hi[0] ? src[i].nt.ymd : hi[0];
		}
		if (!src[i].nt.have_ydm)
			ydm_ok = 0;
		else {
			lo[1] = src[i].nt.ydm < lo[1] ? src[i].nt.ydm : lo[1];
			hi[1] = src[i].nt.ydm > hi[1] ? src[i].nt.ydm : hi[1];
		}
	}
	if (!any)
		return;
	use_ydm = ydm_ok && (!ymd_ok || hi[1] - lo[1] < hi[0] - lo[0]);
	for (i = 0; i < n; i++) {
		if (!src[i].have_nt)
			continue;
		if (use_ydm || !src[i].nt.have_ymd)
			src[i].nt.ymd = src[i].nt.ydm;
	}
}

int
host_finish_file(struct file_stats *fs, int ok, FILE *err, struct diag *d)
{
	int	 r;

	if (parse_lines_done(fs) == -1 && ok) {
		diag_set(d, fs->name, 0, 0, "internal error: %ld of %ld lines "
		    "read were not accounted for", parse_lines_unaccounted(fs),
		    fs->lines);
		return -1;
	}

	if (fs->note[0] != '\0')
		fprintf(err, "pooltrend: %s: %s\n", fs->name, fs->note);
	for (r = 0; r < SKIP_NREASONS; r++) {
		if (fs->skipped[r] == 0)
			continue;
		fprintf(err, "pooltrend: %s:%ld: %s; %s skipped", fs->name,
		    fs->first_line[r], fs->first_msg[r],
		    parse_skip_name((enum skip_reason)r));
		if (fs->skipped[r] > 1)
			fprintf(err, " (%ld lines in this file)",
			    fs->skipped[r]);
		fprintf(err, "\n");
	}
	return 0;
}


struct file_stats *
host_add_file(struct host *h, const char *name)
{
	struct file_stats *fs;

	if (h->nfiles == h->filecap) {
		h->filecap = h->filecap == 0 ? 8 : h->filecap * 2;
		h->files = xreallocarray(h->files, h->filecap,
		    sizeof(*h->files));
		memset(h->files + h->nfiles, 0, (h->filecap - h->nfiles) *
		    sizeof(*h->files));
	}
	fs = &h->files[h->nfiles];
	free(fs->name);
	memset(fs, 0, sizeof(*fs));
	fs->name = xstrdup(name);
	return fs;
}

void
host_add_done(struct host *h)
{
	h->nfiles++;
	h->ri.files = h->files;
	h->ri.nfiles = h->nfiles;
}

/* Drop the file host_add_file made last, not counted. */
static void
add_undo(struct host *h)
{
	free(h->files[h->nfiles].name);
	h->files[h->nfiles].name = NULL;
}

int
host_load(struct host *h, const struct load_opts *lo)
{
	struct parse_ctx ctx = *lo->ctx;
	struct source	*src = NULL;
	struct file_stats *fs;
	struct input	*in;
	struct stat	 st;
	const char	*peek = NULL;
	size_t		 nsrc = 0, srccap = 0, i;
	int		 r, rc = -1, stdin_used = 0, utc_seen = 0;
	int		 local_seen = 0;
	enum format	 fmt;

	h->table = table_new();
	if (lo->have_tz)
		table_set_local_offset(h->table, lo->tz_ms);
	ctx.table = h->table;
	ctx.diag = &h->diag;
	if ((ctx.host = h->name) == NULL && lo->ctx->host != NULL)
		ctx.host = xstrdup(lo->ctx->host);
	h->name = NULL;
	h->ri.table = h->table;
	for (i = 0; i < h->npaths; i++) {
		if (strcmp(h->paths[i], "-") == 0) {
			if (stdin_used++) {
				diag_set(&h->diag, NULL, 0, 0, "- given twice");
				goto out;
			}
			add_source(&src, &nsrc, &srccap, "-", 0);
		} else if (stat(h->paths[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			if (add_dir(&src, &nsrc, &srccap, h->paths[i],
			    &h->diag) == -1)
				goto out;
		} else
			add_source(&src, &nsrc, &srccap, h->paths[i], 0);
	}
	choose_name_order(src, nsrc);

	for (i = 0; i < nsrc; i++) {
		if ((in = input_open(src[i].path, &h->diag)) == NULL)
			goto out;
		fs = host_add_file(h, input_name(in));
		fmt = lo->forced != FORMAT_UNKNOWN ? lo->forced :
		    sniff_format(peek, input_peek(in, &peek));
		if (fmt == FORMAT_UNKNOWN) {
			input_free(in);
			if (src[i].from_dir) {
				fprintf(h->err, "pooltrend: %s: not a pool log; "
				    "file skipped\n", fs->name);
				add_undo(h);
				h->ri.skipped_files++;
				continue;
			}
			diag_set(&h->diag, fs->name, 0, 0, "not a pool log: "
			    "expected poolmon rows (' Toke Paged 1 0 1 1664 "
			    "1664'), a CSV header (timestamp,tag,type,allocs,"
			    "frees,diff,bytes; Tag,PagedUsedBytes,DateTime; "
			    "Pool Tag,Paged,Size,Count), !poolused, PDH-CSV, "
			    "handle -s or an event log (or give "
			    "--input-format)");
			add_undo(h);
			goto out;
		}
		ctx.have_name_time = src[i].have_nt;
		ctx.name_ms = src[i].nt.ymd;
		r = parsers[fmt](&ctx, in, fs);
		input_free(in);
		if (host_finish_file(fs, r == 0, h->err, &h->diag) == -1 ||
		    r == -1) {
			add_undo(h);
			goto out;
		}
		host_add_done(h);
	}
	/* a pool trace alone is one snapshot of what is outstanding */
	table_allocs_snapshot(h->table);
	h->ri.duplicates = table_finish(h->table);
	if (table_nsnapshots(h->table) == 0) {
		diag_set(&h->diag, NULL, 0, 0, "no pool data in the input");
		goto out;
	}
	for (i = 0; i < table_nsnapshots(h->table); i++) {
		if (table_snapshot(h->table, i)->untimed)
			continue;
		if (table_snapshot(h->table, i)->utc)
			utc_seen = 1;
		else
			local_seen = 1;
	}
	if (utc_seen && local_seen)
		fprintf(h->err, "pooltrend: some times are UTC and some local "
		    "times without a zone; give --tz to put them on one clock\n");
	for (i = 0; i < table_nsnapshots(h->table); i++)
		if (table_snapshot(h->table, i)->untimed &&
		    table_nsnapshots(h->table) > 1) {
			diag_set(&h->diag, NULL, 0, 0, "a !poolused snapshot "
			    "joins a time series only with --dump-time");
			goto out;
		}
	h->ri.nsamples = table_nsamples(h->table);
	rc = 0;
out:
	h->ri.files = h->files;
	h->ri.nfiles = h->nfiles;
	h->name = ctx.host;
	for (i = 0; i < nsrc; i++)
		free(src[i].path);
	free(src);
	return rc;
}

long
host_skips(const struct host *h)
{
	long	 skips = 0;
	size_t	 i;
	int	 r;

	for (i = 0; i < h->nfiles; i++)
		for (r = 0; r < SKIP_NREASONS; r++)
			skips += h->files[i].skipped[r];
	return skips + (long)(h->ri.skipped_files + h->ri.duplicates);
}

void
host_free(struct host *h)
{
	size_t	 i;

	/* and a file added but not counted */
	for (i = 0; i < h->filecap; i++)
		free(h->files[i].name);
	free(h->files);
	free(h->name);
	table_free(h->table);
	memset(h, 0, sizeof(*h));
}
