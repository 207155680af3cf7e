/* Threads until clone refuses: the engine must say no before the host runs out. */
#include "hostile.h"

#define NTHREADS	5000
#define STACK		512

static char stacks[NTHREADS][STACK] __attribute__((aligned(16)));
static volatile int never;

static void park(void *arg)
{
	(void)arg;
	for (;;)
		sys(SYS_futex, (long)&never, FUTEX_WAIT, 0, 0);
}

void main_main(void)
{
	long r = 0;
	int n;

	for (n = 0; n < NTHREADS; n++)
		if ((r = clone(CLONE_THREAD_FLAGS, stacks[n] + STACK, 0, park, 0)) < 0)
			break;
	printf("created %d threads\n", n);
	report("last clone", r);
	exit(0);
}
