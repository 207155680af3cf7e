/*
 * A thousand goroutines parked on one channel at once, more than the
 * separately protected areas Unicorn keeps guard pages for: each is
 * woken, runs a few checked frames deep on its own stack and sends a
 * result that says which goroutine it was.
 */
#include "crossrt.h"

#define N	1000

static chan block, done;

static long depth(long n)
{
	volatile char pad[200];

	STACKCHECK();
	pad[n % 200] = (char)n;
	return n ? depth(n - 1) + pad[n % 200] : 0;
}

static void waiter(void *arg)
{
	long v, r;

	chanrecv1(block, &v);
	r = (long)arg * v + depth(8);
	chansend1(done, &r);
}

void main_main(void)
{
	long sum = 0, want = 0, v = 2, r;

	block = makechan(sizeof(long), 0);
	done = makechan(sizeof(long), 0);
	for (long i = 0; i < N; i++)
		go(waiter, (void *)i);
	for (long i = 0; i < N; i++)
		chansend1(block, &v);
	for (long i = 0; i < N; i++) {
		chanrecv1(done, &r);
		sum += r;
		want += 2 * i + 36;
	}
	printf("%d goroutines, sum %ld, want %ld\n", N, sum, want);
}
