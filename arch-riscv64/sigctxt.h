/*
 * riscv64 signal contexts: ucontext offsets.  The kernel's sigaction has
 * no sa_restorer (no SA_RESTORER here): a handler returns through the
 * kernel's (or the emulator's) trampoline.
 */
#ifndef ARCH_SIGCTXT_H
#define ARCH_SIGCTXT_H

#define UC_LR	184	/* uc_mcontext.sc_regs.ra */
#define UC_FP	240	/* uc_mcontext.sc_regs.s0 */
#define UC_SP	192	/* uc_mcontext.sc_regs.sp */
#define UC_PC	176	/* uc_mcontext.sc_regs.pc */

#endif
