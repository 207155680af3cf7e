/* _start: the kernel leaves argc at (%rsp), argv and envp after it, then auxv. */
	.text
	.globl _start
	.type _start, @function
_start:
	xor	%ebp, %ebp
	mov	%rsp, %rdi
	and	$-16, %rsp
	call	rt0_go
	hlt
	.size _start, .-_start
	.section .note.GNU-stack,"",@progbits
