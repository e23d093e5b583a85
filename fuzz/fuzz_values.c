/* fuzz_values.c: libFuzzer target for the small parsers of values: time
 * lines, time fields, file-name times, sizes, durations. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timestamp.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s = malloc(size + 1), buf[64];
	struct name_time nt;
	int64_t		 ms, v;
	double		 d;
	int		 utc;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (ts_parse_line(s, size, &ms))
		ts_format(ms, 0, buf, sizeof(buf));
	if (ts_parse_field(s, size, &ms, &utc))
		ts_format(ms, utc, buf, sizeof(buf));
	if (ts_parse_name(s, &nt) && nt.have_ymd)
		ts_format(nt.ymd, 0, buf, sizeof(buf));
	util_parse_size(s, &v);
	util_parse_duration(s, &d);
	free(s);
	return 0;
}
