/*
 * Trace capture overhead: arithmetic with one Gosched (a handful of
 * probe hits) about every 10k instructions.
 */
#include "bench.h"

static volatile uint64_t sink;

static void work(void)
{
	uint64_t x = 88172645463325252ULL;

	for (int i = 0; i < 4500; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	sink = x;
}

void main_main(void)
{
	long n = benchn(1000);
	int64_t t0 = nanotime();

	for (long i = 0; i < n; i++) {
		work();
		Gosched();
	}
	report("probed", nanotime() - t0, n);
}
