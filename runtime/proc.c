/*
 * Goroutine scheduler: Go's proc.go, in C, for this runtime's three
 * (four) ISAs.
 *
 * The model is Go's:
 *	G - goroutine: a stack and a saved context (gobuf).
 *	M - worker thread: a clone'd OS thread with its own g0 stack, on which
 *	    the scheduler runs; m0 is the initial thread.
 *	P - processor: what an M must hold to run Go code: a local run queue
 *	    (256 slots and runnext), a free-g cache and a timer heap.
 *	    CROSSRT_PROCS Ps exist (GOMAXPROCS).
 * An M runs schedule() on its g0; schedule() finds a runnable g
 * (findrunnable) and execute()s it, which switches to it with gogo.  A
 * goroutine gives its M back with mcall(fn): save its context, switch to
 * g0, run fn (park_m, gosched_m, goexit0), which ends in schedule() again.
 * Work that must not grow a goroutine's stack runs on g0 by systemstack.
 *
 * Finding work, in findrunnable's order: every 61st schedtick the global
 * queue first, so that two goroutines handing work back and forth on one
 * P's runnext cannot starve it (61 is Go's: prime, so it does not beat
 * with a program's own period); then runnext and the local queue; the
 * global queue; timers due on this P; then stealing half of another P's
 * queue (runqsteal), visiting the Ps in a random coprime order, runnext
 * and timers only on the last of four rounds.  Before giving up its P an M
 * looks at the global queue under sched.lock.
 *
 * Spinning Ms.  An M that looks for work without having found any is
 * "spinning".  Whoever makes a goroutine runnable (newproc, ready) wakes
 * an idle P with a spinning M (wakep) only if no M spins already, and an
 * M stops spinning when it finds work and then wakes another (resetspinning):
 * this keeps at most one or two Ms searching while there is unclaimed work
 * instead of waking an M for every goroutine.  The race: a spinning M that
 * finds nothing drops spinning, then looks at every run queue and timer
 * once more (checkRunqsNoP, checkTimersNoP) before it sleeps, so that a
 * goroutine readied between its last look and the decrement is seen either
 * by it or by the readier, who then sees nmspinning == 0 and wakes an M.
 * At most half the busy Ps' worth of Ms spin at once.
 *
 * Timers.  Each P keeps a 4-ary heap (time.c).  Go sleeps in netpoll until
 * the first timer; this runtime has no netpoller, so exactly one idle M
 * (the one that swaps sched.lastpoll to 0) sleeps on a futex until the
 * earliest timer of every P, and others park on their notes.  Adding an
 * earlier timer wakes it (netpollBreak).  One sleeper rather than many:
 * every idle M waking at every timer would be a thundering herd.
 *
 * Preemption.  sysmon (sysmon.c), a thread without a P, marks a goroutine
 * that has run for 10 ms: stackguard0 = stackPreempt, so its next checked
 * function entry calls morestack, which parks it like Gosched; and, as Go
 * 1.14+, it sends SIGURG so that a loop without calls stops too, at a safe
 * point, through asyncPreempt (preempt.c).  CROSSRT_PREEMPTOFF=1 turns
 * sysmon's preemption off so that traced schedules do not depend on time.
 *
 * The context switch saves more than Go's.  Go's internal ABI has no
 * callee-saved registers, so Go's gogo restores only sp, pc, g and the
 * frame pointer.  Here goroutines are C functions under each ISA's C ABI:
 * a C caller of mcall expects its callee-saved registers (and the FP
 * control state) intact when it resumes, so gogo is musl's longjmp - the
 * full callee-saved set - and that is what the probes' facts check.
 *
 * What differs from Go, and why:
 * - no garbage collector: gs, stacks, sudogs and defers are recycled on
 *   free lists; goroutine stacks have a fixed size (CROSSRT_STACKSIZE) with
 *   the entry check and, while the map count allows, a guard page
 *   (stack.c), no copying stacks, since C code holds pointers into its
 *   stack;
 * - no syscall handoff (entersyscall/retake of Ps in syscalls) and no
 *   netpoller: the runtime's only blocking syscalls are its own futexes;
 * - no locked Ms, no cgo, no GC workers: nmsys counts only sysmon;
 * - stacks and heap at fixed addresses (the arena), so that raw register
 *   values can be compared across engines, not only their names.
 */
#include "runtime.h"
#include "panic.h"
#include "backend.h"
#include "debug.h"

#define G0STACKSIZE	(64 * 1024)
#define MAXPROCS	256
#define GOIDCACHEBATCH	16

struct schedt sched;
struct m m0;
struct g g0;
struct p **allp;
int32_t gomaxprocs;
int32_t ncpu;
struct m *allm;
uintptr stacksize = 64 * 1024;

const char *const waitReasonStrings[] = { WAITREASONS(WAITREASON_TEXT) };

