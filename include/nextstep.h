/* nextstep.h: findings -> the next diagnostic step for each, from a table
 * of rules (data/next-steps.tsv, compiled in). */
#ifndef NEXTSTEP_H
#define NEXTSTEP_H

#include "diag.h"
#include "trend.h"

struct nextstep_rules;

/* Parse rules from text (the format of data/next-steps.tsv), named name
 * in messages.  Returns NULL and fills the diag on a malformed line. */
struct nextstep_rules	*nextstep_parse(const char *text, const char *name,
			    struct diag *);
void			 nextstep_free(struct nextstep_rules *);

/* The rules compiled into the program (parsed once; never freed). */
const struct nextstep_rules *nextstep_builtin(void);

/* The number of rules. */
size_t			 nextstep_count(const struct nextstep_rules *);

/* Give each growing tag, pool and counter of the analysis its step, and
 * each growing tag the growing counter its rule relates to it, if any
 * (next_step and related_counter; freed by trend_free). */
void			 nextstep_apply(const struct nextstep_rules *,
			    struct analysis *);

#endif
