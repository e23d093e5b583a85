/* gate_test.c: the CI gate: tag patterns, thresholds, the baseline
 * comparison and reading a baseline report. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "gate.h"
#include "report.h"
#include "testutil.h"

static struct ignore_list *
patterns(const char *list)
{
	struct ignore_list *l = NULL;
	struct diag	 d;

	memset(&d, 0, sizeof(d));
	assert_int_equal(ignore_add_list(&l, list, &d), 0);
	return l;
}

static int
matches(const struct ignore_list *l, const char *tag)
{
	unsigned char	 t[4];

	memset(t, ' ', 4);
	memcpy(t, tag, strlen(tag));
	return ignore_match(l, t);
}

static void
test_patterns_as_in_pooltag(void **state)
{
	struct ignore_list *l = patterns("Toke,Mm*,G?ac,Irp,Dh 1");
	struct diag	 d;

	(void)state;
	assert_int_equal(ignore_count(l), 5);
	assert_true(matches(l, "Toke"));
	assert_false(matches(l, "Tok"));
	assert_true(matches(l, "MmSt"));
	assert_true(matches(l, "Mm"));
	assert_false(matches(l, "MSt"));
	assert_true(matches(l, "Gcac"));
	assert_true(matches(l, "Glac"));
	assert_false(matches(l, "Gcad"));
	/* a short tag is blank padded: Irp is "Irp ", not "Irp1" */
	assert_true(matches(l, "Irp"));
	assert_false(matches(l, "Irp1"));
	assert_true(matches(l, "Dh 1"));
	ignore_free(l);
	memset(&d, 0, sizeof(d));
	l = NULL;
	assert_int_equal(ignore_add_list(&l, "Toke,TooLong", &d), -1);
	assert_non_null(strstr(d.msg, "'TooLong'"));
	ignore_free(l);
	l = NULL;
	memset(&d, 0, sizeof(d));
	assert_int_equal(ignore_add_list(&l, ",,", &d), -1);
	assert_non_null(strstr(d.msg, "no tag pattern"));
	assert_null(l);
}

static void
test_pattern_file_with_comments(void **state)
{
	char		*path = tu_write_temp("# caches\nCach  # the test's\n"
			    "\n  Mm*, Even\tObtb\n");
	struct ignore_list *l = NULL;
	struct diag	 d;
	struct input	*in;

	(void)state;
	memset(&d, 0, sizeof(d));
	in = input_open(path, &d);
	assert_non_null(in);
	assert_int_equal(ignore_add_file(&l, in, &d), 0);
	input_free(in);
	tu_remove(path);
	assert_int_equal(ignore_count(l), 4);
	assert_true(matches(l, "Cach"));
	assert_true(matches(l, "Obtb"));
	assert_false(matches(l, "#"));
	ignore_free(l);
	/* a bad pattern names its line */
	path = tu_write_temp("Cach\nFiveB\n");
	l = NULL;
	in = input_open(path, &d);
	assert_int_equal(ignore_add_file(&l, in, &d), -1);
	input_free(in);
	tu_remove(path);
	assert_int_equal(d.line, 2);
	ignore_free(l);
}

/* An analysis of three tags and both pools, by hand. */
static struct analysis *
analysis(void)
{
	struct analysis	*a = calloc(1, sizeof(*a));
	static const struct {
		const char	*tag;
		enum verdict	 v;
		double		 slope, lo, hi;
	} t[] = {
		{ "Toke", VERDICT_LEAK, 200000, 190000, 210000 },
		{ "Irp ", VERDICT_SUSPECT, 5000, 1000, 9000 },
		{ "Cach", VERDICT_LEAK, 90000, 80000, 100000 },
		{ "Flat", VERDICT_STABLE, 10, -50, 70 },
	};
	size_t		 i;

	assert_non_null(a);
	a->ntags = 4;
	a->tags = calloc(a->ntags, sizeof(*a->tags));
	for (i = 0; i < a->ntags; i++) {
		memcpy(a->tags[i].tag, t[i].tag, 4);
		a->tags[i].type = i == 1 ? POOL_NONPAGED : POOL_PAGED;
		a->tags[i].verdict = t[i].v;
		a->tags[i].slope_bytes_per_hour = t[i].slope;
		a->tags[i].ci_lo = t[i].lo;
		a->tags[i].ci_hi = t[i].hi;
		a->tags[i].rank = (int)i + 1;
	}
	a->pools[POOL_PAGED].have_data = 1;
	a->pools[POOL_PAGED].hours_to_exhaustion = 50;
	a->pools[POOL_NONPAGED].have_data = 1;
	a->pools[POOL_NONPAGED].hours_to_exhaustion = NAN;
	return a;
}

static void
free_analysis(struct analysis *a)
{
	free(a->tags);
	free(a);
}

static struct gate_opts
defaults(void)
{
	struct gate_opts o;

	memset(&o, 0, sizeof(o));
	o.fail_on = VERDICT_LEAK;
	o.max_slope = o.min_hours = -1;
	return o;
}

