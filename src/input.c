/* input.c: bytes -> lines: stdin, BOMs, UTF-16, CRLF, file:line bookkeeping.
 *
 * UTF-16 (with a byte order mark, or ASCII text with every other byte 0)
 * is decoded to UTF-8 as it is read.  A file that Windows PowerShell began
 * in UTF-16 may go on in single bytes when another program appends to it
 * (a time line written by Out-File, then poolmon -n): at the start of a
 * line, a code unit whose two bytes are both ASCII text switches the rest
 * of the file to bytes. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "util.h"

#define CHUNK	(1 << 20)	/* bytes read at a time */
#define PEEK	(1 << 16)

enum enc {
	ENC_BYTES,
	ENC_UTF16LE,
	ENC_UTF16BE
};

struct input {
	char		*name;
	int		 fd;
	char		*buf;		/* text, UTF-8 or bytes */
	size_t		 cap;
	size_t		 start;		/* first byte not yet returned */
	size_t		 end;		/* end of valid data */
	unsigned char	*raw;		/* UTF-16 bytes not yet decoded */
	size_t		 rawlen;
	enum enc	 enc;
	int		 at_bol;	/* the last unit decoded was a line end */
	int		 eof;
	long		 lineno;
	int64_t		 pos;		/* bytes read from fd */
	struct diag	*diag;
};

static ssize_t
read_some(struct input *in, void *dst, size_t n)
{
	ssize_t	 r;

	do
		r = read(in->fd, dst, n);
	while (r == -1 && errno == EINTR);
	if (r == -1)
		diag_set(in->diag, in->name, 0, 0, "read error: %s",
		    strerror(errno));
	else
		in->pos += r;
	return r;
}

static void
room(struct input *in, size_t more)
{
	while (in->cap - in->end < more) {
		in->cap *= 2;
		in->buf = xreallocarray(in->buf, in->cap, 1);
	}
}

static int
ascii_text(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\r' || c == '\n' || c == '\t';
}

static void
put_utf8(struct input *in, unsigned long u)
{
	char	*o = in->buf + in->end;

	if (u < 0x80)
		*o++ = (char)u;
	else if (u < 0x800) {
		*o++ = (char)(0xc0 | u >> 6);
		*o++ = (char)(0x80 | (u & 0x3f));
	} else if (u < 0x10000) {
		*o++ = (char)(0xe0 | u >> 12);
		*o++ = (char)(0x80 | (u >> 6 & 0x3f));
		*o++ = (char)(0x80 | (u & 0x3f));
	} else {
		*o++ = (char)(0xf0 | u >> 18);
		*o++ = (char)(0x80 | (u >> 12 & 0x3f));
		*o++ = (char)(0x80 | (u >> 6 & 0x3f));
		*o++ = (char)(0x80 | (u & 0x3f));
	}
	in->end = (size_t)(o - in->buf);
}

/* Decode the complete UTF-16 units of raw into buf; at the end of the
 * file, pass an odd last byte through. */
static void
decode16(struct input *in, int final)
{
	const unsigned char *r = in->raw;
	size_t		 i = 0, n = in->rawlen;
	unsigned long	 u, lo;
	int		 le = in->enc == ENC_UTF16LE;

	room(in, n * 2 + 8);
	while (i + 1 < n) {
		if (in->at_bol && r[i] != 0 && r[i + 1] != 0 &&
		    ascii_text(r[i]) && ascii_text(r[i + 1])) {
			/* another program appended single bytes */
			memcpy(in->buf + in->end, r + i, n - i);
			in->end += n - i;
			in->rawlen = 0;
			in->enc = ENC_BYTES;
			return;
		}
		u = le ? (unsigned long)r[i] | (unsigned long)r[i + 1] << 8 :
		    (unsigned long)r[i] << 8 | r[i + 1];
		if (u >= 0xd800 && u < 0xdc00) {
			if (i + 3 >= n && !final)
				break;		/* the pair's second half */
			lo = i + 3 < n ? (le ? (unsigned long)r[i + 2] |
			    (unsigned long)r[i + 3] << 8 :
			    (unsigned long)r[i + 2] << 8 | r[i + 3]) : 0;
			if (lo >= 0xdc00 && lo < 0xe000) {
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			} else
				u = 0xfffd;
		} else if (u >= 0xdc00 && u < 0xe000)
			u = 0xfffd;
		put_utf8(in, u);
		in->at_bol = u == '\n';
		i += 2;
	}
	memmove(in->raw, r + i, n - i);
	in->rawlen = n - i;
	if (final && in->rawlen > 0) {
		memcpy(in->buf + in->end, in->raw, in->rawlen);
		in->end += in->rawlen;
		in->rawlen = 0;
	}
}

/* Read more data, keeping the unconsumed tail.  Returns the number of
 * bytes read, 0 at end of file, -1 on error. */
