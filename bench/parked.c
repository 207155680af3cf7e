/*
 * RSS per parked goroutine: 100k goroutines blocked receiving on one
 * channel; resident bytes from /proc/self/statm before and after.
 */
#include "bench.h"
#include "syscall.h"

#if defined(__x86_64__)
#define SYS_openat_ 257
#define SYS_close_ 3
#else
#define SYS_openat_ 56
#define SYS_close_ 57
#endif
#define AT_FDCWD_ (-100)

static chan block;
static struct WaitGroup started;

/* Resident set size in bytes, or -1. */
static long rss(void)
{
	char buf[128];
	long fd, n, i = 0, pages = 0;

	fd = __syscall6(SYS_openat_, AT_FDCWD_, (long)"/proc/self/statm", 0, 0, 0, 0);
	if (fd < 0)
		return -1;
	n = __syscall6(SYS_read, fd, (long)buf, sizeof buf - 1, 0, 0, 0);
	__syscall6(SYS_close_, fd, 0, 0, 0, 0, 0);
	if (n <= 0)
		return -1;
	while (i < n && buf[i] != ' ')
		i++;
	for (i++; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
		pages = pages * 10 + (buf[i] - '0');
	return pages * 4096;
}

static void waiter(void *arg)
{
	long v;

	(void)arg;
	WaitGroupDone(&started);
	chanrecv1(block, &v);
}

void main_main(void)
{
	long n = benchn(100000), before;

	block = makechan(sizeof(long), 0);
	before = rss();
	WaitGroupAdd(&started, n);
	for (long i = 0; i < n; i++)
		go(waiter, 0);
	WaitGroupWait(&started);
	report("parked", rss() - before, n);
}
