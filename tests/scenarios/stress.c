/*
 * 100k goroutines send 1M values through one buffered channel to a
 * consumer; at most 1000 workers live at once (a semaphore channel).
 * The checksums of everything sent and received must be equal.
 */
#include "crossrt.h"

#define WORKERS	100000
#define EACH	10
#define LIVE	1000
#define MULT	0x9e3779b97f4a7c15ULL

static struct WaitGroup wg;
static chan c, sem, done;

static uint64_t value(long id, int k)
{
	return (uint64_t)id * EACH + (uint64_t)k + 1;
}

static void worker(void *arg)
{
	long id = (long)(uintptr_t)arg;
	bool b;

	for (int k = 0; k < EACH; k++) {
		uint64_t v = value(id, k);
		chansend1(c, &v);
	}
	chanrecv1(sem, &b);
	WaitGroupDone(&wg);
}

static void consumer(void *arg)
{
	uint64_t v, r[2] = { 0, 0 };

	(void)arg;
	while (chanrecv2(c, &v)) {
		r[0] += v;
		r[1] ^= v * MULT;
	}
	chansend1(done, r);
}

void main_main(void)
{
	uint64_t sum = 0, xor = 0, got[2];
	bool t = true;

	c = makechan(sizeof(uint64_t), 64);
	sem = makechan(sizeof(bool), LIVE);
	done = makechan(sizeof got, 0);
	for (long id = 0; id < WORKERS; id++)
		for (int k = 0; k < EACH; k++) {
			sum += value(id, k);
			xor ^= value(id, k) * MULT;
		}
	go(consumer, 0);
	for (long id = 0; id < WORKERS; id++) {
		chansend1(sem, &t);
		WaitGroupAdd(&wg, 1);
		go(worker, id);
	}
	WaitGroupWait(&wg);
	closechan(c);
	chanrecv1(done, got);
	printf("sent %d sum %lu xor %lx\n", WORKERS * EACH, (unsigned long)sum, (unsigned long)xor);
	printf("received sum %lu xor %lx equal %s\n", (unsigned long)got[0], (unsigned long)got[1],
	       got[0] == sum && got[1] == xor ? "true" : "false");
}
