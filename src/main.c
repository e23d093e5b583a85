/* main.c: options, dispatch, exit status: the only place that exits. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "diag.h"
#include "fleet.h"
#include "host.h"
#include "nextstep.h"
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
	OPT_HOST_FROM,
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

static const char usage_text[] =
"usage: pooltrend [-a] [-D TIME] [-f FORMAT] [-F leak|suspect|never]\n"
"                 [-H HOURS] [-I FORMAT] [-j N] [-l LIMITS] [-n N] [-o FILE]\n"
"                 [-p POOLTAG] [-S] [-s TIME -i DURATION] [-t OFFSET] [-v VM]\n"
"                 [--ascii] [--baseline JSON] [--color[=WHEN]]\n"
"                 [--emit-series FILE] [--host NAME] [--host-from dir]\n"
"                 [--ignore TAGS] [--ignore-file FILE] [--max-slope SIZE/h]\n"
"                 [--min-hours H] [--width N] FILE | DIR | - ...\n"
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
"                         poolused, perfmon, handle, events or wpa\n"
"                         instead of recognising each by its content\n"
"  -i, --interval DUR     time between snapshots that carry no time\n"
"                         (300, 90s, 5m, 1h); needs --start\n"
"  -j, --jobs N           analyse on N threads: the tags of one host, or\n"
"                         hosts of a fleet at a time (default: one per\n"
"                         processor); a long CSV or poolmon log of\n"
"                         32 MiB or more is read on two\n"
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
"      --host-from dir    a fleet: each input is one host's directory,\n"
"                         named by it; each host is analysed on its own,\n"
"                         then the hosts are compared (not with -f html)\n"
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
"PowerShell collector's CSV, WinDbg !poolused, perfmon PDH-CSV,\n"
"handle -s summaries, an exported System log (its exhaustion events),\n"
"or a WPA pool table exported to CSV; UTF-8 or UTF-16.\n"
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

/* A file written whole or not at all: a temporary file beside path,
 * renamed over it when complete; standard output when path is NULL.  A
 * path that is not a regular file (/dev/null, a pipe, a terminal) is
 * written as it is: renaming over it would replace it. */
struct atomic {
	const char	*path;
	char		*tmp;
	FILE		*fp;
	int		 direct;	/* written in place, not renamed */
};

