/* Two goroutines take turns with Gosched; main waits on a WaitGroup. */
#include "crossrt.h"

static struct WaitGroup wg;

static void worker(void *arg)
{
	const char *name = arg;

	for (int i = 0; i < 4; i++) {
		printf("%s %d\n", name, i);
		Gosched();
	}
	WaitGroupDone(&wg);
}

void main_main(void)
{
	WaitGroupAdd(&wg, 2);
	go(worker, "ping");
	go(worker, "pong");
	WaitGroupWait(&wg);
	printf("done\n");
}
