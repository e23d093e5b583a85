/* split.c: a long file's second half, read on a thread of its own. */
#include <sys/types.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "split.h"
#include "util.h"

/* how far past the middle to look for a line the half may begin with */
#define SPLIT_SCAN	((size_t)4 << 20)
#define SPLIT_READ	((size_t)1 << 20)

struct split {
	pthread_t	 thread;
	int		 fd;
	int64_t		 from;
	split_line_fn	 fn;
	void		*arg;
	long		 lines;
	int		 ok;
};

static ssize_t
pread_some(int fd, char *buf, size_t n, int64_t at)
{
	ssize_t	 r;

	do
		r = pread(fd, buf, n, (off_t)at);
	while (r == -1 && errno == EINTR);
	return r;
}

/* A line (without its newline) to fn, as input_getline gives it. */
static int
line(struct split *s, const char *l, size_t n)
{
	if (n > 0 && l[n - 1] == '\r')
		n--;
	return s->fn(l, n, ++s->lines, s->arg);
}

static void *
run(void *arg)
{
	struct split	*s = arg;
	char		*buf, *l, *nl;
	size_t		 cap = SPLIT_READ, len = 0, n;
	int64_t		 at = s->from;
	ssize_t		 r;

	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		if ((r = pread_some(s->fd, buf + len, cap - len, at)) == -1)
			goto out;
		at += r;
		len += (size_t)r;
		for (l = buf; (nl = memchr(l, '\n', len - (size_t)(l - buf))) !=
		    NULL; l = nl + 1)
			if (!line(s, l, (size_t)(nl - l)))
				goto out;
		n = len - (size_t)(l - buf);
		if (r == 0) {
			/* the last line, without a line end; DOS end-of-file
			 * marks after it, as input_getline */
			while (n > 0 && l[n - 1] == 0x1a)
				n--;
			if (n > 0 && !line(s, l, n))
				goto out;
			break;
		}
		memmove(buf, l, n);
		len = n;
	}
	s->ok = 1;
out:
	free(buf);
	return NULL;
}

/* The offset of the first line after mid that at accepts, or -1. */
static int64_t
find_start(int fd, int64_t mid, split_at_fn at)
{
	char		*buf, *l, *nl;
	int64_t		 from = -1;
	ssize_t		 r;
	size_t		 n;

	buf = xmalloc(SPLIT_SCAN);
	if ((r = pread_some(fd, buf, SPLIT_SCAN, mid)) <= 0 ||
	    (nl = memchr(buf, '\n', (size_t)r)) == NULL)
		goto out;
	if (at == NULL) {
		if (nl + 1 < buf + r)
			from = mid + (nl + 1 - buf);
		goto out;
	}
	for (l = nl + 1; (nl = memchr(l, '\n', (size_t)(buf + r - l))) != NULL;
	    l = nl + 1) {
		n = (size_t)(nl - l);
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (at(l, n)) {
			from = mid + (l - buf);
			break;
		}
	}
out:
	free(buf);
	return from;
}

int64_t
split_find(struct input *in, int64_t min, split_at_fn at)
{
	int64_t		 size, here;
	int		 fd;

	if (min <= 0)
		min = SPLIT_MIN;
	if (!input_file(in, &fd, &size) ||
	    size - (here = input_offset(in)) < min)
		return -1;
	return find_start(fd, here + (size - here) / 2, at);
}

struct split *
split_start(struct input *in, int64_t from, split_line_fn fn, void *arg)
{
	struct split	*s;
	int64_t		 size;
	int		 fd;

	if (from < 0 || !input_file(in, &fd, &size))
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->fd = fd;
	s->from = from;
	s->fn = fn;
	s->arg = arg;
	if (pthread_create(&s->thread, NULL, run, s) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

long
split_join(struct split *s)
{
	long	 lines;

	pthread_join(s->thread, NULL);
	lines = s->ok ? s->lines : -1;
	free(s);
	return lines;
}