static int
atomic_open(struct atomic *a, const char *path, struct diag *d)
{
	struct stat	 st;
	size_t		 len;
	int		 fd;

	a->path = path;
	if (path == NULL) {
		a->fp = stdout;
		return 0;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((a->fp = fopen(path, "w")) == NULL) {
			diag_set(d, path, 0, 0, "cannot write: %s",
			    strerror(errno));
			return -1;
		}
		a->direct = 1;
		return 0;
	}
	len = strlen(path) + 16;
	a->tmp = xmalloc(len);
	snprintf(a->tmp, len, "%s.XXXXXX", path);
	if ((fd = mkstemp(a->tmp)) == -1 || (a->fp = fdopen(fd, "w")) == NULL) {
		diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(a->tmp);
		}
		free(a->tmp);
		a->tmp = NULL;
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
	if (fp == stdout || a->direct) {
		int	 bad = failed || fflush(fp) == EOF || ferror(fp);

		a->fp = NULL;
		if (fp != stdout && fclose(fp) == EOF)
			bad = 1;
		if (bad) {
			diag_set(d, fp == stdout ? NULL : a->path, 0, 0,
			    "cannot write %s: %s", what, strerror(errno));
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

/* The options of a run, for one host or a fleet. */
struct run {
	struct parse_ctx	 ctx;	/* the time options and --host */
	struct load_opts	 lo;
	struct trend_opts	 to;
	struct gate_opts	 go;
	struct report_opts	 ro;
	enum out_format		 ofmt;
	enum format		 forced;
	int			 color;		/* -1: auto */
	int			 strict;
	int			 have_tz;
	int64_t			 tz_ms;
	int			 host_from_dir;
	long			 jobs;		/* threads; 0 until set: one a
						 * processor */
	const char		*out_path, *series_path;
	const char		*pooltag_path, *vm_path;
	struct ignore_list	*ignore;
	const char		**ignore_files;
	size_t			 nignore_files;
};

/* The report, written whole or not at all.  Returns 0, or -1 with d set. */
static int
write_report(const struct run *r, const struct analysis *an,
    const struct report_input *ri, const struct report_opts *ro,
    const struct fleet_report *fr, struct diag *d)
{
	static int (*const fleet_reporters[OUT_N])(FILE *,
	    const struct fleet_report *, const struct report_opts *) = {
		[OUT_TEXT] = report_fleet_text,
		[OUT_JSON] = report_fleet_json,
		[OUT_NDJSON] = report_fleet_ndjson,
		[OUT_CSV] = report_fleet_csv,
		[OUT_JUNIT] = report_fleet_junit,
	};
	struct atomic	 report;
	int		 rc;

	memset(&report, 0, sizeof(report));
	if (atomic_open(&report, r->out_path, d) == -1)
		return -1;
	if (fr != NULL)
		rc = fleet_reporters[r->ofmt](report.fp, fr, ro);
	else
		rc = reporters[r->ofmt](report.fp, an, ri, ro);
	rc = atomic_commit(&report, rc, "the report", d);
	atomic_abort(&report);
	return rc;
}

/* --strict: a skipped line, file or sample is an error.  Returns 0, or
 * -1 with d set. */
static int
strict_check(const struct run *r, const struct host *h, struct diag *d)
{
	long	 skips;

	if (!r->strict || (skips = host_skips(h)) == 0)
		return 0;
	diag_set(d, NULL, 0, 0, "--strict: %ld %s skipped (see above)", skips,
	    skips == 1 ? "line or file was" : "lines, files or samples were");
	return -1;
}

/* One host: every input is one machine's. */
static int
run_one(struct run *r, char **paths, size_t npaths)
{
	struct trend_opts to = r->to;
	struct report_opts ro = r->ro;
	struct gate_opts go = r->go;
	struct host	 h;
	struct diag	 diag;
	struct atomic	 series;
	struct baseline	*baseline = NULL;
	struct pooltag	*pt = NULL;
	struct analysis	*an = NULL;
	struct gate	*gate = NULL;
	struct file_stats *fs;
	struct input	*in;
	struct vm_info	 vm;
	int		 rc = EXIT_ERROR, ok, t;

	memset(&h, 0, sizeof(h));
	memset(&diag, 0, sizeof(diag));
	memset(&series, 0, sizeof(series));
	if (go.baseline_path != NULL &&
	    (baseline = baseline_read(go.baseline_path, &diag)) == NULL)
		goto out;
	h.paths = paths;
	h.npaths = npaths;
	h.err = stderr;
#if defined(M_ARENA_MAX)
	/* One allocation arena for every thread (glibc gives each its own):
	 * the half of a file read on another thread is freed as it is
	 * appended, and what one arena frees another does not reuse, so
	 * the peak would hold that half twice.  (A fleet's hosts, each read
	 * on one thread, keep theirs.) */
	mallopt(M_ARENA_MAX, 1);
#endif
	if (host_load(&h, &r->lo) == -1) {
		diag = h.diag;
		goto out;
	}
	/* the series as read, before pooltag.txt names the drivers */
	if (r->series_path != NULL) {
		if (atomic_open(&series, strcmp(r->series_path, "-") == 0 ?
		    NULL : r->series_path, &diag) == -1)
			goto out;
		ok = emit_series(series.fp, h.table, h.name, &diag);
		if (ok == -1 || atomic_commit(&series, 0, "the series",
		    &diag) == -1)
			goto out;
	}
	if (r->pooltag_path != NULL) {
		if ((in = input_open(r->pooltag_path, &diag)) == NULL)
			goto out;
		fs = host_add_file(&h, input_name(in));
		pt = pooltag_read(in, fs, &diag);
		input_free(in);
		if (host_finish_file(fs, pt != NULL, stderr, &diag) == -1 ||
		    pt == NULL)
			goto out;
		host_add_done(&h);
		pooltag_apply(pt, h.table);
	}
	if (r->vm_path != NULL) {
		if ((in = input_open(r->vm_path, &diag)) == NULL)
			goto out;
		fs = host_add_file(&h, input_name(in));
		ok = vm_read(in, fs, &diag, &vm);
		input_free(in);
		if (host_finish_file(fs, ok == 0, stderr, &diag) == -1 ||
		    ok == -1)
			goto out;
		host_add_done(&h);
		h.ri.vm = &vm;
		for (t = 0; t < POOL_NTYPES; t++)
			if (to.limit_bytes[t] < 0 && vm.max_bytes[t] > 0) {
				to.limit_bytes[t] = vm.max_bytes[t];
				to.limit_source[t] = "vm";
			}
	}
	if (strict_check(r, &h, &diag) == -1)
		goto out;
	to.threads = (int)r->jobs;
	an = trend_analyse(h.table, &to);
	nextstep_apply(nextstep_builtin(), an);
	go.ignore = r->ignore;
	go.baseline = baseline;
	gate = gate_judge(an, &go);
	ro.gate = gate;
	ro.host = h.name;
	if (write_report(r, an, &h.ri, &ro, NULL, &diag) == -1)
		goto out;
	rc = gate->failed ? EXIT_FINDINGS : EXIT_CLEAN;
out:
	if (diag.set)
		print_diag(&diag);
	atomic_abort(&series);
	gate_free(gate);
	baseline_free(baseline);
	trend_free(an);
	pooltag_free(pt);
	host_free(&h);
	return rc;
}

/* A host of a fleet, analysed by a worker. */
struct member {
	struct host	 h;
	char		*path;		/* its directory */
	char		*errtext;	/* its warnings */
	size_t		 errlen;
	struct baseline	*baseline;	/* or NULL */
	struct gate_opts go;
	struct analysis	*an;
	struct gate	*gate;
	int		 failed;	/* h.diag says why */
};

/* The work of a fleet's workers: the next member to take. */
struct work {
	const struct run *r;
	struct trend_opts to;		/* threads for each host's tags */
	struct member	*m;
	size_t		 n, next;
	struct pooltag	*pt;		/* not thread-safe: under lock */
	pthread_mutex_t	 lock;
};

static void
analyse_member(struct work *w, struct member *m)
{
	char	*paths[1];

	paths[0] = m->path;
	m->h.paths = paths;
	m->h.npaths = 1;
	if ((m->h.err = open_memstream(&m->errtext, &m->errlen)) == NULL)
		m->h.err = stderr;
	if (host_load(&m->h, &w->r->lo) == -1 ||
	    strict_check(w->r, &m->h, &m->h.diag) == -1) {
		m->failed = 1;
		goto out;
	}
	if (w->pt != NULL) {
		pthread_mutex_lock(&w->lock);
		pooltag_apply(w->pt, m->h.table);
		pthread_mutex_unlock(&w->lock);
	}
	m->an = trend_analyse(m->h.table, &w->to);
	nextstep_apply(nextstep_builtin(), m->an);
	m->go = w->r->go;
	m->go.ignore = w->r->ignore;
	m->go.baseline = m->baseline;
	m->gate = gate_judge(m->an, &m->go);
out:
	m->h.paths = NULL;
	if (m->h.err != stderr)
		fclose(m->h.err);
	m->h.err = NULL;
}

static void *
worker(void *arg)
{
	struct work	*w = arg;
	size_t		 i;

	for (;;) {
		pthread_mutex_lock(&w->lock);
		i = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (i >= w->n)
			return NULL;
		analyse_member(w, &w->m[i]);
	}
}

static int
member_cmp(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->h.name,
	    ((const struct member *)b)->h.name);
}

/* The hosts of --host-from dir: each operand a directory, named by its
 * last component.  Returns the members sorted by name, or NULL with d
 * set. */
static struct member *
fleet_members(char **paths, size_t n, struct diag *d)
{
	struct member	*m = xcalloc(n, sizeof(*m));
	struct stat	 st;
	char		*name, *e;
	size_t		 i;

	for (i = 0; i < n; i++) {
		m[i].path = paths[i];
		name = xstrdup(paths[i]);
		for (e = name + strlen(name); e > name + 1 && e[-1] == '/'; e--)
			e[-1] = '\0';
		e = strrchr(name, '/');
		m[i].h.name = xstrdup(e != NULL && e[1] != '\0' ? e + 1 : name);
		free(name);
		if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) == -1 ||
		    !S_ISDIR(st.st_mode)) {
			diag_set(d, paths[i], 0, 0, "--host-from dir: not a "
			    "directory (each input is one host's directory)");
			goto fail;
		}
	}
	qsort(m, n, sizeof(*m), member_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(m[i - 1].h.name, m[i].h.name) == 0) {
			diag_set(d, m[i].path, 0, 0, "--host-from dir: a second "
			    "host named '%s' (the first is %s)", m[i].h.name,
			    m[i - 1].path);
			goto fail;
		}
	return m;
fail:
	for (i = 0; i < n; i++)
		free(m[i].h.name);
	free(m);
	return NULL;
}

