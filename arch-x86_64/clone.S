/*
 * long clone(unsigned long flags, void *stack, void *tls, void (*fn)(void *), void *arg)
 * The kernel's order here is flags, stack, ptid, ctid, tls.  fn and arg
 * travel on the child's stack; the child calls fn(arg) and exits the thread.
 */
	.text
	.globl clone
	.type clone, @function
clone:
	and	$-16, %rsi
	sub	$16, %rsi
	mov	%rcx, 0(%rsi)
	mov	%r8, 8(%rsi)
	mov	%rdx, %r8
	xor	%edx, %edx
	xor	%r10d, %r10d
	mov	$56, %eax
	syscall
	test	%rax, %rax
	jnz	1f
	xor	%ebp, %ebp
	pop	%rax
	pop	%rdi
	call	*%rax
	xor	%edi, %edi
	mov	$60, %eax
	syscall
	hlt
1:	ret
	.size clone, .-clone
	.section .note.GNU-stack,"",@progbits
