/* x86_64 signal contexts: ucontext offsets; the kernel's sigaction has sa_restorer. */
#ifndef ARCH_SIGCTXT_H
#define ARCH_SIGCTXT_H

#define UC_FP	120	/* uc_mcontext.gregs[REG_RBP] */
#define UC_SP	160	/* uc_mcontext.gregs[REG_RSP] */
#define UC_PC	168	/* uc_mcontext.gregs[REG_RIP] */

#define SA_RESTORER	0x04000000

#endif
