/* s390x pieces of the backend written in C. */
#include "backend.h"
#include "gobuf.h"

void settls(uintptr *tls)
{
	uintptr p = (uintptr)tls;

	__asm__ volatile("sar %%a1, %0\n\tsrlg %0, %0, 32\n\tsar %%a0, %0" : "+d"(p) : : "memory");
}

/*
 * Make buf start fn(arg) returning to buf->pc, as a call from there
 * would: with the 160-byte register save area a caller provides, its
 * backchain 0 (the end of the chain).
 */
void gostartcall(struct gobuf *buf, void (*fn)(void *), void *arg)
{
	buf->sp -= 160;
	*(uintptr *)buf->sp = 0;
	buf->lr = buf->pc;
	buf->pc = (uintptr)fn;
	buf->ctxt = (uintptr)arg;
	buf->regs[GOBUF_FPC] = 0;	/* fpc: round to nearest, no traps, no flags */
}
