/*
 * x86_64 register workloads for tests/regs.h: every register a goroutine
 * can hold across an asynchronous preemption, loaded from in[] and stored
 * to out[].  rcx is the spin loop's scratch (jrcxz tests it without
 * touching the flags); rsp and the FS base belong to the runtime.
 *
 *	in[0..13]  rax rbx rdx rsi rdi rbp r8..r15
 *	in[14]     rflags (CF PF AF ZF SF OF)
 *	in[15..46] xmm0..xmm15, low then high half
 *	in[47]     mxcsr (status flags, rounding, FZ; exceptions stay masked)
 *	in[48]     x87 control word (precision, rounding)
 *	in[49..56] st0..st7, as doubles
 */
#define FLAGS	(14 * 8)
#define XMM	(15 * 8)
#define MXCSR	(47 * 8)
#define X87CW	(48 * 8)
#define ST	(49 * 8)

	.section .rodata
	.globl regset_n, regset_fp, regset_lr, regset_names, regset_mask, regset_fixed
	.p2align 3
regset_n:
	.long	57
regset_fp:
	.long	5	/* rbp */
regset_lr:
	.long	-1	/* the return address is in memory */
regset_mask:
	.rept 14
	.quad	-1
	.endr
	.quad	0x8d5
	.rept 32
	.quad	-1
	.endr
	.quad	0xe03f, 0x0f00
	.rept 8
	.quad	0x800fffffffffffff
	.endr
regset_fixed:
	.rept 47
	.quad	0
	.endr
	.quad	0x1f80, 0x007f
	.rept 8
	.quad	0x3ff0000000000000
	.endr
regset_names:
	.irp r, rax, rbx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15, rflags
	.asciz	"\r"
	.endr
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.asciz	"xmm\n\().lo"
	.asciz	"xmm\n\().hi"
	.endr
	.asciz	"mxcsr"
	.asciz	"x87cw"
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7
	.asciz	"st\n"
	.endr

	.bss
	.globl regspin_stop
	.p2align 2
regspin_stop:
	.zero	4

	.text
/* Every register from the array at %rax; %rax itself last. */
.macro LOADALL
	ldmxcsr	MXCSR(%rax)
	fldcw	X87CW(%rax)
	.irp n, 7, 6, 5, 4, 3, 2, 1, 0
	fldl	ST+\n*8(%rax)
	.endr
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	movdqu	XMM+\n*16(%rax), %xmm\n
	.endr
	mov	1*8(%rax), %rbx
	mov	2*8(%rax), %rdx
	mov	3*8(%rax), %rsi
	mov	4*8(%rax), %rdi
	mov	5*8(%rax), %rbp
	.irp n, 8, 9, 10, 11, 12, 13, 14, 15
	mov	(\n-2)*8(%rax), %r\n
	.endr
	pushq	FLAGS(%rax)
	popfq
	mov	(%rax), %rax
.endm

/* Every register to the array whose address is at 0(%rsp); flags first. */
.macro STOREALL
	pushfq
	push	%rax
	mov	16(%rsp), %rax
	mov	%rbx, 1*8(%rax)
	mov	%rdx, 2*8(%rax)
	mov	%rsi, 3*8(%rax)
	mov	%rdi, 4*8(%rax)
	mov	%rbp, 5*8(%rax)
	.irp n, 8, 9, 10, 11, 12, 13, 14, 15
	mov	%r\n, (\n-2)*8(%rax)
	.endr
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	movdqu	%xmm\n, XMM+\n*16(%rax)
	.endr
	stmxcsr	MXCSR(%rax)
	movq	$0, X87CW(%rax)
	fnstcw	X87CW(%rax)
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7
	fstpl	ST+\n*8(%rax)
	.endr
	pop	%rcx
	mov	%rcx, (%rax)
	pop	%rcx
	mov	%rcx, FLAGS(%rax)
.endm

/* Save what the C ABI says a callee keeps (and the FP control words); in at %rax, out at 0(%rsp). */
.macro ENTER
	push	%rbp
	mov	%rsp, %rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	sub	$8, %rsp
	stmxcsr	(%rsp)
	fnstcw	4(%rsp)
	push	%rsi
	mov	%rdi, %rax
.endm

.macro LEAVE
	add	$8, %rsp
	ldmxcsr	(%rsp)
	fldcw	4(%rsp)
	add	$8, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	ret
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
1:	mov	regspin_stop(%rip), %ecx
	jrcxz	1b
	STOREALL
	LEAVE
	.size regspin, .-regspin

/* int fpround_get(void), void fpround_set(int mode): mode 0 nearest, 1 toward zero, 2 down, 3 up, in SSE and x87 alike */
	.globl fpround_get
	.type fpround_get, @function
fpround_get:
	sub	$8, %rsp
	stmxcsr	(%rsp)
	mov	(%rsp), %eax
	add	$8, %rsp
	shr	$13, %eax
	and	$3, %eax
	lea	rc2mode(%rip), %rcx
	movzbl	(%rcx,%rax), %eax
	ret
	.size fpround_get, .-fpround_get

	.globl fpround_set
	.type fpround_set, @function
fpround_set:
	and	$3, %edi
	lea	mode2rc(%rip), %rcx
	movzbl	(%rcx,%rdi), %edi
	sub	$8, %rsp
	stmxcsr	(%rsp)
	mov	(%rsp), %eax
	and	$~0x6000, %eax
	mov	%edi, %edx
	shl	$13, %edx
	or	%edx, %eax
	mov	%eax, (%rsp)
	ldmxcsr	(%rsp)
	fnstcw	4(%rsp)
	movzwl	4(%rsp), %eax
	and	$~0x0c00, %eax
	shl	$10, %edi
	or	%edi, %eax
	mov	%ax, 4(%rsp)
	fldcw	4(%rsp)
	add	$8, %rsp
	ret
	.size fpround_set, .-fpround_set

	.section .rodata
/* the RC field: 0 nearest, 1 down, 2 up, 3 toward zero */
rc2mode:
	.byte	0, 2, 3, 1
mode2rc:
	.byte	0, 3, 1, 2

	.section .note.GNU-stack,"",@progbits
