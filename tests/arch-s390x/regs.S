/*
 * s390x register workloads for tests/regs.h: every register a goroutine
 * can hold across an asynchronous preemption, loaded from in[] and stored
 * to out[].  r12 is the spin loop's scratch and reserved besides
 * (-ffixed-r12: asyncPreempt's jump back); r15 and a0/a1 belong to the
 * runtime.  The spin loop (lgfrl, cij) leaves the condition code alone.
 *
 *	in[0..13]  r0..r11 r13 r14
 *	in[14]     condition code (ipm's bits 34-35)
 *	in[15]     fpc (IEEE flags, BFP rounding mode 0..3; no traps)
 *	in[16..31] f0..f15
 */
#define CC	(14 * 8)
#define FPC	(15 * 8)
#define F	(16 * 8)
#define OUT	160	/* the out pointer in the frame */
#define SAVEDFPC	168
#define SAVEDF	176
#define FRAME	240

	.section .rodata
	.globl regset_n, regset_fp, regset_lr, regset_names, regset_mask, regset_fixed
	.p2align 3
regset_n:
	.long	32
regset_fp:
	.long	11	/* r11 */
regset_lr:
	.long	13	/* r14 */
	.p2align 3
regset_mask:
	.rept 14
	.quad	-1
	.endr
	.quad	0x30000000, 0x00f80003
	.rept 16
	.quad	-1
	.endr
regset_fixed:
	.rept 32
	.quad	0
	.endr
regset_names:
	.irp r, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r13, r14, cc, fpc
	.asciz	"\r"
	.endr
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.asciz	"f\n"
	.endr

	.bss
	.globl regspin_stop
	.p2align 2
regspin_stop:
	.zero	4

	.text
/* Every register from the array at r2; the condition code first, r2 itself last. */
.macro LOADALL
	lfpc	FPC+4(%r2)
	lg	%r0, CC(%r2)
	spm	%r0
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	ld	%f\n, F+\n*8(%r2)
	.endr
	lmg	%r0, %r1, 0(%r2)
	lmg	%r3, %r11, 24(%r2)
	lmg	%r13, %r14, 96(%r2)
	lg	%r2, 16(%r2)
.endm

/* Every register to the array whose address is in the frame; the condition code before anything sets it. */
.macro STOREALL
	lg	%r12, OUT(%r15)
	stmg	%r0, %r11, 0(%r12)
	stmg	%r13, %r14, 96(%r12)
	lghi	%r0, 0
	ipm	%r0
	stg	%r0, CC(%r12)
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	std	%f\n, F+\n*8(%r12)
	.endr
	xc	FPC(4, %r12), FPC(%r12)
	stfpc	FPC+4(%r12)
.endm

/* Save what the C ABI says a callee keeps, and fpc; a frame with its backchain. */
.macro ENTER
	stmg	%r6, %r15, 48(%r15)
	lgr	%r1, %r15
	lay	%r15, -FRAME(%r15)
	stg	%r1, 0(%r15)
	.irp n, 8, 9, 10, 11, 12, 13, 14, 15
	std	%f\n, SAVEDF+(\n-8)*8(%r15)
	.endr
	stfpc	SAVEDFPC(%r15)
	stg	%r3, OUT(%r15)
.endm

.macro LEAVE
	lfpc	SAVEDFPC(%r15)
	.irp n, 8, 9, 10, 11, 12, 13, 14, 15
	ld	%f\n, SAVEDF+(\n-8)*8(%r15)
	.endr
	lmg	%r6, %r15, FRAME+48(%r15)
	br	%r14
.endm

/* void regfill(const uint64_t *in, uint64_t *out) */
	.globl regfill
	.type regfill, @function
regfill:
	ENTER
	LOADALL
	STOREALL
	LEAVE
	.size regfill, .-regfill

/* void regspin(const uint64_t *in, uint64_t *out): the registers live until regspin_stop != 0 */
	.globl regspin
	.type regspin, @function
regspin:
	ENTER
	LOADALL
1:	lgfrl	%r12, regspin_stop
	cij	%r12, 0, 8, 1b
	STOREALL
	LEAVE
	.size regspin, .-regspin

/*
 * int fpround_get(void), void fpround_set(int mode): mode 0 nearest,
 * 1 toward zero, 2 down, 3 up; the BFP rounding mode is 0 nearest,
 * 1 toward zero, 2 up, 3 down: either is m ^ (m >> 1) of the other.
 */
	.globl fpround_get
	.type fpround_get, @function
fpround_get:
	efpc	%r1
	lghi	%r2, 3
	ngr	%r2, %r1
	srlg	%r1, %r2, 1
	xgr	%r2, %r1
	br	%r14
	.size fpround_get, .-fpround_get

	.globl fpround_set
	.type fpround_set, @function
fpround_set:
	lghi	%r1, 3
	ngr	%r2, %r1
	srlg	%r1, %r2, 1
	xgr	%r2, %r1
	srnm	0(%r2)
	br	%r14
	.size fpround_set, .-fpround_set

	.section .note.GNU-stack,"",@progbits
