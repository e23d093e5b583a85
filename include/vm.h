/* vm.h: WinDbg !vm output: the pool limits and warning banners of a dump. */
#ifndef VM_H
#define VM_H

#include <stdint.h>

#include "input.h"
#include "parse.h"
#include "table.h"

#define VM_MAXBANNERS 8

struct vm_info {
	int64_t	 max_bytes[POOL_NTYPES];	/* -1 if not given */
	int64_t	 usage_bytes[POOL_NTYPES];	/* -1 if not given */
	char	 banner[VM_MAXBANNERS][96];	/* "Excessive NonPaged Pool
						 * Usage", ... */
	int	 nbanners;
};

/* Read !vm output.  Returns 0, or -1 with diag set if it cannot be read or
 * gives no pool limit. */
int	vm_read(struct input *, struct file_stats *, struct diag *,
	    struct vm_info *);

#endif
