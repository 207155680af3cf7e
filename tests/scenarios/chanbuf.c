/*
 * 1000 goroutines send their ids on a buffered channel; main sums them.
 * (The order of arrival with one P is Go's too, but Go's also depends
 * on the state its own runtime goroutines leave behind before main.main.)
 */
#include "crossrt.h"

static chan c;

static void sender(void *arg)
{
	long id = (long)(uintptr_t)arg;

	chansend1(c, &id);
}

void main_main(void)
{
	long sum = 0;

	c = makechan(sizeof(long), 100);
	for (long id = 1; id <= 1000; id++)
		go(sender, id);
	for (int i = 0; i < 1000; i++) {
		long v;
		chanrecv1(c, &v);
		sum += v;
	}
	printf("sum %ld\n", sum);
}
