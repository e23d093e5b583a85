/* report_test.c: the text and JSON reports of a small analysis. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "report.h"
#include "table.h"
#include "trend.h"
#include "testutil.h"

struct fixture {
	struct table		*tb;
	struct analysis		*a;
	struct file_stats	 fs;
	struct report_input	 ri;
};

/* 12 hourly snapshots: "Grow" Paged leaks 10 objects of 1024 bytes an
 * hour; "\x01rx" Nonp is flat; "New" Nonp appears in the last 3 only. */
static int
setup(void **state)
{
	static struct fixture fx;
	struct trend_opts to = { { 64 * 1048576, -1 }, { "option", NULL }, 0, 0 };
	unsigned char	 grow[4] = { 'G', 'r', 'o', 'w' };
	unsigned char	 odd[4] = { 0x01, 'r', 'x', ' ' };
	unsigned char	 new[4] = { 'N', 'e', 'w', ' ' };
	const char	*driver = "grow.sys - Growing \"things\", <fast> & \xff";
	uint32_t	 s;
	int		 k;

	memset(&fx, 0, sizeof(fx));
	fx.tb = table_new();
	for (k = 0; k < 12; k++) {
		s = table_snapshot_at(fx.tb, 1795000000000LL + k * 3600000LL, 0);
		table_add(fx.tb, s, grow, POOL_PAGED, 1000 + k * 50,
		    900 + k * 40, 100 + k * 10, (100 + k * 10) * 1024,
		    driver, strlen(driver));
		table_add(fx.tb, s, odd, POOL_NONPAGED, 500 + k, 400 + k, 100,
		    6400, NULL, 0);
		if (k >= 9)
			table_add(fx.tb, s, new, POOL_NONPAGED, 10, 5, 5, 320,
			    NULL, 0);
	}
	table_finish(fx.tb);
	fx.a = trend_analyse(fx.tb, &to);
	fx.fs.name = (char *)"pool.log";
	fx.fs.format = "poolmon";
	fx.fs.lines = 80;
	fx.fs.row_lines = 27;
	fx.fs.structure_lines = 51;
	fx.fs.rows = 27;
	fx.fs.snapshots = 12;
	fx.fs.skipped[SKIP_DAMAGED] = 2;
	fx.fs.first_line[SKIP_DAMAGED] = 17;
	fx.ri.files = &fx.fs;
	fx.ri.nfiles = 1;
	fx.ri.nsamples = table_nsamples(fx.tb);
	*state = &fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	trend_free(fx->a);
	table_free(fx->tb);
	return 0;
}

static char *
render_with(struct fixture *fx, int (*fn)(FILE *, const struct analysis *,
    const struct report_input *, const struct report_opts *),
    const struct report_opts *ro)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(fn(fp, fx->a, &fx->ri, ro), 0);
	fclose(fp);
	return buf;
}

static char *
render(struct fixture *fx, int json, const struct report_opts *ro)
{
	return render_with(fx, json ? report_json : report_text, ro);
}

/* The gate of the fixture: the leak fails, the flat tag is ignored. */
static struct gate *
fixture_gate(struct fixture *fx, struct gate_opts *o,
    struct ignore_list **l)
{
	struct diag	 d;

	memset(o, 0, sizeof(*o));
	memset(&d, 0, sizeof(d));
	o->fail_on = VERDICT_LEAK;
	o->max_slope = 1024;
	o->min_hours = -1;
	*l = NULL;
	assert_int_equal(ignore_add_list(l, "?rx", &d), 0);
	o->ignore = *l;
	return gate_judge(fx->a, o);
}

