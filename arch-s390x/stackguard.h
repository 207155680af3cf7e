/*
 * s390x function-entry stack check: r15 against g->stackguard0, which is
 * also the cooperative preemption request.  The check runs after the
 * frame is allocated, so frames are bounded by -Wframe-larger-than and
 * the guard covers them.
 */
#ifndef ARCH_STACKGUARD_H
#define ARCH_STACKGUARD_H

#include <stdint.h>
#include "layout.h"

void morestack(void);

static inline __attribute__((always_inline)) void stackcheck(void)
{
	uintptr_t gp, sp;

	__asm__ volatile("ear %0, %%a0\n\tsllg %0, %0, 32\n\tear %0, %%a1\n\tlg %0, 0(%0)" : "=&a"(gp));
	__asm__ volatile("lgr %0, %%r15" : "=d"(sp));
	if (__builtin_expect(sp < *(volatile uintptr_t *)(gp + G_STACKGUARD0), 0))
		morestack();
}

#endif
