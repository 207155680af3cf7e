/*
 * Locks and notes on futexes, as Go's lock_futex.go.  A mutex key is
 * unlocked, locked, or locked with possible sleepers; a note key is 0
 * until notewakeup sets it.  Holding a lock counts in m->locks, which
 * keeps the holder from being preempted.
 */
#include "runtime.h"
#include "backend.h"

#define FUTEX_WAIT_PRIVATE	128
#define FUTEX_WAKE_PRIVATE	129

enum { mutex_unlocked, mutex_locked, mutex_sleeping };

#define ACTIVE_SPIN		4
#define ACTIVE_SPIN_CNT		30
#define PASSIVE_SPIN		1

struct timespec64 {
	int64_t sec;
	int64_t nsec;
};

/* Sleep while *addr == val, at most ns nanoseconds (ns < 0: no limit). */
void futexsleep(uint32_t *addr, uint32_t val, int64_t ns)
{
	struct timespec64 ts;

	if (ns < 0) {
		__syscall6(SYS_futex, (long)addr, FUTEX_WAIT_PRIVATE, val, 0, 0, 0);
		return;
	}
	ts.sec = ns / 1000000000;
	ts.nsec = ns % 1000000000;
	__syscall6(SYS_futex, (long)addr, FUTEX_WAIT_PRIVATE, val, (long)&ts, 0, 0);
}

void futexwakeup(uint32_t *addr, uint32_t cnt)
{
	long r = __syscall6(SYS_futex, (long)addr, FUTEX_WAKE_PRIVATE, cnt, 0, 0, 0);

	if (r < 0)
		throw("futexwakeup failed");
}

static void procyield(int n)
{
	while (n-- > 0)
		__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

void lock(struct mutex *l)
{
	struct g *gp = getg();
	uint32_t v, wait;

	gp->m->locks++;
	v = __atomic_exchange_n(&l->key, mutex_locked, __ATOMIC_ACQUIRE);
	if (v == mutex_unlocked)
		return;
	/* Someone else holds it: keep sleepers' mark if we see one. */
	wait = v;
	for (;;) {
		for (int i = 0; i < ACTIVE_SPIN; i++) {
			while (__atomic_load_n(&l->key, __ATOMIC_RELAXED) == mutex_unlocked) {
				uint32_t old = mutex_unlocked;
				if (__atomic_compare_exchange_n(&l->key, &old, wait, false,
								__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
					return;
			}
			procyield(ACTIVE_SPIN_CNT);
		}
		for (int i = 0; i < PASSIVE_SPIN; i++) {
			while (__atomic_load_n(&l->key, __ATOMIC_RELAXED) == mutex_unlocked) {
				uint32_t old = mutex_unlocked;
				if (__atomic_compare_exchange_n(&l->key, &old, wait, false,
								__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
					return;
			}
			osyield();
		}
		v = __atomic_exchange_n(&l->key, mutex_sleeping, __ATOMIC_ACQUIRE);
		if (v == mutex_unlocked)
			return;
		wait = mutex_sleeping;
		futexsleep(&l->key, mutex_sleeping, -1);
	}
}

void unlock(struct mutex *l)
{
	struct g *gp = getg();
	uint32_t v = __atomic_exchange_n(&l->key, mutex_unlocked, __ATOMIC_RELEASE);

	if (v == mutex_unlocked)
		throw("unlock of unlocked lock");
	if (v == mutex_sleeping)
		futexwakeup(&l->key, 1);
	if (--gp->m->locks < 0)
		throw("runtime·unlock: lock count");
	if (gp->m->locks == 0 && gp->preempt)
		gp->stackguard0 = stackPreempt;
}

void noteclear(struct note *n)
{
	n->key = 0;
}

void notewakeup(struct note *n)
{
	uint32_t old = __atomic_exchange_n(&n->key, 1, __ATOMIC_RELEASE);

	if (old != 0)
		throw("notewakeup - double wakeup");
	futexwakeup(&n->key, 1);
}

void notesleep(struct note *n)
{
	while (__atomic_load_n(&n->key, __ATOMIC_ACQUIRE) == 0)
		futexsleep(&n->key, 0, -1);
}

/* Sleep until the note is woken or ns pass; true if it was woken. */
bool notetsleep(struct note *n, int64_t ns)
{
	int64_t deadline;

	if (ns < 0) {
		notesleep(n);
		return true;
	}
	if (__atomic_load_n(&n->key, __ATOMIC_ACQUIRE) != 0)
		return true;
	deadline = nanotime1() + ns;
	for (;;) {
		futexsleep(&n->key, 0, ns);
		if (__atomic_load_n(&n->key, __ATOMIC_ACQUIRE) != 0)
			return true;
		ns = deadline - nanotime1();
		if (ns <= 0)
			return false;
	}
}
