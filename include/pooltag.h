/* pooltag.h: pooltag.txt, tag -> binary and description. */
#ifndef POOLTAG_H
#define POOLTAG_H

#include <stddef.h>

#include "input.h"
#include "parse.h"
#include "table.h"

struct pooltag;

/* Read pooltag.txt lines "Tag - binary - Description" (or "Tag -
 * Description"); rem and // lines are comments, other lines are counted as
 * unrecognised in fs.  Returns NULL with diag set if the input cannot be
 * read or holds no entry. */
struct pooltag	*pooltag_read(struct input *, struct file_stats *,
		    struct diag *);
void		 pooltag_free(struct pooltag *);

/* Number of entries read. */
size_t		 pooltag_count(const struct pooltag *);

/* The binaries and descriptions of a tag: exact entries, else those whose
 * pattern (? any byte, * any rest) matches; several are joined with "; ".
 * Returns 0 if none matches.  The strings live as long as the pooltag. */
int		 pooltag_lookup(struct pooltag *, const unsigned char tag[4],
		    const char **binary, const char **description);

/* Give each series of the table that has no driver from the log (poolmon's
 * Mapped_Driver wins) its binary and description. */
void		 pooltag_apply(struct pooltag *, struct table *);

#endif
