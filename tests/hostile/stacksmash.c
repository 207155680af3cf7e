/* Recursion with no stack check runs off the goroutine's stack. */
#include "hostile.h"

static volatile long limit = -1;	/* never reached: the recursion has no end */

static long deep(volatile long *up, long n)
{
	volatile long frame[64];

	frame[0] = n;
	frame[63] = up ? *up : 0;
	if (n == limit)
		return n;
	return deep(frame, n + 1) + frame[0];
}

void main_main(void)
{
	printf("recursing\n");
	printf("%ld\n", deep(0, 0));
}
