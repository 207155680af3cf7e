/* Goroutine spawn + exit, in batches of 1000 joined by a WaitGroup: ns per goroutine. */
#include "bench.h"

#define BATCH 1000

static struct WaitGroup wg;

static void done(void *arg)
{
	(void)arg;
	WaitGroupDone(&wg);
}

void main_main(void)
{
	long n = benchn(200), i, j;
	int64_t t0 = nanotime();

	for (i = 0; i < n; i++) {
		WaitGroupAdd(&wg, BATCH);
		for (j = 0; j < BATCH; j++)
			go(done, 0);
		WaitGroupWait(&wg);
	}
	report("spawn", nanotime() - t0, n * BATCH);
}
