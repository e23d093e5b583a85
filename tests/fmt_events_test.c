/* fmt_events_test.c: exported System logs: which events are kept, their
 * times in each writer's form, and every line accounted for. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fmt_events.h"
#include "sniff.h"
#include "timestamp.h"
#include "testutil.h"
#include "parseutil.h"

const parse_fn run_parser = fmt_events_parse;

static void
check_event(const struct table *t, size_t i, int64_t t_ms, int id,
    const char *source, const char *kind, const char *msg_start)
{
	const struct pool_event *e;

	assert_true(i < table_nevents(t));
	e = table_event(t, i);
	assert_int_equal(e->t_ms, t_ms);
	assert_int_equal(e->id, id);
	assert_string_equal(e->source, source);
	assert_string_equal(e->kind, kind);
	if (strncmp(e->message, msg_start, strlen(msg_start)) != 0)
		fail_msg("message '%s' does not start '%s'", e->message,
		    msg_start);
}

/* wevtutil qe System /f:text: the exhaustion events kept, another
 * passed over and noted, the command line before them structure. */
static void
test_wevtutil_text(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "C:\\>wevtutil qe System /f:text\r\n"
	    "Event[0]:\r\n"
	    "  Log Name: System\r\n"
	    "  Source: Microsoft-Windows-Kernel-Power\r\n"
	    "  Date: 2026-11-17T07:41:12.408\r\n"
	    "  Event ID: 107\r\n"
	    "  Description:\r\n"
	    "The system has resumed from sleep.\r\n"
	    "\r\n"
	    "Event[1]:\r\n"
	    "  Log Name: System\r\n"
	    "  Source: Microsoft-Windows-Resource-Exhaustion-Detector\r\n"
	    "  Date: 2026-11-20T23:41:07.562\r\n"
	    "  Event ID: 2004\r\n"
	    "  Level: Warning\r\n"
	    "  Description:\r\n"
	    "Windows successfully diagnosed a low virtual memory condition.\r\n"
	    "\r\n"
	    "A second paragraph.\r\n"));
	table_finish(r->table);
	/* an event's lines are all in its class */
	assert_lines(r, 19, 10, 9, 0);
	assert_int_equal(r->fs.rows, 1);
	assert_string_equal(r->fs.format, "events");
	assert_non_null(strstr(r->fs.note, "1 other event passed over"));
	assert_int_equal(table_nevents(r->table), 1);
	check_event(r->table, 0, ts_from_civil(2026, 11, 20, 23, 41, 7, 562),
	    2004, "Microsoft-Windows-Resource-Exhaustion-Detector",
	    "low virtual memory", "Windows successfully diagnosed a low");
	assert_int_equal(table_nsnapshots(r->table), 0);
}

/* Event Viewer's details text: blocks start at "Log Name:" at the start
 * of a line; the date is month first with AM/PM. */
static void
test_details_text(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "Log Name:      System\n"
	    "Source:        Srv\n"
	    "Date:          11/21/2026 12:52:40 AM\n"
	    "Event ID:      2020\n"
	    "Description:\n"
	    "The server was unable to allocate from the system paged pool "
	    "because the pool was empty.\n"
	    "Log Name:      System\n"
	    "Source:        SRV\n"
	    "Date:          11/21/2026 1:05:00 PM\n"
	    "Event ID:      2019\n"
	    "Description:\n"
	    "The server was unable to allocate from the system nonpaged "
	    "pool because the pool was empty.\n"));
	table_finish(r->table);
	assert_lines(r, 12, 12, 0, 0);
	assert_int_equal(table_nevents(r->table), 2);
	check_event(r->table, 0, ts_from_civil(2026, 11, 21, 0, 52, 40, 0),
	    2020, "Srv", "paged pool empty", "The server was unable");
	check_event(r->table, 1, ts_from_civil(2026, 11, 21, 13, 5, 0, 0),
	    2019, "SRV", "nonpaged pool empty", "The server was unable");
}

/* Event Viewer's CSV: five named columns and the description unnamed,
 * quoted over several lines; day-first dates with '-' and '.'. */
