/* diag.c: where an error was found and what it is; first error wins. */
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

void
diag_set(struct diag *d, const char *file, long line, int col,
    const char *fmt, ...)
{
	va_list	 ap;

	if (d == NULL || d->set)
		return;
	d->set = 1;
	snprintf(d->file, sizeof(d->file), "%s", file == NULL ? "" : file);
	d->line = line;
	d->col = col;
	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): started above */
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
}
