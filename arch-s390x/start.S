/*
 * _start: the kernel leaves argc at 0(r15), argv and envp after it, then
 * auxv.  rt0_go returns the top of m0's g0 stack; the runtime proper starts
 * there, below a 160-byte register save area with a zero backchain, with
 * every register but r15 cleared.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	lghi	%r11, 0
	lgr	%r2, %r15
	nill	%r15, 0xfff8
	lay	%r15, -160(%r15)
	xc	0(8, %r15), 0(%r15)
	brasl	%r14, rt0_go
	lay	%r15, -160(%r2)
	xc	0(8, %r15), 0(%r15)
	.irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14
	lghi	%r\r, 0
	.endr
	brasl	%r14, rt0_go1
	.word	0
	.size _start, .-_start
	.section .note.GNU-stack,"",@progbits
