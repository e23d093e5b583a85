/* table_test.c: the tag table: snapshots, series, encoding, finishing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "table.h"
#include "testutil.h"

#define TAG(s)	((const unsigned char *)(s))


/* Decode series i into a new array; the caller frees it. */
static struct sample *
decode(const struct table *t, size_t i, size_t *n)
{
	struct sample	*s;

	s = calloc(table_series(t, i)->n + 1, sizeof(*s));
	assert_non_null(s);
	*n = table_decode(t, i, s);
	assert_int_equal(*n, table_series(t, i)->n);
	return s;
}

static void
assert_sample(const struct sample *s, uint32_t snap, int64_t allocs,
    int64_t frees, int64_t diff, int64_t bytes)
{
	assert_int_equal(s->snap, snap);
	assert_int_equal(s->allocs, allocs);
	assert_int_equal(s->frees, frees);
	assert_int_equal(s->diff, diff);
	assert_int_equal(s->bytes, bytes);
}

static void
test_snapshot_same_time_same_index(void **state)
{
	struct table	*t = table_new();

	(void)state;
	assert_int_equal(table_snapshot_at(t, 1000, 0), 0);
	assert_int_equal(table_snapshot_at(t, 2000, 0), 1);
	assert_int_equal(table_snapshot_at(t, 1000, 0), 0);
	assert_int_equal(table_snapshot_at(t, 0, 1), 2);
	assert_int_equal(table_snapshot_at(t, 2000, 0), 1);
	assert_int_equal(table_snapshot_at(t, 0, 1), 2);
	assert_int_equal(table_nsnapshots(t), 3);
	assert_int_equal(table_snapshot(t, 0)->t_ms, 1000);
	assert_int_equal(table_snapshot(t, 1)->t_ms, 2000);
	assert_int_equal(table_snapshot(t, 2)->t_ms, 0);
	assert_int_equal(table_snapshot(t, 2)->utc, 1);
	assert_int_equal(table_snapshot(t, 0)->utc, 0);
	table_free(t);
}

static void
test_new_snapshot_has_no_header_and_no_rows(void **state)
{
	struct table	*t = table_new();
	const struct snapshot *s;

	(void)state;
	table_snapshot_at(t, 5, 0);
	s = table_snapshot(t, 0);
	assert_int_equal(s->hdr_bytes[POOL_PAGED], -1);
	assert_int_equal(s->hdr_bytes[POOL_NONPAGED], -1);
	assert_int_equal(s->phys_bytes, -1);
	assert_int_equal(s->sum_bytes[POOL_PAGED], 0);
	assert_int_equal(s->sum_bytes[POOL_NONPAGED], 0);
	assert_int_equal(s->rows, 0);
	table_free(t);
}

static void
test_many_snapshots_keep_their_index(void **state)
{
	struct table	*t = table_new();
	uint32_t	 i;

	(void)state;
	/* past the initial capacities of the array and the map */
	for (i = 0; i < 2000; i++)
		assert_int_equal(table_snapshot_at(t, (int64_t)i * 60000, 0), i);
	for (i = 0; i < 2000; i += 7)
		assert_int_equal(table_snapshot_at(t, (int64_t)i * 60000, 0), i);
	assert_int_equal(table_nsnapshots(t), 2000);
	assert_int_equal(table_snapshot(t, 1999)->t_ms, 1999 * 60000);
	table_free(t);
}

static void
test_second_row_same_snapshot_returns_one(void **state)
{
	struct table	*t = table_new();
	uint32_t	 s0;
	struct sample	*x;
	size_t		 n;

	(void)state;
	s0 = table_snapshot_at(t, 1000, 0);
	assert_int_equal(table_add(t, s0, TAG("Toke"), POOL_PAGED, 10, 4, 6,
	    600, NULL, 0), 0);
	assert_int_equal(table_add(t, s0, TAG("Toke"), POOL_PAGED, 99, 9, 90,
	    9000, NULL, 0), 1);
	assert_int_equal(table_nsamples(t), 1);
	assert_int_equal(table_snapshot(t, s0)->rows, 1);
	assert_int_equal(table_snapshot(t, s0)->sum_bytes[POOL_PAGED], 600);
	assert_int_equal(table_finish(t), 0);
	x = decode(t, series_of(t, "Toke", POOL_PAGED), &n);
	assert_int_equal(n, 1);
	assert_sample(&x[0], 0, 10, 4, 6, 600);
	free(x);
	table_free(t);
}

static void
test_samples_decode_exactly(void **state)
{
	static const int64_t v[][4] = {
		{ 0, 0, 0, 0 },
		{ 3971107, 3971077, 30, 8456 },
		/* near 2^40 */
		{ INT64_C(1099511627770), INT64_C(1099511627000), 770,
		    INT64_C(1099511627776) },
		/* Allocs wrapped below Frees: negative Diff */
		{ 5, 4294967290, -4294967285, 1024 },
		{ INT64_C(1099511627781), 0, -17, INT64_C(1099511600000) },
		{ 7, 7, 0, 0 },
	};
	struct table	*t = table_new();
	struct sample	*x;
	size_t		 n, i;
	uint32_t	 s;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		s = table_snapshot_at(t, (int64_t)i * 1000, 0);
		assert_int_equal(table_add(t, s, TAG("MmSt"), POOL_PAGED,
		    v[i][0], v[i][1], v[i][2], v[i][3], NULL, 0), 0);
	}
	assert_int_equal(table_finish(t), 0);
	assert_int_equal(table_nseries(t), 1);
	x = decode(t, 0, &n);
	assert_int_equal(n, sizeof(v) / sizeof(v[0]));
	for (i = 0; i < n; i++)
		assert_sample(&x[i], (uint32_t)i, v[i][0], v[i][1], v[i][2],
		    v[i][3]);
	free(x);
	table_free(t);
}

