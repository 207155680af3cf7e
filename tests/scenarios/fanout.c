/* Fan out 10000 goroutines, fan in on a WaitGroup. */
#include "crossrt.h"

#define N 10000

static struct WaitGroup wg;
static int64_t results[N];

static void square(void *arg)
{
	int64_t i = (int64_t)(uintptr_t)arg;

	results[i] = i * i;
	WaitGroupDone(&wg);
}

void main_main(void)
{
	int64_t sum = 0;

	for (int i = 0; i < N; i++) {
		WaitGroupAdd(&wg, 1);
		go(square, i);
	}
	WaitGroupWait(&wg);
	for (int i = 0; i < N; i++)
		sum += results[i];
	printf("%d goroutines, sum of squares %ld\n", N, (long)sum);
}
