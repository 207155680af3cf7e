/*
 * panic, recover and Goexit with Go's algorithm: panics and deferred
 * calls are chains on g, newest first.  A panic runs the deferred calls
 * in order, marking each started; a panic raised by a deferred call
 * finds that call started, aborts the panic that started it and takes
 * the call off the chain.  A recovered panic resumes the frame that
 * deferred the recovering call, where deferproc returns 1.
 */
#include "panic.h"
#include "backend.h"
#include "debug.h"

/*
 * Call d's function for panic p.  p->argp is this frame: recover works
 * only in a function whose caller's frame it is.
 */
static __attribute__((noinline, noipa)) void calldeferred(struct _panic *p, struct _defer *d)
{
	p->argp = (uintptr)__builtin_frame_address(0);
	d->fn(d->arg);
	p->argp = 0;
}

static void popdefer(struct g *gp, struct _defer *d, const char *who)
{
	if (gp->_defer != d)
		throw(who);
	d->_panic = NULL;
	gp->_defer = d->link;
}

PROBE void gopanic(eface e)
{
	struct g *gp = getg();
	struct _panic p = { .arg = e, .link = gp->_panic };
	struct _defer *d;

	recordstate(gp, &e, 0);
	if (gp == gp->m->g0)
		throw("panic on system stack");
	p.id = recordobj(OBJ_PANIC, -1, NULL, 0);
	gp->_panic = &p;
	while ((d = gp->_defer) != NULL) {
		DEBUGCHECK(deferchainok(gp), "defer chain corrupted");
		DEBUGCHECK(panicchainok(gp), "panic chain corrupted");
		if (d->started) {
			/* A deferred call panicked: the panic that started it is over. */
			if (d->_panic)
				d->_panic->aborted = true;
			popdefer(gp, d, "bad defer entry in panic");
			freedefer(d);
			continue;
		}
		d->started = true;
		d->_panic = &p;
		calldeferred(&p, d);
		popdefer(gp, d, "bad defer entry in panic");
		if (p.recovered) {
			gp->_panic = p.link;
			if (gp->_panic && gp->_panic->goexit && gp->_panic->aborted) {
				/*
				 * The panic interrupted a Goexit: a normal recover
				 * would bypass it; recovery goes back to Goexit's
				 * loop of deferred calls instead.
				 */
				freedefer(d);
				gp->recoverd = NULL;
				checkmcall();
				mcall(recovery);
				throw("bypassed recovery failed");
			}
			while (gp->_panic && gp->_panic->aborted)
				gp->_panic = gp->_panic->link;
			if (gp->_panic == NULL)
				gp->sig = 0;
			gp->recoverd = d;
			checkmcall();
			mcall(recovery);
			throw("recovery failed");
		}
		freedefer(d);
	}
	fatalpanic(gp->_panic);
}

/*
 * recover(): argp is the frame of recover's caller.  It gets the panic
 * only if the runtime called it as a deferred call of that panic.
 */
PROBE eface gorecover(uintptr argp)
{
	struct _panic *p = getg()->_panic;

	recordstate(getg(), NULL, 0);
	DEBUGCHECK(panicchainok(getg()), "panic chain corrupted");
	if (p && !p->goexit && !p->recovered && p->argp != 0 && frameparent(argp) == p->argp) {
		p->recovered = true;
		return p->arg;
	}
	return (eface){ 0 };
}

/*
 * On g0: resume the frame that deferred the recovering call, with
 * deferproc returning 1; or, with no such defer, the Goexit the panic
 * interrupted (first on the chain), in its loop (deferCallSave).
 */
PROBE void recovery(struct g *gp)
{
	struct _defer *d = gp->recoverd;
	struct gobuf *buf = d ? &d->buf : &gp->_panic->resume;

	recordstate(gp, NULL, buf->pc);
	gp->recoverd = NULL;
	if (buf->sp < gp->stack.lo || buf->sp > gp->stack.hi) {
		print("recover: 0x%lx not in [0x%lx, 0x%lx]\n", (unsigned long)buf->sp,
		      (unsigned long)gp->stack.lo, (unsigned long)gp->stack.hi);
		throw("bad recovery");
	}
	gp->sched = *buf;
	if (d)
		freedefer(d);
	checkgogo(&gp->sched);
	gogo(&gp->sched);
}

/*
 * Call d's function for the Goexit p, its context saved in p->resume
 * first: a panic in the call that a later deferred call recovers comes
 * back here through recovery, with p aborted and d gone.
 */
static __attribute__((noinline, noipa)) void deferCallSave(struct _panic *p, struct _defer *d)
{
	gosave(&p->resume);
	if (p->aborted)
		return;
	calldeferred(p, d);
}

/* runtime.Goexit: run every deferred call, then end the goroutine. */
PROBE void Goexit(void)
{
	struct g *gp = getg();
	struct _panic p = { .goexit = true, .link = gp->_panic };
	struct _defer *d;

	p.id = recordobj(OBJ_PANIC, -1, NULL, 0);
	gp->_panic = &p;
	while ((d = gp->_defer) != NULL) {
		DEBUGCHECK(deferchainok(gp), "defer chain corrupted");
		if (d->started) {
			if (d->_panic)
				d->_panic->aborted = true;
			popdefer(gp, d, "bad defer entry in Goexit");
			freedefer(d);
			continue;
		}
		d->started = true;
		d->_panic = &p;
		deferCallSave(&p, d);
		if (p.aborted) {
			/* Back from recovery: d has run and is freed. */
			p.aborted = false;
			continue;
		}
		popdefer(gp, d, "bad defer entry in Goexit");
		freedefer(d);
	}
	gp->_panic = NULL;
	goexit1();
}