_Static_assert(offsetof(struct gobuf, sp) == GOBUF_SP, "gobuf.sp");
_Static_assert(offsetof(struct gobuf, pc) == GOBUF_PC, "gobuf.pc");
_Static_assert(offsetof(struct gobuf, g) == GOBUF_G, "gobuf.g");
_Static_assert(offsetof(struct gobuf, ctxt) == GOBUF_CTXT, "gobuf.ctxt");
_Static_assert(offsetof(struct gobuf, lr) == GOBUF_LR, "gobuf.lr");
_Static_assert(offsetof(struct gobuf, bp) == GOBUF_BP, "gobuf.bp");
_Static_assert(offsetof(struct gobuf, regs) == GOBUF_REGS, "gobuf.regs");
_Static_assert(sizeof(struct gobuf) == GOBUF_SIZE, "gobuf size");
_Static_assert(offsetof(struct g, stack.lo) == G_STACKLO, "g.stack.lo");
_Static_assert(offsetof(struct g, stack.hi) == G_STACKHI, "g.stack.hi");
_Static_assert(offsetof(struct g, stackguard0) == G_STACKGUARD0, "g.stackguard0");
_Static_assert(offsetof(struct g, stackguard1) == G_STACKGUARD1, "g.stackguard1");
_Static_assert(offsetof(struct g, m) == G_M, "g.m");
_Static_assert(offsetof(struct g, sched) == G_SCHED, "g.sched");
_Static_assert(offsetof(struct g, goid) == G_GOID, "g.goid");
_Static_assert(offsetof(struct g, atomicstatus) == G_STATUS, "g.atomicstatus");
_Static_assert(offsetof(struct m, tls) == M_TLS, "m.tls");
_Static_assert(offsetof(struct m, g0) == M_G0, "m.g0");
_Static_assert(offsetof(struct m, curg) == M_CURG, "m.curg");
_Static_assert(offsetof(struct m, gsignal) == M_GSIGNAL, "m.gsignal");
_Static_assert(offsetof(struct m, id) == M_ID, "m.id");

static struct g *findrunnable(bool *inheritTime);
static void runfinq(void *arg);

/* Go's isSystemGoroutine, for the runtime's one: runfinq (it runs no finalizers). */
static bool isSystemGoroutine(const struct g *gp)
{
	return gp->startfn == runfinq;
}

static struct m *acquirem(void)
{
	struct m *mp = getg()->m;

	mp->locks++;
	return mp;
}

static void releasem(struct m *mp)
{
	struct g *gp = getg();

	if (--mp->locks == 0 && gp->preempt)
		gp->stackguard0 = stackPreempt;
}

void casgstatus(struct g *gp, uintptr old, uintptr new)
{
	DEBUGCHECK(gstatusok(old, new), "casgstatus: bad incoming values");
	if (!__atomic_compare_exchange_n(&gp->atomicstatus, &old, new, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
		print("runtime: casgstatus: oldval=%lu newval=%lu\n", (unsigned long)old,
		      (unsigned long)new);
		throw("casgstatus: bad incoming values");
	}
}

/* xorshift64+ halves, seeded per M from its id and CROSSRT_SEED. */
uint32_t fastrand(void)
{
	struct m *mp = getg()->m;
	uint32_t s1 = mp->fastrand[0], s0 = mp->fastrand[1];

	s1 ^= s1 << 17;
	s1 = s1 ^ s0 ^ s1 >> 7 ^ s0 >> 16;
	mp->fastrand[0] = s0;
	mp->fastrand[1] = s1;
	return s0 + s1;
}

uint32_t fastrandn(uint32_t n)
{
	return (uint32_t)(((uint64_t)fastrand() * n) >> 32);
}

static uint64_t splitmix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ x >> 30) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ x >> 27) * 0x94d049bb133111ebULL;
	return x ^ x >> 31;
}

static uint64_t seed;

/* --- Gs ------------------------------------------------------------------ */

static struct g *malg(uintptr n)
{
	struct g *gp = persistentalloc(sizeof *gp);

	memset(gp, 0, sizeof *gp);
	if (n)
		stackalloc(gp, n);
	return gp;
}

static void allgadd(struct g *gp)
{
	lock(&sched.allglock);
	gp->alllink = sched.allgs;
	sched.allgs = gp;
	unlock(&sched.allglock);
}

/* A dead g goes on its P's free list, keeping its stack; spill half when long. */
static void gfput(struct p *pp, struct g *gp)
{
	DEBUGCHECK(gp->atomicstatus == Gdead, "gfput: bad status (not Gdead)");
	gp->schedlink = pp->gFree.head;
	pp->gFree.head = gp;
	if (++pp->gFree.n < 64)
		return;
	lock(&sched.gFreeLock);
	while (pp->gFree.n >= 32) {
		struct g *g1 = pp->gFree.head;
		pp->gFree.head = g1->schedlink;
		pp->gFree.n--;
		g1->schedlink = sched.gFree.head;
		sched.gFree.head = g1;
		sched.gFree.n++;
	}
	unlock(&sched.gFreeLock);
}