static void
test_ndjson_records(void **state)
{
	struct fixture	*fx = *state;
	struct report_opts ro = { 0, 1, NULL, "srv\"1", 0, 0, 0, 0 };
	struct gate_opts go;
	struct ignore_list *l;
	char		*text, *line, *save = NULL;
	json_t		*o;
	int		 n = 0;

	ro.gate = fixture_gate(fx, &go, &l);
	text = render_with(fx, report_ndjson, &ro);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save), n++) {
		assert_non_null(o = json_loads(line, 0, NULL));
		assert_string_equal(json_string_value(json_object_get(o,
		    "host")), "srv\"1");
		assert_string_equal(json_string_value(json_object_get(o,
		    "window_first")), "2026-11-18T11:06:40");
		if (n == 0)
			assert_string_equal(json_string_value(
			    json_object_get(o, "record")), "pool");
		if (n == 2) {
			/* the keys of the tag follow the record's */
			assert_string_equal(json_string_value(
			    json_object_get(o, "record")), "tag");
			assert_string_equal(json_string_value(
			    json_object_get(o, "tag")), "Grow");
			assert_string_equal(json_string_value(
			    json_object_get(o, "gate")), "fail");
			assert_string_equal(json_string_value(json_array_get(
			    json_object_get(o, "gate_reasons"), 1)),
			    "max_slope");
		}
		if (n == 3)
			assert_string_equal(json_string_value(
			    json_object_get(o, "gate")), "ignored");
		json_decref(o);
	}
	/* two pools and, with --all, three tags */
	assert_int_equal(n, 5);
	free(text);
	gate_free((struct gate *)ro.gate);
	ignore_free(l);
}

/* A string that is not UTF-8 keeps its bytes as \xNN, and then its
 * backslashes as \x5C, so the two cannot be confused; a UTF-8 string is
 * written as it is. */
static void
test_json_strings_that_are_not_utf8(void **state)
{
	struct fixture	*fx = *state;
	struct report_opts ro = { 0, 0, NULL, "C:\\srv\xff", 0, 0, 0, 0 };
	char		*text;
	json_t		*root;

	text = render(fx, 1, &ro);
	assert_non_null(root = json_loads(text, 0, NULL));
	assert_string_equal(json_string_value(json_object_get(root, "host")),
	    "C:\\x5Csrv\\xFF");
	json_decref(root);
	free(text);
	ro.host = "C:\\srv";
	text = render(fx, 1, &ro);
	assert_non_null(root = json_loads(text, 0, NULL));
	assert_string_equal(json_string_value(json_object_get(root, "host")),
	    "C:\\srv");
	json_decref(root);
	free(text);
}

static void
test_csv_quotes_and_empty_unknowns(void **state)
{
	struct fixture	*fx = *state;
	struct report_opts ro = { 0, 0, NULL, NULL, 0, 0, 0, 0 };
	char		*text = render_with(fx, report_csv, &ro);

	/* the leak only; its driver quoted with the quotes doubled */
	assert_non_null(strstr(text, "host,window_first,window_last,rank,tag,"));
	assert_non_null(strstr(text, ",1,Grow,Paged,leak,,,10240,"));
	assert_non_null(strstr(text, ",\"grow.sys - Growing \"\"things\"\", "
	    "<fast> & \xff\","));
	assert_null(strstr(text, "New"));
	/* CRLF ends, and the header and one row */
	assert_int_equal(strlen(text) > 2 && text[strlen(text) - 2] == '\r', 1);
	assert_int_equal(strchr(strchr(strchr(text, '\n') + 1, '\n') + 1,
	    '\n') == NULL, 1);
	free(text);
	/* a tag with a byte outside ASCII, and a time to exhaustion unknown */
	ro.all = 1;
	text = render_with(fx, report_csv, &ro);
	assert_non_null(strstr(text, ",\\x01rx,Nonp,stable,"));
	free(text);
}

