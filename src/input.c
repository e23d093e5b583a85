/* input.c: bytes -> lines: stdin, UTF-8 BOM, CRLF, file:line bookkeeping. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "util.h"

#define CHUNK	(1 << 20)	/* bytes read at a time */
#define PEEK	(1 << 16)

struct input {
	char		*name;
	int		 fd;
	char		*buf;
	size_t		 cap;
	size_t		 start;		/* first byte not yet returned */
	size_t		 end;		/* end of valid data */
	int		 eof;
	long		 lineno;
	struct diag	*diag;
};

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
	if (in->cap - in->end < CHUNK / 2) {
		in->cap *= 2;
		in->buf = xreallocarray(in->buf, in->cap, 1);
	}
	do
		n = read(in->fd, in->buf + in->end, in->cap - in->end);
	while (n == -1 && errno == EINTR);
	if (n == -1) {
		diag_set(in->diag, in->name, 0, 0, "read error: %s",
		    strerror(errno));
		return -1;
	}
	if (n == 0)
		in->eof = 1;
	in->end += (size_t)n;
	return n;
}

struct input *
input_open(const char *path, struct diag *diag)
{
	struct input	*in;
	int		 fd;

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
	/* Fill the peek window, then drop a UTF-8 byte order mark. */
	while (!in->eof && in->end < PEEK)
		if (fill(in) == -1) {
			input_free(in);
			return NULL;
		}
	if (in->end >= 3 && memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0)
		in->start = 3;
	return in;
}

void
input_free(struct input *in)
{
	if (in == NULL)
		return;
	if (in->fd != STDIN_FILENO)
		close(in->fd);
	free(in->buf);
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
		if (in->start == in->end)
			return 0;
		n = in->end - in->start;	/* last line, no line end */
	} else
		n = (size_t)(nl - (in->buf + in->start));
	*line = in->buf + in->start;
	in->start += n + (nl != NULL);
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
