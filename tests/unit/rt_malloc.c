/* The allocator of runtime/malloc.c: fixed arena addresses, in order, page and 16-byte rounding. */
#define RTSHIM_OWN_MALLOC
#include "rtshim.h"
#include "../../runtime/malloc.c"

static void test_arena_in_order(void **state)
{
	char *a, *b, *c, *d;

	(void)state;
	a = sysAlloc(100);
	assert_ptr_equal(a, (void *)ARENA_BASE);
	b = sysAlloc(PAGESIZE + 1);
	assert_ptr_equal(b, a + PAGESIZE);
	c = persistentalloc(24);
	assert_ptr_equal(c, b + 2 * PAGESIZE);
	d = persistentalloc(1);
	assert_ptr_equal(d, c + 32);
	assert_int_equal((uintptr)d % 16, 0);
	memset(a, 1, PAGESIZE);
	memset(b, 2, 2 * PAGESIZE);
	assert_int_equal(c[0], 0);
}

static void test_persistent_chunks(void **state)
{
	char *first, *big, *next;

	(void)state;
	first = persistentalloc(16);
	big = persistentalloc(100000);	/* larger than a chunk: a chunk of its own */
	assert_int_equal((uintptr)big % PAGESIZE, 0);
	next = persistentalloc(16);
	assert_true(next > big);
	assert_true(first < big);
	for (int i = 0; i < 100000; i++)
		assert_int_equal(big[i], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_in_order),
		cmocka_unit_test(test_persistent_chunks),
	};
	return cmocka_run_group_tests_name("malloc", tests, NULL, NULL);
}