static void
test_junit_escapes_and_marks(void **state)
{
	struct fixture	*fx = *state;
	struct report_opts ro = { 0, 0, NULL, NULL, 0, 0, 0, 0 };
	struct gate_opts go;
	struct ignore_list *l;
	char		*text;

	ro.gate = fixture_gate(fx, &go, &l);
	text = render_with(fx, report_junit, &ro);
	/* two pools and two judged tags; New is insufficient */
	assert_non_null(strstr(text, "<testsuites name=\"pooltrend\" "
	    "tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\">"));
	assert_non_null(strstr(text, "<testcase classname=\"pooltrend.tag."
	    "Paged\" name=\"Grow Paged\">\n      <failure type=\"leak, "
	    "faster than --max-slope\" message=\"leak +10.0 KB/h: "));
	assert_non_null(strstr(text, "name=\"\\x01rx Nonp\">\n      "
	    "<skipped message=\"ignored (--ignore)\"/>"));
	assert_null(strstr(text, "New"));
	free(text);
	gate_free((struct gate *)ro.gate);
	ignore_free(l);
}

static void
test_json_document_fields(void **state)
{
	struct fixture	*fx = *state;
	struct report_opts ro = { 0, 0, NULL, NULL, 0, 0, 0, 0 };
	char		*text = render(fx, 1, &ro);
	json_error_t	 err;
	json_t		*root = json_loads(text, 0, &err), *t, *p, *ci;

	assert_non_null(root);
	assert_int_equal(json_integer_value(json_object_get(root,
	    "schema_version")), 1);
	t = json_object_get(root, "inputs");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(json_object_get(t, "files"), 0), "path")), "pool.log");
	assert_int_equal(json_integer_value(json_object_get(t,
	    "skipped_lines")), 2);
	assert_int_equal(json_integer_value(json_object_get(t, "lines")), 80);
	assert_int_equal(json_integer_value(json_object_get(t, "row_lines")),
	    27);
	assert_int_equal(json_integer_value(json_object_get(t,
	    "structure_lines")), 51);
	p = json_array_get(json_object_get(t, "files"), 0);
	assert_int_equal(json_integer_value(json_object_get(p, "lines_used")),
	    78);
	assert_int_equal(json_integer_value(json_object_get(
	    json_object_get(t, "skipped"), "damaged row")), 2);
	t = json_object_get(root, "window");
	assert_string_equal(json_string_value(json_object_get(t, "first")),
	    "2026-11-18T11:06:40");
	assert_int_equal(json_integer_value(json_object_get(t, "samples")), 12);
	assert_int_equal(json_array_size(json_object_get(t, "segments")), 1);

	p = json_array_get(json_object_get(root, "pools"), 0);
	assert_string_equal(json_string_value(json_object_get(p, "type")),
	    "paged");
	assert_int_equal(json_integer_value(json_object_get(p, "limit_bytes")),
	    64 * 1048576);
	assert_string_equal(json_string_value(json_object_get(p,
	    "limit_source")), "option");
	assert_string_equal(json_string_value(json_object_get(p,
	    "bytes_source")), "rows");
	/* (64 MB - 210 KB) / (10 KB/h) */
	assert_close(json_number_value(json_object_get(p,
	    "hours_to_exhaustion")), (64.0 * 1048576 - 210 * 1024) / 10240,
	    1e-9);
	assert_string_equal(json_string_value(json_object_get(p,
	    "projection_source")), "leaks");
	assert_int_equal(json_array_size(json_object_get(p,
	    "hours_to_exhaustion_ci")), 2);
	p = json_array_get(json_object_get(root, "pools"), 1);
	assert_string_equal(json_string_value(json_object_get(p, "type")),
	    "nonpaged");
	assert_true(json_is_null(json_object_get(p, "limit_bytes")));
	assert_true(json_is_null(json_object_get(p, "limit_source")));
	assert_true(json_is_null(json_object_get(p, "hours_to_exhaustion")));

	t = json_array_get(json_object_get(root, "tags"), 0);
	assert_int_equal(json_integer_value(json_object_get(t, "rank")), 1);
	assert_string_equal(json_string_value(json_object_get(t, "tag")), "Grow");
	assert_string_equal(json_string_value(json_object_get(t, "type")),
	    "paged");
	assert_string_equal(json_string_value(json_object_get(t, "verdict")),
	    "leak");
	assert_close(json_number_value(json_object_get(t,
	    "slope_bytes_per_hour")), 10240, 1e-12);
	ci = json_object_get(t, "slope_ci_bytes_per_hour");
	assert_int_equal(json_array_size(ci), 2);
	assert_close(json_number_value(json_object_get(t, "object_bytes")),
	    1024, 1e-12);
	assert_close(json_number_value(json_object_get(t,
	    "diff_slope_per_hour")), 10, 1e-12);
	assert_int_equal(json_integer_value(json_object_get(t, "bytes_last")),
	    210 * 1024);
	assert_string_equal(json_string_value(json_object_get(t, "driver")),
	    "grow.sys - Growing \"things\", <fast> & \\xFF");
	assert_close(json_number_value(json_object_get(t,
	    "share_of_pool_growth")), 1, 1e-12);
	assert_int_equal(json_integer_value(json_object_get(t, "samples")), 12);
	assert_true(json_is_number(json_object_get(t, "p_value")));
	/* an exact line: the interval of the hours is the point */
	ci = json_object_get(t, "hours_to_exhaustion_ci");
	assert_int_equal(json_array_size(ci), 2);
	assert_close(json_number_value(json_array_get(ci, 0)),
	    (64.0 * 1048576 - 210 * 1024) / 10240, 1e-9);
	/* one boot: nothing to compare with */
	assert_true(json_is_null(json_object_get(t, "boots_leaking")));
	assert_true(json_is_null(json_object_get(t, "leak_since_hours")));
	assert_true(json_is_number(json_object_get(t, "r2")));

	/* the flat tag with a control byte, escaped; no driver */
	t = json_array_get(json_object_get(root, "tags"), 1);
	assert_string_equal(json_string_value(json_object_get(t, "tag")),
	    "\\x01rx");
	assert_string_equal(json_string_value(json_object_get(t, "verdict")),
	    "stable");
	assert_true(json_is_null(json_object_get(t, "driver")));
	assert_true(json_is_null(json_object_get(t, "object_bytes")));

	/* the new tag: 3 samples, nothing to fit */
	t = json_array_get(json_object_get(root, "tags"), 2);
	assert_string_equal(json_string_value(json_object_get(t, "tag")), "New");
	assert_string_equal(json_string_value(json_object_get(t, "verdict")),
	    "insufficient");
	assert_true(json_is_null(json_object_get(t, "slope_bytes_per_hour")));
	assert_true(json_is_null(json_object_get(t,
	    "slope_ci_bytes_per_hour")));
	assert_int_equal(json_integer_value(json_object_get(
	    json_object_get(root, "verdicts"), "leak")), 1);
	json_decref(root);
	free(text);
}

