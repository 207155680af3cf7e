/*
 * arm64 register workloads for tests/regs.h: every register a goroutine
 * can hold across an asynchronous preemption, loaded from in[] and stored
 * to out[].  x9 is the spin loop's scratch; x18 is reserved (-ffixed-x18:
 * asyncPreempt's jump back), sp and TPIDR_EL0 belong to the runtime.
 *
 *	in[0..28]  x0..x8 x10..x17 x19..x30
 *	in[29]     nzcv
 *	in[30]     fpcr (rounding, FZ, DN; no traps)
 *	in[31]     fpsr (cumulative flags, QC)
 *	in[32..95] v0..v31, low then high half
 */
#define NZCV	(29 * 8)
#define FPCR	(30 * 8)
#define FPSR	(31 * 8)
#define V	(32 * 8)
#define OUT	176	/* the out pointer in the frame */
#define FRAME	192

	.section .rodata
	.globl regset_n, regset_fp, regset_lr, regset_names, regset_mask, regset_fixed
	.p2align 3
regset_n:
	.word	96
regset_fp:
	.word	27	/* x29 */
regset_lr:
	.word	28	/* x30 */
regset_mask:
	.rept 29
	.quad	-1
	.endr
	.quad	0xf0000000, 0x03c00000, 0x0800009f
	.rept 64
	.quad	-1
	.endr
regset_fixed:
	.rept 96
	.quad	0
	.endr
regset_names:
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	.asciz	"x\n"
	.endr
	.asciz	"nzcv"
	.asciz	"fpcr"
	.asciz	"fpsr"
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	.asciz	"v\n\().lo"
	.asciz	"v\n\().hi"
	.endr

	.bss
	.globl regspin_stop
	.p2align 2
regspin_stop:
	.zero	4

	.text
/* Every register from the array at x0; x0 itself last. */
.macro LOADALL
	ldr	x9, [x0, #FPCR]
	msr	fpcr, x9
	ldr	x9, [x0, #FPSR]
	msr	fpsr, x9
	ldr	x9, [x0, #NZCV]
	msr	nzcv, x9
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ldr	q\n, [x0, #V+\n*16]
	.endr
	.irp n, 1, 2, 3, 4, 5, 6, 7, 8
	ldr	x\n, [x0, #\n*8]
	.endr
	.irp n, 10, 11, 12, 13, 14, 15, 16, 17
	ldr	x\n, [x0, #(\n-1)*8]
	.endr
	.irp n, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	ldr	x\n, [x0, #(\n-2)*8]
	.endr
	ldr	x0, [x0]
.endm

/* Every register to the array whose address is in the frame; nzcv first. */
.macro STOREALL
	mrs	x9, nzcv
	stp	x0, x9, [sp, #-16]!
	ldr	x0, [sp, #16+OUT]
	.irp n, 1, 2, 3, 4, 5, 6, 7, 8
	str	x\n, [x0, #\n*8]
	.endr
	.irp n, 10, 11, 12, 13, 14, 15, 16, 17
	str	x\n, [x0, #(\n-1)*8]
	.endr
	.irp n, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	str	x\n, [x0, #(\n-2)*8]
	.endr
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	str	q\n, [x0, #V+\n*16]
	.endr
	mrs	x9, fpcr
	str	x9, [x0, #FPCR]
	mrs	x9, fpsr
	str	x9, [x0, #FPSR]
	ldp	x1, x9, [sp], #16
	str	x1, [x0]
	str	x9, [x0, #NZCV]
.endm

/* Save what the C ABI says a callee keeps, and the FP control and status. */
.macro ENTER
	stp	x29, x30, [sp, #-FRAME]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mrs	x9, fpcr
	str	x9, [sp, #160]
	mrs	x9, fpsr
	str	x9, [sp, #168]
	str	x1, [sp, #OUT]
.endm

.macro LEAVE
	ldr	x9, [sp, #160]
	msr	fpcr, x9
	ldr	x9, [sp, #168]
	msr	fpsr, x9
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	ldp	x29, x30, [sp], #FRAME
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
1:	adrp	x9, regspin_stop
	ldr	w9, [x9, #:lo12:regspin_stop]
	cbz	w9, 1b
	STOREALL
	LEAVE
	.size regspin, .-regspin

/*
 * int fpround_get(void), void fpround_set(int mode): mode 0 nearest,
 * 1 toward zero, 2 down, 3 up; FPCR.RMode is 0 nearest, 1 up, 2 down,
 * 3 toward zero, so either is the other negated mod 4.
 */
	.globl fpround_get
	.type fpround_get, %function
fpround_get:
	mrs	x0, fpcr
	ubfx	x0, x0, #22, #2
	neg	w0, w0
	and	w0, w0, #3
	ret
	.size fpround_get, .-fpround_get

	.globl fpround_set
	.type fpround_set, %function
fpround_set:
	neg	w0, w0
	and	x0, x0, #3
	mrs	x1, fpcr
	bfi	x1, x0, #22, #2
	msr	fpcr, x1
	ret
	.size fpround_set, .-fpround_set

	.section .note.GNU-stack,"",%progbits
