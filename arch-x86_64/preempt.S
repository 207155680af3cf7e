/*
 * asyncPreempt: entered as if called at the interrupted pc, below the
 * red zone.  Saves flags, every integer register and the x87/SSE state,
 * yields in asyncPreempt2, restores them and returns over the red zone.
 */
	.text
	.globl asyncPreempt
	.type asyncPreempt, @function
asyncPreempt:
	pushfq
	push	%rax
	push	%rcx
	push	%rdx
	push	%rbx
	push	%rbp
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, %rbp
	and	$-16, %rsp
	sub	$512, %rsp
	fxsave64 (%rsp)
	call	asyncPreempt2
	fxrstor64 (%rsp)
	mov	%rbp, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rbp
	pop	%rbx
	pop	%rdx
	pop	%rcx
	pop	%rax
	popfq
	jmp	asyncPreempt_resume
	.size asyncPreempt, .-asyncPreempt

/*
 * asyncPreempt's return, every register of the interrupted code restored:
 * a probe point, reached by a jump so that it starts a block under qemu.
 */
	.globl asyncPreempt_resume
	.type asyncPreempt_resume, @function
asyncPreempt_resume:
	ret	$128
	.size asyncPreempt_resume, .-asyncPreempt_resume
	.section .note.GNU-stack,"",@progbits
