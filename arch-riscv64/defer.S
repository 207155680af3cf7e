/*
 * int deferproc(void (*fn)(void *), void *arg): newdefer links the
 * record; here we save the caller's context in it as gosave would
 * (sp, s0-s11, fs0-fs11, fcsr; never gp or tp) and return 0.  recovery
 * gogo's that context with pc = deferproc1 and ctxt = the return
 * address, so deferproc returns again, with 1.
 */
#include "layout.h"

#define R(i) (GOBUF_REGS + 8 * (i))

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
	sd	s1, R(0)(a0)
	sd	s2, R(1)(a0)
	sd	s3, R(2)(a0)
	sd	s4, R(3)(a0)
	sd	s5, R(4)(a0)
	sd	s6, R(5)(a0)
	sd	s7, R(6)(a0)
	sd	s8, R(7)(a0)
	sd	s9, R(8)(a0)
	sd	s10, R(9)(a0)
	sd	s11, R(10)(a0)
	fsd	fs0, R(11)(a0)
	fsd	fs1, R(12)(a0)
	fsd	fs2, R(13)(a0)
	fsd	fs3, R(14)(a0)
	fsd	fs4, R(15)(a0)
	fsd	fs5, R(16)(a0)
	fsd	fs6, R(17)(a0)
	fsd	fs7, R(18)(a0)
	fsd	fs8, R(19)(a0)
	fsd	fs9, R(20)(a0)
	fsd	fs10, R(21)(a0)
	fsd	fs11, R(22)(a0)
	frcsr	t0
	sd	t0, R(23)(a0)
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
