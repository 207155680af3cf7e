/* arm64 signal contexts: ucontext offsets of pc, sp and the frame pointer, setsig, sigctxtpushcall. */
#ifndef ARCH_SIGCTXT_H
#define ARCH_SIGCTXT_H

#include <stdint.h>

#define UC_LR	424	/* uc_mcontext.regs[30] */
#define UC_FP	416	/* uc_mcontext.regs[29] */
#define UC_SP	432	/* uc_mcontext.sp */
#define UC_PC	440	/* uc_mcontext.pc */

static inline uintptr_t *ucreg(void *uc, int off)
{
	return (uintptr_t *)((char *)uc + off);
}

static inline uintptr_t sigctxtpc(void *uc)
{
	return *ucreg(uc, UC_PC);
}

int setsig(int sig, void (*fn)(int, void *, void *));
void sigctxtpushcall(void *uc, uintptr_t target);

#endif
