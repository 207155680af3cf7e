/* main starts three goroutines that print their id and yield with Gosched. */
#include "crossrt.h"

static volatile int done;

static void worker(void *arg)
{
	int id = (int)(uintptr_t)arg;

	for (int i = 0; i < 3; i++) {
		printf("goroutine %d step %d\n", id, i);
		Gosched();
	}
	done++;
}

void main_main(void)
{
	for (int id = 1; id <= 3; id++)
		go(worker, id);
	while (done < 3)
		Gosched();
	printf("main: all %d goroutines done\n", done);
}