static void
test_event_viewer_csv(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "Level,Date and Time,Source,Event ID,Task Category\r\n"
	    "Warning,20-11-2026 23:41:07,Microsoft-Windows-Resource-"
	    "Exhaustion-Detector,2004,Resource Exhaustion Diagnosis Events,"
	    "\"Windows successfully diagnosed a low virtual memory "
	    "condition.\r\n"
	    "\r\n"
	    "More.\"\r\n"
	    "Error,21.11.2026 00:52:40,Srv,2020,None,The server was unable\r\n"
	    "Information,21.11.2026 01:00:00,Tcpip,4227,None,Other\r\n"
	    "Error,someday,Srv,2019,None,The server was unable\r\n"
	    "Error,21.11.2026 02:00:00,Srv,twenty,None,x\r\n"));
	table_finish(r->table);
	assert_lines(r, 8, 4, 2, 2);
	assert_int_equal(r->fs.skipped[SKIP_DAMAGED], 2);
	assert_int_equal(r->fs.first_line[SKIP_DAMAGED], 7);
	assert_int_equal(table_nevents(r->table), 2);
	check_event(r->table, 0, ts_from_civil(2026, 11, 20, 23, 41, 7, 0),
	    2004, "Microsoft-Windows-Resource-Exhaustion-Detector",
	    "low virtual memory", "Windows successfully diagnosed");
	check_event(r->table, 1, ts_from_civil(2026, 11, 21, 0, 52, 40, 0),
	    2020, "Srv", "paged pool empty", "The server was unable");
}

/* Event Viewer's "Save As" text: the same columns separated by tabs,
 * blanks in a field kept, a quoted description over two lines. */
static void
test_event_viewer_tabs(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "Level\tDate and Time\tSource\tEvent ID\tTask Category\r\n"
	    "Error\t11/21/2026 12:52:40 AM\tSrv\t2020\tNone\tThe server "
	    "was unable to allocate from the system paged pool because the "
	    "pool was empty.\r\n"
	    "Warning\t11/20/2026 11:41:07 PM\tMicrosoft-Windows-Resource-"
	    "Exhaustion-Detector\t2004\tResource Exhaustion Diagnosis "
	    "Events\t\"Windows successfully diagnosed a low virtual memory "
	    "condition.\r\nMore.\"\r\n"
	    "Information\t11/20/2026 11:00:00 PM\tService Control Manager"
	    "\t7036\tNone\tThe service entered the running state.\r\n"));
	table_finish(r->table);
	assert_lines(r, 5, 3, 2, 0);
	assert_non_null(strstr(r->fs.note, "1 other event passed over"));
	assert_int_equal(table_nevents(r->table), 2);
	check_event(r->table, 0, ts_from_civil(2026, 11, 20, 23, 41, 7, 0),
	    2004, "Microsoft-Windows-Resource-Exhaustion-Detector",
	    "low virtual memory", "Windows successfully diagnosed");
	check_event(r->table, 1, ts_from_civil(2026, 11, 21, 0, 52, 40, 0),
	    2020, "Srv", "paged pool empty", "The server was unable to "
	    "allocate from the system paged pool");
}

/* PowerShell: Get-WinEvent and Get-EventLog through Export-Csv, each
 * after a #TYPE line; the message's first line is kept. */
