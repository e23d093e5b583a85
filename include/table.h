/* table.h: the tag table, (tag, pool type) -> time series; knows no format.
 *
 * Snapshots are keyed by their time: rows given for a time that exists
 * join that snapshot.  Samples are stored delta- and varint-encoded, so a
 * sample of a steady series costs a few bytes; table_decode expands one
 * series at a time. */
#ifndef TABLE_H
#define TABLE_H

#include <stddef.h>
#include <stdint.h>

enum pool_type {
	POOL_PAGED,
	POOL_NONPAGED,
	POOL_NTYPES
};

struct snapshot {
	int64_t	 t_ms;			/* time, see timestamp.h */
	int64_t	 hdr_bytes[POOL_NTYPES]; /* header "Pool N:"/"P:", or -1 */
	int64_t	 sum_bytes[POOL_NTYPES]; /* sum of the rows' Bytes */
	int64_t	 phys_bytes;		/* header "Memory:", or -1 */
	uint32_t rows;
	int	 utc;			/* the time is known to be UTC */
	int	 untimed;		/* no time is known (a lone dump) */
};

/* One decoded sample of a series. */
struct sample {
	uint32_t snap;			/* snapshot index, time order */
	int64_t	 allocs, frees, diff, bytes;
};

/* What the table knows of a series besides its samples. */
struct series_info {
	unsigned char	 tag[4];	/* exactly 4 bytes, blank padded */
	enum pool_type	 type;
	uint32_t	 n;		/* number of samples */
	const char	*driver;	/* Mapped_Driver text, binary, or NULL */
	const char	*description;	/* from pooltag.txt, or NULL */
};

struct table;

struct table	*table_new(void);
void		 table_free(struct table *);

/* With an offset set, times that are not UTC are local times of that
 * offset from UTC (ms east of UTC) and are converted to UTC as they come. */
void		 table_set_local_offset(struct table *, int64_t offset_ms);

/* A new table that converts local times as t does. */
struct table	*table_new_like(const struct table *t);

/* Append the snapshots and series of src, rows read from the rest of a
 * file whose start went into t, as if table_add had been called on t for
 * each of its rows in turn: its snapshots found or added by time, its
 * series found or added in their order, their samples after t's, moved
 * (src keeps no samples, only to be freed).  Returns 0, or -1 leaving t
 * and src as they were when a series of src begins at or before the last
 * snapshot it has in t (a second row, or time going back, across the
 * seam), when src has events, counters or allocations, or when t is
 * finished. */
int		 table_append(struct table *t, struct table *src);

/* A hint from the parser, to size the series' buffers: of a file (or the
 * part of one a thread reads) whose rows came after the table's first
 * before snapshots, the part read so far is about done (0 to 1) of the
 * whole.  The table expects its snapshots in that proportion, and a
 * series that needs room grows to what it will need by the last of them
 * at its rate so far, not by half at a time.  done 0 withdraws the hint
 * (an input of unknown size comes next). */
void		 table_expect(struct table *, size_t before, double done);

/* The snapshot at time t_ms, created if there is none; returns its index
 * (valid until table_finish). */
uint32_t	 table_snapshot_at(struct table *, int64_t t_ms, int utc);

/* Mark a snapshot as having no known time. */
void		 table_mark_untimed(struct table *, uint32_t snap);

/* Record header values of a snapshot (bytes; -1 leaves a value unset). */
void		 table_set_header(struct table *, uint32_t snap,
		    int64_t paged, int64_t nonpaged, int64_t phys);

/* Add one row to snapshot snap.  driver (may be NULL) is copied.  Returns
 * 0, or 1 if the series already has a sample at that snapshot (the row is
 * not added). */
int		 table_add(struct table *, uint32_t snap,
		    const unsigned char tag[4], enum pool_type,
		    int64_t allocs, int64_t frees, int64_t diff, int64_t bytes,
		    const char *driver, size_t driver_len);

/* Name the driver and description of series i (copied; "" is none),
 * replacing what it had. */
void		 table_describe(struct table *, size_t i, const char *driver,
		    const char *description);

/* Named counters (perfmon's \\Process(lsass)\\Handle Count): one value per
 * snapshot, outside the pool tags.  table_counter finds or makes one by
 * name and returns its index; table_counter_add returns 1 if it has a value
 * at that snapshot already (the value is not added). */
