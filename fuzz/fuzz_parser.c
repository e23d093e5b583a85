/* fuzz_parser.c: libFuzzer target for one input parser, then the whole
 * pipeline behind it (table, trend engine, gate, every report).  Built once per
 * parser with -DPARSER=fmt_..._parse (or pooltag_read, vm_read). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_csv.h"
#include "fmt_events.h"
#include "fmt_handle.h"
#include "fmt_perfmon.h"
#include "fmt_poolmon.h"
#include "fmt_poolused.h"
#include "fmt_pscsv.h"
#include "fmt_wpa.h"
#include "input.h"
#include "pooltag.h"
#include "report.h"
#include "table.h"
#include "trend.h"
#include "vm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#if defined(POOLTAG)
static int
parse(struct parse_ctx *ctx, struct input *in, struct file_stats *fs)
{
	struct pooltag	*pt = pooltag_read(in, fs, ctx->diag);
	struct table	*t = ctx->table;
	uint32_t	 s = table_snapshot_at(t, 0, 0);

	if (pt == NULL)
		return -1;
	/* look a few tags up through the table */
	table_add(t, s, (const unsigned char *)"Toke", POOL_PAGED, 2, 1, 1,
	    1664, NULL, 0);
	table_add(t, s, (const unsigned char *)"Irp ", POOL_NONPAGED, 2, 1, 1,
	    64, NULL, 0);
	table_add(t, s, (const unsigned char *)"\x01" "ab ", POOL_NONPAGED, 2,
	    1, 1, 64, NULL, 0);
	pooltag_apply(pt, t);
	pooltag_free(pt);
	return 0;
}
#define PARSER parse
#elif defined(VM)
static struct vm_info vm;

static int
parse(struct parse_ctx *ctx, struct input *in, struct file_stats *fs)
{
	if (vm_read(in, fs, ctx->diag, &vm) == -1)
		return -1;
	table_set_header(ctx->table, table_snapshot_at(ctx->table, 0, 0),
	    vm.usage_bytes[POOL_PAGED], vm.usage_bytes[POOL_NONPAGED], -1);
	return 0;
}
#define PARSER parse
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE	*null;
	struct parse_ctx ctx;
	struct diag	 diag;
	struct file_stats fs;
	struct input	*in;
	struct analysis	*a;
	struct report_input ri;
	struct report_opts ro = { 0, 1, NULL, NULL, 0, 0, 0 };
	struct gate_opts go;
	struct gate	*g;
	struct trend_opts to = { { 64 << 20, -1 }, { "option", NULL }, 0 };

	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		return 0;
	memset(&ctx, 0, sizeof(ctx));
	memset(&go, 0, sizeof(go));
	memset(&diag, 0, sizeof(diag));
	memset(&fs, 0, sizeof(fs));
	fs.name = (char *)"fuzz-input";
	ctx.table = table_new();
	ctx.diag = &diag;
	/* snapshots without a time get one, so parsing goes on */
	ctx.have_start = 1;
	ctx.interval_ms = 300000;
	in = input_open_mem("fuzz", data, size, &diag);
	if (PARSER(&ctx, in, &fs) == 0) {
		/* every line read is counted in one class */
		if (parse_lines_done(&fs) == -1)
			abort();
		memset(&ri, 0, sizeof(ri));
		/* as host_load: a pool trace alone is one snapshot */
		table_allocs_snapshot(ctx.table);
		ri.duplicates = table_finish(ctx.table);
		ri.files = &fs;
		ri.nfiles = 1;
		ri.nsamples = table_nsamples(ctx.table);
		ri.table = ctx.table;
		if ((a = trend_analyse(ctx.table, &to)) != NULL) {
			go.fail_on = VERDICT_SUSPECT;
			go.max_slope = 1024;
			go.min_hours = 100;
			ro.gate = g = gate_judge(a, &go);
			report_text(null, a, &ri, &ro);
			report_json(null, a, &ri, &ro);
			report_ndjson(null, a, &ri, &ro);
			report_csv(null, a, &ri, &ro);
			report_junit(null, a, &ri, &ro);
			report_html(null, a, &ri, &ro);
			gate_free(g);
			trend_free(a);
		}
	}
	input_free(in);
	table_free(ctx.table);
	free(ctx.host);
	return 0;
}
