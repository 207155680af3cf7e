/*
 * main starts 64 goroutines that each compute for a while.  With two Ps
 * the second one's M finds its own queue empty and steals half of the
 * first P's queue (runqsteal in the trace).
 */
#include "crossrt.h"

#define N 64

static struct WaitGroup wg;
static uint64_t results[N];

static uint64_t mix(uint64_t x)
{
	STACKCHECK();
	return (x ^ x >> 31) * 0x7fb5d329728ea185ULL;
}

static void work(void *arg)
{
	uint64_t i = (uintptr_t)arg, x = i;

	for (int k = 0; k < 20000; k++)
		x = mix(x + k);
	results[i] = x;
	WaitGroupDone(&wg);
}

void main_main(void)
{
	uint64_t sum = 0;

	WaitGroupAdd(&wg, N);
	for (int i = 0; i < N; i++)
		go(work, i);
	WaitGroupWait(&wg);
	for (int i = 0; i < N; i++)
		sum ^= results[i];
	printf("%d workers, checksum %lx\n", N, (unsigned long)sum);
}
