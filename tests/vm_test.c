/* vm_test.c: pool limits and banners from WinDbg !vm output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "vm.h"
#include "testutil.h"

static struct file_stats fs;

/* Read !vm text; its line accounting is left in fs and checked. */
static int
read_vm(const char *text, struct vm_info *vm, struct diag *d)
{
	struct input	*in;
	char		*path = tu_write_temp(text);
	int		 r;

	memset(&fs, 0, sizeof(fs));
	memset(d, 0, sizeof(*d));
	in = input_open(path, d);
	assert_non_null(in);
	r = vm_read(in, &fs, d, vm);
	input_free(in);
	tu_remove(path);
	assert_true(parse_lines_done(&fs) == 0 || r == -1);
	return r;
}

static void
test_old_layout_with_tabs(void **state)
{
	struct vm_info	 vm;
	struct diag	 d;

	(void)state;
	/* windbg_vm_1_xp shape: TAB indents, some lines flush left */
	assert_int_equal(read_vm("kd> !vm 1\n\n*** Virtual Memory Usage ***\n"
	    "\tPhysical Memory:     16270   (   65080 Kb)\n"
	    "\tNonPagedPool Usage:    877   (    3508 Kb)\n"
	    "\tNonPagedPool Max:     6252   (   25008 Kb)\n"
	    "\tPagedPool 0 Usage:     729   (    2916 Kb)\n"
	    "\tPagedPool Usage:      1597   (    6388 Kb)\n"
	    "\tPagedPool Maximum:   13312   (   53248 Kb)\n"
	    " Free System PTEs:    45089   (  180356 Kb)\n", &vm, &d), 0);
	assert_int_equal(vm.max_bytes[POOL_NONPAGED], 25008 * 1024);
	assert_int_equal(vm.max_bytes[POOL_PAGED], 53248 * 1024);
	assert_int_equal(vm.usage_bytes[POOL_NONPAGED], 3508 * 1024);
	assert_int_equal(vm.usage_bytes[POOL_PAGED], 6388 * 1024);
	assert_int_equal(vm.nbanners, 0);
}

static void
test_new_layout_and_banners(void **state)
{
	struct vm_info	 vm;
	struct diag	 d;

	(void)state;
	assert_int_equal(read_vm(
	    "NonPagedPool Usage:          9111 (      36444 Kb)\n"
	    "NonPagedPoolNx Usage:       32908 (     131632 Kb)\n"
	    "NonPagedPool Max:          774140 (    3096560 Kb)\n"
	    "PagedPool  0:               32829 (     131316 Kb)\n"
	    "PagedPool Maximum:       33554432 (  134217728 Kb)\n"
	    "********** Excessive NonPaged Pool Usage *****\n"
	    "********** 3 pool allocations have failed **********\n"
	    "Syspart SharedCommit 0\n", &vm, &d), 0);
	assert_int_equal(vm.max_bytes[POOL_NONPAGED], 3096560LL * 1024);
	assert_int_equal(vm.max_bytes[POOL_PAGED], 134217728LL * 1024);
	/* NonPagedPoolNx Usage is another line */
	assert_int_equal(vm.usage_bytes[POOL_NONPAGED], 36444 * 1024);
	assert_int_equal(vm.nbanners, 2);
	assert_string_equal(vm.banner[0], "Excessive NonPaged Pool Usage");
	assert_string_equal(vm.banner[1], "3 pool allocations have failed");
	/* the limit and usage lines are rows, the rest structure */
	assert_int_equal(fs.lines, 8);
	assert_int_equal(fs.row_lines, 3);
	assert_int_equal(fs.structure_lines, 5);
}

static void
test_limit_without_a_number_is_damaged(void **state)
{
	struct vm_info	 vm;
	struct diag	 d;

	(void)state;
	assert_int_equal(read_vm(
	    "NonPagedPool Max:          774140 (    3096560 Kb)\n"
	    "PagedPool Maximum:       ????????\n", &vm, &d), 0);
	assert_int_equal(vm.max_bytes[POOL_PAGED], -1);
	assert_int_equal(fs.row_lines, 1);
	assert_int_equal(fs.skipped[SKIP_DAMAGED], 1);
	assert_int_equal(fs.first_line[SKIP_DAMAGED], 2);
	assert_string_equal(fs.first_msg[SKIP_DAMAGED],
	    "expected a number of pages after 'PagedPool Maximum:'");
}

static void
test_markdown_escapes_and_pages_only(void **state)
{
	struct vm_info	 vm;
	struct diag	 d;

	(void)state;
	/* windbg_vm_win7 shape: \* escapes and trailing blanks; a value
	 * without its (KB) part is pages of 4 KB */
	assert_int_equal(read_vm(
	    "\\*\\*\\* Virtual Memory Usage \\*\\*\\*  \n"
	    "NonPagedPool Max: 1561080 ( 6244320 Kb)  \n"
	    "\\*\\*\\*\\*\\*\\*\\*\\*\\*\\* Excessive NonPaged Pool Usage "
	    "\\*\\*\\*\\*\\*  \n"
	    "PagedPool Maximum: 1024\n", &vm, &d), 0);
	assert_int_equal(vm.max_bytes[POOL_NONPAGED], 6244320LL * 1024);
	assert_int_equal(vm.max_bytes[POOL_PAGED], 1024 * 4096);
	assert_int_equal(vm.nbanners, 1);
	assert_string_equal(vm.banner[0], "Excessive NonPaged Pool Usage");
}

static void
test_no_limits_is_an_error(void **state)
{
	struct vm_info	 vm;
	struct diag	 d;

	(void)state;
	assert_int_equal(read_vm("Physical Memory: 16270 ( 65080 Kb)\n",
	    &vm, &d), -1);
	assert_non_null(strstr(d.msg, "no pool limits"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_old_layout_with_tabs),
		cmocka_unit_test(test_new_layout_and_banners),
		cmocka_unit_test(test_limit_without_a_number_is_damaged),
		cmocka_unit_test(test_markdown_escapes_and_pages_only),
		cmocka_unit_test(test_no_limits_is_an_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
