/*
 * s390x signal contexts: ucontext offsets of pc (the PSW address), sp,
 * the frame pointer and the link register, setsig, sigctxtpushcall.
 * uc_mcontext (_sigregs) is at 40: psw mask, psw addr, gprs[16] at 56,
 * acrs[16] at 184, fpc at 248, fprs[16] at 256.
 */
#ifndef ARCH_SIGCTXT_H
#define ARCH_SIGCTXT_H

#include <stdint.h>

#define UC_GPR(i) (56 + 8 * (i))	/* uc_mcontext.regs.gprs[i] */
#define UC_FP	UC_GPR(11)
#define UC_LR	UC_GPR(14)
#define UC_SP	UC_GPR(15)
#define UC_PC	48	/* uc_mcontext.regs.psw.addr */

/*
 * A SIGSEGV's si_addr is the failing page (the translation-exception
 * identification has no byte offset); after an operation exception the
 * PSW address is past the instruction (suppression), si_addr on it.
 */
#define SIGSEGV_ADDRMASK	(~(uintptr_t)4095)
#define SIGILL_PCSKIP		2

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