static void
test_powershell(void **state)
{
	struct run	*r = *state;

	assert_parsed(r, parse_text(r,
	    "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\n"
	    "\"Message\",\"Id\",\"Version\",\"ProviderName\",\"LogName\","
	    "\"TimeCreated\"\n"
	    "\"Windows successfully diagnosed a low virtual memory condition."
	    "\nMore.\",\"2004\",\"0\",\"Microsoft-Windows-Resource-Exhaustion-"
	    "Detector\",\"System\",\"11/20/2026 11:41:07 PM\"\n"));
	table_finish(r->table);
	assert_lines(r, 4, 2, 2, 0);
	check_event(r->table, 0, ts_from_civil(2026, 11, 20, 23, 41, 7, 0),
	    2004, "Microsoft-Windows-Resource-Exhaustion-Detector",
	    "low virtual memory", "Windows successfully diagnosed");
	assert_string_equal(table_event(r->table, 0)->message, "Windows "
	    "successfully diagnosed a low virtual memory condition.");

	table_free(r->table);
	r->table = r->ctx.table = table_new();
	assert_parsed(r, parse_text(r,
	    "#TYPE System.Diagnostics.EventLogEntry#System/SRV/2019\n"
	    "\"EventID\",\"MachineName\",\"EntryType\",\"Message\",\"Source\","
	    "\"TimeGenerated\",\"TimeWritten\"\n"
	    "\"2019\",\"APP07\",\"Error\",\"The server was unable to allocate "
	    "from the system nonpaged pool because the pool was empty.\","
	    "\"SRV\",\"2026/11/21 00:30:12\",\"2026/11/21 00:30:12\"\n"));
	table_finish(r->table);
	check_event(r->table, 0, ts_from_civil(2026, 11, 21, 0, 30, 12, 0),
	    2019, "SRV", "nonpaged pool empty", "The server was unable");
}

/* A CSV header of none of the three writers is an error at line 1. */
static void
test_unknown_header(void **state)
{
	struct run	*r = *state;

	assert_int_equal(parse_text(r, "When,What\n1,2\n"), -1);
	assert_int_equal(r->diag.line, 1);
	assert_non_null(strstr(r->diag.msg, "the header needs Date and Time"));
}

/* Which events report exhaustion. */
static void
test_kinds(void **state)
{
	int	 pool;

	(void)state;
	assert_string_equal(fmt_events_kind("Microsoft-Windows-Resource-"
	    "Exhaustion-Detector", 46, 2004, &pool), "low virtual memory");
	assert_int_equal(pool, -1);
	assert_string_equal(fmt_events_kind(" srv ", 5, 2019, &pool),
	    "nonpaged pool empty");
	assert_int_equal(pool, POOL_NONPAGED);
	assert_string_equal(fmt_events_kind("Srv", 3, 2020, &pool),
	    "paged pool empty");
	assert_int_equal(pool, POOL_PAGED);
	assert_null(fmt_events_kind("Srv", 3, 2004, &pool));
	assert_null(fmt_events_kind("Microsoft-Windows-Resource-Exhaustion-"
	    "Detector", 46, 2019, &pool));
	assert_null(fmt_events_kind("Server", 6, 2020, &pool));
}

/* The sniffer knows the three writers' first lines. */
static void
test_sniff(void **state)
{
	const char	*w = "C:\\>wevtutil qe System /f:text\nEvent[0]:\n";
	const char	*d = "Log Name:      System\nSource:        Srv\n";
	const char	*v = "Level,Date and Time,Source,Event ID,Task "
	    "Category\n";
	const char	*p = "#TYPE System.Diagnostics.Eventing.Reader."
	    "EventLogRecord\n\"Message\",\"Id\",\"ProviderName\","
	    "\"TimeCreated\"\n";
	const char	*g = "\"EventID\",\"Message\",\"Source\","
	    "\"TimeGenerated\"\n";
	const char	*t = "Level\tDate and Time\tSource\tEvent ID\tTask "
	    "Category\n";

	(void)state;
	assert_int_equal(sniff_format(w, strlen(w)), FORMAT_EVENTS);
	assert_int_equal(sniff_format(d, strlen(d)), FORMAT_EVENTS);
	assert_int_equal(sniff_format(v, strlen(v)), FORMAT_EVENTS);
	assert_int_equal(sniff_format(p, strlen(p)), FORMAT_EVENTS);
	assert_int_equal(sniff_format(g, strlen(g)), FORMAT_EVENTS);
	assert_int_equal(sniff_format(t, strlen(t)), FORMAT_EVENTS);
	assert_int_equal(sniff_by_name("events"), FORMAT_EVENTS);
}

#define RUN_TEST(f)	cmocka_unit_test_setup_teardown(f, setup_run, \
			    teardown_run)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		RUN_TEST(test_wevtutil_text),
		RUN_TEST(test_details_text),
		RUN_TEST(test_event_viewer_csv),
		RUN_TEST(test_event_viewer_tabs),
		RUN_TEST(test_powershell),
		RUN_TEST(test_unknown_header),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
