/* arm64 signal contexts: ucontext offsets; the kernel's sigaction has sa_restorer. */
#ifndef ARCH_SIGCTXT_H
#define ARCH_SIGCTXT_H

#define UC_LR	424	/* uc_mcontext.regs[30] */
#define UC_FP	416	/* uc_mcontext.regs[29] */
#define UC_SP	432	/* uc_mcontext.sp */
#define UC_PC	440	/* uc_mcontext.pc */

#define SA_RESTORER	0x04000000

#endif
