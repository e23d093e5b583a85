/* util.h: allocation that never fails, option-value parsing, a small
 * seeded random generator, and scanning text a word at a time. */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
 * sequence in *state; the same as a double in [0, 1); and a pair of
 * indices below n from one number, for the Theil-Sen slope's pairs: its
 * low and its high 32 bits each times n over 2^32 (Lemire, "Fast random
 * integer generation in an interval", 2019, without the rejection step:
 * an index is at most n / 2^32 likelier than another).  For n of 2^32 or
 * more, two numbers, each as util_unit times n. */
static inline uint64_t
util_splitmix64(uint64_t *state)
{
	uint64_t	 z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline double
util_unit(uint64_t *state)
{
	return (double)(util_splitmix64(state) >> 11) * 0x1.0p-53;
}

static inline void
util_pair(uint64_t *state, size_t n, size_t *i, size_t *j)
{
	uint64_t	 x;

	if ((uint64_t)n >> 32 != 0) {
		*i = (size_t)(util_unit(state) * (double)n);
		*j = (size_t)(util_unit(state) * (double)n);
		return;
	}
	x = util_splitmix64(state);
	*i = (size_t)(((x & 0xffffffff) * n) >> 32);
	*j = (size_t)(((x >> 32) * n) >> 32);
}

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

/* Word-at-a-time scanning: eight bytes as a word, the first in the low
 * byte; the high bit of each zero byte of a word, and no other bit
 * (Anderson, "Bit Twiddling Hacks", "Determine if a word has a zero
 * byte", the exact form); the index of the byte of a mask's lowest bit. */
#define UTIL_BYTES(c)	(0x0101010101010101ULL * (unsigned char)(c))

static inline uint64_t
util_load_le(const char *p)
{
	uint64_t	 w;

	memcpy(&w, p, sizeof(w));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

static inline uint64_t
util_zero_bytes(uint64_t w)
{
	const uint64_t	 low = 0x7f7f7f7f7f7f7f7fULL;

	return ~(((w & low) + low) | w | low);
}

static inline size_t
util_first_byte(uint64_t m)
{
#if defined(__GNUC__)
	return (size_t)__builtin_ctzll(m) / 8;
#else
	size_t	 i;

	for (i = 0; !(m & 0xff); i++)
		m >>= 8;
	return i;
#endif
}

#if defined(__SSE2__)
/* Which of the sixteen bytes at p are spaces or tabs, as the low 16
 * bits. */
static inline unsigned
util_blanks16(const char *p)
{
	__m128i	 x = _mm_loadu_si128((const __m128i *)(const void *)p);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
	    _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'))));
}
#endif

/* The first byte from p that is not a space or a tab, or e. */
static inline const char *
util_skip_blanks(const char *p, const char *e)
{
	uint64_t	 w, m;

#if defined(__SSE2__)
	/* sixteen bytes at a time: most runs of blanks in a row fit one */
	for (; e - p >= 16; p += 16) {
		unsigned b = util_blanks16(p);

		if (b != 0xffff)
			return p + __builtin_ctz(~b);
	}
#endif
	for (; e - p >= 8; p += 8) {
		w = util_load_le(p);
		m = ~(util_zero_bytes(w ^ UTIL_BYTES(' ')) |
		    util_zero_bytes(w ^ UTIL_BYTES('\t'))) &
		    UTIL_BYTES(0x80);
		if (m != 0)
			return p + util_first_byte(m);
	}
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* The high bit of each byte of w that is not a digit: over '9', under
 * '0', or not ASCII. */
static inline uint64_t
util_not_digits(uint64_t w)
{
	return ((w + UTIL_BYTES(0x7f - '9')) |
	    ~((w | UTIL_BYTES(0x80)) - UTIL_BYTES('0')) | w) & UTIL_BYTES(0x80);
}

/* How many of the eight bytes of w, from the first, are digits. */
static inline size_t
util_digits8(uint64_t w)
{
	uint64_t not_digit = util_not_digits(w);

	return not_digit == 0 ? 8 : util_first_byte(not_digit);
}

/* The value of digits at the top of a word, zeros below them. */
static inline uint64_t
util_value_top(uint64_t d)
{
	d = (d * 2561) >> 8;
	d = ((d & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;
	return ((d & 0x0000FFFF0000FFFFULL) * 42949672960001ULL) >> 32;
}

/* The value of the first n (1 to 8) bytes of w, digits. */
static inline uint64_t
util_value8(uint64_t w, size_t n)
{
	/* the digits to the top, zeros before them */
	return util_value_top((w - UTIL_BYTES('0')) << (8 * (8 - n)));
}

/* The last n (1 to 8) bytes of w, the eight that end a number: 1 with *u
 * their value if they are digits, else 0.  The bytes below them are
 * cleared before '0' is taken away, so that they borrow nothing. */
static inline int
util_digits_last(uint64_t w, size_t n, uint64_t *u)
{
	uint64_t top = ~(uint64_t)0 << (8 * (8 - n));

	if ((util_not_digits(w) & top) != 0)
		return 0;
	*u = util_value_top((w & top) - (UTIL_BYTES('0') & top));
	return 1;
}

size_t	 util_digits_slow(const char *, const char *, uint64_t *);

/* The decimal digits at p, before e: returns how many there are, and
 * sets *u to their value when there are 18 or fewer (more may not fit;
 * the caller reads those its own way).  Eight bytes at a time, twice,
 * when they can be read: the bytes that are not digits found as above,
 * the digits combined by three multiplications (Lemire, "Quickly parsing
 * eight digits", 2018).  The common case is inline, the rest in
 * util_digits_slow. */
static inline size_t
util_digits(const char *p, const char *e, uint64_t *u)
{
	uint64_t	 w;
	size_t		 n;

	/* most numbers: fewer than eight digits, with eight bytes to read */
	if (e - p >= 8) {
		w = util_load_le(p);
		if ((n = util_digits8(w)) < 8) {
			*u = n == 0 ? 0 : util_value8(w, n);
			return n;
		}
	}
	return util_digits_slow(p, e, u);
}

/* util_digits where the eight bytes before e can be read (the last field
 * of a line of eight bytes or more): under eight bytes to e are read at
 * once, as the eight that end there shifted down past p, the bytes
 * shifted in zeros and so not digits. */
static inline size_t
util_digits_end(const char *p, const char *e, uint64_t *u)
{
	size_t		 len = (size_t)(e - p), n;
	uint64_t	 w;

	if (len == 0 || len >= 8)
		return util_digits(p, e, u);
	w = util_load_le(e - 8) >> (8 * (8 - len));
	n = util_digits8(w);
	*u = n == 0 ? 0 : util_value8(w, n);
	return n;
}

#endif
