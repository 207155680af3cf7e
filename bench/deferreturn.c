/* A function that defers one call and returns: ns per defer + deferreturn. */
#include "bench.h"

static volatile long calls;

static void count(void)
{
	calls++;
}

static long deferonce(long i)
{
	RESULT(long, r) = i;
	DEFER(count, 0);
	DEFERRETURN(r);
}

void main_main(void)
{
	long n = benchn(2000000), s = 0;
	int64_t t0 = nanotime();

	for (long i = 0; i < n; i++)
		s += deferonce(i);
	report("deferreturn", nanotime() - t0, n);
	if (calls != n || s == 0)
		printf("calls %ld of %ld\n", (long)calls, n);
}
