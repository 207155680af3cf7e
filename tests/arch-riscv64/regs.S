/*
 * riscv64 register workloads for tests/regs.h: every register a goroutine
 * can hold across an asynchronous preemption, loaded from in[] and stored
 * to out[].  t6 is the spin loop's scratch and reserved besides
 * (-ffixed-t6: asyncPreempt's jump back); sp, gp and tp belong to the
 * runtime.
 *
 *	in[0..26]  ra t0 t1 t2 s0 s1 a0..a7 s2..s11 t3 t4 t5 (x1, x5..x30)
 *	in[27]     fcsr (fflags, frm 0..3)
 *	in[28..59] f0..f31 (ft0..ft11, fs0..fs11, fa0..fa7 by number)
 */
#define FCSR	(27 * 8)
#define F	(28 * 8)
#define OUT	208	/* the out pointer in the frame */
#define FRAME	224

	.section .rodata
	.globl regset_n, regset_fp, regset_lr, regset_names, regset_mask, regset_fixed
	.p2align 3
regset_n:
	.word	60
regset_fp:
	.word	4	/* s0 */
regset_lr:
	.word	0	/* ra */
regset_mask:
	.rept 27
	.quad	-1
	.endr
	.quad	0x7f
	.rept 32
	.quad	-1
	.endr
regset_fixed:
	.rept 60
	.quad	0
	.endr
regset_names:
	.irp r, ra, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4, a5, a6, a7, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, t3, t4, t5, fcsr
	.asciz	"\r"
	.endr
	.irp r, ft0, ft1, ft2, ft3, ft4, ft5, ft6, ft7, fs0, fs1, fa0, fa1, fa2, fa3, fa4, fa5, fa6, fa7
	.asciz	"\r"
	.endr
	.irp r, fs2, fs3, fs4, fs5, fs6, fs7, fs8, fs9, fs10, fs11, ft8, ft9, ft10, ft11
	.asciz	"\r"
	.endr

	.bss
	.globl regspin_stop
	.p2align 2
regspin_stop:
	.zero	4

	.text
/* x1 and x5..x30 by their number: slot 0 for x1, slots 1.. for x5.. */
.macro LOADX
	ld	x1, 0(a0)
	.irp n, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	ld	x\n, (\n-4)*8(a0)
	.endr
.endm

.macro STOREX
	sd	x1, 0(a0)
	.irp n, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	sd	x\n, (\n-4)*8(a0)
	.endr
.endm

/* Every register from the array at a0; a0 itself last. */
.macro LOADALL
	ld	t6, FCSR(a0)
	fscsr	t6
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fld	f\n, F+\n*8(a0)
	.endr
	LOADX
	ld	a0, (10-4)*8(a0)
.endm

/* Every register to the array whose address is in the frame. */
.macro STOREALL
	addi	sp, sp, -16
	sd	a0, 0(sp)
	ld	a0, 16+OUT(sp)
	STOREX
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fsd	f\n, F+\n*8(a0)
	.endr
	frcsr	t6
	sd	t6, FCSR(a0)
	ld	t6, 0(sp)
	sd	t6, (10-4)*8(a0)
	addi	sp, sp, 16
.endm

/* Save what the C ABI says a callee keeps, and fcsr. */
.macro ENTER
	addi	sp, sp, -FRAME
	sd	ra, 0(sp)
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	sd	s\n, (\n+1)*8(sp)
	fsd	fs\n, (\n+13)*8(sp)
	.endr
	frcsr	t6
	sd	t6, 200(sp)
	sd	a1, OUT(sp)
.endm

.macro LEAVE
	ld	t6, 200(sp)
	fscsr	t6
	ld	ra, 0(sp)
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	ld	s\n, (\n+1)*8(sp)
	fld	fs\n, (\n+13)*8(sp)
	.endr
	addi	sp, sp, FRAME
	ret
.endm

/* void regfill(const uint64_t *in, uint64_t *out) */
	.globl regfill
	.type regfill, %function
regfill:
	ENTER
	LOADALL
	STOREALL
	LEAVE
	.size regfill, .-regfill

/* void regspin(const uint64_t *in, uint64_t *out): the registers live until regspin_stop != 0 */
	.globl regspin
	.type regspin, %function
regspin:
	ENTER
	LOADALL
1:	lla	t6, regspin_stop
	lw	t6, 0(t6)
	beqz	t6, 1b
	STOREALL
	LEAVE
	.size regspin, .-regspin

/*
 * int fpround_get(void), void fpround_set(int mode): mode 0 nearest,
 * 1 toward zero, 2 down, 3 up: frm's own numbering.
 */
	.globl fpround_get
	.type fpround_get, %function
fpround_get:
	frrm	a0
	ret
	.size fpround_get, .-fpround_get

	.globl fpround_set
	.type fpround_set, %function
fpround_set:
	andi	a0, a0, 3
	fsrm	a0
	ret
	.size fpround_set, .-fpround_set

	.section .note.GNU-stack,"",%progbits
