/* arm64 pieces of the backend written in C. */
#include "backend.h"
#include "gobuf.h"

void settls(uintptr *tls)
{
	__asm__ volatile("msr tpidr_el0, %0" : : "r"(tls) : "memory");
}

/* Make buf start fn(arg) returning to buf->pc, as a bl from there would. */
void gostartcall(struct gobuf *buf, void (*fn)(void *), void *arg)
{
	buf->lr = buf->pc;
	buf->pc = (uintptr)fn;
	buf->ctxt = (uintptr)arg;
	buf->regs[GOBUF_FPCR] = 0;	/* fpcr: round to nearest, no traps */
}
