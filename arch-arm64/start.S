/*
 * _start: the kernel leaves argc at [sp], argv and envp after it, then
 * auxv.  rt0_go returns the top of m0's g0 stack; the runtime proper starts
 * there with every register cleared.
 */
	.text
	.globl _start
	.type _start, %function
_start:
	mov	x29, #0
	mov	x30, #0
	mov	x0, sp
	and	sp, x0, #-16
	bl	rt0_go
	mov	sp, x0
	.irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	mov	x\r, #0
	.endr
	bl	rt0_go1
	udf	#0
	.size _start, .-_start
	.section .note.GNU-stack,"",%progbits
