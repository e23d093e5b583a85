/* poolgen.c: write synthetic poolmon logs with planted, known behaviour.
 *
 * Deterministic for a given seed.  Planted series (unless -x):
 *   Toke Paged  leak: 50 token objects of 1664 bytes an hour
 *   Even Nonp   slow leak: 120 event objects of 96 bytes an hour
 *   NtfF Paged  cache: fills for the first quarter, then flat
 *   Irp  Nonp   sawtooth: grows, trimmed back every 12 hours
 *   EtwB Nonp   one-time step of 8 MB at the middle
 *   Vad  Nonp   daily cycle
 * and -q quiet tags with noise around a constant level.  With -R K the
 * machine reboots before snapshot K: counters restart and so do the
 * planted series.  With -x the leaks are flat. */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timestamp.h"
#include "util.h"

struct tag {
	char	 name[5];
	int	 paged;
	int	 kind;		/* see enum */
	double	 base;		/* outstanding allocations */
	double	 size;		/* bytes per allocation */
	double	 churn;		/* allocations per hour */
	double	 noise;		/* AR(1) state */
	double	 amp;		/* noise amplitude, allocations */
	uint64_t allocs0;	/* at boot */
	const char *driver;
};

enum { QUIET, LEAK, SLOWLEAK, CACHE, SAW, STEP, DAILY };

static uint64_t rng = 1;

static double
uniform01(void)
{
	return util_unit(&rng);
}

static double
gauss(void)
{
	double	 u = uniform01(), v = uniform01();

	return sqrt(-2 * log(u + 1e-300)) * cos(2 * M_PI * v);
}

static const char *const real_tags[] = {
	"MmSt", "File", "Thre", "CM31", "CM25", "MmRe", "ConT", "Ntff",
	"CM16", "XENO", "ViMm", "FMsl", "HalD", "Ntop", "SQSF", "IoNm",
	"MmCa", "NtxF", "IXGB", "EtwR", "ALPC", "MmCi", "AcpD", "EtwG",
	"Dh 1", "Dh 2", "Io  ", "Key ", "Wait", "ObSt", "Gxlt", "Ustm",
	"SePa", "Sect", "Proc", "Mutx", "Semt", "Port", "Devi", "Driv",
	"Wmip", "Wmit", "Pool", "Cont", "AmlH", "smSt", "ScPC", "Ntfx",
	"NtFs", "NtFB", "NtFS", "Gcac", "Bmfd", "GDev", "Gbaf", "MiIo",
	"Fat ", "Strg", "CM  ", "@GPM", "_EKE", "1MEM", "2MEM", "3MEM",
};

static int
cmp_tag(const void *a, const void *b)
{
	const struct tag *x = a, *y = b;
	int	 c = memcmp(x->name, y->name, 4);

	return c != 0 ? c : x->paged - y->paged;
}

static void
time_line(FILE *fp, long long ms, const char *form, const char *eol)
{
	static const char *const mon[] = { "January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December" };
	static const char *const wd[] = { "Thursday", "Friday", "Saturday",
	    "Sunday", "Monday", "Tuesday", "Wednesday" };
	int		 w = (int)((ms / 86400000) % 7);
	struct civil	 c;

	ts_civil(ms, &c);
	if (strcmp(form, "clue") == 0)
		fprintf(fp, "%04d.%02d.%02d-%02d:%02d:%02d Pacific Standard "
		    "Time (local time of the PC where this was collected)%s",
		    c.year, c.month, c.day, c.hour, c.min, c.sec, eol);
	else if (strcmp(form, "getdate") == 0)
		fprintf(fp, "%s%s, %s %d, %d %d:%02d:%02d %s%s%s", eol, wd[w],
		    mon[c.month - 1], c.day, c.year, c.hour % 12 == 0 ? 12 :
		    c.hour % 12, c.min, c.sec, c.hour < 12 ? "AM" : "PM", eol,
		    eol);
	else if (strcmp(form, "cmd") == 0)
		fprintf(fp, "%.3s %02d/%02d/%04d %2d:%02d:%02d.%02d%s", wd[w],
		    c.month, c.day, c.year, c.hour, c.min, c.sec,
		    (int)(ms / 10 % 100), eol);
}