static void
test_json_top_limits_tags(void **state)
{
	struct fixture	*fx = *state;
	struct report_opts ro = { 1, 0, NULL, NULL, 0, 0, 0, 0 };
	char		*text = render(fx, 1, &ro);
	json_t		*root = json_loads(text, 0, NULL);

	assert_int_equal(json_array_size(json_object_get(root, "tags")), 1);
	json_decref(root);
	free(text);
}

static void
test_text_report(void **state)
{
	struct fixture	*fx = *state;
	struct report_opts ro = { 0, 0, NULL, NULL, 0, 0, 0, 0 };
	char		*text = render(fx, 0, &ro);

	assert_non_null(strstr(text, "pooltrend: 1 file, 12 snapshots from "
	    "2026-11-18T11:06:40 to 2026-11-18T22:06:40 (11.0 h)\n"));
	assert_non_null(strstr(text, "  80 lines read: 27 row lines, 51 "
	    "structure, 2 skipped\n"));
	assert_non_null(strstr(text, "  pool.log: skipped 2 lines of damaged "
	    "rows (first at line 17)\n"));
	assert_non_null(strstr(text, "paged     210.0 KB   +10.0 KB/h   "
	    "64.0 MB"));
	assert_non_null(strstr(text, "nonpaged  6.56 KB    0 B/h"));
	assert_non_null(strstr(text, "TAGS: 1 leak, 0 suspect, 1 stable, "
	    "1 insufficient data\n"));
	assert_non_null(strstr(text, "   1 Grow   Paged leak         "
	    "+10.0 KB/h   210.0 KB   +10.0     1024 B   100%"));
	assert_non_null(strstr(text, "grow.sys - Growing \"things\", <fast> & "
	    "\xff\n"));
	assert_non_null(strstr(text, "     steady growth +10.0 KB/h over "
	    "11.0 h"));
	assert_null(strstr(text, "\\x01rx"));
	assert_non_null(strstr(text, "2 stable or insufficient tags not "
	    "listed (--all lists them)\n"));
	free(text);
}

