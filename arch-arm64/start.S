/* _start: the kernel leaves argc at [sp], argv and envp after it, then auxv. */
	.text
	.globl _start
	.type _start, %function
_start:
	mov	x29, #0
	mov	x30, #0
	mov	x0, sp
	and	sp, x0, #-16
	bl	rt0_go
	udf	#0
	.size _start, .-_start
	.section .note.GNU-stack,"",%progbits
