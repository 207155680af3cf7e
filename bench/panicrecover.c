/* panic in a function whose deferred call recovers: ns per round trip. */
#include "bench.h"

static volatile long recovered;

static void catch(void)
{
	if (!isnil(recover()))
		recovered++;
}

static void thrower(void)
{
	DEFER(catch, 0);
	panic("x");
	DEFERRETURN();
}

void main_main(void)
{
	long n = benchn(200000);
	int64_t t0 = nanotime();

	for (long i = 0; i < n; i++)
		thrower();
	report("panicrecover", nanotime() - t0, n);
	if (recovered != n)
		printf("recovered %ld of %ld\n", (long)recovered, n);
}
