/* Unbuffered channel ping-pong between two goroutines: ns per round trip. */
#include "bench.h"

static chan ping, pong;

static void ponger(void *arg)
{
	long v;

	(void)arg;
	while (chanrecv2(ping, &v))
		chansend1(pong, &v);
}

void main_main(void)
{
	long n = benchn(500000), v = 0;
	int64_t t0;

	ping = makechan(sizeof(long), 0);
	pong = makechan(sizeof(long), 0);
	go(ponger, 0);
	t0 = nanotime();
	for (long i = 0; i < n; i++) {
		chansend1(ping, &v);
		chanrecv1(pong, &v);
	}
	report("chanpingpong", nanotime() - t0, n);
	closechan(ping);
}
