/* Five hundred threads, each parked on a futex, then exit_group. */
#include "hostile.h"

#define NTHREADS	500
#define STACK		1024

static char stacks[NTHREADS][STACK] __attribute__((aligned(16)));
static volatile int started, never;

static void park(void *arg)
{
	(void)arg;
	__atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
	for (;;)
		sys(SYS_futex, (long)&never, FUTEX_WAIT, 0, 0);
}

void main_main(void)
{
	int n;
	long r = 0;

	for (n = 0; n < NTHREADS; n++) {
		r = clone(CLONE_THREAD_FLAGS, stacks[n] + STACK, 0, park, 0);
		if (r < 0)
			break;
	}
	printf("created %d threads\n", n);
	if (n < NTHREADS)
		report("clone", r);
	while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < n)
		sys(SYS_sched_yield, 0, 0, 0, 0);
	printf("all %d parked\n", n);
	exit(0);
}
