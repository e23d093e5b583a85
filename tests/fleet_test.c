/* fleet_test.c: the hosts of a fleet compared: tags leaking on several
 * hosts, a tag out of line with its peers, and a fleet baseline.  The
 * expected medians are worked by hand next to each case. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "fleet.h"
#include "gate.h"
#include "testutil.h"

/* A host's analysis with up to 8 tags: name, type, verdict, slope,
 * object size (NAN: unknown). */
struct fake {
	struct analysis	 an;
	struct tag_finding tags[8];
	struct gate	 gate;
	struct gate_mark marks[8];
};

static void
add(struct fake *f, const char *tag, enum pool_type type, enum verdict v,
    double slope, double object)
{
	struct tag_finding *t = &f->tags[f->an.ntags];

	memset(t, 0, sizeof(*t));
	memset(t->tag, ' ', 4);
	memcpy(t->tag, tag, strlen(tag));
	t->type = type;
	t->verdict = v;
	t->slope_bytes_per_hour = slope;
	t->object_bytes = object;
	t->driver = NULL;
	t->rank = (int)f->an.ntags + 1;
	f->marks[f->an.ntags].state = GATE_PASS;
	f->an.ntags++;
	f->an.tags = f->tags;
	f->gate.tags = f->marks;
}

static void
test_several_hosts_and_out_of_line(void **state)
{
	static struct fake h[4];
	struct fleet_host fh[4];
	struct fleet_view *v;
	const char *names[4] = { "db1", "web1", "web2", "web3" };
	size_t	 i;

	(void)state;
	memset(h, 0, sizeof(h));
	/* Toke leaks on web1..web3 at 40, 60 and 80 KB/h: median 60000;
	 * objects 1664, 1600, 1700: median 1664.  Flat on db1. */
	add(&h[0], "Toke", POOL_PAGED, VERDICT_STABLE, 0, NAN);
	add(&h[1], "Toke", POOL_PAGED, VERDICT_LEAK, 40000, 1664);
	add(&h[2], "Toke", POOL_PAGED, VERDICT_LEAK, 60000, 1600);
	add(&h[3], "Toke", POOL_PAGED, VERDICT_LEAK, 80000, 1700);
	/* Irp leaks on web2 only, stable on the three others at 0, 10
	 * and 30 B/h: median 10. */
	add(&h[0], "Irp", POOL_NONPAGED, VERDICT_STABLE, 0, NAN);
	add(&h[1], "Irp", POOL_NONPAGED, VERDICT_STABLE, 10, NAN);
	add(&h[2], "Irp", POOL_NONPAGED, VERDICT_LEAK, 30000, 512);
	add(&h[3], "Irp", POOL_NONPAGED, VERDICT_STABLE, 30, NAN);
	/* Irp in the paged pool is another series: leaks on web1, with
	 * no peer. */
	add(&h[1], "Irp", POOL_PAGED, VERDICT_LEAK, 5000, NAN);
	/* MmSt leaks on web3 but is suspect on web1: not out of line. */
	add(&h[3], "MmSt", POOL_PAGED, VERDICT_LEAK, 9000, NAN);
	add(&h[1], "MmSt", POOL_PAGED, VERDICT_SUSPECT, 2000, NAN);
	add(&h[0], "MmSt", POOL_PAGED, VERDICT_STABLE, 0, NAN);
	add(&h[2], "MmSt", POOL_PAGED, VERDICT_STABLE, 0, NAN);
	/* File leaks on db1 with one stable peer: too few to say. */
	add(&h[0], "File", POOL_NONPAGED, VERDICT_LEAK, 7000, NAN);
	add(&h[1], "File", POOL_NONPAGED, VERDICT_STABLE, 0, NAN);
	for (i = 0; i < 4; i++) {
		fh[i].name = names[i];
		fh[i].an = &h[i].an;
		fh[i].gate = &h[i].gate;
	}
	h[2].gate.failed = h[3].gate.failed = 1;
	v = fleet_compare(fh, 4);
	assert_int_equal(v->failed_hosts, 2);

	assert_int_equal(v->ntags, 1);
	assert_memory_equal(v->tags[0].tag, "Toke", 4);
	assert_int_equal(v->tags[0].type, POOL_PAGED);
	assert_int_equal(v->tags[0].nleak, 3);
	assert_int_equal(v->tags[0].nwith, 4);
	assert_int_equal(v->tags[0].hosts[0], 1);
	assert_int_equal(v->tags[0].hosts[1], 2);
	assert_int_equal(v->tags[0].hosts[2], 3);
	assert_true(v->tags[0].median_slope == 60000);
	assert_true(v->tags[0].median_object == 1664);

	assert_int_equal(v->noutliers, 1);
	assert_int_equal(v->outliers[0].host, 2);
	assert_memory_equal(h[2].tags[v->outliers[0].tag].tag, "Irp ", 4);
	assert_int_equal(h[2].tags[v->outliers[0].tag].type, POOL_NONPAGED);
	assert_int_equal(v->outliers[0].flat_peers, 3);
	assert_true(v->outliers[0].peers_median_slope == 10);
	fleet_free(v);
}

