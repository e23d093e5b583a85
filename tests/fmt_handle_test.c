/* fmt_handle_test.c: handle.exe -s summaries over time. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fmt_handle.h"
#include "sniff.h"
#include "timestamp.h"
#include "testutil.h"
#include "parseutil.h"

const parse_fn run_parser = fmt_handle_parse;

/* The counter named name, or fail. */
static size_t
counter(const struct table *t, const char *name)
{
	size_t	 i;

	for (i = 0; i < table_ncounters(t); i++)
		if (strcmp(table_counter_name(t, i), name) == 0)
			return i;
	fail_msg("no counter '%s'", name);
	return 0;
}

/* Two captures of one process, as a batch file echoing its commands
 * writes them: the process comes from the command line, a type listed
 * twice is summed, a long name is not padded. */
static void
test_per_process(void **state)
{
	struct run	*r = *state;
	const uint32_t	*snaps;
	const double	*vals;

	assert_parsed(r, parse_text(r,
	    "Tue 11/17/2026  8:00:30.41\r\n"
	    "C:\\Tools>handle64.exe -accepteula -s -p lsass.exe\r\n"
	    "\r\n"
	    "Nthandle v4.22 - Handle viewer\r\n"
	    "Copyright (C) 1997-2019 Mark Russinovich\r\n"
	    "Sysinternals - www.sysinternals.com\r\n"
	    "\r\n"
	    "Handle type summary:\r\n"
	    "  <Unknown type>  : 1\r\n"
	    "  <Unknown type>  : 166\r\n"
	    "  Token           : 4683\r\n"
	    "  WaitCompletionPacket: 25\r\n"
	    "Total handles: 4875\r\n"
	    "Tue 11/17/2026  9:00:30.11\r\n"
	    "C:\\Tools>handle64.exe -accepteula -s -p lsass.exe\r\n"
	    "Handle type summary:\r\n"
	    "  <Unknown type>  : 170\r\n"
	    "  Token           : 5283\r\n"
	    "  WaitCompletionPacket: 25\r\n"
	    "Total handles: 5478\r\n"));
	table_finish(r->table);
	assert_lines(r, 20, 9, 11, 0);
	assert_int_equal(r->fs.snapshots, 2);
	assert_int_equal(r->fs.rows, 7);
	assert_string_equal(r->fs.format, "handle");
	assert_int_equal(table_nsnapshots(r->table), 2);
	assert_int_equal(table_snapshot(r->table, 1)->t_ms,
	    ts_from_civil(2026, 11, 17, 9, 0, 30, 110));
	assert_int_equal(table_ncounters(r->table), 4);
	table_counter_values(r->table, counter(r->table,
	    "lsass.exe handles: <Unknown type>"), &snaps, &vals);
	assert_close(vals[0], 167, 0);
	assert_close(vals[1], 170, 0);
	assert_int_equal(table_counter_values(r->table, counter(r->table,
	    "lsass.exe handles: Token"), &snaps, &vals), 2);
	assert_close(vals[1], 5283, 0);
	table_counter_values(r->table, counter(r->table,
	    "lsass.exe handles: WaitCompletionPacket"), &snaps, &vals);
	assert_close(vals[0], 25, 0);
	table_counter_values(r->table, counter(r->table, "lsass.exe handles"),
	    &snaps, &vals);
	assert_close(vals[0], 4875, 0);
	assert_int_equal(table_nsamples(r->table), 0);
}

/* Without a command line, or after one without -p, the counts are of all
 * processes; one with -p names the process until the next command. */
static void
test_scope_follows_command(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "2026-11-20 10:00:00\n"
	    "Handle type summary:\n"
	    "  Event           : 10\n"
	    "Total handles: 10\n"
	    "2026-11-20 10:00:01\n"
	    "handle /s /p svchost.exe\n"
	    "Handle type summary:\n"
	    "  Event           : 3\n"
	    "Total handles: 3\n"
	    "2026-11-20 10:00:02\n"
	    "C:\\>c:\\sysinternals\\HANDLE.EXE -nobanner -s\n"
	    "Handle type summary:\n"
	    "  Event           : 11\n"
	    "Total handles: 11\n"));
	table_finish(r->table);
	assert_int_equal(table_ncounters(r->table), 4);
	counter(r->table, "handles: Event");
	counter(r->table, "handles");
	counter(r->table, "svchost.exe handles: Event");
	counter(r->table, "svchost.exe handles");
}

