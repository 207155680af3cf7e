/*
 * s390x context switch.  A gobuf holds sp = r15, pc, g, lr = r14, bp =
 * the frame address of the function that saved it (its caller's
 * backchain word), and the ELF ABI's callee-saved set: regs[0..7] =
 * r6-r13 (r11 is the frame pointer), regs[8..15] = f8-f15, regs[16] =
 * fpc.  a0:a1 point at m->tls; g is the word there.  Every function gets
 * a 160-byte register save area from its caller: one is made below the
 * top of a g0 stack before calling there.
 */
#include "gobuf.h"

#define SCHED(f) (G_SCHED + (f))

/* reg = a0:a1, the address of m->tls */
#define TLS(reg)		\
	ear	reg, %a0;	\
	sllg	reg, reg, 32;	\
	ear	reg, %a1

	.text

/* void gogo(struct gobuf *buf): restore buf and jump to buf->pc. */
	.globl gogo
	.type gogo, @function
gogo:
	TLS(%r1)
	lg	%r0, GOBUF_G(%r2)
	stg	%r0, 0(%r1)
	lg	%r15, GOBUF_SP(%r2)
	RESTOREREGS(%r2, 0)
	lg	%r14, GOBUF_LR(%r2)
	lg	%r1, GOBUF_PC(%r2)
	lg	%r2, GOBUF_CTXT(%r2)
	/*
	 * a jump, not a fall-through, so that gogo_resume starts a block
	 * under qemu; over padding, as qemu-s390x goes on in the block at a
	 * branch to the next instruction
	 */
	j	gogo_resume
	nopr	%r7
	.size gogo, .-gogo

/* gogo's final jump, every register of the resumed context restored: a probe point. */
	.globl gogo_resume
	.type gogo_resume, @function
gogo_resume:
	br	%r1
	.size gogo_resume, .-gogo_resume

/*
 * Save the caller's context in the gobuf at off(base): resume pc = r14,
 * sp, its frame address and the callee-saved set; lr = 0.  Uses r0, r1.
 */
#define SAVECALLER(base, off)			\
	stg	%r14, (off)+GOBUF_PC(base);	\
	stg	%r15, (off)+GOBUF_SP(base);	\
	lghi	%r0, 0;				\
	stg	%r0, (off)+GOBUF_LR(base);	\
	lg	%r1, 0(%r15);			\
	stg	%r1, (off)+GOBUF_BP(base);	\
	SAVEREGS(base, off, %r0)

/* void gosave(struct gobuf *buf): record the caller's context in buf. */
	.globl gosave
	.type gosave, @function
gosave:
	SAVECALLER(%r2, 0)
	TLS(%r1)
	lg	%r1, 0(%r1)
	stg	%r1, GOBUF_G(%r2)
	br	%r14
	.size gosave, .-gosave

/*
 * void mcall(void (*fn)(struct g *)): save the caller in g->sched, switch
 * to g0's stack and call fn(g).  fn must not return.
 */
	.globl mcall
	.type mcall, @function
mcall:
	/* save the caller's context (pc, sp, callee-saved, FP control) in g->sched */
	lgr	%r3, %r2
	TLS(%r4)
	lg	%r2, 0(%r4)
	SAVECALLER(%r2, G_SCHED)
	stg	%r2, SCHED(GOBUF_G)(%r2)
	/* find g0; mcall on g0 is a bug */
	lg	%r5, G_M(%r2)
	lg	%r5, M_G0(%r5)
	cgr	%r5, %r2
	jne	1f
	jg	badmcall
	/* switch to g0: g in the TLS slot, g0's stack, no frame to walk past */
1:	stg	%r5, 0(%r4)
	lg	%r15, SCHED(GOBUF_SP)(%r5)
	lay	%r15, -160(%r15)
	lghi	%r11, 0
	stg	%r11, 0(%r15)
	/* call fn(g); fn must not return */
	basr	%r14, %r3
	jg	badmcall2
	.size mcall, .-mcall

/* void systemstack(void (*fn)(void *), void *arg): run fn(arg) on g0's stack. */
	.globl systemstack
	.type systemstack, @function
systemstack:
	/* already on g0 or gsignal: just call fn (1: below) */
	TLS(%r1)
	lg	%r4, 0(%r1)
	lg	%r5, G_M(%r4)
	lg	%r0, M_G0(%r5)
	cgr	%r0, %r4
	je	1f
	lg	%r5, M_GSIGNAL(%r5)
	cgr	%r5, %r4
	je	1f
	/* a frame, and the g and sp to come back to, in callee-saved r6 and r7 */
	stmg	%r6, %r15, 48(%r15)
	lgr	%r5, %r15
	lay	%r15, -160(%r15)
	stg	%r5, 0(%r15)
	lgr	%r6, %r4
	lgr	%r7, %r15
	/* switch to g0 and its stack; fn's frame chains to systemstack's */
	stg	%r0, 0(%r1)
	lgr	%r4, %r0
	lg	%r15, SCHED(GOBUF_SP)(%r4)
	lay	%r15, -160(%r15)
	stg	%r5, 0(%r15)
	/* call fn(arg) */
	lgr	%r1, %r2
	lgr	%r2, %r3
	basr	%r14, %r1
	/* switch back to the goroutine and its stack */
	TLS(%r1)
	stg	%r6, 0(%r1)
	lgr	%r15, %r7
	lmg	%r6, %r15, 160+48(%r15)
	j	systemstack_return
1:	lgr	%r1, %r2
	lgr	%r2, %r3
	br	%r1
	.size systemstack, .-systemstack

/* systemstack's return to the goroutine, its sp and callee-saved registers restored: a probe point. */
	.globl systemstack_return
	.type systemstack_return, @function
systemstack_return:
	br	%r14
	.size systemstack_return, .-systemstack_return

/* A goroutine's function returns here: its start frame's r14. */
	.globl goexit
	.type goexit, @function
goexit:
	brasl	%r14, goexit1
	.word	0
	.size goexit, .-goexit

	.section .note.GNU-stack,"",@progbits