static void
test_order_ignored_and_even_medians(void **state)
{
	static struct fake h[3];
	struct fleet_host fh[3];
	struct fleet_view *v;
	const char *names[3] = { "a", "b", "c" };
	size_t	 i;

	(void)state;
	memset(h, 0, sizeof(h));
	/* Aaaa leaks on two hosts at 100 and 300 KB/h: median 200000 (the
	 * mean of the middle two); objects unknown. */
	add(&h[0], "Aaaa", POOL_PAGED, VERDICT_LEAK, 100000, NAN);
	add(&h[1], "Aaaa", POOL_PAGED, VERDICT_LEAK, 300000, NAN);
	/* Bbbb leaks on all three, slower: listed first, most hosts. */
	add(&h[0], "Bbbb", POOL_NONPAGED, VERDICT_LEAK, 1000, 64);
	add(&h[1], "Bbbb", POOL_NONPAGED, VERDICT_LEAK, 2000, 128);
	add(&h[2], "Bbbb", POOL_NONPAGED, VERDICT_LEAK, 3000, 96);
	/* Cccc leaks on two hosts, but the gate ignores it on one: left
	 * out there, it leaks on one host and has a single peer. */
	add(&h[0], "Cccc", POOL_PAGED, VERDICT_LEAK, 5000, NAN);
	add(&h[1], "Cccc", POOL_PAGED, VERDICT_LEAK, 5000, NAN);
	add(&h[2], "Cccc", POOL_PAGED, VERDICT_STABLE, 0, NAN);
	h[1].marks[2].state = GATE_IGNORED;
	for (i = 0; i < 3; i++) {
		fh[i].name = names[i];
		fh[i].an = &h[i].an;
		fh[i].gate = &h[i].gate;
	}
	v = fleet_compare(fh, 3);
	assert_int_equal(v->ntags, 2);
	assert_memory_equal(v->tags[0].tag, "Bbbb", 4);
	assert_int_equal(v->tags[0].nleak, 3);
	assert_true(v->tags[0].median_slope == 2000);
	assert_true(v->tags[0].median_object == 96);	/* 64, 96, 128 */
	assert_memory_equal(v->tags[1].tag, "Aaaa", 4);
	assert_int_equal(v->tags[1].nwith, 2);
	assert_true(v->tags[1].median_slope == 200000);
	assert_true(isnan(v->tags[1].median_object));
	assert_int_equal(v->noutliers, 0);
	assert_int_equal(v->failed_hosts, 0);
	fleet_free(v);

	/* no host, no tag: an empty view */
	v = fleet_compare(fh, 0);
	assert_int_equal(v->ntags, 0);
	assert_int_equal(v->noutliers, 0);
	fleet_free(v);
}

static void
test_fleet_baseline(void **state)
{
	static const char doc[] =
	    "{\"schema_version\": 1, \"fleet\": {}, \"hosts\": ["
	    "{\"schema_version\": 1, \"host\": \"web1\", \"pools\": [],"
	    " \"counters\": [], \"tags\": [{\"tag\": \"Toke\", \"type\":"
	    " \"paged\", \"verdict\": \"leak\", \"slope_bytes_per_hour\":"
	    " 40000}]}]}";
	struct baseline_set *s;
	struct baseline	*b;
	struct fake	 h;
	struct gate_opts go;
	struct gate	*g;
	struct diag	 d;
	char		 path[] = "/tmp/fleet_test.XXXXXX";
	FILE		*fp;
	int		 fd;

	(void)state;
	memset(&d, 0, sizeof(d));
	assert_true((fd = mkstemp(path)) != -1);
	assert_non_null(fp = fdopen(fd, "w"));
	fputs(doc, fp);
	fclose(fp);
	assert_non_null(s = baseline_set_read(path, &d));

	/* web1 has Toke leaking in the baseline: the same now is
	 * unchanged; web9 is new to the fleet: the same leak is new */
	memset(&h, 0, sizeof(h));
	add(&h, "Toke", POOL_PAGED, VERDICT_LEAK, 39000, 1664);
	memset(&go, 0, sizeof(go));
	go.fail_on = VERDICT_LEAK;
	go.max_slope = go.min_hours = -1;
	assert_non_null(go.baseline = b = baseline_set_host(s, "web1", &d));
	g = gate_judge(&h.an, &go);
	assert_int_equal(g->tags[0].state, GATE_UNCHANGED);
	assert_false(g->failed);
	gate_free(g);
	baseline_free(b);
	assert_non_null(go.baseline = b = baseline_set_host(s, "web9", &d));
	g = gate_judge(&h.an, &go);
	assert_int_equal(g->tags[0].state, GATE_FAIL);
	assert_int_equal(g->tags[0].base, BASE_NEW);
	assert_true(g->failed);
	gate_free(g);
	baseline_free(b);
	baseline_set_free(s);

	/* a report of one host is not a fleet's */
	assert_non_null(fp = fopen(path, "w"));
	fputs("{\"schema_version\": 1, \"host\": null, \"pools\": [], "
	    "\"tags\": []}", fp);
	fclose(fp);
	assert_null(baseline_set_read(path, &d));
	assert_non_null(strstr(d.msg, "not a pooltrend fleet report"));
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_several_hosts_and_out_of_line),
		cmocka_unit_test(test_order_ignored_and_even_medians),
		cmocka_unit_test(test_fleet_baseline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
