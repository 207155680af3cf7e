/*
 * A preemption request is honoured at the next checked call.  With
 * asynchronous preemption off (preemptcall.env), a goroutine loops
 * calling a function with an entry check (STACKCHECK); with one P, main runs again only once sysmon's
 * request (stackguard0 = stackPreempt) has sent the looping goroutine
 * through morestack into the scheduler.  A function-entry check that
 * reads another guard word never yields, and the program hangs.
 */
#include "crossrt.h"

static volatile bool stop;
static volatile uint64_t calls;

static __attribute__((noinline)) void work(void)
{
	STACKCHECK();
	calls++;
}

static void loop(void *arg)
{
	(void)arg;
	while (!stop)
		work();
}

void main_main(void)
{
	go(loop, 0);
	timeSleep(Millisecond);
	stop = true;
	printf("done\n");
}
