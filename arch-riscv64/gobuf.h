/*
 * riscv64 gobuf regs[]: the psABI callee-saved registers besides s0,
 * then fcsr (frm and fflags).  SAVEREGS and RESTOREREGS move them
 * between the registers and the gobuf at off(base), using the scratch
 * register tmp, for switch.S and defer.S alike.
 */
#ifndef ARCH_GOBUF_H
#define ARCH_GOBUF_H

#include "layout.h"

/* regs[0..10] = s1-s11, regs[11..22] = fs0-fs11 */
#define GOBUF_FCSR	23

#ifdef __ASSEMBLER__
#define R(i) (GOBUF_REGS + 8 * (i))

#define SAVEREGS(base, off, tmp)		\
	sd	s1, (off)+R(0)(base);		\
	sd	s2, (off)+R(1)(base);		\
	sd	s3, (off)+R(2)(base);		\
	sd	s4, (off)+R(3)(base);		\
	sd	s5, (off)+R(4)(base);		\
	sd	s6, (off)+R(5)(base);		\
	sd	s7, (off)+R(6)(base);		\
	sd	s8, (off)+R(7)(base);		\
	sd	s9, (off)+R(8)(base);		\
	sd	s10, (off)+R(9)(base);		\
	sd	s11, (off)+R(10)(base);		\
	fsd	fs0, (off)+R(11)(base);		\
	fsd	fs1, (off)+R(12)(base);		\
	fsd	fs2, (off)+R(13)(base);		\
	fsd	fs3, (off)+R(14)(base);		\
	fsd	fs4, (off)+R(15)(base);		\
	fsd	fs5, (off)+R(16)(base);		\
	fsd	fs6, (off)+R(17)(base);		\
	fsd	fs7, (off)+R(18)(base);		\
	fsd	fs8, (off)+R(19)(base);		\
	fsd	fs9, (off)+R(20)(base);		\
	fsd	fs10, (off)+R(21)(base);	\
	fsd	fs11, (off)+R(22)(base);	\
	frcsr	tmp;				\
	sd	tmp, (off)+R(23)(base)

#define RESTOREREGS(base, off, tmp)		\
	ld	s1, (off)+R(0)(base);		\
	ld	s2, (off)+R(1)(base);		\
	ld	s3, (off)+R(2)(base);		\
	ld	s4, (off)+R(3)(base);		\
	ld	s5, (off)+R(4)(base);		\
	ld	s6, (off)+R(5)(base);		\
	ld	s7, (off)+R(6)(base);		\
	ld	s8, (off)+R(7)(base);		\
	ld	s9, (off)+R(8)(base);		\
	ld	s10, (off)+R(9)(base);		\
	ld	s11, (off)+R(10)(base);		\
	fld	fs0, (off)+R(11)(base);		\
	fld	fs1, (off)+R(12)(base);		\
	fld	fs2, (off)+R(13)(base);		\
	fld	fs3, (off)+R(14)(base);		\
	fld	fs4, (off)+R(15)(base);		\
	fld	fs5, (off)+R(16)(base);		\
	fld	fs6, (off)+R(17)(base);		\
	fld	fs7, (off)+R(18)(base);		\
	fld	fs8, (off)+R(19)(base);		\
	fld	fs9, (off)+R(20)(base);		\
	fld	fs10, (off)+R(21)(base);	\
	fld	fs11, (off)+R(22)(base);	\
	ld	tmp, (off)+R(23)(base);		\
	fscsr	tmp

#endif /* __ASSEMBLER__ */
#endif
