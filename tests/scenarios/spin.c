/*
 * A goroutine spins without calls; main sleeps, then must still run
 * with one P: sysmon preempts the spinner after 10 ms.
 */
#include "crossrt.h"

static volatile bool stop;

static void spin(void *arg)
{
	(void)arg;
	while (!stop)
		;
}

void main_main(void)
{
	go(spin, 0);
	timeSleep(Millisecond);
	printf("done\n");
}