static void
test_thresholds_and_ignore(void **state)
{
	struct analysis	*a = analysis();
	struct gate_opts o = defaults();
	struct gate	*g;
	struct ignore_list *l = patterns("Cach");

	(void)state;
	/* the default: leaks fail, nothing shown */
	g = gate_judge(a, &o);
	assert_int_equal(g->shown, 0);
	assert_int_equal(g->failed, 1);
	assert_int_equal(g->failed_tags, 2);
	assert_int_equal(g->tags[0].state, GATE_FAIL);
	assert_int_equal(g->tags[0].why, GATE_VERDICT);
	assert_int_equal(g->tags[1].state, GATE_PASS);
	assert_int_equal(g->pools[POOL_PAGED].state, GATE_PASS);
	gate_free(g);
	/* never, with a slope above the suspect's and below the leaks' */
	o.fail_on = -1;
	o.fail_on_given = 1;
	o.max_slope = 100000;
	o.min_hours = 49.9;
	g = gate_judge(a, &o);
	assert_int_equal(g->shown, 1);
	assert_int_equal(g->failed_tags, 1);
	assert_int_equal(g->tags[0].why, GATE_SLOPE);
	assert_int_equal(g->tags[2].state, GATE_PASS);
	/* 50 h is not within 49.9 */
	assert_int_equal(g->failed_pools, 0);
	gate_free(g);
	/* a stable tag above the slope does not fail; a pool within does */
	o.max_slope = 1;
	o.min_hours = 50.1;
	g = gate_judge(a, &o);
	assert_int_equal(g->tags[3].state, GATE_PASS);
	assert_int_equal(g->tags[1].why, GATE_SLOPE);
	assert_int_equal(g->pools[POOL_PAGED].state, GATE_FAIL);
	assert_int_equal(g->pools[POOL_PAGED].why, GATE_HOURS);
	assert_int_equal(g->pools[POOL_NONPAGED].state, GATE_PASS);
	gate_free(g);
	/* an ignored leak never fails */
	o = defaults();
	o.ignore = l;
	g = gate_judge(a, &o);
	assert_int_equal(g->tags[2].state, GATE_IGNORED);
	assert_int_equal(g->tags[2].why, GATE_VERDICT);
	assert_int_equal(g->ignored, 1);
	assert_int_equal(g->failed_tags, 1);
	gate_free(g);
	ignore_free(l);
	free_analysis(a);
}

/* A baseline: Toke leaked slower (interval up to 150000), Irp was stable,
 * Cach leaked as now, Flat is not listed; paged ran out in 52 hours. */
static const char baseline_json[] =
    "{\"schema_version\": 1, \"pools\": ["
    "{\"type\": \"paged\", \"hours_to_exhaustion\": 52},"
    "{\"type\": \"nonpaged\", \"hours_to_exhaustion\": null}],"
    "\"tags\": ["
    "{\"tag\": \"Toke\", \"type\": \"paged\", \"verdict\": \"leak\","
    " \"slope_bytes_per_hour\": 140000,"
    " \"slope_ci_bytes_per_hour\": [130000, 150000]},"
    "{\"tag\": \"Irp\", \"type\": \"nonpaged\", \"verdict\": \"stable\","
    " \"slope_bytes_per_hour\": 3, \"slope_ci_bytes_per_hour\": [-5, 9]},"
    "{\"tag\": \"Cach\", \"type\": \"paged\", \"verdict\": \"leak\","
    " \"slope_bytes_per_hour\": 95000,"
    " \"slope_ci_bytes_per_hour\": [85000, 105000]}],"
    "\"counters\": []}";

static void
test_baseline_new_worse_same(void **state)
{
	struct analysis	*a = analysis();
	struct gate_opts o = defaults();
	struct gate	*g;
	struct diag	 d;
	char		*path = tu_write_temp(baseline_json);

	(void)state;
	memset(&d, 0, sizeof(d));
	o.baseline = baseline_read(path, &d);
	tu_remove(path);
	assert_non_null(o.baseline);
	o.fail_on = VERDICT_SUSPECT;
	o.min_hours = 100;
	g = gate_judge(a, &o);
	/* Toke: 200000 is above the baseline's 150000 */
	assert_int_equal(g->tags[0].base, BASE_WORSE);
	assert_int_equal(g->tags[0].state, GATE_FAIL);
	/* Irp: suspect where it was stable */
	assert_int_equal(g->tags[1].base, BASE_NEW);
	assert_int_equal(g->tags[1].state, GATE_FAIL);
	/* Cach: 90000 is within its interval */
	assert_int_equal(g->tags[2].base, BASE_SAME);
	assert_int_equal(g->tags[2].state, GATE_UNCHANGED);
	/* Flat is stable and not listed: passes */
	assert_int_equal(g->tags[3].state, GATE_PASS);
	/* 50 hours is not under 90% of 52 */
	assert_int_equal(g->pools[POOL_PAGED].base, BASE_SAME);
	assert_int_equal(g->pools[POOL_PAGED].state, GATE_UNCHANGED);
	assert_int_equal(g->unchanged, 2);
	assert_int_equal(g->failed_tags, 2);
	assert_int_equal(g->failed, 1);
	gate_free(g);
	/* sooner than 90% of the baseline's time is worse */
	a->pools[POOL_PAGED].hours_to_exhaustion = 46;
	g = gate_judge(a, &o);
	assert_int_equal(g->pools[POOL_PAGED].base, BASE_WORSE);
	assert_int_equal(g->pools[POOL_PAGED].state, GATE_FAIL);
	gate_free(g);
	baseline_free((struct baseline *)o.baseline);
	free_analysis(a);
}

