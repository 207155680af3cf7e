/*
 * Runtime invariants, checked only in debug builds (make DEBUG=1, which
 * defines CROSSRT_DEBUG): a failed check is a throw, in Go's words where
 * Go's runtime has the check.  In other builds every check is nothing at
 * all, so their code is the same with or without the call sites.
 */
#ifndef CROSSRT_DEBUG_H
#define CROSSRT_DEBUG_H

#include "panic.h"
#include "backend.h"

#if CROSSRT_DEBUG

#define DEBUGCHECK(cond, text) do { if (!(cond)) throw(text); } while (0)

/* Go's state machine, without the scan and copystack states crossrt has no use for. */
static inline bool gstatusok(uintptr old, uintptr new)
{
	static const uint8_t next[] = {
		[Gidle] = 1 << Gdead,
		[Gdead] = 1 << Grunnable,
		[Grunnable] = 1 << Grunning,
		[Grunning] = 1 << Grunnable | 1 << Gwaiting | 1 << Gsyscall | 1 << Gdead,
		[Gsyscall] = 1 << Grunning | 1 << Grunnable,
		[Gwaiting] = 1 << Grunnable | 1 << Grunning,
	};

	if (old < sizeof next && new <= Gdead && next[old] >> new & 1)
		return true;
	print("runtime: casgstatus: oldval=%lu newval=%lu\n", (unsigned long)old, (unsigned long)new);
	return false;
}

static inline bool onstack(struct g *gp, uintptr sp)
{
	if (sp >= gp->stack.lo && sp <= gp->stack.hi)
		return true;
	print("runtime: goid=%ld sp=%p stack=[%p, %p]\n", (long)gp->goid, (void *)sp,
	      (void *)gp->stack.lo, (void *)gp->stack.hi);
	return false;
}

/* stackguard0 is the guard or a preemption request, nothing else. */
static inline bool guardok(struct g *gp)
{
	uintptr guard = __atomic_load_n(&gp->stackguard0, __ATOMIC_ACQUIRE);

	if (guard == gp->stack.lo + STACKGUARD || guard == stackPreempt)
		return true;
	print("runtime: goid=%ld stackguard0=%p stack=[%p, %p]\n", (long)gp->goid, (void *)guard,
	      (void *)gp->stack.lo, (void *)gp->stack.hi);
	return false;
}

/*
 * gp's deferred calls: on gp's stack, newest (deepest frame) first, so
 * sps never decrease; several in one frame share an sp, and so would a
 * cycle, which a second pointer at half speed meets.
 */
static inline bool deferchainok(struct g *gp)
{
	struct _defer *slow = gp->_defer;
	uintptr n = 0;

	for (struct _defer *d = gp->_defer; d; d = d->link) {
		if (!onstack(gp, d->buf.sp))
			return false;
		if (++n % 2 == 0)
			slow = slow->link;
		if (d->buf.g != (uintptr)gp || (d->link && (d->buf.sp > d->link->buf.sp || d->link == slow))) {
			print("runtime: defer %p g=%p sp=%p link=%p\n", (void *)d, (void *)d->buf.g,
			      (void *)d->buf.sp, (void *)d->link);
			return false;
		}
	}
	return true;
}

/* gp's panics: on gp's stack (gopanic's, Goexit's frames), newest (lowest) first; argp 0 or on it. */
static inline bool panicchainok(struct g *gp)
{
	for (struct _panic *p = gp->_panic; p; p = p->link) {
		if (!onstack(gp, (uintptr)p) || (p->argp != 0 && !onstack(gp, p->argp)))
			return false;
		if (p->link && (uintptr)p->link <= (uintptr)p) {
			print("runtime: panic %p link %p\n", (void *)p, (void *)p->link);
			return false;
		}
	}
	return true;
}

/* Before gogo(buf): its sp on its g's stack. */
static inline void checkgogo(struct gobuf *buf)
{
	struct g *gp = (struct g *)buf->g;

	DEBUGCHECK(gp != NULL && onstack(gp, buf->sp), "gogo: sp outside the stack");
	DEBUGCHECK(guardok(gp), "bad stackguard0");
}

/* Before a switch to g0 (mcall, systemstack): both sps on their stacks. */
static inline void checktog0(const char *what)
{
	struct g *gp = getg(), *g0 = gp->m->g0;

	DEBUGCHECK(onstack(gp, (uintptr)__builtin_frame_address(0)), what);
	if (gp == g0 || gp == gp->m->gsignal)
		return;
	DEBUGCHECK(guardok(gp), "bad stackguard0");
	DEBUGCHECK(onstack(g0, g0->sched.sp), what);
}

#define checkmcall() checktog0("mcall: sp outside the stack")
#define checksystemstack() checktog0("systemstack: sp outside the stack")

#else

#define DEBUGCHECK(cond, text) ((void)0)
#define checkgogo(buf) ((void)0)
#define checkmcall() ((void)0)
#define checksystemstack() ((void)0)

#endif

#endif