static void
test_samples_decode_extreme_values(void **state)
{
	static const int64_t v[][4] = {
		{ INT64_MAX, INT64_MIN, INT64_MIN, INT64_MAX },
		{ INT64_MIN, INT64_MAX, 0, -1 },
		{ -1, 1, INT64_MAX, INT64_MIN },
	};
	struct table	*t = table_new();
	struct sample	*x;
	size_t		 n, i;
	uint32_t	 s;

	(void)state;
	for (i = 0; i < 3; i++) {
		s = table_snapshot_at(t, (int64_t)i, 0);
		table_add(t, s, TAG("Big "), POOL_NONPAGED, v[i][0], v[i][1],
		    v[i][2], v[i][3], NULL, 0);
	}
	table_finish(t);
	x = decode(t, 0, &n);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		assert_sample(&x[i], (uint32_t)i, v[i][0], v[i][1], v[i][2],
		    v[i][3]);
	free(x);
	table_free(t);
}

static void
test_paged_and_nonp_are_separate_series(void **state)
{
	struct table	*t = table_new();
	struct sample	*x;
	size_t		 n, ip, in;
	uint32_t	 s;

	(void)state;
	s = table_snapshot_at(t, 1000, 0);
	assert_int_equal(table_add(t, s, TAG("Io  "), POOL_PAGED, 1, 2, 3, 4,
	    NULL, 0), 0);
	assert_int_equal(table_add(t, s, TAG("Io  "), POOL_NONPAGED, 5, 6, 7,
	    8, NULL, 0), 0);
	/* a different tag differing only in a blank */
	assert_int_equal(table_add(t, s, TAG("Io 1"), POOL_PAGED, 9, 9, 0, 0,
	    NULL, 0), 0);
	assert_int_equal(table_nseries(t), 3);
	assert_int_equal(table_snapshot(t, s)->sum_bytes[POOL_PAGED], 4);
	assert_int_equal(table_snapshot(t, s)->sum_bytes[POOL_NONPAGED], 8);
	table_finish(t);
	ip = series_of(t, "Io  ", POOL_PAGED);
	in = series_of(t, "Io  ", POOL_NONPAGED);
	assert_true(ip != in);
	x = decode(t, ip, &n);
	assert_int_equal(n, 1);
	assert_sample(&x[0], 0, 1, 2, 3, 4);
	free(x);
	x = decode(t, in, &n);
	assert_int_equal(n, 1);
	assert_sample(&x[0], 0, 5, 6, 7, 8);
	free(x);
	table_free(t);
}

static void
test_finish_sorts_out_of_order_snapshots(void **state)
{
	/* times given newest first; each row's values encode its time */
	static const int64_t times[] = { 3000, 1000, 4000, 2000 };
	struct table	*t = table_new();
	struct sample	*x;
	size_t		 n, i, ia, ib;
	uint32_t	 s;
	int64_t		 k;

	(void)state;
	for (i = 0; i < 4; i++) {
		s = table_snapshot_at(t, times[i], 0);
		k = times[i] / 1000;
		table_add(t, s, TAG("AAAA"), POOL_PAGED, 100 * k, 10 * k, 90 * k,
		    1024 * k, NULL, 0);
		if (times[i] != 4000)
			table_add(t, s, TAG("BBBB"), POOL_NONPAGED, k, 0, k,
			    64 * k, NULL, 0);
		table_set_header(t, s, 5000 * k, -1, -1);
	}
	assert_int_equal(table_finish(t), 0);
	assert_int_equal(table_nsnapshots(t), 4);
	for (i = 0; i < 4; i++) {
		k = (int64_t)i + 1;
		assert_int_equal(table_snapshot(t, i)->t_ms, 1000 * k);
		/* snapshot fields travel with the snapshot */
		assert_int_equal(table_snapshot(t, i)->hdr_bytes[POOL_PAGED],
		    5000 * k);
		assert_int_equal(table_snapshot(t, i)->sum_bytes[POOL_PAGED],
		    1024 * k);
	}
	assert_int_equal(table_snapshot(t, 3)->rows, 1);
	assert_int_equal(table_snapshot(t, 0)->rows, 2);
	ia = series_of(t, "AAAA", POOL_PAGED);
	x = decode(t, ia, &n);
	assert_int_equal(n, 4);
	for (i = 0; i < 4; i++) {
		k = (int64_t)i + 1;
		assert_sample(&x[i], (uint32_t)i, 100 * k, 10 * k, 90 * k,
		    1024 * k);
	}
	free(x);
	ib = series_of(t, "BBBB", POOL_NONPAGED);
	x = decode(t, ib, &n);
	assert_int_equal(n, 3);
	for (i = 0; i < 3; i++) {
		k = (int64_t)i + 1;
		assert_sample(&x[i], (uint32_t)i, k, 0, k, 64 * k);
	}
	free(x);
	assert_int_equal(table_nsamples(t), 7);
	table_free(t);
}

