/*
 * int deferproc(void (*fn)(void *), void *arg): newdefer links the
 * record; here we save the caller's context in it as gosave would
 * (sp, x29, x19-x28, d8-d15, fpcr) and return 0.  recovery gogo's that
 * context with pc = deferproc1 and ctxt = the return address, so
 * deferproc returns again, with 1.
 */
#include "layout.h"

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
	stp	x19, x20, [x0, #GOBUF_REGS+0]
	stp	x21, x22, [x0, #GOBUF_REGS+16]
	stp	x23, x24, [x0, #GOBUF_REGS+32]
	stp	x25, x26, [x0, #GOBUF_REGS+48]
	stp	x27, x28, [x0, #GOBUF_REGS+64]
	stp	d8, d9, [x0, #GOBUF_REGS+80]
	stp	d10, d11, [x0, #GOBUF_REGS+96]
	stp	d12, d13, [x0, #GOBUF_REGS+112]
	stp	d14, d15, [x0, #GOBUF_REGS+128]
	mrs	x1, fpcr
	str	x1, [x0, #GOBUF_REGS+144]
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
