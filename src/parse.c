/* parse.c: what every input parser shares: the accounting of lines. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

static const char *const skip_names[SKIP_NREASONS] = {
	"damaged row", "unrecognised line", "duplicate row"
};

const char *
parse_skip_name(enum skip_reason r)
{
	return skip_names[r];
}

void
parse_progress_start(struct parse_progress *p, struct table *t,
    struct input *in, int64_t from)
{
	int64_t	 end, size;
	int	 fd;

	memset(p, 0, sizeof(*p));
	if (t == NULL)
		return;
	/* what the file before let the table expect is of no use now */
	table_expect(t, 0, 0);
	if (!input_file(in, &fd, &end))
		return;
	if ((size = end - (from < 0 ? input_offset(in) : from)) <= 0)
		return;
	p->table = t;
	p->before = table_nsnapshots(t);
	p->size = size;
}

/* Count the pending lines in their class. */
static void
commit(struct file_stats *fs)
{
	long	 n = fs->cl_last - fs->cl_first + 1;

	if (fs->cl_last == 0)
		return;
	switch (fs->cl_class) {
	case LINE_STRUCTURE:
		fs->structure_lines += n;
		break;
	case LINE_ROW:
		fs->row_lines += n;
		break;
	case LINE_SKIPPED:
		fs->skipped[fs->cl_reason] += n;
		break;
	}
	fs->cl_first = fs->cl_last = 0;
}

/* Classify; returns 1 if the lines became skipped by this call. */
static int
classify(struct file_stats *fs, long first, long last, enum line_class c,
    enum skip_reason r)
{
	int	 became;

	if (fs->cl_last != 0 && first <= fs->cl_last) {
		if (last > fs->cl_last)
			fs->cl_last = last;
		if (c <= fs->cl_class)
			return 0;
	} else {
		commit(fs);
		fs->cl_first = first;
		fs->cl_last = last;
	}
	became = c == LINE_SKIPPED;
	fs->cl_class = c;
	fs->cl_reason = r;
	return became;
}

int
parse_snapshot_time(struct parse_ctx *ctx, const char *name, long line,
    const char *what, int have_time, int64_t line_ms, int *name_used,
    int64_t *t)
{
	if (have_time)
		*t = line_ms;
	else if (ctx->have_name_time && !*name_used) {
		*t = ctx->name_ms;
		*name_used = 1;
	} else if (ctx->have_start)
		*t = ctx->start_ms + ctx->untimed++ * ctx->interval_ms;
	else {
		if (*name_used)
			diag_set(ctx->diag, name, line, 0, "second %s without a "
			    "time line, and the file name gives only one time; "
			    "give --start and --interval to time snapshots "
			    "without one", what);
		else
			diag_set(ctx->diag, name, line, 0, "%s has no time: no "
			    "time line before it and none in the file name; "
			    "give --start and --interval to time snapshots "
			    "without one", what);
		return -1;
	}
	return 0;
}

void
parse_line(struct file_stats *fs, long first, long last, enum line_class c)
{
	classify(fs, first, last < first ? first : last, c, SKIP_DAMAGED);
}

int
parse_lines_done(struct file_stats *fs)
{
	commit(fs);
	return parse_lines_unaccounted(fs) == 0 ? 0 : -1;
}

long
parse_lines_unaccounted(const struct file_stats *fs)
{
	long	 n = fs->lines - fs->row_lines - fs->structure_lines;
	int	 r;

	for (r = 0; r < SKIP_NREASONS; r++)
		n -= fs->skipped[r];
	return n;
}

void
parse_lines_add(struct file_stats *to, struct file_stats *from, long after)
{
	int	 r;

	commit(to);
	commit(from);
	to->lines += from->lines;
	to->row_lines += from->row_lines;
	to->structure_lines += from->structure_lines;
	to->rows += from->rows;
	to->snapshots += from->snapshots;
	for (r = 0; r < SKIP_NREASONS; r++) {
		to->skipped[r] += from->skipped[r];
		if (to->first_line[r] == 0 && from->first_line[r] != 0) {
			to->first_line[r] = from->first_line[r] + after;
			memcpy(to->first_msg[r], from->first_msg[r],
			    sizeof(to->first_msg[r]));
		}
	}
}

void
parse_skip(struct file_stats *fs, enum skip_reason r, long line,
    const char *fmt, ...)
{
	va_list	 ap;

	if (!classify(fs, line, line, LINE_SKIPPED, r) || fs->first_line[r] != 0)
		return;
	fs->first_line[r] = line;
	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): started above */
	vsnprintf(fs->first_msg[r], sizeof(fs->first_msg[r]), fmt, ap);
	va_end(ap);
}

char *
parse_excerpt(const char *l, size_t n, char *buf, size_t size)
{
	size_t	 i, o = 0, max = n > 40 ? 40 : n;

	for (i = 0; i < max && o + 4 < size; i++)
		buf[o++] = l[i] >= 0x20 && l[i] < 0x7f ? l[i] : '?';
	if (max < n && o + 4 < size) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}
