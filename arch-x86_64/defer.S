/*
 * int deferproc(void (*fn)(void *), void *arg): newdefer links the
 * record; here we save the caller's context in it as gosave would
 * (sp after return, rbp, rbx r12-r15, mxcsr, x87 cw) and return 0.
 * recovery gogo's that context with pc = deferproc1 and ctxt = the
 * return address, so deferproc returns again, with 1.
 */
#include "layout.h"

	.text
	.globl deferproc
	.type deferproc, @function
deferproc:
	mov	%rbp, %rdx
	push	%rbp
	mov	%rsp, %rbp
	call	newdefer
	pop	%rbp
	mov	(%rsp), %rcx
	mov	%rcx, GOBUF_CTXT(%rax)
	lea	deferproc1(%rip), %rcx
	mov	%rcx, GOBUF_PC(%rax)
	lea	8(%rsp), %rcx
	mov	%rcx, GOBUF_SP(%rax)
	mov	%rbp, GOBUF_BP(%rax)
	mov	%rbx, GOBUF_REGS+0(%rax)
	mov	%r12, GOBUF_REGS+8(%rax)
	mov	%r13, GOBUF_REGS+16(%rax)
	mov	%r14, GOBUF_REGS+24(%rax)
	mov	%r15, GOBUF_REGS+32(%rax)
	movq	$0, GOBUF_REGS+40(%rax)
	stmxcsr	GOBUF_REGS+40(%rax)
	movq	$0, GOBUF_REGS+48(%rax)
	fnstcw	GOBUF_REGS+48(%rax)
	xor	%eax, %eax
	ret
	.size deferproc, .-deferproc

/* deferproc's second return: gogo left the return address in %rdi. */
	.globl deferproc1
	.type deferproc1, @function
deferproc1:
	mov	$1, %eax
	jmp	*%rdi
	.size deferproc1, .-deferproc1

	.section .note.GNU-stack,"",@progbits
