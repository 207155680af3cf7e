/*
 * s390x signal contexts: ucontext offsets; the kernel's sigaction has
 * sa_restorer.  uc_mcontext (_sigregs) is at 40: psw mask, psw addr,
 * gprs[16] at 56, acrs[16] at 184, fpc at 248, fprs[16] at 256.
 */
#ifndef ARCH_SIGCTXT_H
#define ARCH_SIGCTXT_H

#define UC_GPR(i) (56 + 8 * (i))	/* uc_mcontext.regs.gprs[i] */
#define UC_FP	UC_GPR(11)
#define UC_LR	UC_GPR(14)
#define UC_SP	UC_GPR(15)
#define UC_PC	48	/* uc_mcontext.regs.psw.addr */

#define SA_RESTORER	0x04000000

/*
 * A SIGSEGV's si_addr is the failing page (the translation-exception
 * identification has no byte offset); after an operation exception the
 * PSW address is past the instruction (suppression), si_addr on it.
 */
#define SIGSEGV_ADDRMASK	(~(uintptr_t)4095)
#define SIGILL_PCSKIP		2

#endif
