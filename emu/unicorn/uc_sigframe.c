/*
 * Linux's rt_sigframe on each ISA (DESIGN.md section 6), byte for byte:
 * built at delivery, read back by rt_sigreturn.  Offsets are from the
 * frame's start.
 *
 * x86_64  pretcode +0, ucontext +8 (mcontext +48, uc_sigmask +304),
 *         siginfo +312, 440 bytes; the 512-byte fxsave area above it.
 * arm64   siginfo +0, ucontext +128 (uc_sigmask +168, mcontext +304:
 *         fault_address, regs[31], sp, pc, pstate, __reserved +592 with
 *         the fpsimd and esr records), 4688 bytes; a frame record above.
 * riscv64 siginfo +0, ucontext +128 (uc_sigmask +168, mcontext +304: pc,
 *         x1..x31, f[32] +560, fcsr +816), 1088 bytes.
 */
#include <string.h>
#include "unicorn/uc.h"

#define LX_SA_RESTORER	0x04000000
#define LX_SS_ONSTACK	1		/* uc_stack.ss_flags: the interrupted code was on it */

#define UC_STACK	16		/* in ucontext */
#define UC_SIGMASK	40		/* arm64, riscv64: before the mcontext */
#define X86_UC_SIGMASK	296		/* x86_64: after it */

#define X86_FRAME	440
#define X86_UC		8
#define X86_MC		(X86_UC + 40)
#define X86_INFO	312
#define X86_FXSAVE	512
#define X86_REDZONE	128

#define A64_FRAME	4688
#define A64_UC		128
#define A64_MC		(A64_UC + 176)
#define A64_RESERVED	(A64_MC + 288)
#define A64_FPSIMD_MAGIC 0x46508001u
#define A64_FPSIMD_SIZE	528
#define A64_ESR_MAGIC	0x45535201u

#define RV_FRAME	1088
#define RV_UC		128
#define RV_MC		(RV_UC + 176)

