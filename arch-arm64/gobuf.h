/*
 * arm64 gobuf regs[]: the AAPCS64 callee-saved registers besides x29,
 * then fpcr.  SAVEREGS and RESTOREREGS move them between the registers
 * and the gobuf at off(base), using the scratch register tmp, for
 * switch.S and defer.S alike.
 */
#ifndef ARCH_GOBUF_H
#define ARCH_GOBUF_H

#include "layout.h"

/* regs[0..9] = x19-x28, regs[10..17] = d8-d15 */
#define GOBUF_FPCR	18

#ifdef __ASSEMBLER__
#define SAVEREGS(base, off, tmp)			\
	stp	x19, x20, [base, #(off)+GOBUF_REGS+0];	\
	stp	x21, x22, [base, #(off)+GOBUF_REGS+16];	\
	stp	x23, x24, [base, #(off)+GOBUF_REGS+32];	\
	stp	x25, x26, [base, #(off)+GOBUF_REGS+48];	\
	stp	x27, x28, [base, #(off)+GOBUF_REGS+64];	\
	stp	d8, d9, [base, #(off)+GOBUF_REGS+80];	\
	stp	d10, d11, [base, #(off)+GOBUF_REGS+96];	\
	stp	d12, d13, [base, #(off)+GOBUF_REGS+112];	\
	stp	d14, d15, [base, #(off)+GOBUF_REGS+128];	\
	mrs	tmp, fpcr;				\
	str	tmp, [base, #(off)+GOBUF_REGS+144]

/* Writing fpcr can be slow on hardware: only when it changes.  Uses tmp and tmp2. */
#define RESTOREREGS(base, off, tmp, tmp2)		\
	ldp	x19, x20, [base, #(off)+GOBUF_REGS+0];	\
	ldp	x21, x22, [base, #(off)+GOBUF_REGS+16];	\
	ldp	x23, x24, [base, #(off)+GOBUF_REGS+32];	\
	ldp	x25, x26, [base, #(off)+GOBUF_REGS+48];	\
	ldp	x27, x28, [base, #(off)+GOBUF_REGS+64];	\
	ldp	d8, d9, [base, #(off)+GOBUF_REGS+80];	\
	ldp	d10, d11, [base, #(off)+GOBUF_REGS+96];	\
	ldp	d12, d13, [base, #(off)+GOBUF_REGS+112];	\
	ldp	d14, d15, [base, #(off)+GOBUF_REGS+128];	\
	ldr	tmp, [base, #(off)+GOBUF_REGS+144];	\
	mrs	tmp2, fpcr;				\
	cmp	tmp, tmp2;				\
	b.eq	1f;					\
	msr	fpcr, tmp;				\
1:

#endif /* __ASSEMBLER__ */
#endif
