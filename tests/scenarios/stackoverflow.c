/*
 * Unbounded recursion in the main goroutine: the entry check finds sp
 * below stackguard0 and morestack reports the overflow in Go's words.
 */
#include "crossrt.h"

static int down(int n)
{
	volatile char pad[64];

	STACKCHECK();
	if (n < 0)
		return 0;
	pad[n % 64] = (char)n;
	return down(n + 1) + pad[0];
}

void main_main(void)
{
	printf("recursing\n");
	down(0);
}
