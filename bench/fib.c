/* Call-heavy: recursive fib, for guest instructions per second under each engine. */
#include "bench.h"

static long fib(long n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

void main_main(void)
{
	long n = benchn(27);
	int64_t t0 = nanotime();
	long r = fib(n);

	report("fib", nanotime() - t0, r);
}
