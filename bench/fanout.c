/*
 * CPU-bound fan-out: 64 goroutines each run a fixed amount of
 * arithmetic, joined by a WaitGroup.  Run with CROSSRT_PROCS=1 and 2:
 * the ratio of the times is the work-stealing speedup.
 */
#include "bench.h"

#define WORKERS 64

static struct WaitGroup wg;
static long work;
static volatile uint64_t sink[WORKERS];

static void spin(void *arg)
{
	long id = (long)(uintptr_t)arg;
	uint64_t x = (uint64_t)id + 1;

	for (long i = 0; i < work; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	sink[id] = x;
	WaitGroupDone(&wg);
}

void main_main(void)
{
	int64_t t0;

	work = benchn(2000000);
	WaitGroupAdd(&wg, WORKERS);
	t0 = nanotime();
	for (long i = 0; i < WORKERS; i++)
		go(spin, i);
	WaitGroupWait(&wg);
	report("fanout", nanotime() - t0, WORKERS);
}
