/*
 * asyncPreempt: entered with r15 on a 160-byte register save area that
 * sigctxtpushpreempt made below the interrupted r15 (its backchain the
 * interrupted r15, the interrupted r14 at 160) and r14 = the interrupted
 * pc.  Saves every general register, the condition code and program
 * mask, f0-f15 and fpc; yields in asyncPreempt2 and restores them.  The
 * jump back needs one register besides r14: r12, which all code is
 * compiled not to use (-ffixed-r12).
 */
#define GPRS	160	/* r0-r5 */
#define PSW	208	/* ipm: condition code and program mask */
#define FPRS	216
#define FPC	344
#define SIZE	352

	.text
	.globl asyncPreempt
	.type asyncPreempt, @function
asyncPreempt:
	stmg	%r6, %r14, 48(%r15)
	lay	%r15, -SIZE(%r15)
	stmg	%r0, %r5, GPRS(%r15)
	ipm	%r0
	stg	%r0, PSW(%r15)
	la	%r1, SIZE(%r15)
	stg	%r1, 0(%r15)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	std	%f\n, FPRS+8*\n(%r15)
	.endr
	stfpc	FPC(%r15)
	brasl	%r14, asyncPreempt2
	lfpc	FPC(%r15)
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	ld	%f\n, FPRS+8*\n(%r15)
	.endr
	lg	%r0, PSW(%r15)
	spm	%r0
	lmg	%r0, %r5, GPRS(%r15)
	la	%r15, SIZE(%r15)
	lmg	%r6, %r11, 48(%r15)
	lg	%r13, 104(%r15)
	lg	%r12, 112(%r15)
	lg	%r14, 160(%r15)
	la	%r15, 168(%r15)
	j	asyncPreempt_resume
	nopr	%r7	/* qemu-s390x goes on in the block at a branch to the next instruction */
	.size asyncPreempt, .-asyncPreempt

/*
 * asyncPreempt's jump back, every register of the interrupted code
 * restored (r12 holds where): a probe point, reached by a jump so that it
 * starts a block under qemu.
 */
	.globl asyncPreempt_resume
	.type asyncPreempt_resume, @function
asyncPreempt_resume:
	br	%r12
	.size asyncPreempt_resume, .-asyncPreempt_resume
	.section .note.GNU-stack,"",@progbits
