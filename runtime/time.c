/*
 * Timers: a 4-ary min-heap on when per P, as Go's.  A P runs its
 * expired timers in schedule/findrunnable; an idle M sleeps until the
 * earliest one (findrunnable), and adding an earlier one wakes it.
 * Deleted timers stay in the heap, marked, until they reach the top.
 */
#include "runtime.h"
#include "backend.h"

static void siftupTimer(struct timer **t, int32_t i)
{
	struct timer *tmp = t[i];
	int64_t when = tmp->when;

	while (i > 0) {
		int32_t p = (i - 1) / 4;
		if (when >= t[p]->when)
			break;
		t[i] = t[p];
		i = p;
	}
	t[i] = tmp;
}

static void siftdownTimer(struct timer **t, int32_t n, int32_t i)
{
	struct timer *tmp = t[i];
	int64_t when = tmp->when;

	for (;;) {
		int32_t c = i * 4 + 1, c3 = c + 2, best;
		int64_t w, w3;

		if (c >= n)
			break;
		w = t[c]->when;
		if (c + 1 < n && t[c + 1]->when < w)
			w = t[++c]->when;
		best = c;
		if (c3 < n) {
			w3 = t[c3]->when;
			if (c3 + 1 < n && t[c3 + 1]->when < w3)
				w3 = t[++c3]->when;
			if (w3 < w) {
				w = w3;
				best = c3;
			}
		}
		if (w >= when)
			break;
		t[i] = t[best];
		i = best;
	}
	t[i] = tmp;
}

static void updateTimer0When(struct p *pp)
{
	__atomic_store_n(&pp->timer0When, pp->ntimers ? pp->timers[0]->when : 0, __ATOMIC_RELEASE);
}

/* Under pp->timersLock. */
static void doaddtimer(struct p *pp, struct timer *t)
{
	if (pp->ntimers == pp->timerscap) {
		int32_t ncap = pp->timerscap ? pp->timerscap * 2 : 64;
		struct timer **nt = mallocgc(ncap * sizeof *nt);
		if (pp->ntimers)
			memcpy(nt, pp->timers, pp->ntimers * sizeof *nt);
		pp->timers = nt;
		pp->timerscap = ncap;
	}
	t->pp = pp;
	pp->timers[pp->ntimers] = t;
	siftupTimer(pp->timers, pp->ntimers++);
	updateTimer0When(pp);
}

static void dodeltimer0(struct p *pp)
{
	struct timer *t = pp->timers[0];

	t->pp = NULL;
	pp->timers[0] = pp->timers[--pp->ntimers];
	pp->timers[pp->ntimers] = NULL;
	if (pp->ntimers > 0)
		siftdownTimer(pp->timers, pp->ntimers, 0);
	updateTimer0When(pp);
}

/* Add t, which is in no heap, to the current P's heap. */
void addtimer(struct timer *t)
{
	struct g *gp = getg();
	struct p *pp;

	if (t->when <= 0)
		t->when = INT64_MAX;
	else
		recordtime(t->when);
	if (t->status != timerNoStatus)
		throw("addtimer called with initialized timer");
	t->status = timerWaiting;
	gp->m->locks++;
	pp = gp->m->p;
	lock(&pp->timersLock);
	doaddtimer(pp, t);
	unlock(&pp->timersLock);
	gp->m->locks--;
	wakeNetPoller(t->when);
}

/* Stop t; false if it already ran or was stopped. */
bool deltimer(struct timer *t)
{
	uint32_t s = timerWaiting;

	return __atomic_compare_exchange_n(&t->status, &s, timerDeleted, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
}

bool haveTimers(struct p *pp)
{
	return __atomic_load_n(&pp->timer0When, __ATOMIC_ACQUIRE) != 0;
}

/*
 * Run pp's timers that are due at now (0: read the clock).  Returns now;
 * *pollUntil is when the next one is due (0 if none); *ran if any ran.
 */
int64_t checkTimers(struct p *pp, int64_t now, int64_t *pollUntil, bool *ran)
{
	int64_t next = __atomic_load_n(&pp->timer0When, __ATOMIC_ACQUIRE);

	*ran = false;
	*pollUntil = next;
	if (next == 0)
		return now;
	if (now == 0)
		now = nanotime();
	if (now < next)
		return now;
	lock(&pp->timersLock);
	while (pp->ntimers > 0) {
		struct timer *t = pp->timers[0];
		uint32_t s = timerWaiting;

		if (__atomic_load_n(&t->status, __ATOMIC_ACQUIRE) == timerDeleted) {
			dodeltimer0(pp);
			t->status = timerNoStatus;
			continue;
		}
		if (t->when > now)
			break;
		if (!__atomic_compare_exchange_n(&t->status, &s, timerRunning, false,
						 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			continue;
		dodeltimer0(pp);
		__atomic_store_n(&t->status, timerNoStatus, __ATOMIC_RELEASE);
		unlock(&pp->timersLock);
		t->f(t->arg, t->seq);
		lock(&pp->timersLock);
		*ran = true;
	}
	*pollUntil = pp->ntimers ? pp->timers[0]->when : 0;
	unlock(&pp->timersLock);
	return now;
}

/* When the earliest timer of any P is due; INT64_MAX if none. */
int64_t timeSleepUntil(void)
{
	int64_t next = INT64_MAX;

	for (int32_t i = 0; i < gomaxprocs; i++) {
		int64_t w = __atomic_load_n(&allp[i]->timer0When, __ATOMIC_ACQUIRE);
		if (w != 0 && w < next)
			next = w;
	}
	return next;
}

/* A timer due at when was added: make sure some M wakes up for it. */
void wakeNetPoller(int64_t when)
{
	if (__atomic_load_n(&sched.lastpoll, __ATOMIC_ACQUIRE) == 0) {
		int64_t w = __atomic_load_n(&sched.pollUntil, __ATOMIC_ACQUIRE);
		if (w == 0 || w > when)
			netpollBreak();
	} else {
		wakep();
	}
}

static void goroutineReady(void *arg, uintptr seq)
{
	(void)seq;
	goready(arg);
}

static bool resetForSleep(struct g *gp, void *arg)
{
	struct timer *t = arg;

	(void)gp;
	t->when = t->nextwhen;
	addtimer(t);
	return true;
}

/* time.Sleep: park with a timer that readies the goroutine. */
void timeSleep(int64_t ns)
{
	struct g *gp = getg();
	struct timer *t;

	if (ns <= 0)
		return;
	t = gp->timer;
	if (t == NULL) {
		t = mallocgc(sizeof *t);
		gp->timer = t;
	}
	t->f = goroutineReady;
	t->arg = gp;
	t->nextwhen = nanotime() + ns;
	if (t->nextwhen < 0)
		t->nextwhen = INT64_MAX;
	gopark(resetForSleep, t, waitReasonSleep);
}
