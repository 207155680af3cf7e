/*
 * 14 integer and 14 floating-point values kept live across calls: more
 * than any of the ABIs has callee-saved registers, so the compiler puts
 * them in all of those and spills the rest.  The doubles stay dyadic
 * rationals with few bits: every result is exact on every ISA.
 * LIVE(DECL) declares a0..a13 and f0..f13 from `seed`, LIVE(STEP) mixes
 * them with `i` and `c`, LIVE(SUM) folds them into `isum` and `fsum`.
 */
#ifndef TESTS_LIVE_H
#define TESTS_LIVE_H

#include "crossrt.h"

/* k, the next index (wrapping) and the integer multiplier */
#define LIVE(X) X(0, 1, 3) X(1, 2, 5) X(2, 3, 7) X(3, 4, 9) X(4, 5, 11) \
	X(5, 6, 13) X(6, 7, 15) X(7, 8, 17) X(8, 9, 19) X(9, 10, 21) \
	X(10, 11, 23) X(11, 12, 25) X(12, 13, 27) X(13, 0, 29)

#define DECL(k, n, m)	uint64_t a##k = seed * 1000 + k; double f##k = seed + k * 0.25;
#define STEP(k, n, m)	a##k = a##k * m + (a##n ^ i); f##k = f##k * 0.75 + f##n * c;
#define SUM(k, n, m)	isum = isum * 31 + a##k; fsum += f##k;

static inline uint64_t float64bits(double d)
{
	union { double d; uint64_t u; } x = { d };
	return x.u;
}

#endif
