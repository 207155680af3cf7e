/*
 * x86_64 function-entry stack check: sp against g->stackguard0, which is
 * also the cooperative preemption request.  Four instructions when taken
 * through the fast path; the check runs after the frame is allocated, so
 * frames are bounded by -Wframe-larger-than and the guard covers them.
 */
#ifndef ARCH_STACKGUARD_H
#define ARCH_STACKGUARD_H

#include <stdint.h>
#include "layout.h"

void morestack(void);

static inline __attribute__((always_inline)) void stackcheck(void)
{
	uintptr_t gp, sp;

	__asm__ volatile("mov %%fs:0, %0" : "=r"(gp));
	__asm__ volatile("mov %%rsp, %0" : "=r"(sp));
	if (__builtin_expect(sp < *(volatile uintptr_t *)(gp + G_STACKGUARD0), 0))
		morestack();
}

#endif
