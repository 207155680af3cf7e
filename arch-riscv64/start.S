/*
 * _start: the kernel leaves argc at 0(sp), argv and envp after it, then
 * auxv.  rt0_go returns the top of m0's g0 stack; the runtime proper starts
 * there with every register but sp, gp and tp (the TLS register) cleared.
 */
	.text
	.globl _start
	.type _start, %function
_start:
	/* gp must not be computed gp-relative. */
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	li	s0, 0
	li	ra, 0
	mv	a0, sp
	andi	sp, sp, -16
	call	rt0_go
	mv	sp, a0
	.irp r, 1,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	li	x\r, 0
	.endr
	call	rt0_go1
	unimp
	.size _start, .-_start
	.section .note.GNU-stack,"",%progbits
