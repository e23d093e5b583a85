/* fuzz_values.c: libFuzzer target for the small parsers of values: time
 * lines, time fields, file-name times, sizes, durations, tag patterns, and
 * baseline reports (--baseline). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gate.h"
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
	struct ignore_list *l = NULL;
	struct diag	 diag;
	unsigned char	 tag[4];

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
	memset(&diag, 0, sizeof(diag));
	if (ignore_add_list(&l, s, &diag) == 0) {
		memset(tag, 'a', 4);
		ignore_match(l, tag);
	}
	ignore_free(l);
	memset(&diag, 0, sizeof(diag));
	baseline_free(baseline_parse((const char *)data, size, "fuzz", &diag));
	free(s);
	return 0;
}
