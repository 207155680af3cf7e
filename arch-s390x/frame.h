/*
 * s390x frames (-mbackchain): a function's frame address is its entry r15,
 * the bottom of its caller's frame.  The word there is the caller's
 * backchain, its own entry r15; the function saves its return address
 * (r14) at 112 in that same register save area.
 */
#ifndef ARCH_FRAME_H
#define ARCH_FRAME_H

#include <stdint.h>

/* The frame address of the function that called the one whose frame is fp. */
static inline __attribute__((always_inline)) uintptr_t frameparent(uintptr_t fp)
{
	return ((const uintptr_t *)fp)[0];
}

/* Where the function whose frame is fp returns to. */
static inline __attribute__((always_inline)) uintptr_t frameretpc(uintptr_t fp)
{
	return ((const uintptr_t *)fp)[14];
}

#endif
