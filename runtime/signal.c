/*
 * Synchronous signals become panics, as in Go: the handler (on the M's
 * gsignal stack) records the signal in g and rewrites the interrupted
 * context so that the faulting instruction seems to have called
 * sigpanic, which panics on the goroutine's own stack.
 */
#include "panic.h"
#include "backend.h"

#define SIGILL		4
#define SIGBUS		7
#define SIGFPE		8
#define SIGSEGV		11
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRERR	2
#define FPE_INTDIV	1
#define FPE_INTOVF	2
#define SIGSTACKSIZE	(16 * 1024)
#define MAXSIGM		128	/* Ms with a static gsignal */
#define SIGPANICROOM	4096	/* stack sigpanic needs to start a panic */

struct siginfo {
	int32_t signo;
	int32_t errno_;
	int32_t code;
	int32_t pad;
	uintptr addr;
};

static void badsignal(int sig, struct siginfo *info, void *uc)
{
	const char *name = signame((uintptr)sig);

	print("fatal error: unexpected signal during runtime execution\n");
	if (name)
		print("[signal %s", name);
	else
		print("[signal 0x%x", sig);
	print(" code=0x%x addr=0x%lx pc=0x%lx]\n", info->code, (unsigned long)info->addr,
	      (unsigned long)sigctxtpc(uc));
	exit(2);
}

static bool onsignalstack(struct m *mp, uintptr sp)
{
	return mp->gsignal && sp >= mp->gsignal->stack.lo && sp <= mp->gsignal->stack.hi;
}

/*
 * Go's canpanic: not with runtime locks held, nor while deferproc is
 * linking a record it has not finished (gopanic would resume it).
 */
static bool canpanic(struct m *mp, uintptr pc)
{
	uintptr entry = 0;

	if (mp->locks)
		return false;
	funcname(pc, &entry);
	return entry != (uintptr)deferproc && entry != (uintptr)newdefer;
}

static void sighandler(int sig, struct siginfo *info, void *uc)
{
	struct g *gp = getg();
	struct m *mp = gp ? gp->m : NULL;
	uintptr sp = *ucreg(uc, UC_SP);

	if (mp == NULL || gp == mp->g0 || gp == mp->gsignal || mp->dying || onsignalstack(mp, sp) ||
	    !canpanic(mp, sigctxtpc(uc)))
		badsignal(sig, info, uc);
	gp->sig = (uintptr)sig;
	gp->sigcode0 = (uintptr)(uint32_t)info->code;
	gp->sigcode1 = info->addr;
	gp->sigpc = sigctxtpc(uc);
	if (sp < gp->stack.lo + SIGPANICROOM || sp > gp->stack.hi)
		sigfault(gp, *ucreg(uc, UC_FP));
	sigctxtpushcall(uc, (uintptr)sigpanic);
}

/* Entered as if called by the faulting instruction. */
PROBE void sigpanic(void)
{
	struct g *gp = getg();
	uintptr code = gp->sigcode0, addr = gp->sigcode1;

	switch (gp->sig) {
	case SIGBUS:
		if (code == BUS_ADRERR && addr < 0x1000)
			panicmem();
		print("unexpected fault address 0x%lx\n", (unsigned long)addr);
		throw("fault");
	case SIGSEGV:
		if ((code == 0 || code == SEGV_MAPERR || code == SEGV_ACCERR) && addr < 0x1000)
			panicmem();
		print("unexpected fault address 0x%lx\n", (unsigned long)addr);
		throw("fault");
	case SIGFPE:
		if (code == FPE_INTDIV)
			panicdivide();
		if (code == FPE_INTOVF)
			panicoverflow();
		panicfloat();
	}
	throw("unexpected signal value");
}

void initsig(void)
{
	static const int sigs[] = { SIGILL, SIGBUS, SIGFPE, SIGSEGV };

	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (setsig(sigs[i], (void (*)(int, void *, void *))sighandler) != 0)
			throw("initsig: rt_sigaction failed");
}

/*
 * Give mp a gsignal with its own stack and make that the thread's
 * alternate signal stack.  They are static, one per M id, so that a
 * thread starting does not change where later allocations land.
 */
void minitsignals(struct m *mp)
{
	static struct g gsignals[MAXSIGM];
	static char stacks[MAXSIGM][SIGSTACKSIZE] __attribute__((aligned(16)));
	struct g *gp;
	struct {
		void *sp;
		int32_t flags;
		uintptr size;
	} st;

	if (mp->id < 0 || mp->id >= MAXSIGM) {
		gp = persistentalloc(sizeof *gp);
		memset(gp, 0, sizeof *gp);
		gp->stack.lo = (uintptr)sysAlloc(SIGSTACKSIZE);
	} else {
		gp = &gsignals[mp->id];
		gp->stack.lo = (uintptr)stacks[mp->id];
	}
	gp->stack.hi = gp->stack.lo + SIGSTACKSIZE;
	gp->m = mp;
	mp->gsignal = gp;
	st.sp = (void *)gp->stack.lo;
	st.flags = 0;
	st.size = SIGSTACKSIZE;
	if (__syscall6(SYS_sigaltstack, (long)&st, 0, 0, 0, 0, 0) != 0)
		throw("minitsignals: sigaltstack failed");
}
