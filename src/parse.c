/* parse.c: what every input parser shares: skip accounting. */
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
parse_skip(struct file_stats *fs, enum skip_reason r, long line,
    const char *fmt, ...)
{
	va_list	 ap;

	if (fs->skipped[r]++ > 0)
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
