/*
 * sysmon: a thread without a P that preempts goroutines running for
 * more than 10 ms, as Go's.  It sleeps 20 us at first, doubling up to
 * 10 ms while nothing needs it, and sleeps until the next timer while
 * every P is idle.
 */
#include "runtime.h"
#include "backend.h"

#define forcePreemptNS	(10 * 1000 * 1000)
#define maxSleepNS	(60LL * 1000 * 1000 * 1000)

/* Ask gp running on pp to stop: at its next function entry, or now by a signal. */
static bool preemptone(struct p *pp)
{
	struct m *mp = __atomic_load_n(&pp->m, __ATOMIC_ACQUIRE);
	struct g *gp;

	if (mp == NULL || mp == getg()->m)
		return false;
	gp = __atomic_load_n(&mp->curg, __ATOMIC_ACQUIRE);
	if (gp == NULL || gp == mp->g0)
		return false;
	gp->preempt = true;
	__atomic_store_n(&gp->stackguard0, stackPreempt, __ATOMIC_RELEASE);
	pp->preempt = true;
	preemptM(mp);
	return true;
}

/*
 * CROSSRT_PREEMPTOFF=1: sysmon never preempts, so that a program's schedule
 * does not depend on wall-clock time and its traces can be compared.
 */
bool preemptoff;

static void retake(int64_t now)
{
	if (preemptoff)
		return;
	for (int32_t i = 0; i < gomaxprocs; i++) {
		struct p *pp = allp[i];
		uint32_t t;

		if (__atomic_load_n(&pp->status, __ATOMIC_ACQUIRE) != Prunning)
			continue;
		t = __atomic_load_n(&pp->schedtick, __ATOMIC_RELAXED);
		if (pp->sysmonschedtick != t) {
			pp->sysmonschedtick = t;
			pp->sysmonschedwhen = now;
		} else if (pp->sysmonschedwhen + forcePreemptNS <= now) {
			preemptone(pp);
		}
	}
}

/* While every P is idle, sleep until the next timer could make one busy. */
static void sysmonidle(int64_t now)
{
	int64_t next, sleep;

	lock(&sched.lock);
	if (__atomic_load_n(&sched.npidle, __ATOMIC_SEQ_CST) == gomaxprocs) {
		next = timeSleepUntil();
		if (next > now) {
			__atomic_store_n(&sched.sysmonwait, 1, __ATOMIC_RELEASE);
			unlock(&sched.lock);
			sleep = next - now < maxSleepNS ? next - now : maxSleepNS;
			notetsleep(&sched.sysmonnote, sleep);
			lock(&sched.lock);
			__atomic_store_n(&sched.sysmonwait, 0, __ATOMIC_RELEASE);
			noteclear(&sched.sysmonnote);
		}
	}
	unlock(&sched.lock);
}

void sysmon(void)
{
	uint32_t delay = 0, idle = 0;

	for (;;) {
		if (idle == 0)
			delay = 20;
		else if (idle > 50)
			delay *= 2;
		if (delay > 10 * 1000)
			delay = 10 * 1000;
		usleep(delay);
		sysmonidle(nanotime1());
		retake(nanotime1());
		idle++;
	}
}

/* The sysmon thread's entry. */
void sysmonstart(void)
{
	minit();
	sysmon();
}