size_t		 table_counter(struct table *, const char *name, size_t len);
int		 table_counter_add(struct table *, size_t counter,
		    uint32_t snap, double value);
size_t		 table_ncounters(const struct table *);
const char	*table_counter_name(const struct table *, size_t counter);

/* The values of a counter in time order (after table_finish); returns
 * their number and sets the pointers into the table. */
size_t		 table_counter_values(const struct table *, size_t counter,
		    const uint32_t **snaps, const double **values);

/* An event of the system log that marks the timeline: pool or memory
 * exhaustion (Event 2004 of the Resource-Exhaustion-Detector, Srv 2019 and
 * 2020). */
struct pool_event {
	int64_t		 t_ms;
	int		 utc;
	int		 id;
	const char	*source;
	const char	*kind;		/* "low virtual memory", "nonpaged
					 * pool empty", "paged pool empty" */
	int		 pool;		/* the pool it says ran out, or -1 */
	const char	*message;	/* the first line, or "" */
};

/* Add an event (strings copied; kind must be a constant); local times are
 * converted as table_snapshot_at converts them.  Returns 1 if an event of
 * the same time, id and source is there already (not added), else 0. */
int		 table_event_add(struct table *, int64_t t_ms, int utc, int id,
		    const char *source, const char *kind, int pool,
		    const char *message, size_t message_len);

/* The events, in time order after table_finish. */
size_t		 table_nevents(const struct table *);
const struct pool_event *table_event(const struct table *, size_t);

/* Outstanding allocations of one size, from a pool trace (a WPA Pool
 * table export): count allocations of size_bytes each, allocated inside
 * the trace (aifo) or before it. */
struct alloc_group {
	unsigned char	 tag[4];
	enum pool_type	 type;
	int		 aifo;
	int64_t		 size_bytes;
	int64_t		 count;
};

/* Add count outstanding allocations of size_bytes each to (tag, type);
 * groups of equal (tag, type, size, aifo) are summed (by table_finish).
 * Kept apart from the time series. */
void		 table_alloc_add(struct table *, const unsigned char tag[4],
		    enum pool_type, int64_t size_bytes, int64_t count,
		    int aifo);

/* The number of allocation groups added so far (before table_finish, not
 * yet summed). */
size_t		 table_nalloc_groups(const struct table *);

/* The groups of (tag, type) after table_finish, summed, the ones allocated
 * inside the trace first, each kind by size; returns their number and sets
 * *out into the table (NULL if none). */
size_t		 table_allocs(const struct table *, const unsigned char tag[4],
		    enum pool_type, const struct alloc_group **out);

/* When the table has no snapshot but allocation groups (a pool trace
 * alone): make one untimed snapshot of them, a row per (tag, type) with
 * Diff the outstanding count and Bytes the outstanding bytes (Allocs and
 * Frees unknown, -1).  Before table_finish.  Returns 1 if it made one,
 * else 0. */
int		 table_allocs_snapshot(struct table *);

/* Sort snapshots by time and every series by snapshot; drop samples that
 * repeat a (tag, type, time) and return how many were dropped.  After
 * this, indices are in time order and no more rows may be added. */
size_t		 table_finish(struct table *);

/* For each snapshot of a finished table, the series with a sample there
 * and at the snapshot with rows before it, Allocs above 0 there and not
 * unknown here (shared), and of those the ones whose Allocs and Frees
 * are both lower here (down): the vote for a reboot, counted as the rows
 * were added.  Returns 1, or 0 when the rows did not come in time order
 * with each snapshot's together, and were not counted so. */
int		 table_falls(const struct table *, uint32_t *shared,
		    uint32_t *down);

size_t		 table_nsnapshots(const struct table *);
const struct snapshot *table_snapshot(const struct table *, size_t);
size_t		 table_nseries(const struct table *);
const struct series_info *table_series(const struct table *, size_t);
size_t		 table_nsamples(const struct table *);

/* Decode series i into out, which has room for its n samples; returns n. */
size_t		 table_decode(const struct table *, size_t i,
		    struct sample *out);

/* Bytes the table holds for samples (the encoded series), and with room
 * not NULL the bytes it has room for, for the docs' memory figures and
 * the tests. */
size_t		 table_sample_bytes(const struct table *, size_t *room);

#endif