static void
test_finish_drops_non_adjacent_duplicates(void **state)
{
	struct table	*t = table_new();
	struct sample	*x;
	size_t		 n;
	uint32_t	 s1, s2, s1again;

	(void)state;
	s1 = table_snapshot_at(t, 1000, 0);
	table_add(t, s1, TAG("Old "), POOL_PAGED, 10, 1, 9, 900, NULL, 0);
	s2 = table_snapshot_at(t, 2000, 0);
	table_add(t, s2, TAG("Old "), POOL_PAGED, 20, 2, 18, 1800, NULL, 0);
	/* T1 again, as from a second file holding the same snapshot */
	s1again = table_snapshot_at(t, 1000, 0);
	assert_int_equal(s1again, s1);
	assert_int_equal(table_add(t, s1again, TAG("New "), POOL_PAGED, 3, 0,
	    3, 300, NULL, 0), 0);
	/* not adjacent to its first sample, so table_add cannot see it */
	assert_int_equal(table_add(t, s1again, TAG("Old "), POOL_PAGED, 77, 7,
	    70, 7000, NULL, 0), 0);
	assert_int_equal(table_nsamples(t), 4);

	assert_int_equal(table_finish(t), 1);
	assert_int_equal(table_nsamples(t), 3);
	assert_int_equal(table_nsnapshots(t), 2);
	x = decode(t, series_of(t, "Old ", POOL_PAGED), &n);
	assert_int_equal(n, 2);
	/* the first copy is kept */
	assert_sample(&x[0], 0, 10, 1, 9, 900);
	assert_sample(&x[1], 1, 20, 2, 18, 1800);
	free(x);
	x = decode(t, series_of(t, "New ", POOL_PAGED), &n);
	assert_int_equal(n, 1);
	assert_sample(&x[0], 0, 3, 0, 3, 300);
	free(x);
	/* the dropped copy leaves the snapshot's sums */
	assert_int_equal(table_snapshot(t, 0)->sum_bytes[POOL_PAGED], 1200);
	assert_int_equal(table_snapshot(t, 0)->rows, 2);
	assert_int_equal(table_snapshot(t, 1)->sum_bytes[POOL_PAGED], 1800);
	assert_int_equal(table_snapshot(t, 1)->rows, 1);
	table_free(t);
}

static void
test_snapshot_sums_and_header(void **state)
{
	struct table	*t = table_new();
	const struct snapshot *sn;
	uint32_t	 s;

	(void)state;
	s = table_snapshot_at(t, 60000, 0);
	table_add(t, s, TAG("ConT"), POOL_NONPAGED, 3097, 2409, 688, 42770432,
	    NULL, 0);
	table_add(t, s, TAG("Thre"), POOL_NONPAGED, 180351, 176602, 3749,
	    13179648, NULL, 0);
	table_add(t, s, TAG("MmSt"), POOL_PAGED, 2269405, 2095404, 174001,
	    156097152, NULL, 0);
	table_set_header(t, s, INT64_C(27220) * 1024, INT64_C(8332) * 1024,
	    INT64_C(260620) * 1024);
	/* -1 leaves values as they are */
	table_set_header(t, s, -1, -1, -1);
	table_set_header(t, s, -1, INT64_C(8333) * 1024, -1);
	sn = table_snapshot(t, s);
	assert_int_equal(sn->sum_bytes[POOL_NONPAGED], 42770432 + 13179648);
	assert_int_equal(sn->sum_bytes[POOL_PAGED], 156097152);
	assert_int_equal(sn->rows, 3);
	assert_int_equal(sn->hdr_bytes[POOL_PAGED], INT64_C(27220) * 1024);
	assert_int_equal(sn->hdr_bytes[POOL_NONPAGED], INT64_C(8333) * 1024);
	assert_int_equal(sn->phys_bytes, INT64_C(260620) * 1024);
	table_free(t);
}

/* The reboot vote by its definition, from the finished table's samples:
 * for each pair of a series' samples in a row, the later at snapshot i
 * and the earlier at the last snapshot before i with rows, Allocs above
 * 0 at the earlier and not unknown (-1) at the later, shared[i] counts
 * the pair and down[i] the pairs whose Allocs and Frees both fell. */
static void
falls_ref(const struct table *t, uint32_t *shared, uint32_t *down)
{
	size_t		 ns = table_nsnapshots(t), i, j, n;
	uint32_t	*prev = calloc(ns + 1, sizeof(*prev)), last = UINT32_MAX;
	struct sample	*x;

	assert_non_null(prev);
	for (i = 0; i < ns; i++) {
		prev[i] = last;
		if (table_snapshot(t, i)->rows > 0)
			last = (uint32_t)i;
		shared[i] = down[i] = 0;
	}
	for (i = 0; i < table_nseries(t); i++) {
		x = decode(t, i, &n);
		for (j = 1; j < n; j++)
			if (x[j - 1].snap == prev[x[j].snap] &&
			    x[j - 1].allocs > 0 && x[j].allocs >= 0) {
				shared[x[j].snap]++;
				down[x[j].snap] += x[j].allocs < x[j - 1].allocs &&
				    x[j].frees < x[j - 1].frees;
			}
		free(x);
	}
	free(prev);
}

#define FALLS_T0	INT64_C(1700000000000)

/* The rows lo to hi (not included) of eight snapshots a minute apart, of
 * five tags, in order: all but "Fre " (whose Frees goes on up) reset at
 * snapshot 4; "Gap " absent at 2 and 5; "Zero" with Allocs 0 up to 3;
 * "Unkn" with Allocs and Frees unknown (-1) at 6.  Returns how many rows
 * there are in all. */
