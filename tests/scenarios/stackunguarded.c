/*
 * Unbounded recursion in a goroutine whose stack has no guard page, as
 * every stack past the map-count budget (CROSSRT_STACKGUARDS=0 here),
 * between the stacks of two parked goroutines: the entry check alone
 * finds sp below stackguard0 and morestack reports the overflow in Go's
 * words.
 */
#include "crossrt.h"

static chan block;

static int down(int n)
{
	volatile char pad[64];

	STACKCHECK();
	if (n < 0)
		return 0;
	pad[n % 64] = (char)n;
	return down(n + 1) + pad[0];
}

static void parked(void *arg)
{
	long v;

	(void)arg;
	chanrecv1(block, &v);
}

static void recurse(void *arg)
{
	(void)arg;
	down(0);
}

void main_main(void)
{
	long v;

	block = makechan(sizeof(long), 0);
	printf("recursing\n");
	go(parked, 0);
	go(recurse, 0);
	go(parked, 0);
	chanrecv1(block, &v);
}
