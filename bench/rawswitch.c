/*
 * The runtime's own save + restore pair: gosave records the caller's
 * context (pc, sp, bp, callee-saved set, mxcsr/fpcr), gogo restores it
 * and jumps there.  ns per pair, like setjmp + longjmp.
 */
#include "bench.h"
#include "backend.h"

int gosave_(struct gobuf *buf) __asm__("gosave") __attribute__((returns_twice));

static struct gobuf buf;
static volatile long i;

void main_main(void)
{
	long n = benchn(10000000);
	int64_t t0;

	i = 0;
	t0 = nanotime();
	gosave_(&buf);
	if (++i < n)
		gogo(&buf);
	report("rawswitch", nanotime() - t0, n);
}
