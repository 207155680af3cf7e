/*
 * Goroutine creation and the scheduler: Go's proc.go on one M for now.
 * schedule() finds a runnable g and execute()s it with gogo; a goroutine
 * gives the M back with mcall, which runs a *_m function on g0.
 */
#include "runtime.h"
#include "tls.h"

#define STACKSIZE	(64 * 1024)
#define G0STACKSIZE	(64 * 1024)
#define STACKGUARD	928

struct schedt sched;
struct m m0;
struct g g0;
struct p p0;
struct p *allp[1] = { &p0 };
int32_t gomaxprocs = 1;

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

static void casgstatus(struct g *gp, uintptr old, uintptr new)
{
	if (gp->atomicstatus != old)
		throw("casgstatus: bad incoming value");
	__atomic_store_n(&gp->atomicstatus, new, __ATOMIC_RELEASE);
}

/* Allocate a g with a stack of the given size; lo/hi and stackguard0 describe it. */
static struct g *malg(uintptr stacksize)
{
	struct g *gp = persistentalloc(sizeof *gp);

	memset(gp, 0, sizeof *gp);
	gp->stack.lo = (uintptr)sysAlloc(stacksize);
	gp->stack.hi = gp->stack.lo + stacksize;
	gp->stackguard0 = gp->stack.lo + STACKGUARD;
	gp->stackguard1 = gp->stackguard0;
	return gp;
}

static void newproc1(void (*fn)(void *), void *arg, struct g *callergp)
{
	struct g *newg = malg(STACKSIZE);

	(void)callergp;
	newg->sched.sp = newg->stack.hi;
	newg->sched.pc = (uintptr)goexit;
	newg->sched.g = (uintptr)newg;
	gostartcall(&newg->sched, fn, arg);
	newg->startfn = fn;
	newg->startarg = arg;
	newg->goid = ++sched.goidgen;
	newg->atomicstatus = Gdead;
	casgstatus(newg, Gdead, Grunnable);
	newg->schedlink = sched.allgs;
	sched.allgs = newg;
	sched.gcount++;
	recordg(newg);
	runqput(getg()->m->p, newg, true);
}

/* go fn(arg): create a goroutine and put it in runnext, as Go does. */
PROBE void newproc(void (*fn)(void *), void *arg)
{
	newproc1(fn, arg, getg());
}

/* Run gp on the current M.  inheritTime: gp takes over the current time slice. */
static NORETURN void execute1(struct g *gp, bool inheritTime)
{
	struct m *mp = getg()->m;

	mp->curg = gp;
	gp->m = mp;
	casgstatus(gp, Grunnable, Grunning);
	if (!inheritTime)
		mp->p->schedtick++;
	gogo(&gp->sched);
}

static bool inherit;

PROBE void execute(struct g *gp)
{
	execute1(gp, inherit);
}

static struct g *findrunnable(void)
{
	struct p *pp = getg()->m->p;
	struct g *gp;

	if ((gp = runqget(pp)) != NULL)
		return gp;
	if (sched.runq.size > 0 && (gp = globrunqget()) != NULL)
		return gp;
	return NULL;
}

/* One round of scheduling: find a runnable goroutine and execute it.  Never returns. */
PROBE void schedule(void)
{
	struct p *pp = getg()->m->p;
	struct g *gp = NULL;

	inherit = false;
	/* Check the global queue once in a while, for fairness. */
	if (pp->schedtick % 61 == 0 && sched.runq.size > 0)
		gp = globrunqget();
	if (gp == NULL) {
		inherit = pp->runnext != NULL;
		gp = runqget(pp);
		if (gp == NULL)
			inherit = false;
	}
	if (gp == NULL)
		gp = findrunnable();
	if (gp == NULL)
		fatal("all goroutines are asleep - deadlock!");
	execute(gp);
}

static void dropg(void)
{
	struct m *mp = getg()->m;

	mp->curg->m = NULL;
	mp->curg = NULL;
}

static void gosched_m(struct g *gp)
{
	casgstatus(gp, Grunning, Grunnable);
	dropg();
	globrunqput(gp);
	schedule();
}

/* Yield the processor: the caller goes to the global run queue. */
PROBE void Gosched(void)
{
	mcall(gosched_m);
}

static void goexit0(struct g *gp)
{
	casgstatus(gp, Grunning, Gdead);
	dropg();
	sched.gcount--;
	schedule();
}

/* A goroutine's function has returned (through goexit): finish it on g0. */
void goexit1(void)
{
	mcall(goexit0);
	throw("goexit1: goexit0 returned");
}

static void runtime_main(void *arg)
{
	(void)arg;
	main_main();
	exit(0);
}

PROBE void mstart(void)
{
	struct g *gp = getg();

	/* mcall and systemstack start from the top of g0's stack. */
	gp->sched.sp = gp->stack.hi;
	gp->sched.pc = 0;
	schedule();
}

/* First code on m0's g0 stack: create the main goroutine and start scheduling. */
static void rt0_go1(void *arg)
{
	(void)arg;
	newproc(runtime_main, NULL);
	mstart();
}



void schedinit(void)
{
	struct g *g0p = &g0;

	m0.id = sched.mnext++;
	m0.g0 = g0p;
	m0.p = &p0;
	p0.m = &m0;
	g0p->m = &m0;
	g0p->stack.lo = (uintptr)sysAlloc(G0STACKSIZE);
	g0p->stack.hi = g0p->stack.lo + G0STACKSIZE;
	g0p->stackguard0 = g0p->stack.lo + STACKGUARD;
	g0p->stackguard1 = g0p->stackguard0;
	g0p->atomicstatus = Grunning;
	m0.tls[0] = (uintptr)g0p;
	settls(m0.tls);
	recordm(&m0);
}

/*
 * Entry from _start on the OS stack.  Everything after the switch runs
 * on stacks at fixed addresses, with callee-saved registers zeroed, so
 * snapshots do not depend on where the OS put the initial stack.
 */
void rt0_go(uintptr *sp)
{
	goargs(sp);
	recordinit(gogetenv("CROSSRT_TRACEFD"));
	schedinit();
	memset(&g0.sched, 0, sizeof g0.sched);
	g0.sched.sp = g0.stack.hi;
	g0.sched.pc = (uintptr)goexit;
	g0.sched.g = (uintptr)&g0;
	gostartcall(&g0.sched, rt0_go1, NULL);
	gogo(&g0.sched);
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
