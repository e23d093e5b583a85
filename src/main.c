/* main.c: options, dispatch, exit status: the only place that exits. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fmt_csv.h"
#include "fmt_perfmon.h"
#include "fmt_poolmon.h"
#include "fmt_poolused.h"
#include "fmt_pscsv.h"
#include "input.h"
#include "parse.h"
#include "pooltag.h"
#include "report.h"
#include "sniff.h"
#include "table.h"
#include "timestamp.h"
#include "trend.h"
#include "emit.h"
#include "gate.h"
#include "util.h"
#include "vm.h"

#define VERSION "0.1.0"

enum exit_status {
	EXIT_CLEAN = 0,		/* the gate passed */
	EXIT_FINDINGS = 1,	/* the gate failed */
	EXIT_ERROR = 2		/* usage or input error */
};

/* Long options without a letter. */
enum {
	OPT_ASCII = 256,
	OPT_BASELINE,
	OPT_COLOR,
	OPT_EMIT_SERIES,
	OPT_HOST,
	OPT_IGNORE,
	OPT_IGNORE_FILE,
	OPT_MAX_SLOPE,
	OPT_MIN_HOURS,
	OPT_WIDTH
};

/* The output formats, and the reporter of each. */
enum out_format { OUT_TEXT, OUT_JSON, OUT_NDJSON, OUT_CSV, OUT_JUNIT,
    OUT_HTML, OUT_N };

static int (*const reporters[OUT_N])(FILE *, const struct analysis *,
    const struct report_input *, const struct report_opts *) = {
	[OUT_TEXT] = report_text,
	[OUT_JSON] = report_json,
	[OUT_NDJSON] = report_ndjson,
	[OUT_CSV] = report_csv,
	[OUT_JUNIT] = report_junit,
	[OUT_HTML] = report_html,
};

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
};

static const char usage_text[] =
"usage: pooltrend [-a] [-D TIME] [-f FORMAT] [-F leak|suspect|never]\n"
"                 [-H HOURS] [-I FORMAT] [-l LIMITS] [-n N] [-o FILE]\n"
"                 [-p POOLTAG] [-S] [-s TIME -i DURATION] [-t OFFSET] [-v VM]\n"
"                 [--ascii] [--baseline JSON] [--color[=WHEN]]\n"
"                 [--emit-series FILE] [--host NAME] [--ignore TAGS]\n"
"                 [--ignore-file FILE] [--max-slope SIZE/h] [--min-hours H]\n"
"                 [--width N] FILE | DIR | - ...\n"
"       pooltrend -h | -V\n";

