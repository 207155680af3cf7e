/*
 * The guest ISAs as the host tools see them: one description per ISA, in
 * isa/<isa>.c (which includes only this header), holding its data
 * (registers and roles, byte order, ELF machine, tool names, Linux's
 * numbers and layouts for it).  Code that is
 * both per ISA and per engine lives in that engine's folder, in files
 * named by the ISA, found through a table indexed by the arch id.
 *
 * The list of ISAs is arches.mk's; the Makefile passes it as
 * CROSSRT_ISAS, one ISA(name) for each, and every per-ISA table is
 * built from it by defining ISA(n).  An arch id is the ISA's index in it.
 */
#ifndef EMU_ISA_ARCHDESC_H
#define EMU_ISA_ARCHDESC_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#ifndef CROSSRT_ISAS
#error "CROSSRT_ISAS is not defined: the Makefile passes arches.mk's list"
#endif

#define MAXREGS 40
#define MAXXREGS 72

#define ISA(n) isa_index_##n,
enum { CROSSRT_ISAS NARCH };
#undef ISA

/* Canonical register roles (DESIGN.md section 3). */
enum role {
	R_PC, R_SP, R_FP, R_LR, R_TLS, R_G,
	R_A0, R_A1, R_A2, R_A3, R_A4, R_A5,
	R_R0, R_R1,
	NROLES,
};

#define ROLE_FROM_MEMORY (-2)	/* lr is [sp] where a call pushes it; g is *(tls) */
#define ROLE_NONE (-1)		/* an argument the C ABI does not pass in a register */

struct archdesc {
	int id;				/* isa_index_<name>: the index in CROSSRT_ISAS */
	const char *name;		/* as arches.mk spells it */
	const char *goarch;		/* as Go's GOARCH spells it */
	const char *alias;		/* another name arch_byname accepts (Go's, GNU's), or NULL */
	const char *qemu;		/* the qemu-user binary */
	const char *cc;			/* cross compiler */
	uint16_t e_machine;		/* EM_* */
	bool big_endian;		/* guest memory's byte order; ELFDATA2MSB if set */
	int nregs;
	/*
	 * The raw register file, in trace order.  A role an ISA splits over
	 * several registers (a thread pointer in two 32-bit halves) is one
	 * entry of its own, a pseudo-register each engine fills with the
	 * joined value: every role is one raw index.
	 */
	const char *const *regnames;
	int role_reg[NROLES];		/* index into the raw registers, ROLE_FROM_MEMORY or ROLE_NONE */
	int ncallee;
	const int *callee;		/* callee-saved registers, indices into the raw file */
	const char *globalreg;		/* a register set once at start (a global pointer), or NULL */

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
	int stack_align;		/* sp's alignment at a call, as the C ABI keeps it */
	/*
	 * The C ABI passes a two-word struct by reference: as an argument,
	 * a pointer to a copy; as a result, a hidden pointer before the
	 * arguments.  Otherwise it goes in two registers.
	 */
	bool wide_by_reference;
	/* 32-bit operations leave bits 63..32 of a register as they were (s390x) */
	bool high_word_kept;

	/* Linux on this ISA */
	const struct sysnr *sysnr;	/* the system call numbers (isa/sysnr.h), to { NSYS } */
	bool mmap_indirect;		/* mmap's one argument points at its six (the old mmap) */
	int clone_arg[5];		/* clone's flags, stack, ptid, ctid, tls: their argument numbers */
	bool sa_restorer;		/* the kernel's struct sigaction has sa_restorer */
	int minsigstksz;		/* MINSIGSTKSZ */
	/* the disassembler: Capstone's cs_arch and cs_mode; cs_arch < 0 if Capstone 4 has none */
	int cs_arch, cs_mode;
};

#define ISA(n) extern const struct archdesc isa_##n;
CROSSRT_ISAS
#undef ISA

#endif