static int
falls_rows(struct table *t, int lo, int hi)
{
	static const char *const tags[] = { "Aaaa", "Fre ", "Gap ", "Zero",
	    "Unkn" };
	int64_t		 a, f;
	int		 k, i, r = 0;

	for (k = 0; k < 8; k++)
		for (i = 0; i < 5; i++) {
			if (i == 2 && (k == 2 || k == 5))
				continue;
			a = k < 4 ? 1000 + 100 * k : 10 * k;
			f = k < 4 || i == 1 ? 900 + 90 * k : 9 * k;
			if (i == 3 && k <= 3)
				a = 0;
			if (i == 4 && k == 6)
				a = f = -1;
			if (r >= lo && r < hi)
				table_add(t, table_snapshot_at(t, FALLS_T0 +
				    k * 60000, 1), TAG(tags[i]), POOL_PAGED,
				    a, f, a - f, 64 * (a - f), NULL, 0);
			r++;
		}
	return r;
}

/* The vote counted as the rows come is the vote by its definition: rows
 * in order, with a snapshot of counters alone among them; a file read as
 * two halves, split after every row in turn (between snapshots and
 * within one), and rows added after them; and none is counted when the
 * rows come out of time order or a snapshot's rows apart. */
static void
test_falls_counted_as_rows_come(void **state)
{
	uint32_t	 sh[16], dn[16], rsh[16], rdn[16];
	struct table	*t, *u;
	size_t		 i, ns;
	int		 n, cut, counters, at4;

	(void)state;
	n = falls_rows(NULL, 0, 0);
	for (counters = 0; counters <= 1; counters++)
		for (cut = 0; cut <= n; cut++) {
			/* the counters' snapshot between 3 and 4, after the
			 * 19 rows of 0 to 3 */
			if (counters && cut != 19)
				continue;
			t = table_new();
			falls_rows(t, 0, cut);
			if (counters) {
				table_snapshot_at(t, FALLS_T0 + 3 * 60000 +
				    30000, 1);
				falls_rows(t, cut, n);
			} else if (cut < n) {
				/* the second half, then rows added after it
				 * (the next file) */
				u = table_new_like(t);
				falls_rows(u, cut, cut + 12);
				assert_int_equal(table_append(t, u), 0);
				table_free(u);
				falls_rows(t, cut + 12, n);
			}
			table_finish(t);
			ns = table_nsnapshots(t);
			assert_int_equal(ns, 8 + counters);
			assert_int_equal(table_falls(t, sh, dn), 1);
			falls_ref(t, rsh, rdn);
			at4 = -1;
			for (i = 0; i < ns; i++) {
				assert_int_equal(sh[i], rsh[i]);
				assert_int_equal(dn[i], rdn[i]);
				if (table_snapshot(t, i)->t_ms == FALLS_T0 +
				    4 * 60000)
					at4 = (int)i;
			}
			/* the reset at 4: Aaaa, Gap and Unkn fell, Fre did
			 * not, and Zero's Allocs was 0 before */
			assert_true(at4 >= 0);
			assert_int_equal(sh[at4], 4);
			assert_int_equal(dn[at4], 3);
			table_free(t);
		}
	/* the second half first: not counted */
	t = table_new();
	falls_rows(t, 20, n);
	falls_rows(t, 0, 20);
	table_finish(t);
	assert_int_equal(table_falls(t, sh, dn), 0);
	table_free(t);
	/* a row of the first snapshot after the second's: not counted */
	t = table_new();
	falls_rows(t, 0, 10);
	table_add(t, 0, TAG("Late"), POOL_PAGED, 5, 1, 4, 256, NULL, 0);
	table_finish(t);
	assert_int_equal(table_falls(t, sh, dn), 0);
	table_free(t);
}

static void
test_driver_text_latest_wins(void **state)
{
	struct table	*t = table_new();
	const char	*first = "ipsec; ipsec.sys - event queue!!!";
	char		 second[32];
	const struct series_info *si;
	uint32_t	 s;

	(void)state;
	s = table_snapshot_at(t, 1, 0);
	/* only driver_len bytes are copied */
	table_add(t, s, TAG("IpEQ"), POOL_NONPAGED, 1, 0, 1, 1808, first, 30);
	table_add(t, s, TAG("Toke"), POOL_PAGED, 1, 0, 1, 64, NULL, 0);
	si = table_series(t, 0);
	assert_non_null(si->driver);
	assert_string_equal(si->driver, "ipsec; ipsec.sys - event queue");
	assert_null(table_series(t, 1)->driver);

	s = table_snapshot_at(t, 2, 0);
	strcpy(second, "ipsec");
	table_add(t, s, TAG("IpEQ"), POOL_NONPAGED, 2, 0, 2, 3616, second, 5);
	memset(second, 'x', sizeof(second));	/* the table keeps a copy */
	s = table_snapshot_at(t, 3, 0);
	/* a row without a driver keeps the one known */
	table_add(t, s, TAG("IpEQ"), POOL_NONPAGED, 3, 0, 3, 5424, NULL, 0);
	table_finish(t);
	si = table_series(t, series_of(t, "IpEQ", POOL_NONPAGED));
	assert_non_null(si->driver);
	assert_string_equal(si->driver, "ipsec");
	assert_int_equal(si->n, 3);
	assert_memory_equal(si->tag, "IpEQ", 4);
	assert_int_equal(si->type, POOL_NONPAGED);
	table_free(t);
}

