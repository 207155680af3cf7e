/*
 * x86_64 gobuf regs[]: the SysV callee-saved registers besides rbp, then
 * the FP control state.  SAVEREGS and RESTOREREGS move them between the
 * registers and the gobuf at buf (an address: 0(%rdi)), for switch.S and
 * defer.S alike.
 */
#ifndef ARCH_GOBUF_H
#define ARCH_GOBUF_H

#include "layout.h"

/* regs[0..4] = rbx r12 r13 r14 r15 */
#define GOBUF_MXCSR	5	/* mxcsr, zero-extended */
#define GOBUF_X87CW	6	/* x87 control word, zero-extended */

#ifdef __ASSEMBLER__
#define SAVEREGS(buf)				\
	mov	%rbx, GOBUF_REGS+0+buf;		\
	mov	%r12, GOBUF_REGS+8+buf;		\
	mov	%r13, GOBUF_REGS+16+buf;	\
	mov	%r14, GOBUF_REGS+24+buf;	\
	mov	%r15, GOBUF_REGS+32+buf;	\
	movq	$0, GOBUF_REGS+40+buf;		\
	stmxcsr	GOBUF_REGS+40+buf;		\
	movq	$0, GOBUF_REGS+48+buf;		\
	fnstcw	GOBUF_REGS+48+buf

#define RESTOREREGS(buf)			\
	mov	GOBUF_REGS+0+buf, %rbx;		\
	mov	GOBUF_REGS+8+buf, %r12;		\
	mov	GOBUF_REGS+16+buf, %r13;	\
	mov	GOBUF_REGS+24+buf, %r14;	\
	mov	GOBUF_REGS+32+buf, %r15;	\
	ldmxcsr	GOBUF_REGS+40+buf;		\
	fldcw	GOBUF_REGS+48+buf

#endif /* __ASSEMBLER__ */
#endif