static const char help_text[] =
"Find kernel pool leaks in poolmon logs: which tags grow, how fast,\n"
"how sure, and when the pool runs out.\n"
"\n"
"  -a, --all              list stable and insufficient tags too (text)\n"
"  -D, --dump-time TIME   when the dump of a !poolused file was taken; it\n"
"                         is then the last sample of the series\n"
"  -f, --format FORMAT    text (default), json, ndjson (a JSON object a\n"
"                         line for each finding), csv, junit (XML) or\n"
"                         html (one page with charts)\n"
"  -F, --fail-on VERDICT  exit 1 if a tag or counter is judged leak\n"
"                         (default), suspect (leak or suspect) or never\n"
"  -H, --min-leak-hours H the shortest span a leak needs (default 24; a\n"
"                         daily cycle looks like growth within a day)\n"
"  -I, --input-format F   read every input as poolmon, csv, powershell,\n"
"                         poolused or perfmon\n"
"                         instead of recognising each by its content\n"
"  -i, --interval DUR     time between snapshots that carry no time\n"
"                         (300, 90s, 5m, 1h); needs --start\n"
"  -l, --limit LIMITS     pool limits: paged=SIZE,nonpaged=SIZE with\n"
"                         K, M, G or T (1024-based)\n"
"  -n, --top N            list at most N tags\n"
"  -o, --output FILE      write the report to FILE, whole or not at all\n"
"  -p, --pooltag FILE     name each tag's driver from pooltag.txt (a\n"
"                         Mapped_Driver in the log wins)\n"
"  -S, --strict           treat every skipped line or file as an error\n"
"  -s, --start TIME       time of the first snapshot that carries no\n"
"                         time (2026-11-21T19:28:00); needs --interval\n"
"  -t, --tz OFFSET        the collecting machine's offset from UTC (-08:00,\n"
"                         +0530): times without a zone become UTC\n"
"  -v, --vm FILE          pool limits (and warnings) from WinDbg !vm\n"
"                         output; --limit wins\n"
"      --ascii            sparklines in ASCII rather than Unicode blocks\n"
"      --baseline JSON    a previous run's -f json report: only what is\n"
"                         new or worse than in it fails the gate\n"
"      --color[=WHEN]     colour the text report: auto (on a terminal,\n"
"                         unless NO_COLOR is set), always or never\n"
"      --emit-series FILE write every sample read as long CSV, which\n"
"                         pooltrend and other tools read back\n"
"      --host NAME        the machine the inputs come from, in every report\n"
"                         (a CSV host column must agree)\n"
"      --ignore TAGS      tags that never fail the gate (Toke,Mm*,G?ac)\n"
"      --ignore-file FILE the same, one or more patterns a line, # comments\n"
"      --max-slope SIZE/h exit 1 if a leak or suspect grows faster (100K/h)\n"
"      --min-hours H      exit 1 if a pool runs out within H hours\n"
"      --width N          fit the text report's table to N columns\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Inputs are poolmon -n logs (one growing file with time lines, or one\n"
"snapshot per file with the time in the file name), interactive poolmon\n"
"screens, long CSV (timestamp,tag,type,allocs,frees,diff,bytes), or the\n"
"PowerShell collector's CSV, WinDbg !poolused, or perfmon PDH-CSV;\n"
"UTF-8 or UTF-16.\n"
"A directory stands for the files in it; - is standard input.\n"
"Exit status: 0 the gate passed, 1 it failed (--fail-on, --max-slope,\n"
"--min-hours), 2 error.\n"
"See pooltrend(1).\n";

static void
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "pooltrend: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage_text);
	exit(EXIT_ERROR);
}

/* "100K/h", "1.5MB/h", "2M" (an hour is understood): bytes an hour. */
static void
parse_max_slope(const char *arg, double *bytes_per_hour)
{
	char	*copy = xstrdup(arg);
	size_t	 n = strlen(copy);
	int64_t	 b;

	if (n >= 2 && strcmp(copy + n - 2, "/h") == 0)
		copy[n - 2] = '\0';
	if (util_parse_size(copy, &b) == -1 || b < 0)
		usage_error("--max-slope: expected a size an hour such as "
		    "100K/h, not '%s'", arg);
	*bytes_per_hour = (double)b;
	free(copy);
}

static void
parse_limits(const char *arg, struct trend_opts *to)
{
	char	*copy = xstrdup(arg), *item, *save = NULL, *eq;
	int	 type;

	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		if ((eq = strchr(item, '=')) == NULL)
			usage_error("--limit: expected paged=SIZE or "
			    "nonpaged=SIZE, not '%s'", item);
		*eq++ = '\0';
		if (strcmp(item, "paged") == 0)
			type = POOL_PAGED;
		else if (strcmp(item, "nonpaged") == 0)
			type = POOL_NONPAGED;
		else
			usage_error("--limit: unknown pool '%s' (paged or "
			    "nonpaged)", item);
		if (util_parse_size(eq, &to->limit_bytes[type]) == -1 ||
		    to->limit_bytes[type] <= 0)
			usage_error("--limit: not a size: '%s'", eq);
		to->limit_source[type] = "option";
	}
	free(copy);
}