static void put16(unsigned char *p, uint16_t v) { memcpy(p, &v, 2); }
static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }
static uint16_t get16(const unsigned char *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static uint32_t get32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t get64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static void siginfo_encode(const struct siginfo_lite *i, unsigned char *b)
{
	put32(b + 0, (uint32_t)i->signo);
	put32(b + 4, (uint32_t)i->errno_);
	put32(b + 8, (uint32_t)i->code);
	if (i->code == LX_SI_USER || i->code == LX_SI_TKILL) {
		put32(b + 16, (uint32_t)i->pid);
		put32(b + 20, (uint32_t)i->uid);
	} else {
		put64(b + 16, i->addr);
	}
}

/* uc_flags, uc_link, uc_stack (the same on the three ISAs) and uc_sigmask */
static void ucontext_common(const struct sigdelivery *d, unsigned char *uc, uint64_t flags, int sigmask)
{
	put64(uc + 0, flags);
	put64(uc + UC_STACK, d->ss_sp);
	put32(uc + UC_STACK + 8, (uint32_t)d->ss_flags);
	put64(uc + UC_STACK + 16, d->ss_size);
	put64(uc + sigmask, d->oldmask);
}

static uint64_t frame_base(const struct sigdelivery *d, uint64_t redzone)
{
	return d->stack_top ? d->stack_top : d->sp - redzone;
}

/* A frame that would run off the bottom of the alternate stack it is on is not written: Linux kills instead. */
static bool frame_fits(const struct sigdelivery *d, uint64_t lo)
{
	return !(d->ss_flags & LX_SS_ONSTACK) || lo >= d->ss_sp;
}

static bool memfault_write(const struct ucfault *f)
{
	return f && (f->memtype == UC_MEM_WRITE_UNMAPPED || f->memtype == UC_MEM_WRITE_PROT);
}

static bool memfault_fetch(const struct ucfault *f)
{
	return f && (f->memtype == UC_MEM_FETCH_UNMAPPED || f->memtype == UC_MEM_FETCH_PROT);
}

/* ---- x86_64 ---- */

#define X(n) UC_X86_REG_##n
/* struct sigcontext's general registers, in order */
static const int x86_sc_regs[] = {
	X(R8), X(R9), X(R10), X(R11), X(R12), X(R13), X(R14), X(R15), X(RDI), X(RSI),
	X(RBP), X(RBX), X(RDX), X(RAX), X(RCX), X(RSP), X(RIP), X(RFLAGS),
};
#define X86_NSC 18
#define X86_FLAGS_USER 0x50dd5	/* AC OF DF TF SF ZF AF PF CF RF: what sigreturn may change */

static void x86_fxsave(struct ucrun *r, unsigned char *fx)
{
	uint16_t fsw = (uint16_t)reg_get(r, X(FPSW)), tag = (uint16_t)reg_get(r, X(FPTAG));
	unsigned top = (fsw >> 11) & 7, abridged = 0;

	for (int i = 0; i < 8; i++)
		if (((tag >> (2 * i)) & 3) != 3)
			abridged |= 1u << i;
	put16(fx + 0, (uint16_t)reg_get(r, X(FPCW)));
	put16(fx + 2, fsw);
	fx[4] = (unsigned char)abridged;
	put32(fx + 24, (uint32_t)reg_get(r, X(MXCSR)));
	put32(fx + 28, 0xffff);
	/* st(i) is physical register (top + i) & 7 */
	for (unsigned i = 0; i < 8; i++)
		uc_reg_read(r->uc, X(FP0) + (int)((top + i) & 7), fx + 32 + 16 * i);
	for (int i = 0; i < 16; i++)
		uc_reg_read(r->uc, X(XMM0) + i, fx + 160 + 16 * i);
}

static void x86_fxrstor(struct ucrun *r, const unsigned char *fx)
{
	uint16_t fsw = get16(fx + 2), tag = 0;
	unsigned top = (fsw >> 11) & 7;
	unsigned char st[16];

	for (int i = 0; i < 8; i++)
		if (!(fx[4] & (1u << i)))
			tag |= (uint16_t)(3u << (2 * i));
	reg_set(r, X(FPCW), get16(fx + 0));
	reg_set(r, X(FPSW), fsw);
	reg_set(r, X(FPTAG), tag);
	reg_set(r, X(MXCSR), get32(fx + 24) & 0xffff);
	for (unsigned i = 0; i < 8; i++) {
		memcpy(st, fx + 32 + 16 * i, 16);
		uc_reg_write(r->uc, X(FP0) + (int)((top + i) & 7), st);
	}
	for (int i = 0; i < 16; i++) {
		memcpy(st, fx + 160 + 16 * i, 16);
		uc_reg_write(r->uc, X(XMM0) + i, st);
	}
}

/* trapno and error code as the kernel reports them for a fault */
static void x86_trap(const struct ucfault *f, uint64_t *trapno, uint64_t *err)
{
	*trapno = 0, *err = 0;
	if (!f)
		return;
	if (f->memtype >= 0) {
		*trapno = 14;
		*err = 4 | (f->code == LX_SEGV_ACCERR) | (memfault_write(f) ? 2 : 0) | (memfault_fetch(f) ? 16 : 0);
	} else if (f->signo == LX_SIGILL) {
		*trapno = 6;
	} else if (f->signo == LX_SIGTRAP) {
		*trapno = 3;
	} else if (f->signo == LX_SIGSEGV) {
		*trapno = 13;
	}
}

static int x86_push(struct ucrun *r, const struct sigdelivery *d)
{
	unsigned char fr[X86_FRAME], fx[X86_FXSAVE];
	uint64_t fp = (frame_base(d, X86_REDZONE) - X86_FXSAVE) & ~63ULL;
	uint64_t frame = ((fp - X86_FRAME) & ~15ULL) - 8, trapno, err;

	if (!(d->act->flags & LX_SA_RESTORER) || !frame_fits(d, frame))
		return -1;
	memset(fr, 0, sizeof fr);
	memset(fx, 0, sizeof fx);
	put64(fr + 0, d->act->restorer);
	ucontext_common(d, fr + X86_UC, 6, X86_UC_SIGMASK);	/* UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS */
	for (int i = 0; i < X86_NSC; i++)
		put64(fr + X86_MC + 8 * i, reg_get(r, x86_sc_regs[i]));
	put64(fr + X86_MC + 128, d->pc);
	put16(fr + X86_MC + 144, 0x33);		/* cs */
	put16(fr + X86_MC + 150, 0x2b);		/* ss */
	x86_trap(d->fault, &trapno, &err);
	put64(fr + X86_MC + 152, err);
	put64(fr + X86_MC + 160, trapno);
	put64(fr + X86_MC + 168, d->oldmask);
	put64(fr + X86_MC + 176, d->fault ? d->fault->addr : 0);	/* cr2 */
	put64(fr + X86_MC + 184, fp);
	siginfo_encode(d->info, fr + X86_INFO);
	x86_fxsave(r, fx);
	if (vm_write(r, fp, fx, sizeof fx) < 0 || vm_write(r, frame, fr, sizeof fr) < 0)
		return -1;
	reg_set(r, X(RDI), (uint64_t)d->sig);
	reg_set(r, X(RSI), frame + X86_INFO);
	reg_set(r, X(RDX), frame + X86_UC);
	reg_set(r, X(RAX), 0);
	reg_set(r, X(RSP), frame);
	reg_set(r, X(RFLAGS), reg_get(r, X(RFLAGS)) & ~0x10500ULL);	/* clear DF, TF, RF */
	uc_set_pc(r, d->act->handler);
	return 0;
}

/* The handler returned into the restorer: the frame is 8 bytes below sp. */
static int x86_pop(struct ucrun *r, uint64_t *mask)
{
	unsigned char fr[X86_FRAME], fx[X86_FXSAVE];
	uint64_t frame = reg_get(r, X(RSP)) - 8, fp, flags;

	if (vm_read(r, frame, fr, sizeof fr) < 0)
		return -1;
	fp = get64(fr + X86_MC + 184);
	if (fp && vm_read(r, fp, fx, sizeof fx) < 0)
		return -1;
	flags = reg_get(r, X(RFLAGS));
	for (int i = 0; i < X86_NSC - 1; i++)
		reg_set(r, x86_sc_regs[i], get64(fr + X86_MC + 8 * i));
	reg_set(r, X(RFLAGS), (flags & ~(uint64_t)X86_FLAGS_USER) | (get64(fr + X86_MC + 136) & X86_FLAGS_USER));
	if (fp)
		x86_fxrstor(r, fx);
	*mask = get64(fr + X86_UC + X86_UC_SIGMASK);
	return 0;
}
#undef X

/* ---- arm64 ---- */

#define A(n) UC_ARM64_REG_##n

static int a64_x(int i)
{
	return i < 29 ? A(X0) + i : i == 29 ? A(X29) : A(X30);
}

static uint32_t a64_esr(const struct ucfault *f)
{
	uint32_t ec = memfault_fetch(f) ? 0x20 : 0x24;	/* instruction / data abort from EL0 */

	return ec << 26 | 1u << 25 | (memfault_write(f) ? 1u << 6 : 0) | (f->code == LX_SEGV_ACCERR ? 0x0f : 0x07);
}

static void a64_fpsimd_save(struct ucrun *r, unsigned char *p)
{
	put32(p + 0, A64_FPSIMD_MAGIC);
	put32(p + 4, A64_FPSIMD_SIZE);
	put32(p + 8, (uint32_t)reg_get(r, A(FPSR)));
	put32(p + 12, (uint32_t)reg_get(r, A(FPCR)));
	for (int i = 0; i < 32; i++)
		uc_reg_read(r->uc, A(Q0) + i, p + 16 + 16 * i);
}

static void a64_fpsimd_restore(struct ucrun *r, const unsigned char *p)
{
	unsigned char q[16];

	reg_set(r, A(FPSR), get32(p + 8));
	reg_set(r, A(FPCR), get32(p + 12));
	for (int i = 0; i < 32; i++) {
		memcpy(q, p + 16 + 16 * i, 16);
		uc_reg_write(r->uc, A(Q0) + i, q);
	}
}

static int a64_push(struct ucrun *r, const struct sigdelivery *d)
{
	static unsigned char fr[A64_FRAME];
	uint64_t next = (frame_base(d, 0) - 16) & ~15ULL, frame = next - A64_FRAME, rec[2];
	unsigned char *mc = fr + A64_MC, *res = fr + A64_RESERVED;
	uint64_t tramp = (d->act->flags & LX_SA_RESTORER) ? d->act->restorer : r->sigpage;

	if (!frame_fits(d, frame))
		return -1;
	memset(fr, 0, sizeof fr);
	siginfo_encode(d->info, fr);
	ucontext_common(d, fr + A64_UC, 0, UC_SIGMASK);
	put64(mc + 0, d->fault ? d->fault->addr : 0);
	for (int i = 0; i < 31; i++)
		put64(mc + 8 + 8 * i, reg_get(r, a64_x(i)));
	put64(mc + 256, d->sp);
	put64(mc + 264, d->pc);
	put64(mc + 272, reg_get(r, A(NZCV)) & 0xf0000000ULL);
	a64_fpsimd_save(r, res);
	if (d->fault && d->fault->memtype >= 0) {
		put32(res + A64_FPSIMD_SIZE, A64_ESR_MAGIC);
		put32(res + A64_FPSIMD_SIZE + 4, 16);
		put64(res + A64_FPSIMD_SIZE + 8, a64_esr(d->fault));
	}
	/* the end marker {0, 0} follows: fr is zeroed */
	rec[0] = reg_get(r, A(X29));
	rec[1] = reg_get(r, A(X30));
	if (vm_write(r, next, rec, sizeof rec) < 0 || vm_write(r, frame, fr, sizeof fr) < 0)
		return -1;
	reg_set(r, A(X0), (uint64_t)d->sig);
	reg_set(r, A(X1), frame);
	reg_set(r, A(X2), frame + A64_UC);
	reg_set(r, A(SP), frame);
	reg_set(r, A(X29), next);
	reg_set(r, A(X30), tramp);
	uc_set_pc(r, d->act->handler);
	return 0;
}

/* The records in __reserved: the fpsimd one is required, unknown ones are skipped. */
static int a64_restore_records(struct ucrun *r, const unsigned char *res, size_t len)
{
	bool fpsimd = false;
	size_t off = 0;

	while (off + 8 <= len) {
		uint32_t magic = get32(res + off), size = get32(res + off + 4);
		if (magic == 0)
			break;
		if (size < 8 || size % 16 || size > len - off)
			return -1;
		if (magic == A64_FPSIMD_MAGIC) {
			if (size != A64_FPSIMD_SIZE)
				return -1;
			a64_fpsimd_restore(r, res + off);
			fpsimd = true;
		}
		off += size;
	}
	return fpsimd ? 0 : -1;
}

static int a64_pop(struct ucrun *r, uint64_t *mask)
{
	static unsigned char fr[A64_FRAME];
	uint64_t frame = reg_get(r, A(SP));
	const unsigned char *mc = fr + A64_MC;

	if ((frame & 15) || vm_read(r, frame, fr, sizeof fr) < 0)
		return -1;
	if (a64_restore_records(r, fr + A64_RESERVED, A64_FRAME - A64_RESERVED) < 0)
		return -1;
	for (int i = 0; i < 31; i++)
		reg_set(r, a64_x(i), get64(mc + 8 + 8 * i));
	reg_set(r, A(SP), get64(mc + 256));
	uc_set_pc(r, get64(mc + 264));
	reg_set(r, A(NZCV), get64(mc + 272) & 0xf0000000ULL);
	*mask = get64(fr + A64_UC + UC_SIGMASK);
	return 0;
}
#undef A

/* ---- riscv64 ---- */

static int rv_push(struct ucrun *r, const struct sigdelivery *d)
{
	unsigned char fr[RV_FRAME];
	uint64_t frame = (frame_base(d, 0) - RV_FRAME) & ~15ULL;
	unsigned char *mc = fr + RV_MC;

	if (!frame_fits(d, frame))
		return -1;
	memset(fr, 0, sizeof fr);
	siginfo_encode(d->info, fr);
	ucontext_common(d, fr + RV_UC, 0, UC_SIGMASK);
	put64(mc + 0, d->pc);
	for (int i = 1; i < 32; i++)
		put64(mc + 8 * i, reg_get(r, UC_RISCV_REG_X0 + i));
	for (int i = 0; i < 32; i++)
		put64(mc + 256 + 8 * i, reg_get(r, UC_RISCV_REG_F0 + i));
	put32(mc + 512, (uint32_t)reg_get(r, UC_RISCV_REG_FCSR));
	if (vm_write(r, frame, fr, sizeof fr) < 0)
		return -1;
	reg_set(r, UC_RISCV_REG_X10, (uint64_t)d->sig);
	reg_set(r, UC_RISCV_REG_X11, frame);
	reg_set(r, UC_RISCV_REG_X12, frame + RV_UC);
	reg_set(r, UC_RISCV_REG_X2, frame);
	reg_set(r, UC_RISCV_REG_X1, r->sigpage);	/* no sa_restorer: the trampoline */
	uc_set_pc(r, d->act->handler);
	return 0;
}

static int rv_pop(struct ucrun *r, uint64_t *mask)
{
	unsigned char fr[RV_FRAME];
	uint64_t frame = reg_get(r, UC_RISCV_REG_X2);
	const unsigned char *mc = fr + RV_MC;

	if (vm_read(r, frame, fr, sizeof fr) < 0)
		return -1;
	uc_set_pc(r, get64(mc + 0));
	for (int i = 1; i < 32; i++)
		reg_set(r, UC_RISCV_REG_X0 + i, get64(mc + 8 * i));
	for (int i = 0; i < 32; i++)
		reg_set(r, UC_RISCV_REG_F0 + i, get64(mc + 256 + 8 * i));
	reg_set(r, UC_RISCV_REG_FCSR, get32(mc + 512));
	*mask = get64(fr + RV_UC + UC_SIGMASK);
	return 0;
}

int sigframe_push(struct ucrun *r, const struct sigdelivery *d)
{
	switch (r->arch->id) {
	case ARCH_X86_64:  return x86_push(r, d);
	case ARCH_ARM64:   return a64_push(r, d);
	case ARCH_RISCV64: return rv_push(r, d);
	default:	   return -1;
	}
}

int sigframe_pop(struct ucrun *r, uint64_t *mask)
{
	switch (r->arch->id) {
	case ARCH_X86_64:  return x86_pop(r, mask);
	case ARCH_ARM64:   return a64_pop(r, mask);
	case ARCH_RISCV64: return rv_pop(r, mask);
	default:	   return -1;
	}
}

/*
 * The page a handler returns to when there is no sa_restorer: what the
 * vdso's sigreturn trampoline does, `rt_sigreturn' (139 on both tables).
 * x86_64 needs none: the kernel requires LX_SA_RESTORER there.
 */
int sigframe_setup(struct ucrun *r)
{
	static const uint32_t a64[] = { 0xd2801168, 0xd4000001 };	/* mov x8, #139; svc #0 */
	static const uint32_t rv[] = { 0x08b00893, 0x00000073 };	/* li a7, 139; ecall */
	const uint32_t *code = r->arch->id == ARCH_ARM64 ? a64 : rv;
	int64_t at;

	if (r->arch->id == ARCH_X86_64)
		return 0;
	at = sys_mmap(r, 0, PAGE, UC_PROT_READ | UC_PROT_EXEC, 0x22, -1, 0);
	if (at < 0 || vm_poke(r, (uint64_t)at, code, 8) < 0)
		return -1;
	r->sigpage = (uint64_t)at;
	return 0;
}