static void
test_many_series(void **state)
{
	struct table	*t = table_new();
	unsigned char	 tag[4];
	struct sample	*x;
	size_t		 n, i, j, k;
	uint32_t	 s;

	(void)state;
	/* past the initial capacities of the series array and map; the
	 * snapshots list the tags in order, in reverse and shuffled, so the
	 * guess that the next row is the next series is right, wrong and
	 * mostly wrong */
	for (j = 0; j < 3; j++) {
		s = table_snapshot_at(t, (int64_t)j * 60000, 0);
		for (k = 0; k < 1500; k++) {
			i = j == 0 ? k : j == 1 ? 1499 - k : k * 7 % 1500;
			tag[0] = (unsigned char)('A' + i % 26);
			tag[1] = (unsigned char)('a' + i / 26 % 26);
			tag[2] = (unsigned char)('0' + i / 676);
			tag[3] = ' ';
			assert_int_equal(table_add(t, s, tag, (enum pool_type)(i % 2),
			    (int64_t)(i * 10 + j), 0, (int64_t)(i * 10 + j),
			    (int64_t)(i * 1000 + j), NULL, 0), 0);
		}
	}
	assert_int_equal(table_finish(t), 0);
	assert_int_equal(table_nseries(t), 1500);
	assert_int_equal(table_nsamples(t), 4500);
	for (i = 0; i < 1500; i++) {
		assert_int_equal(table_series(t, i)->n, 3);
		x = decode(t, i, &n);
		assert_int_equal(table_series(t, i)->type, (enum pool_type)(i % 2));
		assert_int_equal(table_series(t, i)->tag[0], 'A' + i % 26);
		for (j = 0; j < 3; j++)
			assert_sample(&x[j], (uint32_t)j, (int64_t)(i * 10 + j), 0,
			    (int64_t)(i * 10 + j), (int64_t)(i * 1000 + j));
		free(x);
	}
	table_free(t);
}

/* A row of tag at time ms, its snapshot found or added: that index. */
static uint32_t
add_at(struct table *t, int64_t ms, const char *tag, enum pool_type type,
    int64_t allocs, int64_t frees, int64_t bytes, const char *driver)
{
	uint32_t	 snap = table_snapshot_at(t, ms, 0);

	assert_int_equal(table_add(t, snap, (const unsigned char *)tag, type,
	    allocs, frees, allocs - frees, bytes, driver,
	    driver != NULL ? strlen(driver) : 0), 0);
	return snap;
}

/* A snapshot's sums of Bytes hold at INT64_MAX and INT64_MIN rather than
 * overflow, however large the rows: as they are added, as a table is
 * appended to another, and as table_finish takes out a repeated row. */
static void
test_snapshot_sums_saturate(void **state)
{
	struct table	*t = table_new(), *u;
	int64_t		 big = INT64_C(900000000000000000);	/* 18 digits */
	int		 i;

	(void)state;
	for (i = 0; i < 11; i++) {
		char	 tag[5];

		snprintf(tag, sizeof(tag), "T%03d", i);
		add_at(t, 0, tag, POOL_PAGED, 1, 0, big, NULL);
		add_at(t, 0, tag, POOL_NONPAGED, 1, 0, -big, NULL);
	}
	assert_true(table_snapshot(t, 0)->sum_bytes[POOL_PAGED] == INT64_MAX);
	assert_true(table_snapshot(t, 0)->sum_bytes[POOL_NONPAGED] ==
	    INT64_MIN);
	/* the same snapshot's rows from a second half */
	u = table_new_like(t);
	add_at(u, 0, "More", POOL_PAGED, 1, 0, big, NULL);
	add_at(u, 0, "More", POOL_NONPAGED, 1, 0, -big, NULL);
	assert_int_equal(table_append(t, u), 0);
	assert_true(table_snapshot(t, 0)->sum_bytes[POOL_PAGED] == INT64_MAX);
	assert_true(table_snapshot(t, 0)->sum_bytes[POOL_NONPAGED] ==
	    INT64_MIN);
	/* a repeated row, out of time order, taken out by table_finish */
	add_at(t, 60000, "T000", POOL_PAGED, 2, 0, big, NULL);
	add_at(t, 0, "T000", POOL_PAGED, 3, 0, -big, NULL);
	assert_int_equal(table_finish(t), 1);
	assert_true(table_snapshot(t, 0)->sum_bytes[POOL_PAGED] == INT64_MAX);
	table_free(u);
	table_free(t);
}

/* The value of field f of series i at snapshot j of
 * test_staged_samples_across_the_series: steps of every size, up and
 * down, so that the records take 5 to 50 bytes. */
static int64_t
staged_value(size_t i, size_t j, int f)
{
	uint64_t	 h = (uint64_t)(i * 1000003 + j * 7919 + (size_t)f * 104729);

	h ^= h >> 13;
	h *= 0x9e3779b97f4a7c15ULL;
	h ^= h >> 29;
	return (int64_t)(h >> (j % 5 * 12 + 4)) - (int64_t)(j % 3 == 0 ? h >> 40 : 0);
}

static void
staged_rows(struct table *t, size_t nseries, size_t from, size_t to)
{
	unsigned char	 tag[4];
	size_t		 i, j;
	uint32_t	 s;

	for (j = from; j < to; j++) {
		/* snapshot 40 is written last, out of time order */
		s = table_snapshot_at(t, (int64_t)(j == 39 ? 40 : j == 40 ? 39 :
		    j) * 60000, 0);
		for (i = 0; i < nseries; i++) {
			tag[0] = (unsigned char)('A' + i % 26);
			tag[1] = (unsigned char)('a' + i / 26 % 26);
			tag[2] = (unsigned char)('0' + i / 676 % 10);
			tag[3] = (unsigned char)('0' + i / 6760);
			assert_int_equal(table_add(t, s, tag, POOL_PAGED,
			    staged_value(i, j, 0), staged_value(i, j, 1),
			    staged_value(i, j, 2), staged_value(i, j, 3), NULL,
			    0), 0);
		}
	}
}

