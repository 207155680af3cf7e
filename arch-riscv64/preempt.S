/*
 * asyncPreempt: entered with sp 16 below the interrupted sp (the
 * interrupted ra stored there) and ra = the interrupted pc.  Saves every
 * register but sp, gp and tp (fixed per thread), and the FP state;
 * yields in asyncPreempt2 and restores them.  The jump back needs one
 * register besides ra: t6, which all code is compiled not to use
 * (-ffixed-t6).
 */
#define SIZE	496

	.text
	.globl asyncPreempt
	.type asyncPreempt, %function
asyncPreempt:
	addi	sp, sp, -SIZE
	sd	ra, 0(sp)
	sd	x5, 8(sp)
	sd	x6, 16(sp)
	sd	x7, 24(sp)
	sd	x8, 32(sp)
	sd	x9, 40(sp)
	sd	x10, 48(sp)
	sd	x11, 56(sp)
	sd	x12, 64(sp)
	sd	x13, 72(sp)
	sd	x14, 80(sp)
	sd	x15, 88(sp)
	sd	x16, 96(sp)
	sd	x17, 104(sp)
	sd	x18, 112(sp)
	sd	x19, 120(sp)
	sd	x20, 128(sp)
	sd	x21, 136(sp)
	sd	x22, 144(sp)
	sd	x23, 152(sp)
	sd	x24, 160(sp)
	sd	x25, 168(sp)
	sd	x26, 176(sp)
	sd	x27, 184(sp)
	sd	x28, 192(sp)
	sd	x29, 200(sp)
	sd	x30, 208(sp)
	sd	x31, 216(sp)
	fsd	f0, 224(sp)
	fsd	f1, 232(sp)
	fsd	f2, 240(sp)
	fsd	f3, 248(sp)
	fsd	f4, 256(sp)
	fsd	f5, 264(sp)
	fsd	f6, 272(sp)
	fsd	f7, 280(sp)
	fsd	f8, 288(sp)
	fsd	f9, 296(sp)
	fsd	f10, 304(sp)
	fsd	f11, 312(sp)
	fsd	f12, 320(sp)
	fsd	f13, 328(sp)
	fsd	f14, 336(sp)
	fsd	f15, 344(sp)
	fsd	f16, 352(sp)
	fsd	f17, 360(sp)
	fsd	f18, 368(sp)
	fsd	f19, 376(sp)
	fsd	f20, 384(sp)
	fsd	f21, 392(sp)
	fsd	f22, 400(sp)
	fsd	f23, 408(sp)
	fsd	f24, 416(sp)
	fsd	f25, 424(sp)
	fsd	f26, 432(sp)
	fsd	f27, 440(sp)
	fsd	f28, 448(sp)
	fsd	f29, 456(sp)
	fsd	f30, 464(sp)
	fsd	f31, 472(sp)
	frcsr	t0
	sd	t0, 480(sp)
	call	asyncPreempt2
	ld	t0, 480(sp)
	fscsr	t0
	fld	f0, 224(sp)
	fld	f1, 232(sp)
	fld	f2, 240(sp)
	fld	f3, 248(sp)
	fld	f4, 256(sp)
	fld	f5, 264(sp)
	fld	f6, 272(sp)
	fld	f7, 280(sp)
	fld	f8, 288(sp)
	fld	f9, 296(sp)
	fld	f10, 304(sp)
	fld	f11, 312(sp)
	fld	f12, 320(sp)
	fld	f13, 328(sp)
	fld	f14, 336(sp)
	fld	f15, 344(sp)
	fld	f16, 352(sp)
	fld	f17, 360(sp)
	fld	f18, 368(sp)
	fld	f19, 376(sp)
	fld	f20, 384(sp)
	fld	f21, 392(sp)
	fld	f22, 400(sp)
	fld	f23, 408(sp)
	fld	f24, 416(sp)
	fld	f25, 424(sp)
	fld	f26, 432(sp)
	fld	f27, 440(sp)
	fld	f28, 448(sp)
	fld	f29, 456(sp)
	fld	f30, 464(sp)
	fld	f31, 472(sp)
	ld	x5, 8(sp)
	ld	x6, 16(sp)
	ld	x7, 24(sp)
	ld	x8, 32(sp)
	ld	x9, 40(sp)
	ld	x10, 48(sp)
	ld	x11, 56(sp)
	ld	x12, 64(sp)
	ld	x13, 72(sp)
	ld	x14, 80(sp)
	ld	x15, 88(sp)
	ld	x16, 96(sp)
	ld	x17, 104(sp)
	ld	x18, 112(sp)
	ld	x19, 120(sp)
	ld	x20, 128(sp)
	ld	x21, 136(sp)
	ld	x22, 144(sp)
	ld	x23, 152(sp)
	ld	x24, 160(sp)
	ld	x25, 168(sp)
	ld	x26, 176(sp)
	ld	x27, 184(sp)
	ld	x28, 192(sp)
	ld	x29, 200(sp)
	ld	x30, 208(sp)
	ld	t6, 0(sp)
	addi	sp, sp, SIZE
	ld	ra, 0(sp)
	addi	sp, sp, 16
	j	asyncPreempt_resume
	.size asyncPreempt, .-asyncPreempt

/*
 * asyncPreempt's jump back, every register of the interrupted code
 * restored (t6 holds where): a probe point, reached by a jump so that it
 * starts a block under qemu.
 */
	.globl asyncPreempt_resume
	.type asyncPreempt_resume, %function
asyncPreempt_resume:
	jr	t6
	.size asyncPreempt_resume, .-asyncPreempt_resume
	.section .note.GNU-stack,"",%progbits
