/* 10000 round trips on two unbuffered channels, then close and a receive from the closed one. */
#include "crossrt.h"

static chan ping, pong;

static void ponger(void *arg)
{
	long v;

	(void)arg;
	while (chanrecv2(ping, &v)) {
		v++;
		chansend1(pong, &v);
	}
	closechan(pong);
}

void main_main(void)
{
	long n = 0, zero;
	bool ok;

	ping = makechan(sizeof(long), 0);
	pong = makechan(sizeof(long), 0);
	go(ponger, 0);
	for (int i = 0; i < 10000; i++) {
		chansend1(ping, &n);
		chanrecv1(pong, &n);
	}
	closechan(ping);
	ok = chanrecv2(pong, &zero);
	printf("%ld messages, pong open %s\n", n, ok ? "true" : "false");
}
