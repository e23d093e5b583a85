/* nextstep_test.c: the next-step rules: parsing, which rule a finding
 * matches, the fields replaced in a step, and the counter related to a
 * tag. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "nextstep.h"
#include "testutil.h"

/* An analysis of up to 8 tags and 4 counters, with both pools. */
struct fake {
	struct analysis	 an;
	struct tag_finding tags[8];
	struct counter_finding counters[4];
};

static void
fake_init(struct fake *f)
{
	int	 t;

	memset(f, 0, sizeof(*f));
	f->an.tags = f->tags;
	f->an.counters = f->counters;
	for (t = 0; t < POOL_NTYPES; t++) {
		f->an.pools[t].type = (enum pool_type)t;
		f->an.pools[t].limit_bytes = -1;
		f->an.pools[t].slope_bytes_per_hour = NAN;
		f->an.pools[t].p_value = NAN;
		f->an.pools[t].hours_to_exhaustion = NAN;
	}
}

static struct tag_finding *
add_tag(struct fake *f, const char *tag, enum pool_type type, enum verdict v,
    const char *driver)
{
	struct tag_finding *t = &f->tags[f->an.ntags++];

	memset(t->tag, ' ', 4);
	memcpy(t->tag, tag, strlen(tag));
	t->type = type;
	t->verdict = v;
	t->driver = driver;
	return t;
}

static struct counter_finding *
add_counter(struct fake *f, const char *name, enum verdict v)
{
	struct counter_finding *c = &f->counters[f->an.ncounters++];

	c->name = name;
	c->verdict = v;
	return c;
}

/* Free what nextstep_apply gave the fake. */
static void
fake_free(struct fake *f)
{
	size_t	 i;

	for (i = 0; i < f->an.ntags; i++)
		free(f->tags[i].next_step);
	for (i = 0; i < f->an.ncounters; i++)
		free(f->counters[i].next_step);
	for (i = 0; i < POOL_NTYPES; i++)
		free(f->an.pools[i].next_step);
}

static struct nextstep_rules *
rules(const char *text)
{
	struct diag	 d;
	struct nextstep_rules *rs;

	memset(&d, 0, sizeof(d));
	rs = nextstep_parse(text, "t.tsv", &d);
	if (rs == NULL)
		fail_msg("%s:%ld: %s", d.file, d.line, d.msg);
	return rs;
}

/* The compiled-in table is the repository's data file, every line of it
 * a rule (the tests run from the top of the source tree). */
static void
test_builtin_is_the_data_file(void **state)
{
	FILE	*fp = fopen("data/next-steps.tsv", "r");
	char	 line[1024];
	size_t	 n = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL)
		n += line[0] != '#' && line[0] != '\n';
	fclose(fp);
	assert_true(n >= 10);
	assert_int_equal(nextstep_count(nextstep_builtin()), n);
}

/* Every tag, pool and counter that grows gets a step from the built-in
 * table; stable ones get none. */
static void
test_builtin_gives_every_finding_a_step(void **state)
{
	struct fake	 f;
	struct tag_finding *toke, *unknown, *known, *none, *flat;
	struct counter_finding *lsass, *cpu;

	(void)state;
	fake_init(&f);
	toke = add_tag(&f, "Toke", POOL_PAGED, VERDICT_LEAK, "nt!se");
	unknown = add_tag(&f, "Zq9x", POOL_NONPAGED, VERDICT_SUSPECT, NULL);
	known = add_tag(&f, "Ntfx", POOL_PAGED, VERDICT_LEAK, "ntfs.sys");
	none = add_tag(&f, "None", POOL_NONPAGED, VERDICT_LEAK, NULL);
	flat = add_tag(&f, "Abcd", POOL_PAGED, VERDICT_STABLE, NULL);
	lsass = add_counter(&f, "lsass.exe handles: Token", VERDICT_LEAK);
	cpu = add_counter(&f, "idle", VERDICT_STABLE);
	nextstep_apply(nextstep_builtin(), &f.an);

	assert_non_null(strstr(toke->next_step, "handle -s -p lsass.exe"));
	assert_ptr_equal(toke->related, lsass);
	assert_string_equal(unknown->next_step, "Unknown tag: search the "
	    "driver binaries for the tag string (findstr /m /l Zq9x "
	    "%SystemRoot%\\System32\\drivers\\*.sys); then trace pool "
	    "allocations (wpr -start Pool) and read the outstanding (AIFO) "
	    "allocations of Zq9x in WPA");
	assert_null(unknown->related);
	assert_non_null(strstr(known->next_step, "ntfs.sys owns Ntfx"));
	assert_non_null(strstr(none->next_step, "import ExAllocatePool"));
	assert_null(flat->next_step);
	assert_non_null(strstr(lsass->next_step, "lsass.exe handles: Token "
	    "growing"));
	assert_null(cpu->next_step);
	/* pools neither growing nor full: no step */
	assert_null(f.an.pools[0].next_step);
	assert_null(f.an.pools[1].next_step);
	fake_free(&f);
}

/* Pools: a 128 MB nonpaged limit 80% used is the /3GB line; a full paged
 * pool the nearly-full line; a nonpaged pool that grows but is far from
 * a 256 MB limit only the general line. */
