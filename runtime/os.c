/* The operating system: threads, clocks, CPU count, as Go's os_linux.go. */
#include "runtime.h"
#include "panic.h"
#include "backend.h"

#define CLOCK_MONOTONIC	1
#define SIG_SETMASK	2

#define CLONE_VM	0x100
#define CLONE_FS	0x200
#define CLONE_FILES	0x400
#define CLONE_SIGHAND	0x800
#define CLONE_THREAD	0x10000
#define CLONE_SYSVSEM	0x40000
#define CLONE_SETTLS	0x80000

struct timespec64 {
	int64_t sec;
	int64_t nsec;
};

int32_t getproccount(void)
{
	uint64_t buf[16];
	long r = __syscall6(SYS_sched_getaffinity_, 0, sizeof buf, (long)buf, 0, 0, 0);
	int32_t n = 0;

	if (r < 0)
		return 1;
	for (long i = 0; i < r / 8; i++)
		n += __builtin_popcountll(buf[i]);
	return n > 0 ? n : 1;
}

int64_t nanotime1(void)
{
	struct timespec64 ts;

	__syscall6(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0, 0);
	return ts.sec * 1000000000 + ts.nsec;
}

int64_t nanotime(void)
{
	int64_t t = nanotime1();

	recordtime(t);
	return t;
}

void usleep(uint32_t usec)
{
	struct timespec64 ts = { usec / 1000000, (int64_t)(usec % 1000000) * 1000 };

	__syscall6(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0);
}

void osyield(void)
{
	__syscall6(SYS_sched_yield, 0, 0, 0, 0, 0, 0);
}

int64_t gettid(void)
{
	return __syscall6(SYS_gettid, 0, 0, 0, 0, 0, 0);
}

int mprotect(void *addr, uintptr n, int prot)
{
	return (int)__syscall6(SYS_mprotect, (long)addr, (long)n, prot, 0, 0, 0);
}

static void sigprocmask(const uint64_t *set, uint64_t *old)
{
	__syscall6(SYS_rt_sigprocmask, SIG_SETMASK, (long)set, (long)old, 8, 0, 0);
}

static void mstartthread(void *fn)
{
	((void (*)(void))fn)();
}

/*
 * Start a thread running fn on mp's g0 stack with mp's TLS.  Signals are
 * blocked across clone so that the thread starts with them blocked;
 * minit unblocks them.
 */
void newosproc(struct m *mp, void (*fn)(void))
{
	const unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
				    CLONE_SYSVSEM | CLONE_THREAD | CLONE_SETTLS;
	uint64_t all = SIGSET_ASYNC, old;
	long r;

	sigprocmask(&all, &old);
	r = clone(flags, (void *)mp->g0->stack.hi, mp->tls, mstartthread, (void *)fn);
	sigprocmask(&old, NULL);
	if (r < 0) {
		print("runtime: failed to create new OS thread (have %ld already; errno=%ld)\n",
		      (long)sched.mnext, -r);
		throw("newosproc");
	}
}

/* Per-thread initialization on the new M's g0. */
void minit(void)
{
	uint64_t none = 0;

	getg()->m->procid = gettid();
	minitsignals(getg()->m);
	sigprocmask(&none, NULL);
}
