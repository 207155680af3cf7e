/* x86_64 pieces of the backend written in C. */
#include "backend.h"
#include "gobuf.h"

void settls(uintptr *tls)
{
	if (__syscall6(SYS_arch_prctl, ARCH_SET_FS, (long)tls, 0, 0, 0, 0) != 0)
		throw("arch_prctl(ARCH_SET_FS) failed");
}

/* Make buf start fn(arg) with buf->pc as its return address, as a call would. */
void gostartcall(struct gobuf *buf, void (*fn)(void *), void *arg)
{
	buf->sp -= sizeof(uintptr);
	*(uintptr *)buf->sp = buf->pc;
	buf->pc = (uintptr)fn;
	buf->ctxt = (uintptr)arg;
	buf->regs[GOBUF_MXCSR] = 0x1f80;	/* mxcsr: all exceptions masked, round to nearest */
	buf->regs[GOBUF_X87CW] = 0x037f;	/* x87 control word as after finit */
}
