/*
 * int deferproc(void (*fn)(void *), void *arg): newdefer links the
 * record; here we save the caller's context in it as gosave would
 * (sp after return, rbp, rbx r12-r15, mxcsr, x87 cw) and return 0.
 * recovery gogo's that context with pc = deferproc1 and ctxt = the
 * return address, so deferproc returns again, with 1.
 */
#include "gobuf.h"

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
	SAVEREGS(0(%rax))
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
