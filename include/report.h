/* report.h: findings -> text or JSON on a FILE *. */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "gate.h"
#include "parse.h"
#include "trend.h"
#include "vm.h"

struct report_input {
	const struct file_stats	*files;
	size_t			 nfiles;
	size_t			 skipped_files;	/* from directories */
	size_t			 duplicates;	/* dropped by table_finish */
	size_t			 nsamples;
	const struct vm_info	*vm;		/* from --vm, or NULL */
	const struct table	*table;		/* the samples, for charts */
};

struct report_opts {
	size_t	 top;		/* 0: no limit */
	int	 all;		/* also list stable and insufficient tags */
	const struct gate *gate;	/* or NULL: no gate to report */
	const char *host;	/* for the feeds, or NULL */
	int	 color;		/* text: colour the verdicts and the gate */
	int	 ascii;		/* text: sparklines in ASCII, not blocks */
	int	 width;		/* text: fit this many columns (0: any) */
	int	 continued;	/* csv: a host after the first, no header */
};

/* A fleet: each host's analysis, inputs and gate (in fh[i].gate), and
 * their comparison. */
struct fleet_host;
struct fleet_view;
struct fleet_report {
	const struct fleet_host	*hosts;
	const struct report_input *inputs;	/* one per host */
	size_t			 n;
	const struct fleet_view	*view;
	int			 failed;	/* a host's gate failed */
};

/* Each reporter returns 0, or -1 if the report could not be written. */
int	report_text(FILE *, const struct analysis *, const struct report_input *,
	    const struct report_opts *);

/* Returns 0, or -1 if the document could not be written. */
int	report_json(FILE *, const struct analysis *, const struct report_input *,
	    const struct report_opts *);

/* The fleet's reports: the hosts and their comparison, then each host's
 * findings, in the format of the name (no HTML).  Each returns 0, or -1
 * if the report could not be written. */
int	report_fleet_text(FILE *, const struct fleet_report *,
	    const struct report_opts *);
int	report_fleet_json(FILE *, const struct fleet_report *,
	    const struct report_opts *);
int	report_fleet_ndjson(FILE *, const struct fleet_report *,
	    const struct report_opts *);
int	report_fleet_csv(FILE *, const struct fleet_report *,
	    const struct report_opts *);
int	report_fleet_junit(FILE *, const struct fleet_report *,
	    const struct report_opts *);

/* The JSON objects of the comparison: a tag leaking on several hosts, a
 * host out of line with its peers. */
struct json_t	*report_json_fleet_tag(const struct fleet_report *, size_t);
struct json_t	*report_json_fleet_outlier(const struct fleet_report *,
		    size_t);

/* What a report lists, in rank order: the tags judged leak or suspect
 * (all with ro->all, the largest 20 of a single snapshot), at most
 * ro->top, less what the gate let through (ignored, unchanged) unless
 * ro->all; with how many were left out and why. */
struct listing {
	size_t	*idx;		/* into a->tags or a->counters */
	size_t	 n;
	size_t	 hidden;	/* not growing, or past --top */
	size_t	 ignored, unchanged;
	int	 one;		/* a single snapshot: tags by size */
};

void	report_list_tags(const struct analysis *, const struct report_opts *,
	    struct listing *);
void	report_list_counters(const struct analysis *,
	    const struct report_opts *, struct listing *);
void	report_listing_free(struct listing *);

/* The lines under a tag that tie it to other evidence, into buf: the
 * growing counter of the same objects ("with: ..."), and what a pool
 * trace export says of its sizes ("sizes: ...").  Each returns buf, or
 * NULL when there is nothing to say. */
char	*report_related(const struct tag_finding *, char *buf, size_t size);
char	*report_sizes(const struct tag_finding *, char *buf, size_t size);

/* one or many, by n */
const char *report_plural(long n, const char *one, const char *many);

/* Feeds: one JSON object a line for each finding; a CSV table of the
 * tags; JUnit XML, a test case for each pool and judged tag (ro->gate
 * must be set).  Each returns 0, or -1 if it could not be written. */
int	report_ndjson(FILE *, const struct analysis *,
	    const struct report_input *, const struct report_opts *);
int	report_csv(FILE *, const struct analysis *, const struct report_input *,
	    const struct report_opts *);
int	report_junit(FILE *, const struct analysis *,
	    const struct report_input *, const struct report_opts *);

/* The JSON objects of a pool, a tag and a counter, as in the document
 * (m may be NULL: no gate). */
struct json_t;
struct json_t	*report_json_pool(const struct analysis *, int type,
		    const struct gate_mark *m);
struct json_t	*report_json_tag(const struct tag_finding *,
		    const struct gate_mark *m);
struct json_t	*report_json_counter(const struct counter_finding *,
		    const struct gate_mark *m);

/* The JSON object of exhaustion event i of the analysis. */
struct json_t	*report_json_event(const struct analysis *, size_t i);

/* One self-contained HTML page: charts of the pools and the top tags over
 * time (inline SVG, no script, font or network access) and the ranked
 * table.  Needs ri->table.  Returns 0, or -1 if it could not be written. */
int	report_html(FILE *, const struct analysis *,
	    const struct report_input *, const struct report_opts *);

/* Text for XML or HTML: & < > " ' escaped, and bytes that are not UTF-8
 * or are control characters other than TAB (not allowed in XML 1.0) as
 * \xNN. */
void	report_markup(FILE *, const char *);

/* A CSV field: quoted when it holds a comma, quote, line end or blanks
 * at an end, quotes doubled (RFC 4180); nothing for NULL. */
void	report_csv_field(FILE *, const char *);

/* The gate's failures, one line of plain text each, then how many tags
 * were ignored and findings unchanged: fn(arg, line) for each. */
void	report_gate_items(const struct analysis *, const struct gate *,
	    void (*fn)(void *, const char *), void *arg);

/* The text of why a gate mark fails ("leak, faster than --max-slope"). */
char	*report_gate_why(const struct gate_mark *, int verdict, char *buf,
	    size_t size);

#endif
