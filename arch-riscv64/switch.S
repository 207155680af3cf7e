/*
 * riscv64 context switch.  A gobuf holds sp, pc, g, lr = ra, bp = s0 and
 * the psABI callee-saved set of gobuf.h.  tp points at m->tls; g is the
 * word there.  gp and tp are per-thread and never part of a gobuf.
 */
#include "gobuf.h"

#define SCHED(f) (G_SCHED + (f))

	.text

/* void gogo(struct gobuf *buf): restore buf and jump to buf->pc. */
	.globl gogo
	.type gogo, %function
gogo:
	ld	t0, GOBUF_G(a0)
	sd	t0, 0(tp)
	ld	sp, GOBUF_SP(a0)
	ld	s0, GOBUF_BP(a0)
	RESTOREREGS(a0, 0, t0)
	ld	ra, GOBUF_LR(a0)
	ld	t0, GOBUF_PC(a0)
	ld	a0, GOBUF_CTXT(a0)
	/* a jump, not a fall-through, so that gogo_resume starts a block under qemu */
	j	gogo_resume
	.size gogo, .-gogo

/* gogo's final jump, every register of the resumed context restored: a probe point. */
	.globl gogo_resume
	.type gogo_resume, %function
gogo_resume:
	jr	t0
	.size gogo_resume, .-gogo_resume

/*
 * Save the caller's context in the gobuf at off(base): resume pc = ra,
 * sp, s0 and the callee-saved set; lr = 0.  Uses t0.
 */
#define SAVECALLER(base, off)		\
	sd	ra, (off)+GOBUF_PC(base);	\
	sd	sp, (off)+GOBUF_SP(base);	\
	sd	zero, (off)+GOBUF_LR(base);	\
	sd	s0, (off)+GOBUF_BP(base);	\
	SAVEREGS(base, off, t0)

/* void gosave(struct gobuf *buf): record the caller's context in buf. */
	.globl gosave
	.type gosave, %function
gosave:
	SAVECALLER(a0, 0)
	ld	t0, 0(tp)
	sd	t0, GOBUF_G(a0)
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
	mv	t3, a0
	ld	a0, 0(tp)
	SAVECALLER(a0, G_SCHED)
	sd	a0, SCHED(GOBUF_G)(a0)
	/* find g0; mcall on g0 is a bug */
	ld	t1, G_M(a0)
	ld	t2, M_G0(t1)
	bne	t2, a0, 1f
	tail	badmcall
	/* switch to g0: g in the TLS slot, g0's stack, no frame to walk past */
1:	sd	t2, 0(tp)
	ld	sp, SCHED(GOBUF_SP)(t2)
	li	s0, 0
	/* call fn(g); fn must not return */
	jalr	t3
	tail	badmcall2
	.size mcall, .-mcall

/* void systemstack(void (*fn)(void *), void *arg): run fn(arg) on g0's stack. */
	.globl systemstack
	.type systemstack, %function
systemstack:
	/* already on g0 or gsignal: just call fn (1: below) */
	ld	t0, 0(tp)
	ld	t1, G_M(t0)
	ld	t2, M_G0(t1)
	beq	t2, t0, 1f
	ld	t3, M_GSIGNAL(t1)
	beq	t3, t0, 1f
	/* a frame, and the g and sp to come back to, in callee-saved s1 and s2 */
	addi	sp, sp, -32
	sd	ra, 24(sp)
	sd	s0, 16(sp)
	sd	s1, 8(sp)
	sd	s2, 0(sp)
	addi	s0, sp, 32
	mv	s1, t0
	mv	s2, sp
	/* switch to g0 and its stack */
	sd	t2, 0(tp)
	ld	sp, SCHED(GOBUF_SP)(t2)
	/* call fn(arg) */
	mv	t0, a0
	mv	a0, a1
	jalr	t0
	/* switch back to the goroutine and its stack */
	sd	s1, 0(tp)
	mv	sp, s2
	ld	ra, 24(sp)
	ld	s0, 16(sp)
	ld	s1, 8(sp)
	ld	s2, 0(sp)
	addi	sp, sp, 32
	j	systemstack_return
1:	mv	t0, a0
	mv	a0, a1
	jr	t0
	.size systemstack, .-systemstack

/* systemstack's return to the goroutine, its sp and callee-saved registers restored: a probe point. */
	.globl systemstack_return
	.type systemstack_return, %function
systemstack_return:
	ret
	.size systemstack_return, .-systemstack_return

/* A goroutine's function returns here: its start frame's ra. */
	.globl goexit
	.type goexit, %function
goexit:
	call	goexit1
	unimp
	.size goexit, .-goexit

	.section .note.GNU-stack,"",%progbits
