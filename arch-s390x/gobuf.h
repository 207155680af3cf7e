/*
 * s390x gobuf regs[]: the ELF ABI's callee-saved registers r6-r13 (r11
 * is the frame pointer), f8-f15, then fpc.  SAVEREGS and RESTOREREGS
 * move them between the registers and the gobuf at off(base), using the
 * scratch register tmp, for switch.S and defer.S alike.
 */
#ifndef ARCH_GOBUF_H
#define ARCH_GOBUF_H

#include "layout.h"

/* regs[0..7] = r6-r13, regs[8..15] = f8-f15 */
#define GOBUF_FPC	16

#ifdef __ASSEMBLER__
#define R(i) (GOBUF_REGS + 8 * (i))

#define SAVEREGS(base, off, tmp)		\
	stmg	%r6, %r13, (off)+R(0)(base);	\
	std	%f8, (off)+R(8)(base);		\
	std	%f9, (off)+R(9)(base);		\
	std	%f10, (off)+R(10)(base);	\
	std	%f11, (off)+R(11)(base);	\
	std	%f12, (off)+R(12)(base);	\
	std	%f13, (off)+R(13)(base);	\
	std	%f14, (off)+R(14)(base);	\
	std	%f15, (off)+R(15)(base);	\
	efpc	tmp;				\
	stg	tmp, (off)+R(16)(base)

/* fpc is the low word of its big-endian slot. */
#define RESTOREREGS(base, off)			\
	lmg	%r6, %r13, (off)+R(0)(base);	\
	ld	%f8, (off)+R(8)(base);		\
	ld	%f9, (off)+R(9)(base);		\
	ld	%f10, (off)+R(10)(base);	\
	ld	%f11, (off)+R(11)(base);	\
	ld	%f12, (off)+R(12)(base);	\
	ld	%f13, (off)+R(13)(base);	\
	ld	%f14, (off)+R(14)(base);	\
	ld	%f15, (off)+R(15)(base);	\
	lfpc	(off)+R(16)+4(base)

#endif /* __ASSEMBLER__ */
#endif
