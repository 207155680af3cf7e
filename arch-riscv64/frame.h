/* riscv64 frames (-fno-omit-frame-pointer): s0 is the frame's top; ra at -8, the saved s0 at -16. */
#ifndef ARCH_FRAME_H
#define ARCH_FRAME_H

#include <stdint.h>

/* The frame pointer of the function that called the one whose frame is fp. */
static inline __attribute__((always_inline)) uintptr_t frameparent(uintptr_t fp)
{
	return ((const uintptr_t *)fp)[-2];
}

/* Where the function whose frame is fp returns to. */
static inline __attribute__((always_inline)) uintptr_t frameretpc(uintptr_t fp)
{
	return ((const uintptr_t *)fp)[-1];
}

#endif