/* Two handle counters: one growing where the baseline had it stable
 * (new), one growing as in the baseline (unchanged); and what the reports
 * list then. */
static void
test_counters_against_a_baseline_and_the_listing(void **state)
{
	struct analysis	*a = analysis();
	struct gate_opts o = defaults();
	struct report_opts ro;
	struct listing	 l;
	struct gate	*g;
	struct diag	 d;
	const char	*text;

	(void)state;
	a->ncounters = 2;
	a->counters = calloc(2, sizeof(*a->counters));
	a->counters[0].name = "lsass handles";
	a->counters[0].verdict = VERDICT_LEAK;
	a->counters[0].slope_per_hour = 500;
	a->counters[1].name = "svchost handles";
	a->counters[1].verdict = VERDICT_LEAK;
	a->counters[1].slope_per_hour = 40;
	memset(&d, 0, sizeof(d));
	text = "{\"schema_version\": 1, \"pools\": [],"
	    " \"tags\": [], \"counters\": ["
	    "{\"name\": \"lsass handles\", \"verdict\": \"stable\","
	    " \"slope_per_hour\": 1, \"slope_ci_per_hour\": [-2, 3]},"
	    "{\"name\": \"svchost handles\", \"verdict\": \"leak\","
	    " \"slope_per_hour\": 41, \"slope_ci_per_hour\": [30, 52]}]}";
	o.baseline = baseline_parse(text, strlen(text), "baseline", &d);
	assert_non_null(o.baseline);
	g = gate_judge(a, &o);
	assert_int_equal(g->counters[0].base, BASE_NEW);
	assert_int_equal(g->counters[0].state, GATE_FAIL);
	assert_int_equal(g->counters[1].base, BASE_SAME);
	assert_int_equal(g->counters[1].state, GATE_UNCHANGED);
	assert_int_equal(g->failed_counters, 1);
	/* the tags are all new (the baseline lists none): Toke, Irp, Cach
	 * listed, Flat (stable) not; the unchanged counter is left out */
	memset(&ro, 0, sizeof(ro));
	ro.gate = g;
	report_list_tags(a, &ro, &l);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.idx[2], 2);
	assert_int_equal(l.hidden, 1);
	report_listing_free(&l);
	report_list_counters(a, &ro, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.idx[0], 0);
	assert_int_equal(l.unchanged, 1);
	report_listing_free(&l);
	/* with --all, everything, and with --top 1 the first */
	ro.all = 1;
	report_list_counters(a, &ro, &l);
	assert_int_equal(l.n, 2);
	report_listing_free(&l);
	ro.all = 0;
	ro.top = 1;
	report_list_tags(a, &ro, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.hidden, 3);
	report_listing_free(&l);
	gate_free(g);
	baseline_free((struct baseline *)o.baseline);
	free(a->counters);
	free_analysis(a);
}

static void
test_baseline_that_is_not_a_report(void **state)
{
	struct diag	 d;
	char		*path;

	(void)state;
	memset(&d, 0, sizeof(d));
	path = tu_write_temp("timestamp,tag\n");
	assert_null(baseline_read(path, &d));
	assert_non_null(strstr(d.msg, "not a JSON document"));
	assert_int_equal(d.line, 1);
	tu_remove(path);
	memset(&d, 0, sizeof(d));
	path = tu_write_temp("{\"schema_version\": 2, \"pools\": [], "
	    "\"tags\": []}");
	assert_null(baseline_read(path, &d));
	assert_non_null(strstr(d.msg, "schema version 1"));
	tu_remove(path);
	memset(&d, 0, sizeof(d));
	path = tu_write_temp("{\"schema_version\": 1, \"pools\": [], "
	    "\"tags\": [{\"tag\": \"Toke\", \"type\": \"paged\"}]}");
	assert_null(baseline_read(path, &d));
	assert_non_null(strstr(d.msg, "tag 1 of the baseline"));
	tu_remove(path);
	memset(&d, 0, sizeof(d));
	assert_null(baseline_parse("{\n\"tags\": [", 12, "text", &d));
	assert_string_equal(d.file, "text");
	assert_int_equal(d.line, 2);
	memset(&d, 0, sizeof(d));
	assert_null(baseline_read("/nonexistent/baseline.json", &d));
	assert_string_equal(d.file, "/nonexistent/baseline.json");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_patterns_as_in_pooltag),
		cmocka_unit_test(test_pattern_file_with_comments),
		cmocka_unit_test(test_thresholds_and_ignore),
		cmocka_unit_test(test_baseline_new_worse_same),
		cmocka_unit_test(test_counters_against_a_baseline_and_the_listing),
		cmocka_unit_test(test_baseline_that_is_not_a_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