static struct g *gfget(struct p *pp)
{
	struct g *gp;

	if (pp->gFree.head == NULL && __atomic_load_n(&sched.gFree.n, __ATOMIC_RELAXED) > 0) {
		lock(&sched.gFreeLock);
		while (pp->gFree.n < 32 && sched.gFree.head) {
			gp = sched.gFree.head;
			sched.gFree.head = gp->schedlink;
			sched.gFree.n--;
			gp->schedlink = pp->gFree.head;
			pp->gFree.head = gp;
			pp->gFree.n++;
		}
		unlock(&sched.gFreeLock);
	}
	gp = pp->gFree.head;
	if (gp) {
		pp->gFree.head = gp->schedlink;
		pp->gFree.n--;
		gp->schedlink = NULL;
	}
	return gp;
}

static struct g *newproc1(void (*fn)(void *), void *arg)
{
	struct p *pp = getg()->m->p;
	struct g *newg = gfget(pp);

	if (newg == NULL) {
		newg = malg(stacksize);
		casgstatus(newg, Gidle, Gdead);
		allgadd(newg);
	}
	DEBUGCHECK(newg->atomicstatus == Gdead, "newproc1: new g is not Gdead");
	DEBUGCHECK(newg->stack.hi != 0, "newproc1: newg missing stack");
	memset(&newg->sched, 0, sizeof newg->sched);
	newg->sched.sp = newg->stack.hi;
	newg->sched.pc = (uintptr)goexit;
	newg->sched.g = (uintptr)newg;
	gostartcall(&newg->sched, fn, arg);
	newg->startfn = fn;
	newg->startarg = arg;
	newg->waitreason = 0;
	if (pp->goidcache == pp->goidcacheend) {
		pp->goidcache = (uint64_t)__atomic_add_fetch(&sched.goidgen, GOIDCACHEBATCH,
							     __ATOMIC_RELAXED);
		pp->goidcache -= GOIDCACHEBATCH - 1;
		pp->goidcacheend = pp->goidcache + GOIDCACHEBATCH;
	}
	newg->goid = (int64_t)pp->goidcache++;
	newg->chainseq = 0;
	casgstatus(newg, Gdead, Grunnable);
	__atomic_add_fetch(&sched.gcount, 1, __ATOMIC_RELAXED);
	recordg(newg);
	return newg;
}

struct newprocargs {
	void (*fn)(void *);
	void *arg;
};

static void newproc_m(void *p)
{
	struct newprocargs *a = p;
	struct g *newg = newproc1(a->fn, a->arg);

	runqput(getg()->m->p, newg, true);
	if (__atomic_load_n(&sched.mainStarted, __ATOMIC_RELAXED))
		wakep();
}

/* go fn(arg): a new goroutine goes to runnext, as Go's does. */
PROBE void newproc(void (*fn)(void *), void *arg)
{
	struct newprocargs a = { fn, arg };

	checksystemstack();
	systemstack(newproc_m, &a);
}

/* --- Ms ------------------------------------------------------------------ */

static int64_t mReserveID(void)
{
	return sched.mnext++;
}

static void mcommoninit(struct m *mp, int64_t id)
{
	uint64_t r;

	lock(&sched.lock);
	mp->id = id >= 0 ? id : mReserveID();
	r = splitmix(seed ^ splitmix((uint64_t)mp->id));
	mp->fastrand[0] = (uint32_t)r | 1;
	mp->fastrand[1] = (uint32_t)(r >> 32) | 1;
	mp->alllink = allm;
	__atomic_store_n(&allm, mp, __ATOMIC_RELEASE);
	unlock(&sched.lock);
}

static struct m *allocm(struct p *pp, void (*fn)(void), int64_t id)
{
	struct m *mp = persistentalloc(sizeof *mp);

	memset(mp, 0, sizeof *mp);
	mcommoninit(mp, id);
	mp->mstartfn = fn;
	mp->nextp = pp;
	mp->g0 = malg(G0STACKSIZE);
	mp->g0->m = mp;
	mp->g0->atomicstatus = Grunning;
	mp->g0->sched.sp = mp->g0->stack.hi;
	mp->tls[0] = (uintptr)mp->g0;
	recordm(mp);
	return mp;
}

/* Start a thread running an M; it takes pp when it starts. */
void newm(void (*fn)(void), struct p *pp, int64_t id)
{
	newosproc(allocm(pp, fn, id), mstart);
}

/* The thread of a new M, and m0 once it has a main goroutine. */
PROBE void mstart(void)
{
	struct g *gp = getg();
	struct m *mp = gp->m;

	/* mcall and systemstack start from the top of g0's stack. */
	gp->sched.sp = gp->stack.hi;
	gp->sched.pc = 0;
	minit();
	if (mp->mstartfn)
		mp->mstartfn();
	if (mp != &m0) {
		acquirep(mp->nextp);
		mp->nextp = NULL;
	}
	schedule();
}

