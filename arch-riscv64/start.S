/* _start: the kernel leaves argc at 0(sp), argv and envp after it, then auxv. */
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
	unimp
	.size _start, .-_start
	.section .note.GNU-stack,"",%progbits
