/* report.h: findings -> text or JSON on a FILE *. */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "parse.h"
#include "trend.h"
#include "vm.h"

struct report_input {
	const struct file_stats	*files;
	size_t			 nfiles;
	size_t			 skipped_files;	/* from directories */
	size_t			 duplicates;	/* dropped by table_finish */
	size_t			 nsamples;
	const struct vm_info	*vm;		/* from --vm, or NULL */
};

struct report_opts {
	size_t	 top;		/* 0: no limit */
	int	 all;		/* also list stable and insufficient tags */
};

void	report_text(FILE *, const struct analysis *, const struct report_input *,
	    const struct report_opts *);

/* Returns 0, or -1 if the document could not be written. */
int	report_json(FILE *, const struct analysis *, const struct report_input *,
	    const struct report_opts *);

#endif
