/* split.h: a long file's second half, read on a thread of its own. */
#ifndef SPLIT_H
#define SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "input.h"

/* A line of the second half, without its line end, and its number
 * counted from the first line of that half (1): returns 1 to go on, 0 to
 * stop reading (the half is then of no use). */
typedef int	(*split_line_fn)(const char *l, size_t n, long line, void *arg);

/* May the second half begin with this line? */
typedef int	(*split_at_fn)(const char *l, size_t n);

struct split;

/* Below this many bytes, a file is read on one thread (parse_ctx.split_min
 * may say otherwise, for tests). */
#define SPLIT_MIN	((int64_t)32 << 20)

/* Where the second half of in begins, if in is a regular file read as
 * bytes with min bytes (0: SPLIT_MIN) or more after the next line: the
 * offset of the first line after the middle that at (NULL: any line)
 * accepts, within a few MiB; -1 when there is no such file or line. */
int64_t		 split_find(struct input *in, int64_t min, split_at_fn at);

/* Start reading in from offset from (from split_find) to its end on
 * another thread, each line to fn with arg, as input_getline would give
 * it.  What fn uses is set before: the thread starts here.  Returns
 * NULL, having started nothing, when there is no thread. */
struct split	*split_start(struct input *in, int64_t from, split_line_fn fn,
		    void *arg);

/* Wait for the second half and free s: returns the lines it read, all
 * of them taken by fn, or -1 if fn stopped or the file could not be read
 * to its end. */
long		 split_join(struct split *s);

#endif
