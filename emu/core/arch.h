/* The three guest ISAs as the host tools see them: raw registers and canonical roles. */
#ifndef EMU_ARCH_H
#define EMU_ARCH_H

#include <stdint.h>
#include <stdbool.h>

#define MAXREGS 40
#define MAXXREGS 72

enum {
	ARCH_X86_64,
	ARCH_ARM64,
	ARCH_RISCV64,
	NARCH,
};

/* Canonical register roles (DESIGN.md section 3). */
enum role {
	R_PC, R_SP, R_FP, R_LR, R_TLS, R_G,
	R_A0, R_A1, R_A2, R_A3, R_A4, R_A5,
	R_R0, R_R1,
	NROLES,
};

#define ROLE_FROM_MEMORY (-2)	/* x86_64 lr is [sp]; g is *(tls) */

struct archdesc {
	int id;
	const char *name;		/* "x86_64", "arm64", "riscv64" */
	const char *qemu;		/* "qemu-x86_64", ... */
	const char *cc;			/* cross compiler */
	uint16_t e_machine;		/* EM_X86_64, EM_AARCH64, EM_RISCV */
	int nregs;
	const char *const *regnames;	/* raw register file, in trace order */
	int role_reg[NROLES];		/* index into the raw registers, or ROLE_FROM_MEMORY */
	int ncallee;
	const int *callee;		/* callee-saved registers, indices into the raw file */
	bool generic_syscalls;		/* the asm-generic syscall table (arm64, riscv64) */

	/*
	 * The extended state: FP and vector registers in 64-bit words, then
	 * the FP control and status registers; captured at the probes of
	 * context transitions (probes.c), not written to traces.
	 */
	int nxregs;
	const char *const *xregnames;
	int nfpcallee;
	const int *fpcallee;		/* callee-saved FP registers, indices into the extended state */
	int nfpctl;
	const int *fpctl;		/* FP control words, indices into the extended state */
	const uint64_t *fpctl_kept;	/* the bits of each that a callee keeps (the C ABI) */

	/* The flags register (raw index, -1 if none) and its bits that user code sees. */
	int flags;
	uint64_t flagsmask;
	/* Registers of the thread or the runtime, not the goroutine: a goroutine may resume on another M. */
	int nthreadregs;
	const int *threadregs;
	/*
	 * Asynchronous preemption as the backend makes it (sigpreempt.c,
	 * preempt.S): asyncPreempt is entered with the interrupted pc in
	 * preempt_link (-1: pushed on the stack) and resumes it by a jump
	 * through preempt_jump (-1: a return); sp at asyncPreempt_resume is
	 * sp at asyncPreempt plus preempt_push.
	 */
	int preempt_link, preempt_jump, preempt_push;
};

extern const char *const role_names[NROLES];

const struct archdesc *arch_byname(const char *name);
const struct archdesc *arch_bymachine(uint16_t e_machine);
const struct archdesc *arch_byid(int id);
int arch_regindex(const struct archdesc *a, const char *regname);
int arch_xregindex(const struct archdesc *a, const char *xregname);

#endif
