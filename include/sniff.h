/* sniff.h: which format is this? */
#ifndef SNIFF_H
#define SNIFF_H

#include <stddef.h>

enum format {
	FORMAT_UNKNOWN,
	FORMAT_POOLMON,
	FORMAT_CSV
};

/* Decide from the first bytes of an input. */
enum format	 sniff_format(const char *buf, size_t len);
const char	*sniff_name(enum format);

#endif