/* A fleet: one host a directory, analysed in parallel, then compared. */
static int
run_fleet(struct run *r, char **paths, size_t npaths)
{
	struct work	 w;
	struct member	*m;
	struct diag	 diag;
	struct file_stats ptfs;
	struct input	*in;
	struct fleet_host *fh = NULL;
	struct report_input *ri = NULL;
	struct fleet_report fr;
	struct fleet_view *view = NULL;
	struct baseline_set *bases = NULL;
	size_t		 i, nthreads;
	int		 rc = EXIT_ERROR, failed = 0;

	memset(&w, 0, sizeof(w));
	memset(&diag, 0, sizeof(diag));
	memset(&ptfs, 0, sizeof(ptfs));
	if ((m = fleet_members(paths, npaths, &diag)) == NULL) {
		print_diag(&diag);
		return EXIT_ERROR;
	}
	w.r = r;
	w.m = m;
	w.n = npaths;
	if (r->go.baseline_path != NULL) {
		if ((bases = baseline_set_read(r->go.baseline_path,
		    &diag)) == NULL)
			goto out;
		for (i = 0; i < npaths; i++)
			if ((m[i].baseline = baseline_set_host(bases,
			    m[i].h.name, &diag)) == NULL)
				goto out;
		baseline_set_free(bases);
		bases = NULL;
	}
	if (r->pooltag_path != NULL) {
		if ((in = input_open(r->pooltag_path, &diag)) == NULL)
			goto out;
		ptfs.name = xstrdup(input_name(in));
		w.pt = pooltag_read(in, &ptfs, &diag);
		input_free(in);
		if (host_finish_file(&ptfs, w.pt != NULL, stderr, &diag) == -1 ||
		    w.pt == NULL)
			goto out;
	}
	/* hosts on every thread; with fewer hosts than threads, the rest
	 * judge each host's tags */
	nthreads = (size_t)r->jobs < npaths ? (size_t)r->jobs : npaths;
	w.to = r->to;
	w.to.threads = (int)((size_t)r->jobs / npaths > 0 ?
	    (size_t)r->jobs / npaths : 1);
	r->ctx.jobs = w.to.threads;
	pthread_mutex_init(&w.lock, NULL);
	util_workers(nthreads, worker, &w);
	pthread_mutex_destroy(&w.lock);

	/* every host's warnings and errors, in host order */
	for (i = 0; i < npaths; i++) {
		if (m[i].errlen > 0)
			fwrite(m[i].errtext, 1, m[i].errlen, stderr);
		if (m[i].failed) {
			if (m[i].h.diag.file[0] == '\0')
				fprintf(stderr, "pooltrend: host %s: %s\n",
				    m[i].h.name, m[i].h.diag.msg);
			else
				print_diag(&m[i].h.diag);
			failed++;
		}
	}
	if (failed > 0) {
		diag_set(&diag, NULL, 0, 0, "%d of %zu hosts could not be "
		    "analysed (see above)", failed, npaths);
		goto out;
	}
	fh = xcalloc(npaths, sizeof(*fh));
	ri = xcalloc(npaths, sizeof(*ri));
	memset(&fr, 0, sizeof(fr));
	for (i = 0; i < npaths; i++) {
		fh[i].name = m[i].h.name;
		fh[i].an = m[i].an;
		fh[i].gate = m[i].gate;
		ri[i] = m[i].h.ri;
		fr.failed |= m[i].gate->failed;
	}
	view = fleet_compare(fh, npaths);
	fr.hosts = fh;
	fr.inputs = ri;
	fr.n = npaths;
	fr.view = view;
	if (write_report(r, NULL, NULL, &r->ro, &fr, &diag) == -1)
		goto out;
	rc = fr.failed ? EXIT_FINDINGS : EXIT_CLEAN;
out:
	if (diag.set)
		print_diag(&diag);
	fleet_free(view);
	free(fh);
	free(ri);
	for (i = 0; i < npaths; i++) {
		gate_free(m[i].gate);
		trend_free(m[i].an);
		baseline_free(m[i].baseline);
		free(m[i].errtext);
		host_free(&m[i].h);
	}
	free(m);
	baseline_set_free(bases);
	pooltag_free(w.pt);
	free(ptfs.name);
	return rc;
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
		{ "host-from",	required_argument,	NULL, OPT_HOST_FROM },
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
		{ "jobs",	required_argument,	NULL, 'j' },
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
	struct run	 r;
	struct diag	 diag;
	struct input	*in;
	double		 interval_s;
	char		*end;
	long		 top;
	size_t		 i;
	int		 ch, utc, rc, have_interval = 0;

	memset(&r, 0, sizeof(r));
	memset(&diag, 0, sizeof(diag));
	r.to.limit_bytes[POOL_PAGED] = r.to.limit_bytes[POOL_NONPAGED] = -1;
	r.to.min_leak_hours = 24;
	r.go.fail_on = VERDICT_LEAK;
	r.go.max_slope = r.go.min_hours = -1;
	r.color = -1;
	r.forced = FORMAT_UNKNOWN;

	while ((ch = getopt_long(argc, argv,
	    "aD:F:f:H:hI:i:j:l:n:o:p:Ss:t:Vv:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			r.ro.all = 1;
			break;
		case 'D':
			if (!ts_parse_field(optarg, strlen(optarg),
			    &r.ctx.dump_ms, &utc) &&
			    !ts_parse_line(optarg, strlen(optarg), &r.ctx.dump_ms))
				usage_error("--dump-time: not a time: '%s'",
				    optarg);
			r.ctx.have_dump_time = 1;
			break;
		case 'F':
			if (strcmp(optarg, "leak") == 0)
				r.go.fail_on = VERDICT_LEAK;
			else if (strcmp(optarg, "suspect") == 0)
				r.go.fail_on = VERDICT_SUSPECT;
			else if (strcmp(optarg, "never") == 0)
				r.go.fail_on = -1;
			else
				usage_error("--fail-on: expected leak, suspect "
				    "or never, not '%s'", optarg);
			r.go.fail_on_given = 1;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				r.ofmt = OUT_JSON;
			else if (strcmp(optarg, "text") == 0)
				r.ofmt = OUT_TEXT;
			else if (strcmp(optarg, "ndjson") == 0)
				r.ofmt = OUT_NDJSON;
			else if (strcmp(optarg, "csv") == 0)
				r.ofmt = OUT_CSV;
			else if (strcmp(optarg, "junit") == 0)
				r.ofmt = OUT_JUNIT;
			else if (strcmp(optarg, "html") == 0)
				r.ofmt = OUT_HTML;
			else
				usage_error("--format: expected text, json, "
				    "ndjson, csv, junit or html, not '%s'",
				    optarg);
			break;
		case OPT_ASCII:
			r.ro.ascii = 1;
			break;
		case OPT_BASELINE:
			r.go.baseline_path = optarg;
			break;
		case OPT_COLOR:
			if (optarg == NULL || strcmp(optarg, "always") == 0)
				r.color = 1;
			else if (strcmp(optarg, "never") == 0)
				r.color = 0;
			else if (strcmp(optarg, "auto") == 0)
				r.color = -1;
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
			r.ro.width = (int)top;
			break;
		case OPT_EMIT_SERIES:
			r.series_path = optarg;
			break;
		case OPT_HOST:
			if (*optarg == '\0')
				usage_error("--host: expected a name%s", "");
			free(r.ctx.host);
			r.ctx.host = xstrdup(optarg);
			break;
		case OPT_HOST_FROM:
			if (strcmp(optarg, "dir") != 0)
				usage_error("--host-from: expected dir, not '%s'",
				    optarg);
			r.host_from_dir = 1;
			break;
		case OPT_IGNORE:
			if (ignore_add_list(&r.ignore, optarg, &diag) == -1)
				usage_error("--ignore: %s", diag.msg);
			break;
		case OPT_IGNORE_FILE:
			r.ignore_files = xreallocarray(r.ignore_files,
			    r.nignore_files + 1, sizeof(*r.ignore_files));
			r.ignore_files[r.nignore_files++] = optarg;
			break;
		case OPT_MAX_SLOPE:
			parse_max_slope(optarg, &r.go.max_slope);
			break;
		case OPT_MIN_HOURS:
			errno = 0;
			r.go.min_hours = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || errno != 0 ||
			    !(r.go.min_hours > 0) || r.go.min_hours > 1e7)
				usage_error("--min-hours: expected a positive "
				    "number of hours, not '%s'", optarg);
			break;
		case 'h':
			printf("%s\n%s", usage_text, help_text);
			return EXIT_CLEAN;
		case 'H':
			/* hours; 0 lets any span make a leak */
			errno = 0;
			r.to.min_leak_hours = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || errno != 0 ||
			    !(r.to.min_leak_hours >= 0) ||
			    r.to.min_leak_hours > 100000)
				usage_error("--min-leak-hours: expected a number "
				    "of hours, not '%s'", optarg);
			break;
		case 'I':
			if ((r.forced = sniff_by_name(optarg)) == FORMAT_UNKNOWN)
				usage_error("--input-format: expected poolmon, "
				    "csv, powershell, poolused, perfmon, handle, "
				    "events or wpa, not '%s'", optarg);
			break;
		case 'i':
			if (util_parse_duration(optarg, &interval_s) == -1)
				usage_error("--interval: not a duration: '%s'",
				    optarg);
			r.ctx.interval_ms = (int64_t)(interval_s * 1000 + 0.5);
			have_interval = 1;
			break;
		case 'j':
			errno = 0;
			r.jobs = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    r.jobs < 1 || r.jobs > 1024)
				usage_error("--jobs: expected a number from 1 to "
				    "1024, not '%s'", optarg);
			break;
		case 'l':
			parse_limits(optarg, &r.to);
			break;
		case 'n':
			errno = 0;
			top = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    top < 1)
				usage_error("--top: expected a positive number, "
				    "not '%s'", optarg);
			r.ro.top = (size_t)top;
			break;
		case 'o':
			r.out_path = optarg;
			break;
		case 'p':
			r.pooltag_path = optarg;
			break;
		case 'S':
			r.strict = 1;
			break;
		case 's':
			if (!ts_parse_field(optarg, strlen(optarg),
			    &r.ctx.start_ms, &utc) &&
			    !ts_parse_line(optarg, strlen(optarg), &r.ctx.start_ms))
				usage_error("--start: not a time: '%s'", optarg);
			r.ctx.have_start = 1;
			break;
		case 't':
			if (parse_offset(optarg, &r.tz_ms) == -1)
				usage_error("--tz: expected an offset such as "
				    "-08:00 or +0530, not '%s'", optarg);
			r.have_tz = 1;
			break;
		case 'V':
			printf("pooltrend %s\n", VERSION);
			return EXIT_CLEAN;
		case 'v':
			r.vm_path = optarg;
			break;
		default:
			fprintf(stderr, "%s", usage_text);
			return EXIT_ERROR;
		}
	}
	argc -= optind;
	argv += optind;
	if (r.ctx.have_start != have_interval)
		usage_error("%s", "--start and --interval go together");
	if (argc == 0)
		usage_error("%s", "no input: name files, directories or -");
	if (r.series_path != NULL && strcmp(r.series_path, "-") == 0 &&
	    r.out_path == NULL)
		usage_error("%s", "--emit-series -: the report goes to standard "
		    "output too; give -o FILE for it");
	if (r.host_from_dir) {
		if (r.ofmt == OUT_HTML)
			usage_error("%s", "--host-from: the HTML report is of "
			    "one host; give text, json, ndjson, csv or junit");
		if (r.ctx.host != NULL)
			usage_error("%s", "--host-from and --host: each host "
			    "is named by its directory");
		if (r.vm_path != NULL)
			usage_error("%s", "--host-from and --vm: a !vm is one "
			    "machine's; give --limit for the fleet");
		if (r.series_path != NULL)
			usage_error("%s", "--host-from and --emit-series: "
			    "give each host's directory on its own");
	}

	if (r.jobs == 0) {
		long	 cpus = sysconf(_SC_NPROCESSORS_ONLN);

		r.jobs = cpus > 0 ? (cpus < 1024 ? cpus : 1024) : 1;
	}
	r.ctx.jobs = (int)r.jobs;
	r.lo.ctx = &r.ctx;
	r.lo.forced = r.forced;
	r.lo.have_tz = r.have_tz;
	r.lo.tz_ms = r.tz_ms;
	/* colour on a terminal, unless NO_COLOR (no-color.org) or a dumb one */
	if (r.color == -1) {
		const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

		r.color = r.out_path == NULL && isatty(STDOUT_FILENO) &&
		    (nc == NULL || *nc == '\0') &&
		    (term == NULL || strcmp(term, "dumb") != 0);
	}
	r.ro.color = r.color;
	/* the gate's files first: a mistake there costs no parsing */
	rc = EXIT_ERROR;
	for (i = 0; i < r.nignore_files; i++) {
		if ((in = input_open(r.ignore_files[i], &diag)) == NULL)
			break;
		ch = ignore_add_file(&r.ignore, in, &diag);
		input_free(in);
		if (ch == -1)
			break;
	}
	if (diag.set)
		print_diag(&diag);
	else if (r.host_from_dir)
		rc = run_fleet(&r, argv, (size_t)argc);
	else
		rc = run_one(&r, argv, (size_t)argc);
	free(r.ignore_files);
	ignore_free(r.ignore);
	free(r.ctx.host);
	return rc;
}
