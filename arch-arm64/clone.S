/*
 * long clone(unsigned long flags, void *stack, void *tls, void (*fn)(void *), void *arg)
 * The kernel's order here is flags, stack, ptid, tls, ctid.  fn and arg
 * travel on the child's stack; the child calls fn(arg) and exits the thread.
 */
	.text
	.globl clone
	.type clone, %function
clone:
	and	x1, x1, #-16
	stp	x3, x4, [x1, #-16]!
	mov	x3, x2
	mov	x2, #0
	mov	x4, #0
	mov	x8, #220
	svc	#0
	cbz	x0, 1f
	ret
1:	ldp	x1, x0, [sp], #16
	mov	x29, #0
	mov	x30, #0
	blr	x1
	mov	x0, #0
	mov	x8, #93
	svc	#0
	udf	#0
	.size clone, .-clone
	.section .note.GNU-stack,"",%progbits
