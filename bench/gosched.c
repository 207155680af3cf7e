/* Two goroutines alternate with Gosched: ns per switch. */
#include "bench.h"

static struct WaitGroup wg;
static long n;

static void worker(void *arg)
{
	(void)arg;
	for (long i = 0; i < n; i++)
		Gosched();
	WaitGroupDone(&wg);
}

void main_main(void)
{
	int64_t t0;

	n = benchn(1000000);
	WaitGroupAdd(&wg, 2);
	t0 = nanotime();
	go(worker, 0);
	go(worker, 0);
	WaitGroupWait(&wg);
	report("gosched", nanotime() - t0, 2 * n);
}
