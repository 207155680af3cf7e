/*
 * int deferproc(void (*fn)(void *), void *arg): newdefer links the
 * record; here we save the caller's context in it as gosave would
 * (sp, its frame address, r6-r13, f8-f15, fpc; never a0/a1) and return
 * 0.  recovery gogo's that context with pc = deferproc1 and ctxt = the
 * return address, so deferproc returns again, with 1.
 */
#include "gobuf.h"

	.text
	.globl deferproc
	.type deferproc, @function
deferproc:
	lg	%r4, 0(%r15)
	stmg	%r14, %r15, 112(%r15)
	lgr	%r1, %r15
	lay	%r15, -160(%r15)
	stg	%r1, 0(%r15)
	brasl	%r14, newdefer
	lmg	%r14, %r15, 160+112(%r15)
	stg	%r14, GOBUF_CTXT(%r2)
	larl	%r1, deferproc1
	stg	%r1, GOBUF_PC(%r2)
	stg	%r15, GOBUF_SP(%r2)
	lghi	%r0, 0
	stg	%r0, GOBUF_LR(%r2)
	lg	%r1, 0(%r15)
	stg	%r1, GOBUF_BP(%r2)
	SAVEREGS(%r2, 0, %r0)
	lghi	%r2, 0
	br	%r14
	.size deferproc, .-deferproc

/* deferproc's second return: gogo left the return address in r2. */
	.globl deferproc1
	.type deferproc1, @function
deferproc1:
	lgr	%r1, %r2
	lghi	%r2, 1
	br	%r1
	.size deferproc1, .-deferproc1

	.section .note.GNU-stack,"",@progbits