static void
check_staged(const struct table *t, size_t nseries, size_t nsnaps,
    int finished)
{
	struct sample	*x;
	size_t		 n, i, j, k;

	assert_int_equal(table_nseries(t), nseries);
	for (i = 0; i < nseries; i += i < 4000 ? 97 : 1) {
		x = decode(t, i, &n);
		assert_int_equal(n, nsnaps);
		for (k = 0; k < n; k++) {
			/* snapshots are numbered as they come until finished,
			 * then in time order, which puts row 40 before 39 */
			j = !finished || (k != 39 && k != 40) ? k : 79 - k;
			assert_int_equal(x[k].snap, k);
			assert_true(x[k].allocs == staged_value(i, j, 0));
			assert_true(x[k].frees == staged_value(i, j, 1));
			assert_true(x[k].diff == staged_value(i, j, 2));
			assert_true(x[k].bytes == staged_value(i, j, 3));
		}
		free(x);
	}
}

/* The samples of a row are staged (see table.c) before they reach the
 * series' buffer, for the first few thousand series; the rest go to the
 * buffer at once.  Either way every sample is decoded exactly: before
 * table_finish, with the last still staged; after it, with one snapshot
 * out of time order sorted back; and from a table appended to another,
 * both with samples staged. */
static void
test_staged_samples_across_the_series(void **state)
{
	struct table	*t = table_new(), *a, *b;
	size_t		 nseries = 5000;

	(void)state;
	staged_rows(t, nseries, 0, 100);
	check_staged(t, nseries, 100, 0);
	assert_int_equal(table_nsamples(t), nseries * 100);
	assert_true(table_sample_bytes(t, NULL) > nseries * 100 * 5);
	assert_int_equal(table_finish(t), 0);
	check_staged(t, nseries, 100, 1);

	a = table_new();
	staged_rows(a, nseries, 0, 63);
	b = table_new_like(a);
	staged_rows(b, nseries, 63, 100);
	assert_int_equal(table_append(a, b), 0);
	assert_int_equal(table_finish(a), 0);
	assert_int_equal(table_sample_bytes(a, NULL),
	    table_sample_bytes(t, NULL));
	check_staged(a, nseries, 100, 1);
	table_free(a);
	table_free(b);
	table_free(t);
}

/* Appending a table read from the rest of a file: snapshots found by
 * time (the one across the seam shared) or added after t's, with their
 * sums and header totals; series found by tag or added, with their
 * driver text; samples after t's with their snapshots renumbered; and,
 * for a series that would begin at or before its last snapshot in t,
 * nothing at all. */
static void
test_append_renumbers_and_refuses_a_seam_duplicate(void **state)
{
	struct table	*t = table_new(), *u, *v;
	struct sample	*x;
	size_t		 n;

	(void)state;
	assert_int_equal(add_at(t, 0, "Toke", POOL_PAGED, 10, 1, 900, NULL), 0);
	assert_int_equal(add_at(t, 60000, "Toke", POOL_PAGED, 12, 1, 1100,
	    NULL), 1);
	u = table_new_like(t);
	/* the seam's snapshot again (Irp only), then two new ones */
	assert_int_equal(add_at(u, 60000, "Irp ", POOL_NONPAGED, 5, 0, 50,
	    NULL), 0);
	assert_int_equal(add_at(u, 120000, "Toke", POOL_PAGED, 15, 1, 1400,
	    NULL), 1);
	assert_int_equal(add_at(u, 120000, "Irp ", POOL_NONPAGED, 6, 0, 60,
	    "irpdrv.sys"), 1);
	table_set_header(u, 1, 5000, 6000, -1);
	assert_int_equal(add_at(u, 180000, "Toke", POOL_PAGED, 18, 1, 1700,
	    NULL), 2);
	/* Toke again at the seam's snapshot: refused, t unchanged */
	v = table_new_like(t);
	assert_int_equal(add_at(v, 60000, "Toke", POOL_PAGED, 12, 1, 1100,
	    NULL), 0);
	assert_int_equal(table_snapshot_at(v, 240000, 0), 1);
	assert_int_equal(table_append(t, v), -1);
	assert_int_equal(table_nsnapshots(t), 2);
	assert_int_equal(table_nsamples(t), 2);
	assert_int_equal(table_series(t, 0)->n, 2);

	assert_int_equal(table_append(t, u), 0);
	assert_int_equal(table_finish(t), 0);
	assert_int_equal(table_nsnapshots(t), 4);
	assert_int_equal(table_nsamples(t), 6);
	assert_int_equal(table_snapshot(t, 1)->rows, 2);
	assert_true(table_snapshot(t, 1)->sum_bytes[POOL_PAGED] == 1100);
	assert_true(table_snapshot(t, 1)->sum_bytes[POOL_NONPAGED] == 50);
	assert_true(table_snapshot(t, 1)->hdr_bytes[POOL_PAGED] == -1);
	assert_true(table_snapshot(t, 2)->hdr_bytes[POOL_PAGED] == 5000);
	assert_true(table_snapshot(t, 2)->hdr_bytes[POOL_NONPAGED] == 6000);
	assert_int_equal(table_nseries(t), 2);
	assert_null(table_series(t, 0)->driver);
	assert_string_equal(table_series(t, 1)->driver, "irpdrv.sys");
	x = decode(t, 0, &n);
	assert_int_equal(n, 4);
	assert_sample(&x[0], 0, 10, 1, 9, 900);
	assert_sample(&x[1], 1, 12, 1, 11, 1100);
	assert_sample(&x[2], 2, 15, 1, 14, 1400);
	assert_sample(&x[3], 3, 18, 1, 17, 1700);
	free(x);
	assert_memory_equal(table_series(t, 1)->tag, "Irp ", 4);
	x = decode(t, 1, &n);
	assert_int_equal(n, 2);
	assert_sample(&x[0], 1, 5, 0, 5, 50);
	assert_sample(&x[1], 2, 6, 0, 6, 60);
	free(x);
	table_free(u);
	table_free(v);
	table_free(t);
}

