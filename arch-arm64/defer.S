/*
 * int deferproc(void (*fn)(void *), void *arg): newdefer links the
 * record; here we save the caller's context in it as gosave would
 * (sp, x29, x19-x28, d8-d15, fpcr) and return 0.  recovery gogo's that
 * context with pc = deferproc1 and ctxt = the return address, so
 * deferproc returns again, with 1.
 */
#include "gobuf.h"

	.text
	.globl deferproc
	.type deferproc, %function
deferproc:
	mov	x2, x29
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	newdefer
	ldp	x29, x30, [sp], #16
	str	x30, [x0, #GOBUF_CTXT]
	adr	x1, deferproc1
	str	x1, [x0, #GOBUF_PC]
	mov	x1, sp
	str	x1, [x0, #GOBUF_SP]
	str	xzr, [x0, #GOBUF_LR]
	str	x29, [x0, #GOBUF_BP]
	SAVEREGS(x0, 0, x1)
	mov	x0, #0
	ret
	.size deferproc, .-deferproc

/* deferproc's second return: gogo left the return address in x0. */
	.globl deferproc1
	.type deferproc1, %function
deferproc1:
	mov	x1, x0
	mov	x0, #1
	br	x1
	.size deferproc1, .-deferproc1

	.section .note.GNU-stack,"",%progbits