static void
test_text_report_all(void **state)
{
	struct fixture	*fx = *state;
	struct report_opts ro = { 0, 1, NULL, NULL, 0, 0, 0, 0 };
	char		*text = render(fx, 0, &ro);

	assert_non_null(strstr(text, "   2 \\x01rx Nonp  stable"));
	assert_non_null(strstr(text, "   3 New    Nonp  insufficient"));
	assert_non_null(strstr(text, "3 samples over 2.0 h; needs 6 over 1 h"));
	assert_null(strstr(text, "not listed"));
	free(text);
}

/* The sparkline of "Grow": 12 hourly samples, linear, in 16 stretches
 * of 11/16 h: sample k falls in stretch floor(16 k / 11) (the last in
 * the last), so stretches 3, 6, 9 and 12 are empty; sample k's level is
 * round(7 k / 11): 0 1 1 2 3 3 4 4 5 6 6 7. */
static void
test_text_sparklines_and_width(void **state)
{
	struct fixture	*fx = *state;
	struct report_opts ro = { 0, 0, NULL, NULL, 0, 0, 0, 0 };
	char		*text;
	const char	*l, *e;

	fx->ri.table = fx->tb;
	text = render(fx, 0, &ro);
	assert_non_null(strstr(text, "\n     \u2581\u2582\u2582 \u2583\u2584 "
	    "\u2584\u2585 \u2585\u2586 \u2587\u2587\u2588 steady growth"));
	free(text);
	ro.ascii = 1;
	ro.width = 72;
	text = render(fx, 0, &ro);
	assert_non_null(strstr(text, "\n     _.. -= =+ +* ##@ steady growth"));
	/* the narrow table, the driver cut to fit, the reason wrapped */
	assert_non_null(strstr(text, "RANK TAG    TYPE  VERDICT      GROWTH"
	    "       NOW        FILLS IN  DRIVER\n"));
	assert_null(strstr(text, "ALLOCS/H"));
	for (l = text; (e = strchr(l, '\n')) != NULL; l = e + 1) {
		if (e - l > 72)
			print_error("too wide: %.*s\n", (int)(e - l), l);
		assert_true(e - l <= 72);
	}
	free(text);
	ro.color = 1;
	ro.ascii = 0;
	ro.width = 0;
	text = render(fx, 0, &ro);
	assert_non_null(strstr(text, "Paged \033[1;31mleak\033[0m         "));
	free(text);
	fx->ri.table = NULL;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_document_fields),
		cmocka_unit_test(test_json_top_limits_tags),
		cmocka_unit_test(test_text_report),
		cmocka_unit_test(test_text_report_all),
		cmocka_unit_test(test_ndjson_records),
		cmocka_unit_test(test_json_strings_that_are_not_utf8),
		cmocka_unit_test(test_csv_quotes_and_empty_unknowns),
		cmocka_unit_test(test_junit_escapes_and_marks),
		cmocka_unit_test(test_text_sparklines_and_width),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
