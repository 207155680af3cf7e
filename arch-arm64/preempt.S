/*
 * asyncPreempt: entered with sp 16 below the interrupted sp (the
 * interrupted lr stored there) and x30 = the interrupted pc.  Saves
 * every register, flags and FP/SIMD state, yields in asyncPreempt2 and
 * restores them.  The jump back needs one register besides x30: x18,
 * which all code is compiled not to use (-ffixed-x18).
 */
#define SIZE	800

	.text
	.globl asyncPreempt
	.type asyncPreempt, %function
asyncPreempt:
	sub	sp, sp, #SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mrs	x0, nzcv
	str	x0, [sp, #248]
	mrs	x0, fpsr
	str	x0, [sp, #256]
	mrs	x0, fpcr
	str	x0, [sp, #264]
	stp	q0, q1, [sp, #272]
	stp	q2, q3, [sp, #304]
	stp	q4, q5, [sp, #336]
	stp	q6, q7, [sp, #368]
	stp	q8, q9, [sp, #400]
	stp	q10, q11, [sp, #432]
	stp	q12, q13, [sp, #464]
	stp	q14, q15, [sp, #496]
	stp	q16, q17, [sp, #528]
	stp	q18, q19, [sp, #560]
	stp	q20, q21, [sp, #592]
	stp	q22, q23, [sp, #624]
	stp	q24, q25, [sp, #656]
	stp	q26, q27, [sp, #688]
	stp	q28, q29, [sp, #720]
	stp	q30, q31, [sp, #752]
	bl	asyncPreempt2
	ldp	q0, q1, [sp, #272]
	ldp	q2, q3, [sp, #304]
	ldp	q4, q5, [sp, #336]
	ldp	q6, q7, [sp, #368]
	ldp	q8, q9, [sp, #400]
	ldp	q10, q11, [sp, #432]
	ldp	q12, q13, [sp, #464]
	ldp	q14, q15, [sp, #496]
	ldp	q16, q17, [sp, #528]
	ldp	q18, q19, [sp, #560]
	ldp	q20, q21, [sp, #592]
	ldp	q22, q23, [sp, #624]
	ldp	q24, q25, [sp, #656]
	ldp	q26, q27, [sp, #688]
	ldp	q28, q29, [sp, #720]
	ldp	q30, q31, [sp, #752]
	ldr	x0, [sp, #264]
	msr	fpcr, x0
	ldr	x0, [sp, #256]
	msr	fpsr, x0
	ldr	x0, [sp, #248]
	msr	nzcv, x0
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldr	x19, [sp, #152]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x18, [sp, #240]
	add	sp, sp, #SIZE
	ldr	x30, [sp]
	add	sp, sp, #16
	b	asyncPreempt_resume
	.size asyncPreempt, .-asyncPreempt

/*
 * asyncPreempt's jump back, every register of the interrupted code
 * restored (x18 holds where): a probe point, reached by a jump so that it
 * starts a block under qemu.
 */
	.globl asyncPreempt_resume
	.type asyncPreempt_resume, %function
asyncPreempt_resume:
	br	x18
	.size asyncPreempt_resume, .-asyncPreempt_resume
	.section .note.GNU-stack,"",%progbits
