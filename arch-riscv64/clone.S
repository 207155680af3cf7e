/*
 * long clone(unsigned long flags, void *stack, void *tls, void (*fn)(void *), void *arg)
 * The kernel's order here is flags, stack, ptid, tls, ctid.  fn and arg
 * travel on the child's stack; the child calls fn(arg) and exits the thread.
 */
	.text
	.globl clone
	.type clone, %function
clone:
	andi	a1, a1, -16
	addi	a1, a1, -16
	sd	a3, 0(a1)
	sd	a4, 8(a1)
	mv	a3, a2
	li	a2, 0
	li	a4, 0
	li	a7, 220
	ecall
	beqz	a0, 1f
	ret
1:	ld	t0, 0(sp)
	ld	a0, 8(sp)
	addi	sp, sp, 16
	li	s0, 0
	li	ra, 0
	jalr	t0
	li	a0, 0
	li	a7, 93
	ecall
	unimp
	.size clone, .-clone
	.section .note.GNU-stack,"",%progbits
