/*
 * Reading the clock and sleeping: clock readings are live in callee-saved
 * registers across the sleeps and passed to a goroutine as newproc's
 * argument, so that its traces hold time values at probes (named `time`).
 * One timer at a time: the schedule does not depend on how long a sleep
 * really took.
 */
#include "crossrt.h"

static chan done;

static void waiter(void *arg)
{
	int64_t start = (int64_t)(uintptr_t)arg;
	bool ok;

	timeSleep(20 * Millisecond);
	ok = nanotime() - start >= 20 * Millisecond;
	chansend1(done, &ok);
}

void main_main(void)
{
	int64_t t0 = nanotime(), last = t0;
	bool ok;

	done = makechan(sizeof(bool), 0);
	go(waiter, nanotime());
	chanrecv1(done, &ok);
	printf("waiter slept at least 20ms: %s\n", ok ? "true" : "false");
	for (int i = 1; i <= 3; i++) {
		int64_t now;

		timeSleep(i * 10 * Millisecond);
		now = nanotime();
		printf("slept %dms: clock advanced at least that: %s\n", i * 10,
		       now - last >= i * 10 * Millisecond ? "true" : "false");
		last = now;
	}
	printf("total at least 80ms: %s\n", nanotime() - t0 >= 80 * Millisecond ? "true" : "false");
}
