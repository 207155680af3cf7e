/*
 * Goroutine stacks.  C frames cannot be moved, so a stack never grows:
 * morestack is either a preemption request (stackguard0 == stackPreempt)
 * or an overflow, which is fatal in Go's words.  A guard page below each
 * stack catches code that does not check, while the number of mappings
 * allows it (each guard splits a mapping).
 */
#include "runtime.h"
#include "backend.h"
#include "debug.h"

#define PAGESIZE	4096UL
#define PROT_NONE	0
#define MAXGUARDS	16384

static uint32_t nguards;

void stackalloc(struct g *gp, uintptr n)
{
	uintptr base = (uintptr)sysAlloc(n + PAGESIZE);

	if (__atomic_add_fetch(&nguards, 1, __ATOMIC_RELAXED) <= MAXGUARDS)
		mprotect((void *)base, PAGESIZE, PROT_NONE);
	gp->stack.lo = base + PAGESIZE;
	gp->stack.hi = gp->stack.lo + n;
	gp->stackguard0 = gp->stack.lo + STACKGUARD;
	gp->stackguard1 = gp->stackguard0;
}

static bool canPreemptM(struct m *mp)
{
	return mp->locks == 0 && mp->p != NULL && mp->p->status == Prunning;
}

/* On g0, with gp's context saved by morestack's mcall. */
static void newstack(struct g *gp)
{
	struct m *mp = getg()->m;
	uintptr sp = gp->sched.sp;

	if (__atomic_load_n(&gp->stackguard0, __ATOMIC_ACQUIRE) == stackPreempt) {
		gp->stackguard0 = gp->stack.lo + STACKGUARD;
		if (canPreemptM(mp)) {
			gp->preempt = false;
			gopreempt_m(gp);
		}
		checkgogo(&gp->sched);
		gogo(&gp->sched);
	}
	/*
	 * A request already served: a preemption signal between the entry
	 * check and here ran asyncPreempt, which reset stackguard0.
	 */
	if (sp >= gp->stack.lo + STACKGUARD) {
		checkgogo(&gp->sched);
		gogo(&gp->sched);
	}
	print("runtime: goroutine stack exceeds %lu-byte limit\n", (unsigned long)(gp->stack.hi - gp->stack.lo));
	print("runtime: sp=%p stack=[%p, %p]\n", (void *)sp, (void *)gp->stack.lo, (void *)gp->stack.hi);
	throw("stack overflow");
}

static NORETURN void badmorestack(const char *msg)
{
	writefd(2, msg, strlen(msg));
	exit(2);
}

/* Reached from the function-entry check when sp < g->stackguard0. */
PROBE void morestack(void)
{
	struct g *gp = getg();

	if (gp == gp->m->g0)
		badmorestack("fatal: morestack on g0\n");
	if (gp == gp->m->gsignal)
		badmorestack("fatal: morestack on gsignal\n");
	checkmcall();
	mcall(newstack);
}
