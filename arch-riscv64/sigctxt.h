/* riscv64 signal contexts: ucontext offsets of pc, sp and the frame pointer, setsig, sigctxtpushcall. */
#ifndef ARCH_SIGCTXT_H
#define ARCH_SIGCTXT_H

#include <stdint.h>

#define UC_RA	184	/* uc_mcontext.sc_regs.ra */
#define UC_FP	240	/* uc_mcontext.sc_regs.s0 */
#define UC_SP	192	/* uc_mcontext.sc_regs.sp */
#define UC_PC	176	/* uc_mcontext.sc_regs.pc */

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
