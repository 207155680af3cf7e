/*
 * Goroutine stacks.  C frames cannot be moved, so a stack never grows:
 * morestack is either a preemption request (stackguard0 == stackPreempt)
 * or an overflow, which is fatal in Go's words.
 *
 * What stops an overflow.  First the entry check (stackcheck.h), in every
 * function that can recurse deeply: it needs no guard page, and it is all
 * Go has.  Second, for code that does not check, a PROT_NONE guard page
 * below the stack: the fault ends in sigfault's fatal error.  But a guard
 * splits what would be one mapping (the stacks and objects handed out in
 * order) into two, and Linux gives a process at most vm.max_map_count
 * mappings, 65530 by default, after which mmap and mprotect fail.  So
 * only the first maxstackguards stacks get one: MAXGUARDS, 60000 mappings,
 * leaves the rest of the default to the program and to an emulator's own
 * mappings; CROSSRT_STACKGUARDS changes it (more where the limit is
 * raised; 0 runs every stack on the entry check alone), and guards stop
 * at the first mprotect refused.  Past them the entry check is the only
 * protection: a function that recurses without it, or a frame bigger
 * than STACKGUARD, writes into the memory below the stack unnoticed.
 *
 * Rejected: an unmapped hole as the guard.  It costs one mapping a stack
 * instead of two, still far from a million, and Unicorn makes each area
 * between holes a region of its own, of which it holds a few hundred
 * (emu/unicorn/uc_backing.c), where guard pages between areas it absorbs.
 * Every stack keeps room for a guard page, used or not, so that stacks
 * are at the same addresses whatever the budget.
 */
#include "runtime.h"
#include "backend.h"
#include "debug.h"

#define PAGESIZE	4096UL
#define PROT_NONE	0
#define MAXGUARDS	30000

uint32_t maxstackguards = MAXGUARDS;
static uint32_t nguards;

/* Make the page at base a guard page, if the budget allows. */
static void stackguardpage(uintptr base)
{
	if (__atomic_add_fetch(&nguards, 1, __ATOMIC_RELAXED) > __atomic_load_n(&maxstackguards, __ATOMIC_RELAXED))
		return;
	if (mprotect((void *)base, PAGESIZE, PROT_NONE) != 0)
		__atomic_store_n(&maxstackguards, 0, __ATOMIC_RELAXED);
}

void stackalloc(struct g *gp, uintptr n)
{
	uintptr base = (uintptr)sysAlloc(n + PAGESIZE);

	stackguardpage(base);
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
