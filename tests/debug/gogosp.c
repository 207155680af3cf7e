/* A parked goroutine's saved sp points below its stack; gogo would resume it there. */
#include "crossrt.h"
#include "panic.h"
#include "backend.h"

static struct g *volatile parked;

static void waiter(void *arg)
{
	int v;

	parked = getg();
	chanrecv1(arg, &v);
	printf("not reached\n");
}

void main_main(void)
{
	chan c = makechan(sizeof(int), 0);
	int v = 1;

	go(waiter, c);
	while (parked == NULL || parked->atomicstatus != Gwaiting)
		Gosched();
	printf("waiter sched.sp = stack.lo - 64\n");
	parked->sched.sp = parked->stack.lo - 64;
	chansend1(c, &v);
	Gosched();
	printf("not reached\n");
}
