/*
 * int deferproc(void (*fn)(void *), void *arg): newdefer links the
 * record; here we save the caller's context in it as gosave would
 * (sp, s0-s11, fs0-fs11, fcsr; never gp or tp) and return 0.  recovery
 * gogo's that context with pc = deferproc1 and ctxt = the return
 * address, so deferproc returns again, with 1.
 */
#include "gobuf.h"

	.text
	.globl deferproc
	.type deferproc, %function
deferproc:
	mv	a2, s0
	addi	sp, sp, -16
	sd	ra, 8(sp)
	sd	s0, 0(sp)
	addi	s0, sp, 16
	call	newdefer
	ld	ra, 8(sp)
	ld	s0, 0(sp)
	addi	sp, sp, 16
	sd	ra, GOBUF_CTXT(a0)
	lla	t0, deferproc1
	sd	t0, GOBUF_PC(a0)
	sd	sp, GOBUF_SP(a0)
	sd	zero, GOBUF_LR(a0)
	sd	s0, GOBUF_BP(a0)
	SAVEREGS(a0, 0, t0)
	li	a0, 0
	ret
	.size deferproc, .-deferproc

/* deferproc's second return: gogo left the return address in a0. */
	.globl deferproc1
	.type deferproc1, %function
deferproc1:
	mv	t0, a0
	li	a0, 1
	jr	t0
	.size deferproc1, .-deferproc1

	.section .note.GNU-stack,"",%progbits