static void mspinning(void)
{
	getg()->m->spinning = true;
}

static void mput(struct m *mp)
{
	mp->schedlink = sched.midle;
	sched.midle = mp;
	sched.nmidle++;
	checkdead();
}

static struct m *mget(void)
{
	struct m *mp = sched.midle;

	if (mp) {
		sched.midle = mp->schedlink;
		sched.nmidle--;
	}
	return mp;
}

/* Park the M until startm hands it a P. */
static void stopm(void)
{
	struct m *mp = getg()->m;

	if (mp->locks)
		throw("stopm holding locks");
	if (mp->p)
		throw("stopm holding p");
	if (mp->spinning)
		throw("stopm spinning");
	lock(&sched.lock);
	mput(mp);
	unlock(&sched.lock);
	notesleep(&mp->park);
	noteclear(&mp->park);
	acquirep(mp->nextp);
	mp->nextp = NULL;
}

/* Run pp (or an idle P) on an idle M, or a new one. */
void startm(struct p *pp, bool spinning)
{
	struct m *mp = acquirem(), *nmp;

	lock(&sched.lock);
	if (pp == NULL) {
		pp = pidleget();
		if (pp == NULL) {
			unlock(&sched.lock);
			if (spinning && __atomic_sub_fetch(&sched.nmspinning, 1, __ATOMIC_SEQ_CST) < 0)
				throw("startm: negative nmspinning");
			releasem(mp);
			return;
		}
	}
	nmp = mget();
	if (nmp == NULL) {
		int64_t id = mReserveID();
		unlock(&sched.lock);
		newm(spinning ? mspinning : NULL, pp, id);
		releasem(mp);
		return;
	}
	unlock(&sched.lock);
	if (nmp->spinning)
		throw("startm: m is spinning");
	if (nmp->nextp)
		throw("startm: m has p");
	if (spinning && !runqempty(pp))
		throw("startm: p has runnable gs");
	nmp->spinning = spinning;
	nmp->nextp = pp;
	notewakeup(&nmp->park);
	releasem(mp);
}

/* Another P could run a g: start a spinning M unless one already looks. */
void wakep(void)
{
	int32_t zero = 0;

	if (__atomic_load_n(&sched.npidle, __ATOMIC_SEQ_CST) == 0)
		return;
	if (__atomic_load_n(&sched.nmspinning, __ATOMIC_SEQ_CST) != 0 ||
	    !__atomic_compare_exchange_n(&sched.nmspinning, &zero, 1, false, __ATOMIC_SEQ_CST,
					 __ATOMIC_RELAXED))
		return;
	startm(NULL, true);
}

static void resetspinning(void)
{
	struct m *mp = getg()->m;

	if (!mp->spinning)
		throw("resetspinning: not a spinning m");
	mp->spinning = false;
	if (__atomic_sub_fetch(&sched.nmspinning, 1, __ATOMIC_SEQ_CST) < 0)
		throw("findrunnable: negative nmspinning");
	wakep();
}

/* --- Ps ------------------------------------------------------------------ */

/* Associate the current M with pp. */
static void wirep(struct p *pp)
{
	struct m *mp = getg()->m;

	if (mp->p)
		throw("wirep: already in go");
	if (pp->m || pp->status != Pidle) {
		print("wirep: p->m=%p p->status=%u\n", (void *)pp->m, pp->status);
		throw("wirep: invalid p state");
	}
	mp->p = pp;
	pp->m = mp;
	__atomic_store_n(&pp->status, Prunning, __ATOMIC_RELEASE);
}

void acquirep(struct p *pp)
{
	wirep(pp);
}

struct p *releasep(void)
{
	struct m *mp = getg()->m;
	struct p *pp = mp->p;

	if (pp == NULL || pp->m != mp || pp->status != Prunning)
		throw("releasep: invalid p state");
	mp->p = NULL;
	pp->m = NULL;
	__atomic_store_n(&pp->status, Pidle, __ATOMIC_RELEASE);
	return pp;
}

/* Under sched.lock. */
void pidleput(struct p *pp)
{
	if (!runqempty(pp))
		throw("pidleput: P has non-empty run queue");
	pp->link = sched.pidle;
	sched.pidle = pp;
	__atomic_add_fetch(&sched.npidle, 1, __ATOMIC_SEQ_CST);
}

struct p *pidleget(void)
{
	struct p *pp = sched.pidle;

	if (pp) {
		sched.pidle = pp->link;
		__atomic_sub_fetch(&sched.npidle, 1, __ATOMIC_SEQ_CST);
	}
	return pp;
}

