/*
 * The function-entry stack check: sp against the goroutine's
 * stackguard0, which is also the cooperative preemption request.  The
 * check runs after the frame is allocated, so frames are bounded by
 * -Wframe-larger-than and the guard covers them.  The load of
 * stackguard0 is volatile: sysmon stores stackPreempt there from
 * another thread.
 */
#ifndef CROSSRT_STACKCHECK_H
#define CROSSRT_STACKCHECK_H

#include <stdint.h>
#include "layout.h"
#include "tls.h"

void morestack(void);

static inline __attribute__((always_inline)) void stackcheck(void)
{
	uintptr_t gp = (uintptr_t)getg();

	if (__builtin_expect(getsp() < *(volatile uintptr_t *)(gp + G_STACKGUARD0), 0))
		morestack();
}

#endif