/* handle without -s is not a summary's command: unrecognised. */
static void
test_command_without_s(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "2026-11-20 10:00:00\n"
	    "handle -p lsass.exe\n"
	    "Handle type summary:\n"
	    "  Event           : 10\n"
	    "Total handles: 10\n"));
	assert_lines(r, 5, 2, 2, 1);
	assert_int_equal(r->fs.first_line[SKIP_UNRECOGNISED], 2);
}

/* A summary cut short keeps its counts and is noted; a damaged type line
 * and a bad total are damaged rows; other text is unrecognised. */
static void
test_damage(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "2026-11-20 10:00:00\n"
	    "Handle type summary:\n"
	    "  Event           : 10\n"
	    "  File            : many\n"
	    "  Key             :\n"
	    "Total handles: 10 or so\n"
	    "2026-11-20 11:00:00\n"
	    "Handle type summary:\n"
	    "  Event           : 12\n"
	    "No matching handles found.\n"));
	table_finish(r->table);
	assert_lines(r, 10, 2, 4, 4);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 3);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 4);
	assert_int_equal(r->fs.skipped[SKIP_UNRECOGNISED], 1);
	assert_int_equal(r->fs.first_line[SKIP_UNRECOGNISED], 10);
	assert_non_null(strstr(r->fs.note, "2 handle summaries without "
	    "'Total handles:'"));
	assert_int_equal(table_ncounters(r->table), 1);
	assert_string_equal(table_counter_name(r->table, 0), "handles: Event");
	assert_int_equal(table_nsnapshots(r->table), 2);
}

/* A summary needs a time; the file name's time serves one summary;
 * --start and --interval time the rest. */
static void
test_time(void **state)
{
	struct run	*r = *state;
	const char	*two = "Handle type summary:\n  Token : 5\n"
	    "Total handles: 5\nHandle type summary:\n  Token : 6\n"
	    "Total handles: 6\n";

	assert_int_equal(parse_text(r, two), -1);
	assert_int_equal(r->diag.line, 1);
	assert_non_null(strstr(r->diag.msg, "handle summary has no time"));
	memset(&r->diag, 0, sizeof(r->diag));
	r->ctx.have_name_time = 1;
	r->ctx.name_ms = ts_from_civil(2026, 11, 20, 10, 0, 0, 0);
	assert_int_equal(parse_text(r, two), -1);
	assert_int_equal(r->diag.line, 4);
	assert_non_null(strstr(r->diag.msg, "second handle summary"));
	memset(&r->diag, 0, sizeof(r->diag));
	r->ctx.have_name_time = 0;
	r->ctx.have_start = 1;
	r->ctx.start_ms = r->ctx.name_ms;
	r->ctx.interval_ms = 60000;
	assert_parsed(r, parse_text(r, two));
	table_finish(r->table);
	assert_int_equal(table_nsnapshots(r->table), 2);
	assert_int_equal(table_snapshot(r->table, 1)->t_ms,
	    r->ctx.start_ms + 60000);
}

/* The sniffer knows handle's output by its banner or summary header, not
 * by a time line alone. */
static void
test_sniff(void **state)
{
	const char	*a = "2026-11-20 10:00:00\nC:\\>handle -s\n\n"
	    "Nthandle v5.0 - Handle viewer\n";
	const char	*b = "Handle type summary:\n  Event : 1\n";
	const char	*c = "2026-11-20 10:00:00\n  Event : 1\n";

	(void)state;
	assert_int_equal(sniff_format(a, strlen(a)), FORMAT_HANDLE);
	assert_int_equal(sniff_format(b, strlen(b)), FORMAT_HANDLE);
	assert_int_equal(sniff_format(c, strlen(c)), FORMAT_UNKNOWN);
	assert_int_equal(sniff_by_name("handle"), FORMAT_HANDLE);
}

#define RUN_TEST(f)	cmocka_unit_test_setup_teardown(f, setup_run, \
			    teardown_run)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		RUN_TEST(test_per_process),
		RUN_TEST(test_scope_follows_command),
		RUN_TEST(test_command_without_s),
		RUN_TEST(test_damage),
		RUN_TEST(test_time),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