static void
test_steady_series_is_small(void **state)
{
	struct table	*t = table_new();
	struct sample	*x;
	size_t		 n, i, bytes;
	uint32_t	 s;
	int64_t		 a = 12315343, f = 12310825, b = 8803808;

	(void)state;
	/* a slowly growing Toke, one sample a minute */
	for (i = 0; i < 1000; i++) {
		s = table_snapshot_at(t, (int64_t)i * 60000, 0);
		table_add(t, s, TAG("Toke"), POOL_PAGED, a, f, a - f, b, NULL, 0);
		a += 37;
		f += 35;
		b += 2 * 1948;
	}
	table_finish(t);
	bytes = table_sample_bytes(t, NULL);
	assert_true(bytes > 0);
	if (bytes >= 12 * 1000) {
		print_error("1000 steady samples take %zu bytes\n", bytes);
		fail();
	}
	x = decode(t, 0, &n);
	assert_int_equal(n, 1000);
	assert_sample(&x[999], 999, 12315343 + 999 * 37, 12310825 + 999 * 35,
	    4518 + 999 * 2, 8803808 + 999 * 2 * 1948);
	free(x);
	table_free(t);
}

/* Frees is kept as what it has that Allocs - Diff does not: nothing in
 * a poolmon row, one byte.  With 20000 allocations a sample, a sample is
 * 1 (snapshot) + 3 (Allocs, zigzag 40000) + 1 + 1 (Diff) + 2 (Bytes) = 8
 * bytes; Frees' own delta would take 3 more. */
static void
test_frees_cost_a_byte(void **state)
{
	struct table	*t = table_new();
	struct sample	*x;
	size_t		 n, i, bytes;
	uint32_t	 s;
	int64_t		 a = 4000000000, f = 3999000000, b = 64000000;

	(void)state;
	for (i = 0; i < 1000; i++) {
		s = table_snapshot_at(t, (int64_t)i * 60000, 0);
		table_add(t, s, TAG("Irp "), POOL_NONPAGED, a, f, a - f, b, NULL,
		    0);
		a += 20000;
		f += 19990;
		b += 640;
	}
	table_finish(t);
	bytes = table_sample_bytes(t, NULL);
	if (bytes > 8 * 1000 + 16) {
		print_error("1000 samples take %zu bytes\n", bytes);
		fail();
	}
	x = decode(t, 0, &n);
	assert_int_equal(n, 1000);
	for (i = 0; i < n; i++)
		assert_sample(&x[i], (uint32_t)i, 4000000000 + (int64_t)i * 20000,
		    3999000000 + (int64_t)i * 19990, 1000000 + (int64_t)i * 10,
		    64000000 + (int64_t)i * 640);
	free(x);
	table_free(t);
}

/* A table of n one-minute snapshots with one series, a sample every
 * every-th snapshot from first on, its steps varied so that a sample
 * takes 5 to 8 bytes.  Every 16 snapshots the parser tells the table it
 * has read (snapshots so far) / (scale n) of the file, so that the table
 * expects scale n snapshots in all; scale 0 tells it nothing, and scale
 * below 0 tells it -scale n once and then withdraws the hint.  Returns
 * the room the buffers have beyond their bytes, as a share of those, and
 * checks every sample. */
static double
slack_after(size_t n, size_t first, size_t every, double scale)
{
	struct table	*t = table_new();
	struct sample	*x;
	size_t		 i, k, bytes, room;
	uint32_t	 s;

	for (i = 0; i < n; i++) {
		s = table_snapshot_at(t, (int64_t)i * 60000, 0);
		if (i >= first && (i - first) % every == 0)
			table_add(t, s, TAG("Toke"), POOL_PAGED,
			    100000 + (int64_t)(i * 7 + i % 13 * 9),
			    90000 + (int64_t)(i * 5), 0,
			    6400000 + (int64_t)(i * 1664 + i % 29 * 4096),
			    NULL, 0);
		if (scale > 0 && i % 16 == 15)
			table_expect(t, 0, (double)(i + 1) / (scale *
			    (double)n));
		/* told once, then the hint withdrawn */
		if (scale < 0 && i == 15)
			table_expect(t, 0, (double)(i + 1) / (-scale *
			    (double)n));
		if (scale < 0 && i == 31)
			table_expect(t, 0, 0);
	}
	bytes = table_sample_bytes(t, &room);
	x = decode(t, 0, &k);
	assert_int_equal(k, (n - first + every - 1) / every);
	for (k = 0, i = first; i < n; i += every, k++)
		assert_sample(&x[k], (uint32_t)i,
		    100000 + (int64_t)(i * 7 + i % 13 * 9),
		    90000 + (int64_t)(i * 5), 0,
		    6400000 + (int64_t)(i * 1664 + i % 29 * 4096));
	free(x);
	table_free(t);
	return (double)room / (double)bytes - 1;
}