static ssize_t
fill(struct input *in)
{
	ssize_t	 n;

	if (in->start > 0) {
		memmove(in->buf, in->buf + in->start, in->end - in->start);
		in->end -= in->start;
		in->start = 0;
	}
	if (in->enc == ENC_BYTES) {
		room(in, CHUNK / 2);
		if ((n = read_some(in, in->buf + in->end,
		    in->cap - in->end)) == -1)
			return -1;
		in->end += (size_t)n;
	} else {
		if ((n = read_some(in, in->raw + in->rawlen,
		    CHUNK - in->rawlen)) == -1)
			return -1;
		in->rawlen += (size_t)n;
		decode16(in, n == 0);
	}
	if (n == 0)
		in->eof = 1;
	return n;
}

/* Look at the first bytes for a byte order mark or UTF-16 without one. */
static void
detect(struct input *in)
{
	const unsigned char *b = (const unsigned char *)in->buf;
	size_t	 n = in->end, skip = 0;

	if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
		in->start = 3;
		return;
	}
	if (n >= 2 && b[0] == 0xff && b[1] == 0xfe) {
		in->enc = ENC_UTF16LE;
		skip = 2;
	} else if (n >= 2 && b[0] == 0xfe && b[1] == 0xff) {
		in->enc = ENC_UTF16BE;
		skip = 2;
	} else if (n >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0)
		in->enc = ENC_UTF16LE;
	else if (n >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0)
		in->enc = ENC_UTF16BE;
	else
		return;
	in->raw = xmalloc(n > CHUNK ? n : CHUNK);
	memcpy(in->raw, b + skip, n - skip);
	in->rawlen = n - skip;
	in->end = 0;
	in->at_bol = 0;
	decode16(in, in->eof);
}

struct input *
input_open(const char *path, struct diag *diag)
{
	struct input	*in;
	int		 fd;
	ssize_t		 n;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		diag_set(diag, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	in = xcalloc(1, sizeof(*in));
	in->name = xstrdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
	in->fd = fd;
	in->cap = CHUNK;
	in->buf = xmalloc(in->cap);
	in->diag = diag;
	/* A first block to look at, then the peek window in text. */
	while (!in->eof && in->end < PEEK) {
		if ((n = read_some(in, in->buf + in->end, PEEK - in->end)) == -1) {
			input_free(in);
			return NULL;
		}
		if (n == 0)
			in->eof = 1;
		in->end += (size_t)n;
	}
	detect(in);
	while (!in->eof && in->end - in->start < PEEK)
		if (fill(in) == -1) {
			input_free(in);
			return NULL;
		}
	return in;
}

struct input *
input_open_mem(const char *name, const void *data, size_t len,
    struct diag *diag)
{
	struct input	*in = xcalloc(1, sizeof(*in));

	in->name = xstrdup(name);
	in->fd = -1;
	in->cap = len + CHUNK;
	in->buf = xmalloc(in->cap);
	memcpy(in->buf, data, len);
	in->end = len;
	in->eof = 1;
	in->diag = diag;
	detect(in);
	return in;
}

void
input_free(struct input *in)
{
	if (in == NULL)
		return;
	if (in->fd >= 0 && in->fd != STDIN_FILENO)
		close(in->fd);
	free(in->buf);
	free(in->raw);
	free(in->name);
	free(in);
}

const char *
input_name(const struct input *in)
{
	return in->name;
}

size_t
input_peek(struct input *in, const char **buf)
{
	size_t	 n = in->end - in->start;

	*buf = in->buf + in->start;
	return n < PEEK ? n : PEEK;
}

int
input_getline(struct input *in, const char **line, size_t *len)
{
	char	*nl;
	size_t	 scan = in->start, n;

	for (;;) {
		nl = memchr(in->buf + scan, '\n', in->end - scan);
		if (nl != NULL || in->eof)
			break;
		scan = in->end - in->start;	/* offset survives fill */
		if (fill(in) == -1)
			return -1;
		scan += in->start;
	}
	if (nl == NULL) {
		n = in->end - in->start;	/* last line, no line end */
		/* DOS end-of-file marks (Ctrl-Z) after the last line */
		while (n > 0 && in->buf[in->start + n - 1] == 0x1a)
			n--;
		if (n == 0) {
			in->start = in->end;
			return 0;
		}
	} else
		n = (size_t)(nl - (in->buf + in->start));
	*line = in->buf + in->start;
	in->start += n + (nl != NULL);
	if (nl == NULL)
		in->start = in->end;
	if (n > 0 && (*line)[n - 1] == '\r')
		n--;
	*len = n;
	in->lineno++;
	return 1;
}

long
input_lineno(const struct input *in)
{
	return in->lineno;
}

int
input_file(const struct input *in, int *fd, int64_t *size)
{
	struct stat	 st;

	if (in->fd < 0 || in->fd == STDIN_FILENO || in->enc != ENC_BYTES ||
	    fstat(in->fd, &st) == -1 || !S_ISREG(st.st_mode))
		return 0;
	*fd = in->fd;
	*size = (int64_t)st.st_size;
	return 1;
}

int64_t
input_offset(const struct input *in)
{
	return in->pos - (int64_t)(in->end - in->start);
}
