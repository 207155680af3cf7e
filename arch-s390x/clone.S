/*
 * long clone(unsigned long flags, void *stack, void *tls, void (*fn)(void *), void *arg)
 * The kernel's order here is stack, flags, ptid, ctid, tls.  fn and arg
 * travel on the child's stack above its 160-byte register save area; the
 * child calls fn(arg) and exits the thread.
 */
	.text
	.globl clone
	.type clone, @function
clone:
	nill	%r3, 0xfff8
	aghi	%r3, -176
	stg	%r5, 160(%r3)
	stg	%r6, 168(%r3)
	lghi	%r0, 0
	stg	%r0, 0(%r3)
	stg	%r6, 48(%r15)
	lgr	%r0, %r2
	lgr	%r2, %r3
	lgr	%r3, %r0
	lgr	%r6, %r4
	lghi	%r4, 0
	lghi	%r5, 0
	lghi	%r1, 120
	svc	0
	ltgr	%r2, %r2
	jz	1f
	lg	%r6, 48(%r15)
	br	%r14
1:	lg	%r1, 160(%r15)
	lg	%r2, 168(%r15)
	lghi	%r11, 0
	basr	%r14, %r1
	lghi	%r2, 0
	lghi	%r1, 1
	svc	0
	.word	0
	.size clone, .-clone
	.section .note.GNU-stack,"",@progbits