/* Told how many snapshots to expect (table_expect), a series grows its
 * buffer to what it will need at its rate so far, and ends with little
 * to spare: a 32nd and the rounding of its last sizing.  Not told, it
 * grows by half at a time, and ends anywhere from full to a third empty:
 * of series of 2000 to 3000 samples, some end a fifth over or more, where
 * every one told ends within a 16th.  A sparse series keeps its density,
 * within the eighth a buffer grows by at least, and a late one grows
 * with it; expecting too many reserves at most as many more (and not
 * before 64 snapshots), too few grows by an eighth at a time; a hint
 * withdrawn leaves the buffers as if there had been none.  The samples
 * are the same every way, those still staged among them. */
static void
test_expected_snapshots_size_the_buffers(void **state)
{
	double	 none, most = 0, d;
	size_t	 n;

	(void)state;
	for (n = 2000; n <= 3000; n += 50) {
		none = slack_after(n, 0, 1, 0);
		if (none > most)
			most = none;
		d = slack_after(n, 0, 1, 1);
		if (d < 0 || d > 1.0 / 16) {
			print_error("%zu samples, told: %.3f to spare\n", n, d);
			fail();
		}
	}
	if (most < 0.2) {
		print_error("without a hint, at most %.3f to spare\n", most);
		fail();
	}
	none = slack_after(2900, 0, 1, 0);
	d = slack_after(2900, 0, 1, 1);
	assert_true(d >= 0 && d <= 1.0 / 16);
	d = slack_after(2900, 0, 8, 1);
	assert_true(d >= 0 && d <= 1.0 / 8 + 0.04);
	d = slack_after(2900, 1450, 1, 1);
	assert_true(d >= 0 && d <= 1.0 / 2);
	d = slack_after(2900, 0, 1, 0.5);
	assert_true(d >= 0 && d <= 1.0 / 8 + 0.02);
	d = slack_after(2900, 0, 1, 4);
	assert_true(d >= 0 && d <= 4 * 33.0 / 32);
	d = slack_after(40, 0, 1, 4);
	assert_true(d >= 0 && d <= 1);
	assert_true(slack_after(2900, 0, 1, -1) == none);
}

static void
test_free_null_is_noop(void **state)
{
	struct table	*t = table_new();

	(void)state;
	table_free(NULL);
	assert_int_equal(table_nsnapshots(t), 0);
	assert_int_equal(table_nseries(t), 0);
	assert_int_equal(table_nsamples(t), 0);
	assert_int_equal(table_sample_bytes(t, NULL), 0);
	assert_int_equal(table_finish(t), 0);
	table_free(t);
}

static void
test_driver_with_a_nul_byte(void **state)
{
	struct table	*t = table_new();
	uint32_t	 a = table_snapshot_at(t, 0, 0), b = table_snapshot_at(t, 1, 0);

	(void)state;
	/* found by fuzzing: a short driver, then a longer one equal up to a
	 * NUL byte, read past the first's end */
	table_add(t, a, (const unsigned char *)"Toke", POOL_PAGED, 2, 1, 1, 64,
	    "ab", 2);
	table_add(t, b, (const unsigned char *)"Toke", POOL_PAGED, 3, 1, 2, 128,
	    "ab\0xyz", 6);
	table_finish(t);
	assert_memory_equal(table_series(t, 0)->driver, "ab\0xyz", 7);
	table_free(t);
}

static void
test_local_offset_converts_local_times(void **state)
{
	struct table	*t = table_new();
	uint32_t	 a, b;

	(void)state;
	/* -08:00: local 08:00 is 16:00 UTC; UTC times stay */
	table_set_local_offset(t, -8 * 3600000LL);
	a = table_snapshot_at(t, 8 * 3600000LL, 0);
	b = table_snapshot_at(t, 16 * 3600000LL, 1);
	assert_int_equal(a, b);
	assert_int_equal(table_snapshot(t, a)->t_ms, 16 * 3600000LL);
	assert_true(table_snapshot(t, a)->utc);
	table_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_local_offset_converts_local_times),
		cmocka_unit_test(test_driver_with_a_nul_byte),
		cmocka_unit_test(test_snapshot_same_time_same_index),
		cmocka_unit_test(test_new_snapshot_has_no_header_and_no_rows),
		cmocka_unit_test(test_many_snapshots_keep_their_index),
		cmocka_unit_test(test_second_row_same_snapshot_returns_one),
		cmocka_unit_test(test_samples_decode_exactly),
		cmocka_unit_test(test_samples_decode_extreme_values),
		cmocka_unit_test(test_paged_and_nonp_are_separate_series),
		cmocka_unit_test(test_finish_sorts_out_of_order_snapshots),
		cmocka_unit_test(test_finish_drops_non_adjacent_duplicates),
		cmocka_unit_test(test_snapshot_sums_and_header),
		cmocka_unit_test(test_snapshot_sums_saturate),
		cmocka_unit_test(test_falls_counted_as_rows_come),
		cmocka_unit_test(test_driver_text_latest_wins),
		cmocka_unit_test(test_many_series),
		cmocka_unit_test(test_staged_samples_across_the_series),
		cmocka_unit_test(test_append_renumbers_and_refuses_a_seam_duplicate),
		cmocka_unit_test(test_steady_series_is_small),
		cmocka_unit_test(test_frees_cost_a_byte),
		cmocka_unit_test(test_expected_snapshots_size_the_buffers),
		cmocka_unit_test(test_free_null_is_noop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
