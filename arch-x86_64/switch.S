/*
 * x86_64 context switch.  A gobuf holds sp, pc, g, bp and the SysV
 * callee-saved set of gobuf.h.  g lives at %fs:0.
 */
#include "gobuf.h"

#define SCHED(f) (G_SCHED + (f))

	.text

/* void gogo(struct gobuf *buf): restore buf and jump to buf->pc. */
	.globl gogo
	.type gogo, @function
gogo:
	mov	GOBUF_G(%rdi), %rdx
	mov	%rdx, %fs:0
	mov	GOBUF_SP(%rdi), %rsp
	mov	GOBUF_BP(%rdi), %rbp
	RESTOREREGS(0(%rdi))
	mov	GOBUF_PC(%rdi), %rax
	mov	GOBUF_CTXT(%rdi), %rdi
	/* a jump, not a fall-through, so that gogo_resume starts a block under qemu */
	jmp	gogo_resume
	.size gogo, .-gogo

/* gogo's final jump, every register of the resumed context restored: a probe point. */
	.globl gogo_resume
	.type gogo_resume, @function
gogo_resume:
	jmp	*%rax
	.size gogo_resume, .-gogo_resume

/* Save the caller's context (return pc, sp after return, callee-saved) in the gobuf at %rax. */
#define SAVECALLER(buf)				\
	mov	(%rsp), %rcx;			\
	mov	%rcx, GOBUF_PC+buf;		\
	lea	8(%rsp), %rcx;			\
	mov	%rcx, GOBUF_SP+buf;		\
	mov	%rbp, GOBUF_BP+buf;		\
	SAVEREGS(buf)

/* void gosave(struct gobuf *buf): record the caller's context in buf. */
	.globl gosave
	.type gosave, @function
gosave:
	SAVECALLER(0(%rdi))
	mov	%fs:0, %rax
	mov	%rax, GOBUF_G(%rdi)
	ret
	.size gosave, .-gosave

/*
 * void mcall(void (*fn)(struct g *)): save the caller in g->sched, switch
 * to g0's stack and call fn(g).  fn must not return.
 */
	.globl mcall
	.type mcall, @function
mcall:
	/* save the caller's context (pc, sp, callee-saved, FP control) in g->sched */
	mov	%rdi, %r11
	mov	%fs:0, %rax
	SAVECALLER(SCHED(0)(%rax))
	mov	%rax, SCHED(GOBUF_G)(%rax)
	/* find g0; mcall on g0 is a bug */
	mov	G_M(%rax), %rcx
	mov	M_G0(%rcx), %rsi
	cmp	%rsi, %rax
	je	badmcall
	/* switch to g0: g in the TLS slot, g0's stack, no frame to walk past */
	mov	%rsi, %fs:0
	mov	SCHED(GOBUF_SP)(%rsi), %rsp
	xor	%ebp, %ebp
	/* call fn(g); fn must not return */
	mov	%rax, %rdi
	call	*%r11
	jmp	badmcall2
	.size mcall, .-mcall

/* void systemstack(void (*fn)(void *), void *arg): run fn(arg) on g0's stack. */
	.globl systemstack
	.type systemstack, @function
systemstack:
	/* already on g0 or gsignal: just call fn (1: below) */
	mov	%fs:0, %rax
	mov	G_M(%rax), %rcx
	mov	M_G0(%rcx), %rdx
	cmp	%rdx, %rax
	je	1f
	cmp	M_GSIGNAL(%rcx), %rax
	je	1f
	/* a frame, and the g and sp to come back to, in callee-saved rbx and r12 */
	push	%rbp
	mov	%rsp, %rbp
	push	%rbx
	push	%r12
	mov	%rax, %rbx
	mov	%rsp, %r12
	/* switch to g0 and its stack */
	mov	%rdx, %fs:0
	mov	SCHED(GOBUF_SP)(%rdx), %rsp
	/* call fn(arg) */
	mov	%rdi, %rax
	mov	%rsi, %rdi
	call	*%rax
	/* switch back to the goroutine and its stack */
	mov	%rbx, %fs:0
	mov	%r12, %rsp
	pop	%r12
	pop	%rbx
	pop	%rbp
	jmp	systemstack_return
1:	mov	%rdi, %rax
	mov	%rsi, %rdi
	jmp	*%rax
	.size systemstack, .-systemstack

/* systemstack's return to the goroutine, its sp and callee-saved registers restored: a probe point. */
	.globl systemstack_return
	.type systemstack_return, @function
systemstack_return:
	ret
	.size systemstack_return, .-systemstack_return

/* A goroutine's function returns here: its start frame's return address. */
	.globl goexit
	.type goexit, @function
goexit:
	call	goexit1
	hlt
	.size goexit, .-goexit

	.section .note.GNU-stack,"",@progbits