static void
test_builtin_pools(void **state)
{
	struct fake	 f;
	struct pool_finding *p = &f.an.pools[POOL_PAGED];
	struct pool_finding *np = &f.an.pools[POOL_NONPAGED];

	(void)state;
	fake_init(&f);
	np->have_data = 1;
	np->limit_bytes = 128 << 20;
	np->bytes_last = 103 << 20;	/* 80% */
	np->slope_bytes_per_hour = 1000;
	np->p_value = 1e-6;
	np->hours_to_exhaustion = 26 * 1048576.0 / 1000;
	p->have_data = 1;
	p->limit_bytes = 100 << 20;
	p->bytes_last = 100 << 20;
	p->hours_to_exhaustion = 0;
	nextstep_apply(nextstep_builtin(), &f.an);
	assert_non_null(strstr(np->next_step, "limited to 128.0 MB: on "
	    "32-bit Windows started with /3GB"));
	assert_non_null(strstr(p->next_step, "The paged pool is nearly "
	    "full"));
	fake_free(&f);

	fake_init(&f);
	np->have_data = 1;
	np->limit_bytes = 256 << 20;
	np->bytes_last = 100 << 20;	/* 39% */
	np->slope_bytes_per_hour = 1000;
	np->p_value = 0.001;
	nextstep_apply(nextstep_builtin(), &f.an);
	assert_non_null(strstr(np->next_step, "The nonpaged pool grows"));
	fake_free(&f);
}

/* The first matching line wins, conditions narrow a line, and the fields
 * are replaced (an unknown {name} stays as written). */
static void
test_order_conditions_fields(void **state)
{
	struct nextstep_rules *rs;
	struct fake	 f;
	struct tag_finding *a, *b, *c, *d;

	(void)state;
	rs = rules("# comment\n"
	    "\n"
	    "tag\tAb*\tno-driver,suspect\t-\tfirst {tag} {type} {x}\n"
	    "tag\t\tAb*\t\t-\t-\tsecond {tag} of {driver} in {pool}\r\n"
	    "tag\t*\tleak\t-\tthird {tag} {limit}\n"
	    "tag\t*\t-\t-\tlast\n");
	assert_int_equal(nextstep_count(rs), 4);
	fake_init(&f);
	f.an.pools[POOL_NONPAGED].limit_bytes = 1536;
	a = add_tag(&f, "Abc", POOL_NONPAGED, VERDICT_SUSPECT, NULL);
	b = add_tag(&f, "Abcd", POOL_PAGED, VERDICT_SUSPECT, "x.sys");
	c = add_tag(&f, "Zzzz", POOL_NONPAGED, VERDICT_LEAK, "y.sys");
	d = add_tag(&f, "Zzzz", POOL_PAGED, VERDICT_SUSPECT, NULL);
	nextstep_apply(rs, &f.an);
	assert_string_equal(a->next_step, "first Abc Nonp {x}");
	assert_string_equal(b->next_step, "second Abcd of x.sys in paged");
	assert_string_equal(c->next_step, "third Zzzz 1.50 KB");
	assert_string_equal(d->next_step, "last");
	fake_free(&f);
	nextstep_free(rs);
}

/* The related counter: of the line's first pattern that matches a growing
 * counter, the first in rank order. */
static void
test_related_counter(void **state)
{
	struct nextstep_rules *rs;
	struct fake	 f;
	struct tag_finding *t;

	(void)state;
	rs = rules("tag\tToke\t-\t*: Token,svchost*,lsass*\tstep\n");
	fake_init(&f);
	t = add_tag(&f, "Toke", POOL_PAGED, VERDICT_LEAK, NULL);
	add_counter(&f, "lsass handles", VERDICT_STABLE);
	add_counter(&f, "svchost.exe handles: Event", VERDICT_LEAK);
	add_counter(&f, "lsass.exe handles: Token", VERDICT_SUSPECT);
	add_counter(&f, "handles: Token", VERDICT_SUSPECT);
	nextstep_apply(rs, &f.an);
	assert_ptr_equal(t->related, &f.counters[2]);
	fake_free(&f);
	nextstep_free(rs);
}

/* A malformed line is an error that names its line. */
static void
test_malformed(void **state)
{
	static const struct {
		const char	*text;
		long		 line;
		const char	*msg;
	} cases[] = {
		{ "tag\tToke\t-\tstep\n", 1, "expected 5 fields" },
		{ "# c\nbug\tToke\t-\t-\tstep\n", 2, "unknown kind 'bug'" },
		{ "tag\t*\tfast\t-\tstep\n", 1, "unknown condition 'fast'" },
		{ "pool\t*\tused>=101%\t-\tstep\n", 1, "unknown condition" },
		{ "pool\t*\tlimit<=lots\t-\tstep\n", 1, "unknown condition" },
		{ "pool\t*\t-\t*handles*\tstep\n", 1, "only a tag's rule" },
	};
	struct diag	 d;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		memset(&d, 0, sizeof(d));
		assert_null(nextstep_parse(cases[i].text, "t.tsv", &d));
		assert_true(d.set);
		assert_string_equal(d.file, "t.tsv");
		assert_int_equal(d.line, cases[i].line);
		if (strstr(d.msg, cases[i].msg) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, d.msg,
			    cases[i].msg);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_is_the_data_file),
		cmocka_unit_test(test_builtin_gives_every_finding_a_step),
		cmocka_unit_test(test_builtin_pools),
		cmocka_unit_test(test_order_conditions_fields),
		cmocka_unit_test(test_related_counter),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
