/*
 * Asynchronous preemption, as Go's: sysmon signals the thread of a
 * goroutine that has run too long (SIGURG); if the goroutine stopped at
 * a safe point, the handler makes it seem to call asyncPreempt, which
 * saves every register, yields like Gosched and restores them.  Safe
 * points are the program's own code (linked before the runtime), with
 * no runtime lock held and the goroutine on its own stack.
 */
#include "runtime.h"
#include "panic.h"
#include "backend.h"
#include "waitgroup.h"
#include "debug.h"

#define SIGURG		23
#define ASYNCFRAME	2048	/* asyncPreempt's register save area and calls, with margin */

void chansend1(void *c, const void *elem);
int selectgo(void *cases, uint16_t *order, int nsends, int nrecvs, bool block, bool *recvOK);
void semacquire1(uint32_t *addr, uintptr reason);

/* The program's text: from _start up to the first runtime object. */
static uintptr usertextlo, usertexthi;

static void lowest(uintptr pc)
{
	if (pc < usertexthi)
		usertexthi = pc;
}

static void usertext(void)
{
	usertextlo = (uintptr)_start;
	usertexthi = UINTPTR_MAX;
	/* One function of each runtime object; the program precedes them all. */
	lowest((uintptr)chansend1);
	lowest((uintptr)deferreturn);
	lowest((uintptr)goargs);
	lowest((uintptr)errors_New);
	lowest((uintptr)lock);
	lowest((uintptr)sysAlloc);
	lowest((uintptr)nanotime);
	lowest((uintptr)gopanic);
	lowest((uintptr)preemptM);
	lowest((uintptr)printstring);
	lowest((uintptr)newproc);
	lowest((uintptr)recordg);
	lowest((uintptr)runqput);
	lowest((uintptr)selectgo);
	lowest((uintptr)semacquire1);
	lowest((uintptr)initsig);
	lowest((uintptr)morestack);
	lowest((uintptr)memset);
	lowest((uintptr)acquireSudog);
	lowest((uintptr)funcname);
	lowest((uintptr)exit);
	lowest((uintptr)sysmon);
	lowest((uintptr)timeSleep);
	lowest((uintptr)traceback);
	lowest((uintptr)WaitGroupAdd);
	lowest((uintptr)gogo);
	lowest((uintptr)clone);
	lowest((uintptr)asyncPreempt);
	lowest((uintptr)settls);
	lowest((uintptr)setsig);
	lowest((uintptr)sigctxtpushcall);
	lowest((uintptr)deferproc);
}

static bool wantAsyncPreempt(struct g *gp)
{
	struct m *mp = gp->m;

	return gp->preempt && mp->p && __atomic_load_n(&mp->p->status, __ATOMIC_ACQUIRE) == Prunning &&
	       mp->p->preempt;
}

static bool isAsyncSafePoint(struct g *gp, uintptr pc, uintptr sp)
{
	struct m *mp = gp->m;

	if (gp != mp->curg || mp->locks || mp->dying || gp->atomicstatus != Grunning)
		return false;
	if (sp < gp->stack.lo + STACKGUARD + ASYNCFRAME || sp > gp->stack.hi)
		return false;
	return pc >= usertextlo && pc < usertexthi;
}

static void doSigPreempt(int sig, void *info, void *uc)
{
	struct g *gp = getg();

	(void)sig;
	(void)info;
	if (gp && gp->m && wantAsyncPreempt(gp) && isAsyncSafePoint(gp, sigctxtpc(uc), *ucreg(uc, UC_SP)))
		sigctxtpushpreempt(uc, (uintptr)asyncPreempt);
	if (gp && gp->m)
		__atomic_store_n(&gp->m->signalPending, 0, __ATOMIC_RELEASE);
}

void initpreempt(void)
{
	usertext();
	if (setsig(SIGURG, doSigPreempt) != 0)
		throw("initpreempt: rt_sigaction failed");
}

/* Signal mp's thread to preempt its goroutine; one signal in flight at a time. */
/* CROSSRT_ASYNCPREEMPTOFF=1 is Go's GODEBUG=asyncpreemptoff=1: no preemption signals. */
bool asyncpreemptoff;

void preemptM(struct m *mp)
{
	uint32_t zero = 0;

	if (mp->procid == 0 || asyncpreemptoff)
		return;
	if (__atomic_compare_exchange_n(&mp->signalPending, &zero, 1, false, __ATOMIC_ACQ_REL,
					__ATOMIC_RELAXED))
		__syscall6(SYS_tgkill, __syscall6(SYS_getpid, 0, 0, 0, 0, 0, 0), mp->procid, SIGURG, 0, 0, 0);
}

/* Called by asyncPreempt with every register saved: yield like Gosched. */
void asyncPreempt2(void)
{
	struct g *gp = getg();

	gp->preempt = false;
	gp->stackguard0 = gp->stack.lo + STACKGUARD;
	checkmcall();
	mcall(gopreempt_m);
}
