/* emit.c: the table as pooltrend's long CSV. */
#include <stdlib.h>

#include "emit.h"
#include "report.h"
#include "timestamp.h"
#include "units.h"
#include "util.h"

static const char *const type_names[POOL_NTYPES] = { "Paged", "Nonp" };

static void
count(FILE *fp, int64_t v)
{
	if (v >= 0)
		fprintf(fp, "%lld", (long long)v);
}

int
emit_series(FILE *fp, const struct table *t, const char *host,
    struct diag *d)
{
	const struct series_info *si;
	const struct snapshot *sn;
	struct sample	*x = NULL;
	size_t		 i, k, n, cap = 0;
	char		 when[40], tag[24];

	for (i = 0; i < table_nsnapshots(t); i++)
		if (table_snapshot(t, i)->untimed) {
			diag_set(d, NULL, 0, 0, "--emit-series: a snapshot has "
			    "no time (a dump without --dump-time)");
			return -1;
		}
	fputs("timestamp,tag,type,allocs,frees,diff,bytes,driver", fp);
	fputs(host != NULL ? ",host\n" : "\n", fp);
	for (i = 0; i < table_nseries(t); i++) {
		si = table_series(t, i);
		if (si->n == 0)
			continue;
		if (si->n > cap) {
			cap = si->n;
			x = xreallocarray(x, cap, sizeof(*x));
		}
		n = table_decode(t, i, x);
		units_tag(si->tag, tag, sizeof(tag));
		for (k = 0; k < n; k++) {
			sn = table_snapshot(t, x[k].snap);
			fprintf(fp, "%s,", ts_format(sn->t_ms, sn->utc, when,
			    sizeof(when)));
			report_csv_field(fp, tag);
			fprintf(fp, ",%s,", type_names[si->type]);
			count(fp, x[k].allocs);
			fputc(',', fp);
			count(fp, x[k].frees);
			fprintf(fp, ",%lld,%lld,", (long long)x[k].diff,
			    (long long)x[k].bytes);
			report_csv_field(fp, si->driver);
			if (host != NULL) {
				fputc(',', fp);
				report_csv_field(fp, host);
			}
			fputc('\n', fp);
		}
	}
	free(x);
	return 0;
}
