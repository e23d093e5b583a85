/* util.h: allocation that never fails, option-value parsing, and a small
 * seeded random generator. */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Allocators: on failure they print a message and exit, so callers never
 * check for NULL. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/* Parse a byte size: digits with an optional fraction and an optional
 * K, M, G or T suffix (powers of 1024), optionally followed by B.
 * Returns 0 and sets *bytes, or -1 if the text is not such a size. */
int	 util_parse_size(const char *, int64_t *bytes);

/* Parse a duration: digits with an optional fraction and an optional unit
 * s, m, h or d (seconds when none).  Returns 0 and sets *sec (> 0), or -1. */
int	 util_parse_duration(const char *, double *sec);

/* SplitMix64 (Steele, Lea and Flood 2014): the next number of the
 * sequence in *state, and the same as a double in [0, 1). */
uint64_t util_splitmix64(uint64_t *state);
double	 util_unit(uint64_t *state);

/* The length of the UTF-8 sequence at s, or 0 if it is not a valid one
 * (overlong forms, surrogates, code points past U+10FFFF and C1 controls
 * are not). */
size_t	 util_utf8_len(const unsigned char *s);

/* Does the line (l, n) hold the word w, in any letter case, with no
 * letter on either side?  For recognising header lines. */
int	 util_has_word(const char *l, size_t n, const char *w);

/* Run fn(arg) on n threads, the caller's among them, and wait for all:
 * fn takes its work from arg, under a lock of its own. */
void	 util_workers(size_t n, void *(*fn)(void *), void *arg);

#endif
