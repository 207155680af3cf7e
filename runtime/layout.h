/*
 * Field offsets of the runtime structures that assembly (arch-*) and the
 * host tools (emu/) read.  proc.c checks every one with _Static_assert.
 * All fields are 8 bytes: the runtime is 64-bit only.
 */
#ifndef CROSSRT_LAYOUT_H
#define CROSSRT_LAYOUT_H

/* struct gobuf */
#define GOBUF_SP	0
#define GOBUF_PC	8
#define GOBUF_G		16
#define GOBUF_CTXT	24
#define GOBUF_LR	32
#define GOBUF_BP	40
#define GOBUF_REGS	48	/* callee-saved registers other than bp, arch order */
#define GOBUF_NREGS	24
#define GOBUF_SIZE	(GOBUF_REGS + 8 * GOBUF_NREGS)

/* struct g */
#define G_STACKLO	0
#define G_STACKHI	8
#define G_STACKGUARD0	16
#define G_STACKGUARD1	24
#define G_M		32
#define G_SCHED		40
#define G_GOID		(G_SCHED + GOBUF_SIZE)
#define G_STATUS	(G_GOID + 8)

/* struct m: the TLS register points at m->tls; tls[0] is the current g */
#define M_TLS		0
#define M_NTLS		4
#define M_G0		(M_TLS + 8 * M_NTLS)
#define M_CURG		(M_G0 + 8)
#define M_GSIGNAL	(M_CURG + 8)
#define M_ID		(M_GSIGNAL + 8)

/*
 * Fixed addresses, so raw registers agree across engines.  The arena is
 * address space only (malloc.c maps it as it is handed out, pages are
 * committed when touched).  112 GiB holds 1.6 million goroutines with
 * 64 KiB stacks and ends at 240 GiB, below the top of the smallest user
 * address space of the ISAs: 256 GiB, riscv64 Linux with Sv39.
 */
#ifndef ARENA_BASE	/* host unit tests move it clear of a sanitizer's shadow */
#define ARENA_BASE	0x2000000000UL
#endif
#define ARENA_SIZE	0x1c00000000UL

#endif
