/* x86_64 signal contexts: ucontext offsets of pc, sp and the frame pointer, setsig, sigctxtpushcall. */
#ifndef ARCH_SIGCTXT_H
#define ARCH_SIGCTXT_H

#include <stdint.h>

#define UC_FP	120	/* uc_mcontext.gregs[REG_RBP] */
#define UC_SP	160	/* uc_mcontext.gregs[REG_RSP] */
#define UC_PC	168	/* uc_mcontext.gregs[REG_RIP] */

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