static void procresize(int32_t nprocs)
{
	allp = persistentalloc(nprocs * sizeof *allp);
	for (int32_t i = 0; i < nprocs; i++) {
		struct p *pp = persistentalloc(sizeof *pp);
		memset(pp, 0, sizeof *pp);
		pp->id = i;
		pp->status = Pidle;
		allp[i] = pp;
	}
	gomaxprocs = nprocs;
	stealOrderReset(nprocs);
	acquirep(allp[0]);
	lock(&sched.lock);
	for (int32_t i = nprocs - 1; i > 0; i--)
		pidleput(allp[i]);
	unlock(&sched.lock);
}

/* --- running and stopping gs -------------------------------------------- */

/* Run gp on the current M.  inheritTime: gp takes over the current time slice. */
PROBE void execute(struct g *gp, bool inheritTime)
{
	struct m *mp = getg()->m;

	mp->curg = gp;
	gp->m = mp;
	casgstatus(gp, Grunnable, Grunning);
	gp->waitsince = 0;
	gp->preempt = false;
	gp->stackguard0 = gp->stack.lo + STACKGUARD;
	if (!inheritTime)
		mp->p->schedtick++;
	checkgogo(&gp->sched);
	gogo(&gp->sched);
}

/* One round of scheduling: find a runnable goroutine and execute it.  Never returns. */
PROBE void schedule(void)
{
	struct m *mp = getg()->m;
	bool inheritTime = false;
	struct g *gp;

	if (mp->locks)
		throw("schedule: holding locks");
	if (mp->spinning && !runqempty(mp->p))
		throw("schedule: spinning with local work");
	mp->p->preempt = false;
	gp = findrunnable(&inheritTime);
	if (mp->spinning)
		resetspinning();
	execute(gp, inheritTime);
}

static void dropg(void)
{
	struct m *mp = getg()->m;

	mp->curg->m = NULL;
	mp->curg = NULL;
}

/* --- findrunnable -------------------------------------------------------- */

/* Visit every P once, starting anywhere, in a stride coprime with the count. */
static struct {
	uint32_t count;
	uint32_t ncoprimes;
	uint32_t coprimes[MAXPROCS];
} stealOrder;