/* "-08:00", "+0530", "+1", "Z": ms east of UTC.  Returns 0, or -1. */
static int
parse_offset(const char *s, int64_t *ms)
{
	int	 sign, h = 0, m = 0, n = 0;

	if (strcmp(s, "Z") == 0 || strcmp(s, "UTC") == 0) {
		*ms = 0;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	while (*s >= '0' && *s <= '9' && n < 4) {
		if (n < 2)
			h = h * 10 + (*s - '0');
		else
			m = m * 10 + (*s - '0');
		n++;
		s++;
		if (n == 2 && *s == ':')
			s++;
	}
	if (*s != '\0' || (n != 1 && n != 2 && n != 4) || h > 14 || m > 59)
		return -1;
	*ms = sign * ((int64_t)h * 60 + m) * 60000;
	return 0;
}

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

static void
print_diag(const struct diag *d)
{
	fprintf(stderr, "pooltrend: ");
	if (d->file[0] != '\0') {
		fprintf(stderr, "%s:", d->file);
		if (d->line > 0)
			fprintf(stderr, "%ld:", d->line);
		if (d->line > 0 && d->col > 0)
			fprintf(stderr, "%d:", d->col);
		fprintf(stderr, " ");
	}
	fprintf(stderr, "%s\n", d->msg);
}

/* The end of a file: count its lines, then one warning per kind of
 * skipped line, naming the first, and the parser's note.  A file read
 * whole (ok) whose lines do not all add up is an internal error: returns
 * -1 with the diag set. */
static int
finish_file(struct file_stats *fs, int ok, struct diag *d)
{
	int	 r;

	if (parse_lines_done(fs) == -1 && ok) {
		diag_set(d, fs->name, 0, 0, "internal error: %ld of %ld lines "
		    "read were not accounted for", parse_lines_unaccounted(fs),
		    fs->lines);
		return -1;
	}

	if (fs->note[0] != '\0')
		fprintf(stderr, "pooltrend: %s: %s\n", fs->name, fs->note);
	for (r = 0; r < SKIP_NREASONS; r++) {
		if (fs->skipped[r] == 0)
			continue;
		fprintf(stderr, "pooltrend: %s:%ld: %s; %s skipped", fs->name,
		    fs->first_line[r], fs->first_msg[r],
		    parse_skip_name((enum skip_reason)r));
		if (fs->skipped[r] > 1)
			fprintf(stderr, " (%ld lines in this file)",
			    fs->skipped[r]);
		fprintf(stderr, "\n");
	}	return 0;
}

/* A file written whole or not at all: a temporary file beside path,
 * renamed over it when complete; standard output when path is NULL. */
struct atomic {
	const char	*path;
	char		*tmp;
	FILE		*fp;
};

static int
atomic_open(struct atomic *a, const char *path, struct diag *d)
{
	size_t	 len;
	int	 fd;

	a->path = path;
	if (path == NULL) {
		a->fp = stdout;
		return 0;
	}
	len = strlen(path) + 16;
	a->tmp = xmalloc(len);
	snprintf(a->tmp, len, "%s.XXXXXX", path);
	if ((fd = mkstemp(a->tmp)) == -1 || (a->fp = fdopen(fd, "w")) == NULL) {
		diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return 0;
}

/* Finish the file (failed: the writer already failed), putting it in
 * place.  Returns 0, or -1 with the diag set. */
static int
atomic_commit(struct atomic *a, int failed, const char *what,
    struct diag *d)
{
	FILE	*fp = a->fp;

	if (fp == NULL)
		return 0;
	if (fp == stdout) {
		a->fp = NULL;
		if (failed || fflush(fp) == EOF || ferror(fp)) {
			diag_set(d, NULL, 0, 0, "cannot write %s: %s", what,
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	a->fp = NULL;
	if (failed || fflush(fp) == EOF || ferror(fp) ||
	    fsync(fileno(fp)) == -1) {
		diag_set(d, a->path, 0, 0, "cannot write %s: %s", what,
		    strerror(errno));
		fclose(fp);
		return -1;
	}
	if (fclose(fp) == EOF || rename(a->tmp, a->path) == -1) {
		diag_set(d, a->path, 0, 0, "cannot write: %s", strerror(errno));
		return -1;
	}
	free(a->tmp);
	a->tmp = NULL;
	return 0;
}

/* Close and remove what was not committed: never half a file. */
static void
atomic_abort(struct atomic *a)
{
	if (a->fp != NULL && a->fp != stdout)
		fclose(a->fp);
	a->fp = NULL;
	if (a->tmp != NULL) {
		unlink(a->tmp);
		free(a->tmp);
		a->tmp = NULL;
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "all",	no_argument,		NULL, 'a' },
		{ "ascii",	no_argument,		NULL, OPT_ASCII },
		{ "baseline",	required_argument,	NULL, OPT_BASELINE },
		{ "color",	optional_argument,	NULL, OPT_COLOR },
		{ "emit-series", required_argument,	NULL, OPT_EMIT_SERIES },
		{ "host",	required_argument,	NULL, OPT_HOST },
		{ "ignore",	required_argument,	NULL, OPT_IGNORE },
		{ "ignore-file", required_argument,	NULL, OPT_IGNORE_FILE },
		{ "max-slope",	required_argument,	NULL, OPT_MAX_SLOPE },
		{ "min-hours",	required_argument,	NULL, OPT_MIN_HOURS },
		{ "width",	required_argument,	NULL, OPT_WIDTH },
		{ "dump-time",	required_argument,	NULL, 'D' },
		{ "fail-on",	required_argument,	NULL, 'F' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "input-format", required_argument,	NULL, 'I' },
		{ "min-leak-hours", required_argument,	NULL, 'H' },
		{ "interval",	required_argument,	NULL, 'i' },
		{ "limit",	required_argument,	NULL, 'l' },
		{ "top",	required_argument,	NULL, 'n' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "strict",	no_argument,		NULL, 'S' },
		{ "tz",		required_argument,	NULL, 't' },
		{ "pooltag",	required_argument,	NULL, 'p' },
		{ "start",	required_argument,	NULL, 's' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "vm",		required_argument,	NULL, 'v' },
		{ NULL,		0,			NULL, 0 }
	};
	struct trend_opts	 to;
	struct report_opts	 ro;
	struct report_input	 ri;
	struct parse_ctx	 ctx;
	struct diag		 diag;
	struct source		*src = NULL;
	struct file_stats	*files = NULL;
	struct table		*table;
	struct analysis		*an = NULL;
	struct input		*in;
	struct stat		 st;
	size_t			 nsrc = 0, srccap = 0, nfiles = 0, i;
	int			 ch, utc, rc, r, have_interval = 0;
	int			 stdin_used = 0, color = -1;
	enum out_format		 ofmt = OUT_TEXT;
	struct gate_opts	 go;
	struct gate		*gate = NULL;
	struct ignore_list	*ignore = NULL;
	struct baseline		*baseline = NULL;
	const char		**ignore_files = NULL;
	size_t			 nignore_files = 0;
	double			 interval_s;
	char			*end;
	long			 top;
	enum format		 fmt, forced = FORMAT_UNKNOWN;
	const char		*peek = NULL, *pooltag_path = NULL;
	const char		*vm_path = NULL;
	int64_t			 tz_ms = 0;
	const char		*out_path = NULL, *series_path = NULL;
	struct atomic		 report, series;
	FILE			*out;
	int			 strict = 0;
	long			 skips;
	int			 have_tz = 0, utc_seen = 0, local_seen = 0;
	struct vm_info		 vm;
	struct pooltag		*pt = NULL;

	memset(&to, 0, sizeof(to));
	memset(&report, 0, sizeof(report));
	memset(&series, 0, sizeof(series));
	memset(&ro, 0, sizeof(ro));
	memset(&ctx, 0, sizeof(ctx));
	memset(&diag, 0, sizeof(diag));
	to.limit_bytes[POOL_PAGED] = to.limit_bytes[POOL_NONPAGED] = -1;
	to.min_leak_hours = 24;
	memset(&go, 0, sizeof(go));
	go.fail_on = VERDICT_LEAK;
	go.max_slope = go.min_hours = -1;

	while ((ch = getopt_long(argc, argv, "aD:F:f:H:hI:i:l:n:o:p:Ss:t:Vv:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			ro.all = 1;
			break;
		case 'D':
			if (!ts_parse_field(optarg, strlen(optarg),
			    &ctx.dump_ms, &utc) &&
			    !ts_parse_line(optarg, strlen(optarg), &ctx.dump_ms))
				usage_error("--dump-time: not a time: '%s'",
				    optarg);
			ctx.have_dump_time = 1;
			break;
		case 'F':
			if (strcmp(optarg, "leak") == 0)
				go.fail_on = VERDICT_LEAK;
			else if (strcmp(optarg, "suspect") == 0)
				go.fail_on = VERDICT_SUSPECT;
			else if (strcmp(optarg, "never") == 0)
				go.fail_on = -1;
			else
				usage_error("--fail-on: expected leak, suspect "
				    "or never, not '%s'", optarg);
			go.fail_on_given = 1;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				ofmt = OUT_JSON;
			else if (strcmp(optarg, "text") == 0)
				ofmt = OUT_TEXT;
			else if (strcmp(optarg, "ndjson") == 0)
				ofmt = OUT_NDJSON;
			else if (strcmp(optarg, "csv") == 0)
				ofmt = OUT_CSV;
			else if (strcmp(optarg, "junit") == 0)
				ofmt = OUT_JUNIT;
			else if (strcmp(optarg, "html") == 0)
				ofmt = OUT_HTML;
			else
				usage_error("--format: expected text, json, "
				    "ndjson, csv, junit or html, not '%s'",
				    optarg);
			break;
		case OPT_ASCII:
			ro.ascii = 1;
			break;
		case OPT_BASELINE:
			go.baseline_path = optarg;
			break;
		case OPT_COLOR:
			if (optarg == NULL || strcmp(optarg, "always") == 0)
				color = 1;
			else if (strcmp(optarg, "never") == 0)
				color = 0;
			else if (strcmp(optarg, "auto") == 0)
				color = -1;
			else
				usage_error("--color: expected auto, always or "
				    "never, not '%s'", optarg);
			break;
		case OPT_WIDTH:
			errno = 0;
			top = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    top < 70 || top > 10000)
				usage_error("--width: expected a number of "
				    "columns from 70 on, not '%s'", optarg);
			ro.width = (int)top;
			break;
		case OPT_EMIT_SERIES:
			series_path = optarg;
			break;
		case OPT_HOST:
			if (*optarg == '\0')
				usage_error("--host: expected a name%s", "");
			free(ctx.host);
			ctx.host = xstrdup(optarg);
			break;
		case OPT_IGNORE:
			if (ignore_add_list(&ignore, optarg, &diag) == -1)
				usage_error("--ignore: %s", diag.msg);
			break;
		case OPT_IGNORE_FILE:
			ignore_files = xreallocarray(ignore_files,
			    nignore_files + 1, sizeof(*ignore_files));
			ignore_files[nignore_files++] = optarg;
			break;
		case OPT_MAX_SLOPE:
			parse_max_slope(optarg, &go.max_slope);
			break;
		case OPT_MIN_HOURS:
			errno = 0;
			go.min_hours = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || errno != 0 ||
			    !(go.min_hours > 0) || go.min_hours > 1e7)
				usage_error("--min-hours: expected a positive "
				    "number of hours, not '%s'", optarg);
			break;
		case 'h':
			printf("%s\n%s", usage_text, help_text);
			return EXIT_CLEAN;
		case 'H':
			/* hours; 0 lets any span make a leak */
			errno = 0;
			to.min_leak_hours = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || errno != 0 ||
			    !(to.min_leak_hours >= 0) ||
			    to.min_leak_hours > 100000)
				usage_error("--min-leak-hours: expected a number "
				    "of hours, not '%s'", optarg);
			break;
		case 'I':
			if ((forced = sniff_by_name(optarg)) == FORMAT_UNKNOWN)
				usage_error("--input-format: expected poolmon, "
				    "csv, powershell, poolused or perfmon, not '%s'",
				    optarg);
			break;
		case 'i':
			if (util_parse_duration(optarg, &interval_s) == -1)
				usage_error("--interval: not a duration: '%s'",
				    optarg);
			ctx.interval_ms = (int64_t)(interval_s * 1000 + 0.5);
			have_interval = 1;
			break;
		case 'l':
			parse_limits(optarg, &to);
			break;
		case 'n':
			errno = 0;
			top = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    top < 1)
				usage_error("--top: expected a positive number, "
				    "not '%s'", optarg);
			ro.top = (size_t)top;
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'p':
			pooltag_path = optarg;
			break;
		case 'S':
			strict = 1;
			break;
		case 's':
			if (!ts_parse_field(optarg, strlen(optarg),
			    &ctx.start_ms, &utc) &&
			    !ts_parse_line(optarg, strlen(optarg), &ctx.start_ms))
				usage_error("--start: not a time: '%s'", optarg);
			ctx.have_start = 1;
			break;
		case 't':
			if (parse_offset(optarg, &tz_ms) == -1)
				usage_error("--tz: expected an offset such as "
				    "-08:00 or +0530, not '%s'", optarg);
			have_tz = 1;
			break;
		case 'V':
			printf("pooltrend %s\n", VERSION);
			return EXIT_CLEAN;
		case 'v':
			vm_path = optarg;
			break;
		default:
			fprintf(stderr, "%s", usage_text);
			return EXIT_ERROR;
		}
	}
	argc -= optind;
	argv += optind;
	if (ctx.have_start != have_interval)
		usage_error("%s", "--start and --interval go together");
	if (argc == 0)
		usage_error("%s", "no input: name files, directories or -");
	if (series_path != NULL && strcmp(series_path, "-") == 0 &&
	    out_path == NULL)
		usage_error("%s", "--emit-series -: the report goes to standard "
		    "output too; give -o FILE for it");

	table = table_new();
	if (have_tz)
		table_set_local_offset(table, tz_ms);
	ctx.table = table;
	ctx.diag = &diag;
	memset(&ri, 0, sizeof(ri));
	rc = EXIT_ERROR;
	/* the gate's files first: a mistake there costs no parsing */
	for (i = 0; i < nignore_files; i++) {
		if ((in = input_open(ignore_files[i], &diag)) == NULL)
			goto out;
		r = ignore_add_file(&ignore, in, &diag);
		input_free(in);
		if (r == -1)
			goto out;
	}
	if (go.baseline_path != NULL &&
	    (baseline = baseline_read(go.baseline_path, &diag)) == NULL)
		goto out;
	for (i = 0; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (stdin_used++) {
				diag_set(&diag, NULL, 0, 0, "- given twice");
				goto out;
			}
			add_source(&src, &nsrc, &srccap, "-", 0);
		} else if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (add_dir(&src, &nsrc, &srccap, argv[i], &diag) == -1)
				goto out;
		} else
			add_source(&src, &nsrc, &srccap, argv[i], 0);
	}
	choose_name_order(src, nsrc);

	files = xcalloc(nsrc + 3, sizeof(*files));
	for (i = 0; i < nsrc; i++) {
		struct file_stats *fs = &files[nfiles];

		if ((in = input_open(src[i].path, &diag)) == NULL)
			goto out;
		free(fs->name);
		fs->name = xstrdup(input_name(in));
		fmt = forced != FORMAT_UNKNOWN ? forced :
		    sniff_format(peek, input_peek(in, &peek));
		if (fmt == FORMAT_UNKNOWN) {
			input_free(in);
			if (src[i].from_dir) {
				fprintf(stderr, "pooltrend: %s: not a pool log; "
				    "file skipped\n", fs->name);
				ri.skipped_files++;
				continue;
			}
			diag_set(&diag, fs->name, 0, 0, "not a pool log: "
			    "expected poolmon rows such as ' Toke Paged 1 0 1 "
			    "1664 1664', a CSV header naming timestamp,tag,"
			    "type,allocs,frees,diff,bytes or Tag,PagedUsedBytes,"
			    "DateTime, a !poolused table or a (PDH-CSV 4.0) "
			    "header (give --input-format to say which)");
			goto out;
		}
		ctx.have_name_time = src[i].have_nt;
		ctx.name_ms = src[i].nt.ymd;
		r = parsers[fmt](&ctx, in, fs);
		input_free(in);
		if (finish_file(fs, r == 0, &diag) == -1 || r == -1)
			goto out;
		nfiles++;
	}
	ri.duplicates = table_finish(table);
	if (table_nsnapshots(table) == 0) {
		diag_set(&diag, NULL, 0, 0, "no pool data in the input");
		goto out;
	}
	for (i = 0; i < table_nsnapshots(table); i++) {
		if (table_snapshot(table, i)->untimed)
			continue;
		if (table_snapshot(table, i)->utc)
			utc_seen = 1;
		else
			local_seen = 1;
	}
	if (utc_seen && local_seen)
		fprintf(stderr, "pooltrend: some times are UTC and some local "
		    "times without a zone; give --tz to put them on one clock\n");
	for (i = 0; i < table_nsnapshots(table); i++)
		if (table_snapshot(table, i)->untimed &&
		    table_nsnapshots(table) > 1) {
			diag_set(&diag, NULL, 0, 0, "a !poolused snapshot joins "
			    "a time series only with --dump-time");
			goto out;
		}
	/* the series as read, before pooltag.txt names the drivers */
	if (series_path != NULL) {
		if (atomic_open(&series, strcmp(series_path, "-") == 0 ? NULL :
		    series_path, &diag) == -1)
			goto out;
		r = emit_series(series.fp, table, ctx.host, &diag);
		if (r == -1 || atomic_commit(&series, 0, "the series",
		    &diag) == -1)
			goto out;
	}
	if (pooltag_path != NULL) {
		struct file_stats *fs = &files[nfiles];

		if ((in = input_open(pooltag_path, &diag)) == NULL)
			goto out;
		free(fs->name);
		fs->name = xstrdup(input_name(in));
		pt = pooltag_read(in, fs, &diag);
		input_free(in);
		if (finish_file(fs, pt != NULL, &diag) == -1 || pt == NULL)
			goto out;
		nfiles++;
		pooltag_apply(pt, table);
	}
	if (vm_path != NULL) {
		struct file_stats *fs = &files[nfiles];
		int	 t;

		if ((in = input_open(vm_path, &diag)) == NULL)
			goto out;
		free(fs->name);
		fs->name = xstrdup(input_name(in));
		r = vm_read(in, fs, &diag, &vm);
		input_free(in);
		if (finish_file(fs, r == 0, &diag) == -1 || r == -1)
			goto out;
		nfiles++;
		ri.vm = &vm;
		for (t = 0; t < POOL_NTYPES; t++)
			if (to.limit_bytes[t] < 0 && vm.max_bytes[t] > 0) {
				to.limit_bytes[t] = vm.max_bytes[t];
				to.limit_source[t] = "vm";
			}
	}
	ri.files = files;
	ri.nfiles = nfiles;
	ri.nsamples = table_nsamples(table);
	ri.table = table;
	if (strict) {
		for (skips = 0, i = 0; i < nfiles; i++)
			for (r = 0; r < SKIP_NREASONS; r++)
				skips += files[i].skipped[r];
		skips += (long)(ri.skipped_files + ri.duplicates);
		if (skips > 0) {
			diag_set(&diag, NULL, 0, 0, "--strict: %ld %s skipped "
			    "(see above)", skips, skips == 1 ? "line or file was" :
			    "lines, files or samples were");
			goto out;
		}
	}
	an = trend_analyse(table, &to);
	if (atomic_open(&report, out_path, &diag) == -1)
		goto out;
	out = report.fp;
	go.ignore = ignore;
	go.baseline = baseline;
	gate = gate_judge(an, &go);
	ro.gate = gate;
	ro.host = ctx.host;
	/* colour on a terminal, unless NO_COLOR (no-color.org) or a dumb one */
	if (color == -1) {
		const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

		color = out_path == NULL && isatty(STDOUT_FILENO) &&
		    (nc == NULL || *nc == '\0') &&
		    (term == NULL || strcmp(term, "dumb") != 0);
	}
	ro.color = color;
	r = reporters[ofmt](out, an, &ri, &ro);
	if (atomic_commit(&report, r, "the report", &diag) == -1)
		goto out;
	rc = gate->failed ? EXIT_FINDINGS : EXIT_CLEAN;
out:
	if (diag.set)
		print_diag(&diag);
	atomic_abort(&report);
	atomic_abort(&series);
	gate_free(gate);
	free(ignore_files);
	ignore_free(ignore);
	baseline_free(baseline);
	trend_free(an);
	pooltag_free(pt);
	table_free(table);
	for (i = 0; i < nsrc; i++)
		free(src[i].path);
	free(src);
	for (i = 0; files != NULL && i < nsrc + 3; i++)
		free(files[i].name);
	free(files);
	free(ctx.host);
	return rc;
}
