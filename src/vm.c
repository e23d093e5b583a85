/* vm.c: WinDbg !vm output: the pool limits and warning banners of a dump.
 *
 * "NonPagedPool Max:     6252   (   25008 Kb)" and "PagedPool Maximum:",
 * indented with TABs by older debuggers, flush left by newer ones;
 * banners such as "********** Excessive NonPaged Pool Usage *****". */
#include <stdio.h>
#include <string.h>

#include "vm.h"

static int
blank(int c)
{
	return c == ' ' || c == '\t';
}

/* "pages ( KB Kb)" after a label, as bytes: the KB when given, else pages
 * of 4 KB.  Returns -1 if there is no number. */
static int64_t
value(const char *p, const char *e)
{
	int64_t	 pages = 0, kb = 0;
	int	 d = 0;

	while (p < e && blank(*p))
		p++;
	for (; p < e && *p >= '0' && *p <= '9' && pages < INT64_MAX / 40960;
	    p++, d++)
		pages = pages * 10 + (*p - '0');
	if (d == 0)
		return -1;
	while (p < e && blank(*p))
		p++;
	if (p < e && *p == '(') {
		for (p++; p < e && blank(*p); p++)
			;
		for (d = 0; p < e && *p >= '0' && *p <= '9' &&
		    kb < INT64_MAX / 10240; p++, d++)
			kb = kb * 10 + (*p - '0');
		if (d > 0)
			return kb * 1024;
	}
	return pages * 4096;
}

static int
label(const char *p, const char *e, const char *l, const char **after)
{
	size_t	 n = strlen(l);

	if ((size_t)(e - p) < n || memcmp(p, l, n) != 0)
		return 0;
	*after = p + n;
	return 1;
}

/* A banner line of asterisks around a warning; copies the words. */
static int
banner(const char *p, const char *e, char *out, size_t size)
{
	size_t	 o = 0;
	int	 sp = 0;

	if (p == e || (*p != '*' && *p != '\\'))
		return 0;
	for (; p < e && o + 2 < size; p++) {
		if (*p == '*' || *p == '\\' || blank(*p)) {
			sp = o > 0;
			continue;
		}
		if (sp)
			out[o++] = ' ';
		sp = 0;
		out[o++] = *p;
	}
	out[o] = '\0';
	return strstr(out, "Excessive") != NULL ||
	    strstr(out, "allocations have failed") != NULL ||
	    strstr(out, "Pool Usage") != NULL;
}

int
vm_read(struct input *in, struct file_stats *fs, struct diag *diag,
    struct vm_info *vm)
{
	static const struct {
		const char	*text;
		enum pool_type	 type;
		int		 max;
	} labels[] = {
		{ "NonPagedPool Max:", POOL_NONPAGED, 1 },
		{ "PagedPool Maximum:", POOL_PAGED, 1 },
		{ "NonPagedPool Usage:", POOL_NONPAGED, 0 },
		{ "PagedPool Usage:", POOL_PAGED, 0 },
	};
	const char	*l, *p, *e, *a = NULL;
	size_t		 n;
	int64_t		 v;
	int		 r, t, k;
	char		 b[96];

	memset(vm, 0, sizeof(*vm));
	for (t = 0; t < POOL_NTYPES; t++)
		vm->max_bytes[t] = vm->usage_bytes[t] = -1;
	fs->format = "vm";
	while ((r = input_getline(in, &l, &n)) == 1) {
		fs->lines++;
		e = l + n;
		for (p = l; p < e && blank(*p); p++)
			;
		/* the lines read are rows, the rest of !vm is structure */
		for (k = 0; k < 4; k++)
			if (label(p, e, labels[k].text, &a))
				break;
		if (k == 4) {
			if (banner(p, e, b, sizeof(b)) &&
			    vm->nbanners < VM_MAXBANNERS)
				memcpy(vm->banner[vm->nbanners++], b,
				    sizeof(b));
			parse_line(fs, input_lineno(in), input_lineno(in),
			    LINE_STRUCTURE);
		} else if ((v = value(a, e)) == -1)
			parse_skip(fs, SKIP_DAMAGED, input_lineno(in),
			    "expected a number of pages after '%s'",
			    labels[k].text);
		else {
			if (labels[k].max)
				vm->max_bytes[labels[k].type] = v;
			else
				vm->usage_bytes[labels[k].type] = v;
			parse_line(fs, input_lineno(in), input_lineno(in),
			    LINE_ROW);
		}
	}
	if (r == -1)
		return -1;
	if (vm->max_bytes[POOL_NONPAGED] < 0 && vm->max_bytes[POOL_PAGED] < 0) {
		diag_set(diag, input_name(in), 0, 0, "no pool limits in this "
		    "!vm output (NonPagedPool Max, PagedPool Maximum)");
		return -1;
	}
	fs->rows = (vm->max_bytes[POOL_NONPAGED] >= 0) +
	    (vm->max_bytes[POOL_PAGED] >= 0);
	return 0;
}