static uint32_t gcd(uint32_t a, uint32_t b)
{
	while (b) {
		uint32_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

void stealOrderReset(uint32_t count)
{
	stealOrder.count = count;
	stealOrder.ncoprimes = 0;
	for (uint32_t i = 1; i <= count; i++)
		if (gcd(i, count) == 1)
			stealOrder.coprimes[stealOrder.ncoprimes++] = i;
}

/*
 * Try to steal a runnable g or run a timer of another P.  On the last
 * of four rounds, runnext and timers are fair game too.
 */
static struct g *stealWork(int64_t *now, int64_t *pollUntil, bool *newWork, bool *inheritTime)
{
	struct p *pp = getg()->m->p;

	*newWork = false;
	for (int i = 0; i < 4; i++) {
		bool last = i == 3;
		uint32_t r = fastrand();
		uint32_t pos = r % stealOrder.count;
		uint32_t inc = stealOrder.coprimes[r / stealOrder.count % stealOrder.ncoprimes];

		for (uint32_t k = 0; k < stealOrder.count; k++, pos = (pos + inc) % stealOrder.count) {
			struct p *p2 = allp[pos];
			struct g *gp;

			if (p2 == pp)
				continue;
			if (last && haveTimers(p2)) {
				int64_t w;
				bool ran;
				*now = checkTimers(p2, *now, &w, &ran);
				if (w != 0 && (*pollUntil == 0 || w < *pollUntil))
					*pollUntil = w;
				if (ran) {
					if ((gp = runqget(pp, inheritTime)) != NULL)
						return gp;
					*newWork = true;
				}
			}
			if (__atomic_load_n(&p2->status, __ATOMIC_ACQUIRE) != Pidle &&
			    (gp = runqsteal(pp, p2, last)) != NULL) {
				*inheritTime = false;
				return gp;
			}
		}
	}
	return NULL;
}

/* After dropping out of spinning: is there work we missed?  Return an idle P for it. */
static struct p *checkRunqsNoP(void)
{
	for (int32_t i = 0; i < gomaxprocs; i++) {
		struct p *p2 = allp[i];
		if (__atomic_load_n(&p2->status, __ATOMIC_ACQUIRE) != Pidle && !runqempty(p2)) {
			struct p *pp;
			lock(&sched.lock);
			pp = pidleget();
			unlock(&sched.lock);
			return pp;
		}
	}
	return NULL;
}

static int64_t checkTimersNoP(int64_t pollUntil)
{
	for (int32_t i = 0; i < gomaxprocs; i++) {
		int64_t w = __atomic_load_n(&allp[i]->timer0When, __ATOMIC_ACQUIRE);
		if (w != 0 && (pollUntil == 0 || w < pollUntil))
			pollUntil = w;
	}
	return pollUntil;
}

/* Sleep until the next timer or a netpollBreak. */
static void netpollsleep(int64_t delay)
{
	futexsleep(&sched.pollbreak, 0, delay);
	__atomic_store_n(&sched.pollbreak, 0, __ATOMIC_RELEASE);
}

void netpollBreak(void)
{
	if (__atomic_exchange_n(&sched.pollbreak, 1, __ATOMIC_ACQ_REL) == 0)
		futexwakeup(&sched.pollbreak, 1);
}

/*
 * Find a runnable goroutine: local and global queues, timers, other Ps.
 * Without any, give up the P and sleep; return with a P and a g.
 */
static struct g *findrunnable(bool *inheritTime)
{
	struct m *mp = getg()->m;
	struct p *pp;
	struct g *gp;
	int64_t now, pollUntil;
	bool ran, newWork, wasSpinning;

top:
	pp = mp->p;
	now = checkTimers(pp, 0, &pollUntil, &ran);

	/* Check the global queue once in a while, for fairness. */
	if (pp->schedtick % 61 == 0 && __atomic_load_n(&sched.runq.size, __ATOMIC_RELAXED) > 0) {
		lock(&sched.lock);
		gp = globrunqget(pp, 1);
		unlock(&sched.lock);
		if (gp) {
			*inheritTime = false;
			return gp;
		}
	}
	if ((gp = runqget(pp, inheritTime)) != NULL)
		return gp;
	if (__atomic_load_n(&sched.runq.size, __ATOMIC_RELAXED) != 0) {
		lock(&sched.lock);
		gp = globrunqget(pp, 0);
		unlock(&sched.lock);
		if (gp) {
			*inheritTime = false;
			return gp;
		}
	}

	/* Spin only while fewer Ms spin than half the busy Ps. */
	if (mp->spinning || 2 * __atomic_load_n(&sched.nmspinning, __ATOMIC_SEQ_CST) <
				    gomaxprocs - __atomic_load_n(&sched.npidle, __ATOMIC_SEQ_CST)) {
		if (!mp->spinning) {
			mp->spinning = true;
			__atomic_add_fetch(&sched.nmspinning, 1, __ATOMIC_SEQ_CST);
		}
		gp = stealWork(&now, &pollUntil, &newWork, inheritTime);
		if (gp)
			return gp;
		if (newWork)
			goto top;
	}

	lock(&sched.lock);
	if (sched.runq.size != 0) {
		gp = globrunqget(pp, 0);
		unlock(&sched.lock);
		*inheritTime = false;
		return gp;
	}
	if (releasep() != pp)
		throw("findrunnable: wrong p");
	pidleput(pp);
	unlock(&sched.lock);

	/*
	 * Stop spinning before the last look at all run queues and timers,
	 * so that whoever adds work after it sees npidle > 0, nmspinning == 0
	 * and wakes an M.
	 */
	wasSpinning = mp->spinning;
	if (mp->spinning) {
		mp->spinning = false;
		if (__atomic_sub_fetch(&sched.nmspinning, 1, __ATOMIC_SEQ_CST) < 0)
			throw("findrunnable: negative nmspinning");
		if ((pp = checkRunqsNoP()) != NULL) {
			acquirep(pp);
			mp->spinning = true;
			__atomic_add_fetch(&sched.nmspinning, 1, __ATOMIC_SEQ_CST);
			goto top;
		}
		pollUntil = checkTimersNoP(pollUntil);
	}

	/* Become the M that sleeps until the next timer, if none is. */
	if (pollUntil != 0 && __atomic_exchange_n(&sched.lastpoll, 0, __ATOMIC_ACQ_REL) != 0) {
		int64_t delay;

		__atomic_store_n(&sched.pollUntil, pollUntil, __ATOMIC_RELEASE);
		delay = pollUntil - nanotime();
		if (delay < 0)
			delay = 0;
		netpollsleep(delay);
		__atomic_store_n(&sched.pollUntil, 0, __ATOMIC_RELEASE);
		__atomic_store_n(&sched.lastpoll, nanotime(), __ATOMIC_RELEASE);
		lock(&sched.lock);
		pp = pidleget();
		unlock(&sched.lock);
		if (pp) {
			acquirep(pp);
			if (wasSpinning) {
				mp->spinning = true;
				__atomic_add_fetch(&sched.nmspinning, 1, __ATOMIC_SEQ_CST);
			}
			goto top;
		}
	} else if (pollUntil != 0) {
		int64_t w = __atomic_load_n(&sched.pollUntil, __ATOMIC_ACQUIRE);
		if (w == 0 || w > pollUntil)
			netpollBreak();
	}
	stopm();
	goto top;
}

/*
 * Called when an M goes idle, under sched.lock: if no M runs and no
 * timer can wake anything, every goroutine waits forever.
 */
void checkdead(void)
{
	int32_t run = (int32_t)sched.mnext - sched.nmidle - sched.nmidlelocked - sched.nmsys;
	int grunning = 0;

	if (run > 0)
		return;
	if (run < 0) {
		print("runtime: checkdead: nmidle=%d nmidlelocked=%d mcount=%ld nmsys=%d\n",
		      sched.nmidle, sched.nmidlelocked, (long)sched.mnext, sched.nmsys);
		throw("checkdead: inconsistent counts");
	}
	lock(&sched.allglock);
	for (struct g *gp = sched.allgs; gp; gp = gp->alllink) {
		if (isSystemGoroutine(gp))
			continue;
		switch (__atomic_load_n(&gp->atomicstatus, __ATOMIC_ACQUIRE)) {
		case Gwaiting:
			grunning++;
			break;
		case Grunnable:
		case Grunning:
		case Gsyscall:
			print("runtime: checkdead: find g %ld in status %lu\n", (long)gp->goid,
			      (unsigned long)gp->atomicstatus);
			throw("checkdead: runnable g");
		}
	}
	unlock(&sched.allglock);
	if (grunning == 0)
		fatal("no goroutines (main called runtime.Goexit) - deadlock!");
	for (int32_t i = 0; i < gomaxprocs; i++)
		if (haveTimers(allp[i]))
			return;
	fatal("all goroutines are asleep - deadlock!");
}

/* --- parking ------------------------------------------------------------- */

static void park_m(struct g *gp)
{
	struct m *mp = getg()->m;
	bool (*fn)(struct g *, void *) = mp->waitunlockf;

	casgstatus(gp, Grunning, Gwaiting);
	dropg();
	if (fn) {
		bool ok = fn(gp, mp->waitlock);
		mp->waitunlockf = NULL;
		mp->waitlock = NULL;
		if (!ok) {
			casgstatus(gp, Gwaiting, Grunnable);
			execute(gp, true);
		}
	}
	schedule();
}

/*
 * Put the current goroutine into a waiting state and call unlockf(gp,
 * lock) on g0; if it returns false, the goroutine resumes at once.
 */
PROBE void gopark(bool (*unlockf)(struct g *, void *), void *lock, uintptr reason)
{
	struct m *mp = acquirem();
	struct g *gp = mp->curg;

	if (gp->atomicstatus != Grunning)
		throw("gopark: bad g status");
	mp->waitlock = lock;
	mp->waitunlockf = unlockf;
	gp->waitreason = reason;
	releasem(mp);
	checkmcall();
	mcall(park_m);
}

static bool parkunlock_c(struct g *gp, void *l)
{
	(void)gp;
	unlock(l);
	return true;
}

void goparkunlock(struct mutex *l, uintptr reason)
{
	gopark(parkunlock_c, l, reason);
}

static void ready(void *arg)
{
	struct g *gp = arg;
	struct m *mp = acquirem();

	if (gp->atomicstatus != Gwaiting)
		throw("bad g->status in ready");
	casgstatus(gp, Gwaiting, Grunnable);
	runqput(mp->p, gp, true);
	wakep();
	releasem(mp);
}

/* Make a parked goroutine runnable: it goes to runnext. */
PROBE void goready(struct g *gp)
{
	checksystemstack();
	systemstack(ready, gp);
}

static NORETURN void goschedImpl(struct g *gp)
{
	if (gp->atomicstatus != Grunning)
		throw("bad g status");
	casgstatus(gp, Grunning, Grunnable);
	dropg();
	lock(&sched.lock);
	globrunqput(gp);
	unlock(&sched.lock);
	schedule();
}

static void gosched_m(struct g *gp)
{
	goschedImpl(gp);
}

/* Yield the processor: the caller goes to the global run queue. */
PROBE void Gosched(void)
{
	checkmcall();
	mcall(gosched_m);
}

/* Preempted, at morestack or asyncPreempt: like Gosched. */
void gopreempt_m(struct g *gp)
{
	goschedImpl(gp);
}

static void goexit0(struct g *gp)
{
	struct m *mp = getg()->m;

	casgstatus(gp, Grunning, Gdead);
	gp->m = NULL;
	gp->waitreason = 0;
	gp->param = NULL;
	gp->waiting = NULL;
	gp->preempt = false;
	dropg();
	gfput(mp->p, gp);
	__atomic_sub_fetch(&sched.gcount, 1, __ATOMIC_RELAXED);
	schedule();
}

/* A goroutine's function has returned (through goexit): finish it on g0. */
void goexit1(void)
{
	DEBUGCHECK(getg()->_defer == NULL, "goexit: defer chain not empty");
	checkmcall();
	mcall(goexit0);
	throw("goexit1: goexit0 returned");
}

/* --- start-up ------------------------------------------------------------ */

static void startsysmon(void *arg)
{
	struct m *mp;

	(void)arg;
	/* Not through mstart: sysmon never runs gs, and hits no probe. */
	mp = allocm(NULL, sysmon, -1);
	/*
	 * Counted before it runs, so that the M parking the last goroutine is
	 * the one that finds a deadlock, whatever the threads' timing.
	 */
	lock(&sched.lock);
	sched.nmsys++;
	unlock(&sched.lock);
	newosproc(mp, sysmonstart);
}

/*
 * The finalizer goroutine.  Go's os package sets finalizers on its files
 * at init, so every Go program that imports it (fmt does) has runfinq,
 * made by createfing before main.main, parked for good once it runs: it sits
 * in runnext when main.main starts, and main's first go statement kicks it
 * to the local queue, one place ahead of the program's goroutines, which
 * moves where the queue overflows to the global one.  crossrt has no
 * finalizers; its runfinq only parks, so that its queues hold what Go's
 * do.  Like Go's, it is a system goroutine: checkdead does not count it.
 */
static void runfinq(void *arg)
{
	(void)arg;
	for (;;)
		gopark(NULL, NULL, waitReasonFinalizerWait);
}

/* Not inlined: its call to newproc is the runtime's, by its name (emu/trace/impl.c). */
static __attribute__((noinline, noipa)) void createfing(void)
{
	newproc(runfinq, NULL);
}

static void runtime_main(void *arg)
{
	(void)arg;
	__atomic_store_n(&sched.mainStarted, true, __ATOMIC_RELEASE);
	checksystemstack();
	systemstack(startsysmon, NULL);
	/*
	 * Go's schedtick when main.main starts: before it, Go's main runs
	 * runtime.init and gcenable, and its P executes bgsweep, bgscavenge
	 * and forcegchelper off runnext or the queue; four of those executes
	 * take a new time slice (the first of main and of bgscavenge inherit
	 * one).  The tick decides when findrunnable looks at the global queue
	 * first (every 61st), so the program's goroutines run in Go's order.
	 */
	getg()->m->p->schedtick += 4;
	createfing();
	main_main();
	exit(0);
}

/* First code on m0's g0 stack (_start calls it): create the main goroutine and start scheduling. */
void rt0_go1(void)
{
	newproc(runtime_main, NULL);
	mstart();
}

static int64_t getenvint(const char *name, int64_t def, int64_t lo, int64_t hi)
{
	bool ok;
	int64_t v = atoi64(gogetenv(name), &ok);

	return ok && v >= lo && v <= hi ? v : def;
}

void schedinit(void)
{
	struct g *g0p = &g0;
	int64_t n;

	m0.g0 = g0p;
	g0p->m = &m0;
	g0p->stack.lo = (uintptr)sysAlloc(G0STACKSIZE);
	g0p->stack.hi = g0p->stack.lo + G0STACKSIZE;
	g0p->stackguard0 = g0p->stack.lo + STACKGUARD;
	g0p->stackguard1 = g0p->stackguard0;
	g0p->atomicstatus = Grunning;
	m0.tls[0] = (uintptr)g0p;
	settls(m0.tls);

	seed = (uint64_t)getenvint("CROSSRT_SEED", 0, 0, INT64_MAX);
	asyncpreemptoff = getenvint("CROSSRT_ASYNCPREEMPTOFF", 0, 0, 1) == 1;
	preemptoff = getenvint("CROSSRT_PREEMPTOFF", 0, 0, 1) == 1;
	mcommoninit(&m0, -1);
	recordm(&m0);
	ncpu = getproccount();
	n = getenvint("CROSSRT_PROCS", ncpu, 1, MAXPROCS);
	n = n < MAXPROCS ? n : MAXPROCS;
	stacksize = (uintptr)getenvint("CROSSRT_STACKSIZE", (int64_t)stacksize, 16384, 1L << 30);
	stacksize = (stacksize + 4095) & ~(uintptr)4095;
	maxstackguards = (uint32_t)getenvint("CROSSRT_STACKGUARDS", maxstackguards, 0, INT32_MAX);
	sched.lastpoll = nanotime();
	procresize((int32_t)n);
	initsig();
	initpreempt();
}

/*
 * Entry from _start on the OS stack; returns the top of m0's g0 stack.
 * _start moves there, clears every register and calls rt0_go1, so that
 * snapshots do not depend on where the OS put the initial stack.
 */
uintptr rt0_go(uintptr *sp)
{
	goargs(sp);
	recordinit(gogetenv("CROSSRT_TRACEFD"));
	schedinit();
	for (int32_t i = 0; i < gomaxprocs; i++)
		recordobj(OBJ_P, allp[i]->id, allp[i], sizeof *allp[i]);
	return g0.stack.hi;
}

/* mcall's failure exits, reached from assembly. */
void badmcall(void)
{
	throw("runtime: mcall called on m->g0 stack");
}

void badmcall2(void)
{
	throw("runtime: mcall function returned");
}
