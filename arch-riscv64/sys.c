/* riscv64 pieces of the backend written in C. */
#include "backend.h"
#include "gobuf.h"

void settls(uintptr *tls)
{
	__asm__ volatile("mv tp, %0" : : "r"(tls) : "memory");
}

/* Make buf start fn(arg) returning to buf->pc, as a call from there would. */
void gostartcall(struct gobuf *buf, void (*fn)(void *), void *arg)
{
	buf->lr = buf->pc;
	buf->pc = (uintptr)fn;
	buf->ctxt = (uintptr)arg;
	buf->regs[GOBUF_FCSR] = 0;	/* fcsr: round to nearest, no flags */
}