static void
usage(void)
{
	fprintf(stderr, "usage: poolgen [-cgrx] [-d DIR] [-f clue|getdate|cmd|none]"
	    " [-F poolmon|csv|screen]\n               [-i MINUTES] [-n SNAPSHOTS]"
	    " [-N ymd|ydm|compact] [-q TAGS]\n               [-R SNAPSHOT]"
	    " [-S SEED] [-t START] [-w 32|64]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct tag	*tags;
	int		 ch, i, k, ntags, crlf = 0, drivers = 0, header = 0;
	int		 noleak = 0, width = 64, nsnap = 90, nquiet = 240;
	int		 reboot = -1, y, mo, d, h, mi, s;
	struct civil	 c;
	double		 interval_min = 60, t_h, boot_h = 0, n, diff;
	const char	*form = "clue", *dir = NULL, *format = "poolmon";
	const char	*names = "compact", *eol;
	long long	 start, ms;
	uint64_t	 allocs, frees;
	double		 sum[2], *diffs;
	FILE		*fp = stdout;
	char		 path[512];

	start = ts_from_civil(2026, 11, 17, 8, 0, 0, 0);
	while ((ch = getopt(argc, argv, "cd:f:F:gi:n:N:q:rR:S:t:w:x")) != -1) {
		switch (ch) {
		case 'c': crlf = 1; break;
		case 'd': dir = optarg; break;
		case 'f': form = optarg; break;
		case 'F': format = optarg; break;
		case 'g': drivers = 1; break;
		case 'i': interval_min = atof(optarg); break;
		case 'n': nsnap = atoi(optarg); break;
		case 'N': names = optarg; break;
		case 'q': nquiet = atoi(optarg); break;
		case 'r': header = 1; break;
		case 'R': reboot = atoi(optarg); break;
		case 'S': rng = strtoull(optarg, NULL, 10); break;
		case 't':
			if (sscanf(optarg, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h,
			    &mi, &s) != 6 || (start = ts_from_civil(y, mo, d,
			    h, mi, s, 0)) == INT64_MIN)
				usage();
			break;
		case 'w': width = atoi(optarg); break;
		case 'x': noleak = 1; break;
		default: usage();
		}
	}
	if (argc != optind || nsnap < 1 || nquiet < 0 || interval_min <= 0)
		usage();
	eol = crlf ? "\r\n" : "\n";

	ntags = nquiet + 6;
	tags = calloc((size_t)ntags, sizeof(*tags));
	for (i = 0; i < nquiet; i++) {
		struct tag *t = &tags[i];

		if (i < (int)(sizeof(real_tags) / sizeof(real_tags[0])))
			memcpy(t->name, real_tags[i], 4);
		else
			snprintf(t->name, sizeof(t->name), "%c%c%02d",
			    'Q' + i / 2600 % 8, 'a' + (i / 100) % 26, i % 100);
		t->paged = i % 3 != 0;
		t->kind = QUIET;
		t->base = 20 + floor(uniform01() * 3000);
		t->size = 16 * (1 + floor(uniform01() * 60));
		t->churn = floor(uniform01() * 20000);
		t->amp = 1 + t->base * 0.01 * uniform01();
		t->driver = "Unknown Driver";
	}
	{
		struct tag planted[6] = {
			{ "Toke", 1, LEAK, 4518, 1664, 12000, 0, 6, 0,
			    "[nt!se - Token objects]" },
			{ "Even", 0, SLOWLEAK, 14230, 96, 30000, 0, 15, 0,
			    "[nt!ob - Event objects]" },
			{ "NtfF", 1, CACHE, 2000, 1600, 5000, 0, 10, 0,
			    "[ntfs.sys - FCB_INDEX]" },
			{ "Irp ", 0, SAW, 13665, 340, 900000, 0, 20, 0,
			    "[nt!io - Io, IRP packets]" },
			{ "EtwB", 0, STEP, 128, 65536, 20, 0, 0.4, 0,
			    "[nt!etw - Etw Buffer]" },
			{ "Vad ", 0, DAILY, 13703, 160, 80000, 0, 30, 0,
			    "[nt!mm - Mm virtual address descriptors]" },
		};
		memcpy(tags + nquiet, planted, sizeof(planted));
	}
	qsort(tags, (size_t)ntags, sizeof(*tags), cmp_tag);
	diffs = calloc((size_t)ntags, sizeof(*diffs));
	for (i = 0; i < ntags; i++)
		tags[i].allocs0 = (uint64_t)(tags[i].base * 3 +
		    floor(uniform01() * 100000));

	if (strcmp(format, "csv") == 0)
		fprintf(fp, "timestamp,tag,type,allocs,frees,diff,bytes%s", eol);
	for (k = 0; k < nsnap; k++) {
		ms = start + (long long)llround(k * interval_min * 60000);
		t_h = k * interval_min / 60;
		if (k == reboot) {
			boot_h = t_h;
			for (i = 0; i < ntags; i++)
				tags[i].allocs0 = (uint64_t)(tags[i].base +
				    floor(uniform01() * 50));
		}
		if (dir != NULL) {
			ts_civil(ms, &c);
			if (strcmp(names, "ydm") == 0)
				snprintf(path, sizeof(path), "%s/poolmon.%04d-"
				    "%02d-%02d-%02d-%02d-%02d.log", dir, c.year,
				    c.day, c.month, c.hour, c.min, c.sec);
			else if (strcmp(names, "ymd") == 0)
				snprintf(path, sizeof(path), "%s/poolmon.%04d-"
				    "%02d-%02d-%02d-%02d-%02d.log", dir, c.year,
				    c.month, c.day, c.hour, c.min, c.sec);
			else if (strcmp(names, "none") == 0)
				snprintf(path, sizeof(path), "%s/snap-%c%c.log",
				    dir, 'a' + k / 26, 'a' + k % 26);
			else
				snprintf(path, sizeof(path), "%s/poolsnap_%04d"
				    "%02d%02d_%02d%02d%02d.log", dir, c.year,
				    c.month, c.day, c.hour, c.min, c.sec);
			if ((fp = fopen(path, "w")) == NULL) {
				perror(path);
				return 1;
			}
		}
		if (strcmp(format, "csv") != 0 && strcmp(form, "none") != 0)
			time_line(fp, ms, form, eol);
		sum[0] = sum[1] = 0;
		for (i = 0; i < ntags; i++) {
			struct tag *t = &tags[i];
			double	 b = t_h - boot_h;	/* hours since boot */

			t->noise = 0.7 * t->noise + gauss() * t->amp;
			n = t->base + t->noise;
			switch (t->kind) {
			case LEAK:
				if (!noleak)
					n += 600 * b;
				break;
			case SLOWLEAK:
				if (!noleak)
					n += 120 * b;
				break;
			case CACHE:
				n += 6000 * (b < 22 ? b / 22 : 1);
				break;
			case SAW:
				n += 400 * fmod(b, 12);
				break;
			case STEP:
				if (k >= nsnap / 2)
					n += 128;
				break;
			case DAILY:
				n += 3000 * sin(2 * M_PI * t_h / 24);
				break;
			}
			diffs[i] = floor(n < 1 ? 1 : n);
			sum[t->paged] += diffs[i] * t->size;
		}
		for (i = 0; i < ntags; i++) {
			struct tag *t = &tags[i];
			double	 b = t_h - boot_h;

			diff = diffs[i];
			allocs = t->allocs0 + (uint64_t)(t->churn * b) +
			    (uint64_t)diff;
			frees = allocs - (uint64_t)diff;
			if (strcmp(format, "csv") == 0) {
				ts_civil(ms, &c);
				fprintf(fp, "%04d-%02d-%02dT%02d:%02d:%02d,%.4s,%s,"
				    "%llu,%llu,%.0f,%.0f%s", c.year, c.month,
				    c.day, c.hour, c.min, c.sec,
				    t->name, t->paged ? "Paged" : "Nonp",
				    (unsigned long long)allocs,
				    (unsigned long long)frees, diff,
				    diff * t->size, eol);
				continue;
			}
			if (i == 0) {
				if (header)
					fprintf(fp, "%s Memory: 8388148K Avail: "
					    "4123456K  PageFlts:749759184   InRam "
					    "Krnl:31464K P:248372K%s Commit:"
					    "12798116K Limit:32880828K Peak:"
					    "12958348K            Pool N:%ldK "
					    "P:%ldK%s%s", eol, eol,
					    (long)((sum[0] + 20e6) / 1024),
					    (long)((sum[1] + 30e6) / 1024), eol, eol);
				if (strcmp(format, "screen") == 0)
					fprintf(fp, " Tag  Type     Allocs            "
					    "Frees            Diff   Bytes      "
					    "Per Alloc%s%s", drivers ?
					    "  Mapped_Driver" : "", eol);
				else if (width == 64)
					fprintf(fp, " Tag  Type     Allocs            "
					    "Frees               Diff            "
					    "Bytes                 Per Alloc%s%s",
					    drivers ? "       Mapped_Driver" : "",
					    eol);
				else
					fprintf(fp, " Tag  Type     Allocs     "
					    "Frees     Diff   Bytes    Per Alloc"
					    "%s%s", drivers ? "  Mapped_Driver" :
					    "", eol);
				fprintf(fp, "%s", eol);
			}
			if (strcmp(format, "screen") == 0)
				fprintf(fp, " %.4s %-5s %9llu (%4d) %9llu (%4d) "
				    "%8.0f %7.0f (%6d) %6.0f", t->name,
				    t->paged ? "Paged" : "Nonp",
				    (unsigned long long)allocs, 0,
				    (unsigned long long)frees, 0, diff,
				    diff * t->size, 0, t->size);
			else if (width == 64)
				fprintf(fp, " %.4s %-5s%20llu%19llu%18.0f%15.0f"
				    "%17.0f", t->name, t->paged ? "Paged" : "Nonp",
				    (unsigned long long)allocs,
				    (unsigned long long)frees, diff,
				    diff * t->size, t->size);
			else
				fprintf(fp, " %.4s %-5s %9llu %9llu %8.0f %9.0f "
				    "%9.0f", t->name, t->paged ? "Paged" : "Nonp",
				    (unsigned long long)allocs,
				    (unsigned long long)frees, diff,
				    diff * t->size, t->size);
			if (drivers)
				fprintf(fp, "        %s", t->driver);
			fprintf(fp, "%s", eol);
		}
		if (dir != NULL)
			fclose(fp);
	}
	free(tags);
	free(diffs);
	return 0;
}
