/*
 * _start: the kernel leaves argc at (%rsp), argv and envp after it, then
 * auxv.  rt0_go returns the top of m0's g0 stack; the runtime proper starts
 * there with every register cleared.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xor	%ebp, %ebp
	mov	%rsp, %rdi
	and	$-16, %rsp
	call	rt0_go
	mov	%rax, %rsp
	xor	%eax, %eax
	xor	%ebx, %ebx
	xor	%ecx, %ecx
	xor	%edx, %edx
	xor	%esi, %esi
	xor	%edi, %edi
	xor	%r8d, %r8d
	xor	%r9d, %r9d
	xor	%r10d, %r10d
	xor	%r11d, %r11d
	xor	%r12d, %r12d
	xor	%r13d, %r13d
	xor	%r14d, %r14d
	xor	%r15d, %r15d
	call	rt0_go1
	hlt
	.size _start, .-_start
	.section .note.GNU-stack,"",@progbits
