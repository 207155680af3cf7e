/*
 * arm64 context switch.  A gobuf holds sp, pc, g, lr, bp = x29 and the
 * AAPCS64 callee-saved set of gobuf.h.  TPIDR_EL0 points at m->tls; g is
 * the word there.
 */
#include "gobuf.h"

#define SCHED(f) (G_SCHED + (f))

	.text

/* void gogo(struct gobuf *buf): restore buf and jump to buf->pc. */
	.globl gogo
	.type gogo, %function
gogo:
	ldr	x1, [x0, #GOBUF_G]
	mrs	x2, tpidr_el0
	str	x1, [x2]
	ldr	x1, [x0, #GOBUF_SP]
	mov	sp, x1
	ldr	x29, [x0, #GOBUF_BP]
	RESTOREREGS(x0, 0, x1, x2)
	ldr	x30, [x0, #GOBUF_LR]
	ldr	x1, [x0, #GOBUF_PC]
	ldr	x0, [x0, #GOBUF_CTXT]
	/* a jump, not a fall-through, so that gogo_resume starts a block under qemu */
	b	gogo_resume
	.size gogo, .-gogo

/* gogo's final jump, every register of the resumed context restored: a probe point. */
	.globl gogo_resume
	.type gogo_resume, %function
gogo_resume:
	br	x1
	.size gogo_resume, .-gogo_resume

/*
 * Save the caller's context in the gobuf at off(base): resume pc = x30,
 * sp, x29 and the callee-saved set; lr = 0.  Uses x1.
 */
#define SAVECALLER(base, off)				\
	str	x30, [base, #(off)+GOBUF_PC];		\
	mov	x1, sp;					\
	str	x1, [base, #(off)+GOBUF_SP];		\
	str	xzr, [base, #(off)+GOBUF_LR];		\
	str	x29, [base, #(off)+GOBUF_BP];		\
	SAVEREGS(base, off, x1)

/* void gosave(struct gobuf *buf): record the caller's context in buf. */
	.globl gosave
	.type gosave, %function
gosave:
	SAVECALLER(x0, 0)
	mrs	x1, tpidr_el0
	ldr	x1, [x1]
	str	x1, [x0, #GOBUF_G]
	ret
	.size gosave, .-gosave

/*
 * void mcall(void (*fn)(struct g *)): save the caller in g->sched, switch
 * to g0's stack and call fn(g).  fn must not return.
 */
	.globl mcall
	.type mcall, %function
mcall:
	/* save the caller's context (pc, sp, callee-saved, FP control) in g->sched */
	mov	x9, x0
	mrs	x10, tpidr_el0
	ldr	x0, [x10]
	SAVECALLER(x0, G_SCHED)
	str	x0, [x0, #SCHED(GOBUF_G)]
	/* find g0; mcall on g0 is a bug */
	ldr	x11, [x0, #G_M]
	ldr	x12, [x11, #M_G0]
	cmp	x12, x0
	b.eq	badmcall
	/* switch to g0: g in the TLS slot, g0's stack, no frame to walk past */
	str	x12, [x10]
	ldr	x1, [x12, #SCHED(GOBUF_SP)]
	mov	sp, x1
	mov	x29, #0
	/* call fn(g); fn must not return */
	blr	x9
	b	badmcall2
	.size mcall, .-mcall

/* void systemstack(void (*fn)(void *), void *arg): run fn(arg) on g0's stack. */
	.globl systemstack
	.type systemstack, %function
systemstack:
	/* already on g0 or gsignal: just call fn (1: below) */
	mrs	x9, tpidr_el0
	ldr	x10, [x9]
	ldr	x11, [x10, #G_M]
	ldr	x12, [x11, #M_G0]
	cmp	x12, x10
	b.eq	1f
	ldr	x13, [x11, #M_GSIGNAL]
	cmp	x13, x10
	b.eq	1f
	/* a frame, and the g and sp to come back to, in callee-saved x19 and x20 */
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	mov	x19, x10
	mov	x20, sp
	/* switch to g0 and its stack */
	str	x12, [x9]
	ldr	x13, [x12, #SCHED(GOBUF_SP)]
	mov	sp, x13
	/* call fn(arg) */
	mov	x2, x0
	mov	x0, x1
	blr	x2
	/* switch back to the goroutine and its stack */
	mrs	x9, tpidr_el0
	str	x19, [x9]
	mov	sp, x20
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #32
	b	systemstack_return
1:	mov	x2, x0
	mov	x0, x1
	br	x2
	.size systemstack, .-systemstack

/* systemstack's return to the goroutine, its sp and callee-saved registers restored: a probe point. */
	.globl systemstack_return
	.type systemstack_return, %function
systemstack_return:
	ret
	.size systemstack_return, .-systemstack_return

/* A goroutine's function returns here: its start frame's lr. */
	.globl goexit
	.type goexit, %function
goexit:
	bl	goexit1
	udf	#0
	.size goexit, .-goexit

	.section .note.GNU-stack,"",%progbits
