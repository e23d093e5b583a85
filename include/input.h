/* input.h: bytes -> lines, with file:line bookkeeping. */
#ifndef INPUT_H
#define INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct input;

/* Open a file for reading, or standard input for "-".  Returns NULL and
 * fills the diag on failure.  A UTF-8 byte order mark is skipped. */
struct input	*input_open(const char *path, struct diag *);

/* The same over len bytes of memory (copied), named name. */
struct input	*input_open_mem(const char *name, const void *data, size_t len,
		    struct diag *);

/* Close and free; input_free(NULL) is a no-op. */
void		 input_free(struct input *);

/* The name given to input_open (borrowed). */
const char	*input_name(const struct input *);

/* Look at the start of the data without consuming it: sets *buf to up to
 * the first 64 KiB and returns its length.  Only before input_getline. */
size_t		 input_peek(struct input *, const char **buf);

/* Next line without its line end (LF or CRLF).  The pointer is valid until
 * the next call.  Returns 1, 0 at end of input, or -1 on a read error
 * (diag filled). */
int		 input_getline(struct input *, const char **line, size_t *len);

/* Number of the line last returned, 1-based. */
long		 input_lineno(const struct input *);

/* For reading part of a file on another thread: is the input a regular
 * file read as bytes (not standard input, not UTF-16)?  Then *fd is its
 * descriptor, for pread, and *size its size. */
int		 input_file(const struct input *, int *fd, int64_t *size);

/* The file offset of the next line: of the bytes read, those not yet
 * returned as lines are after it.  Meaningful when input_file is 1. */
int64_t		 input_offset(const struct input *);

#endif
