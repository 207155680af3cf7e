/*
 * The _defer chain: deferproc (arch defer.S) links a record through
 * newdefer; deferreturn runs the records of its caller's frame when that
 * function returns.  A frame is known by its frame pointer, which
 * deferproc saves in buf.bp.
 */
#include "panic.h"
#include "backend.h"
#include "debug.h"

/* Called by deferproc, before it saves the context of the frame fp. */
struct gobuf *newdefer(void (*fn)(void *), void *arg, uintptr fp)
{
	struct g *gp = getg();
	struct m *mp = gp->m;
	struct _defer *d = mp->deferpool;
	int64_t id;

	recordstate(gp, NULL, 0);
	DEBUGCHECK(gp == mp->curg, "defer on system stack");
	DEBUGCHECK(deferchainok(gp), "defer chain corrupted");
	/* Stacks grow down: a newer defer is never in an older frame. */
	if (gp->_defer && fp > gp->_defer->buf.bp)
		throw("defer: a function that defers returned without DEFERRETURN");
	if (d) {
		mp->deferpool = d->link;
		id = d->id;
	} else {
		d = persistentalloc(sizeof *d);
		id = recordobj(OBJ_DEFER, -1, d, sizeof *d);
	}
	memset(d, 0, sizeof *d);
	d->id = id;
	d->fn = fn;
	d->arg = arg;
	d->buf.g = (uintptr)gp;
	d->link = gp->_defer;
	gp->_defer = d;
	return &d->buf;
}

void freedefer(struct _defer *d)
{
	struct m *mp = getg()->m;

	DEBUGCHECK(d->_panic == NULL, "freedefer with d._panic != nil");
	d->fn = NULL;
	d->link = mp->deferpool;
	mp->deferpool = d;
}

/* Run the deferred calls of the caller's frame, newest first. */
PROBE void deferreturn(void)
{
	struct g *gp = getg();
	uintptr fp = frameparent((uintptr)__builtin_frame_address(0));
	struct _defer *d;

	recordstate(gp, NULL, 0);
	DEBUGCHECK(deferchainok(gp), "defer chain corrupted");
	while ((d = gp->_defer) != NULL && d->buf.bp == fp) {
		void (*fn)(void *) = d->fn;
		void *arg = d->arg;

		gp->_defer = d->link;
		freedefer(d);
		fn(arg);
	}
	if (d && d->buf.bp < fp)
		throw("deferreturn: a function that defers returned without DEFERRETURN");
}
