/*
 * x86_64 under Unicorn: register ids, the syscall instruction, exception
 * vectors, arch_prctl and the rt_sigframe (DESIGN.md section 6):
 * pretcode +0, ucontext +8 (mcontext +48, uc_sigmask +304), siginfo +312,
 * 440 bytes; the 512-byte fxsave area above it.
 */
#include <string.h>
#include "unicorn/uc.h"
#include "unicorn/uc_fastwrite.h"

#define X(n) UC_X86_REG_##n

#define X86_UC_SIGMASK	296		/* after the mcontext */
#define X86_FRAME	440
#define X86_UC		8
#define X86_MC		(X86_UC + 40)
#define X86_INFO	312
#define X86_FXSAVE	512
#define X86_REDZONE	128

PAGE_COLLECTION_OVERRIDE(x86_64)

/* The registers a Linux process starts with, apart from pc and sp. */
static int x86_cpu_init(struct ucrun *r)
{
	/* IF and the always-one bit, as the kernel and qemu-user start a process */
	reg_set(r, X(RFLAGS), 0x202);
	/*
	 * CR4.OSFXSR and OSXMMEXCPT, as Linux runs user code: CR4
	 * starts at 0 in Unicorn, and without OSFXSR fxsave64 and
	 * fxrstor64 skip the XMM registers and MXCSR.
	 */
	reg_set(r, X(CR4), reg_get(r, X(CR4)) | 0x600);
	return 0;
}

/* x86_64 exception vectors as Linux turns them into signals; pc is at the instruction except for traps. */
static void x86_exception(struct ucrun *r, uint32_t intno, uint64_t pc)
{
	switch (intno) {
	case 0:	 fault_set(r, LX_SIGFPE, LX_FPE_INTDIV, pc, pc, pc); break;
	case 1:	 fault_set(r, LX_SIGTRAP, LX_TRAP_BRKPT, r->last_pc, 0, pc); break;
	case 3:	 fault_set(r, LX_SIGTRAP, LX_SI_KERNEL, r->last_pc, 0, pc); break;
	case 6:	 fault_set(r, LX_SIGILL, LX_ILL_ILLOPC, pc, pc, pc); break;
	case 16:
	case 19: fault_set(r, LX_SIGFPE, 0, pc, pc, pc); break;
	case 17: fault_set(r, LX_SIGBUS, LX_BUS_ADRALN, pc, 0, pc); break;
	default: fault_set(r, LX_SIGSEGV, LX_SI_KERNEL, pc, 0, pc); break;
	}
}

static int64_t x86_arch_prctl(struct ucrun *r, int64_t code, uint64_t addr)
{
	switch (code) {
	case 0x1001:	/* ARCH_SET_GS */
		reg_set(r, X(GS_BASE), addr);
		return 0;
	case 0x1002:	/* ARCH_SET_FS */
		reg_set(r, X(FS_BASE), addr);
		return 0;
	case 0x1003:	/* ARCH_GET_FS */
		return vm_write64(r, addr, reg_get(r, X(FS_BASE)));
	case 0x1004:	/* ARCH_GET_GS */
		return vm_write64(r, addr, reg_get(r, X(GS_BASE)));
	default:
		return -E_INVAL;
	}
}

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
	put16(r, fx + 0, (uint16_t)reg_get(r, X(FPCW)));
	put16(r, fx + 2, fsw);
	fx[4] = (unsigned char)abridged;
	put32(r, fx + 24, (uint32_t)reg_get(r, X(MXCSR)));
	put32(r, fx + 28, 0xffff);
	/* st(i) is physical register (top + i) & 7 */
	for (unsigned i = 0; i < 8; i++)
		uc_reg_read(r->uc, X(FP0) + (int)((top + i) & 7), fx + 32 + 16 * i);
	for (int i = 0; i < 16; i++)
		uc_reg_read(r->uc, X(XMM0) + i, fx + 160 + 16 * i);
}

static void x86_fxrstor(struct ucrun *r, const unsigned char *fx)
{
	uint16_t fsw = get16(r, fx + 2), tag = 0;
	unsigned top = (fsw >> 11) & 7;
	unsigned char st[16];

	for (int i = 0; i < 8; i++)
		if (!(fx[4] & (1u << i)))
			tag |= (uint16_t)(3u << (2 * i));
	reg_set(r, X(FPCW), get16(r, fx + 0));
	reg_set(r, X(FPSW), fsw);
	reg_set(r, X(FPTAG), tag);
	reg_set(r, X(MXCSR), get32(r, fx + 24) & 0xffff);
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
	put64(r, fr + 0, d->act->restorer);
	ucontext_common(r, d, fr + X86_UC, 6, X86_UC_SIGMASK);	/* UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS */
	for (int i = 0; i < X86_NSC; i++)
		put64(r, fr + X86_MC + 8 * i, reg_get(r, x86_sc_regs[i]));
	put64(r, fr + X86_MC + 128, d->pc);
	put16(r, fr + X86_MC + 144, 0x33);		/* cs */
	put16(r, fr + X86_MC + 150, 0x2b);		/* ss */
	x86_trap(d->fault, &trapno, &err);
	put64(r, fr + X86_MC + 152, err);
	put64(r, fr + X86_MC + 160, trapno);
	put64(r, fr + X86_MC + 168, d->oldmask);
	put64(r, fr + X86_MC + 176, d->fault ? d->fault->addr : 0);	/* cr2 */
	put64(r, fr + X86_MC + 184, fp);
	siginfo_encode(r, d->info, fr + X86_INFO);
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
	fp = get64(r, fr + X86_MC + 184);
	if (fp && vm_read(r, fp, fx, sizeof fx) < 0)
		return -1;
	flags = reg_get(r, X(RFLAGS));
	for (int i = 0; i < X86_NSC - 1; i++)
		reg_set(r, x86_sc_regs[i], get64(r, fr + X86_MC + 8 * i));
	reg_set(r, X(RFLAGS), (flags & ~(uint64_t)X86_FLAGS_USER) | (get64(r, fr + X86_MC + 136) & X86_FLAGS_USER));
	if (fp)
		x86_fxrstor(r, fx);
	*mask = get64(r, fr + X86_UC + X86_UC_SIGMASK);
	return 0;
}

/* rdtsc, rdtscp: edx:eax = the virtual clock in ns; rdtscp's ecx (TSC_AUX) = CPU 0 */
static int x86_counter(struct ucrun *r, const unsigned char *p, size_t n, bool exec)
{
	uint64_t t;
	int len = n >= 2 && p[0] == 0x0f && p[1] == 0x31 ? 2
		: n >= 3 && p[0] == 0x0f && p[1] == 0x01 && p[2] == 0xf9 ? 3 : 0;

	if (!exec || !len)
		return len;
	t = vclock_ns(r);
	reg_set(r, UC_X86_REG_RAX, t & 0xffffffffu);
	reg_set(r, UC_X86_REG_RDX, t >> 32);
	if (len == 3)
		reg_set(r, UC_X86_REG_RCX, 0);
	return len;
}

const struct ucarch uc_x86_64 = {
	.counter = x86_counter, .counter_align = 1, .epoll_packed = true,
	.arch = UC_ARCH_X86, .mode = UC_MODE_64,
	.pc = X(RIP), .sp = X(RSP), .tls = X(FS_BASE), .nr = X(RAX), .ret = X(RAX),
	.arg = { X(RDI), X(RSI), X(RDX), X(R10), X(R8), X(R9) },
	.nhit = 19,
	.hit = { X(RAX), X(RBX), X(RCX), X(RDX), X(RSI), X(RDI), X(RBP), X(RSP),
		 X(R8), X(R9), X(R10), X(R11), X(R12), X(R13), X(R14), X(R15),
		 X(RIP), X(RFLAGS), X(FS_BASE) },
	.vec = X(XMM0), .nvec = 16, .veclen = 16, .nctl = 2, .ctl = { X(MXCSR), X(FPCW) },
	.task_size = 0x7ffffffff000ULL,
	.stack_base = 0x4000000000ULL,
	.platform = "x86_64",
	.cpu_pages = 2,		/* the IDT and the GDT */
	.exec_reads = true,
	.cpu_init = x86_cpu_init,
	/* Unicorn adds 2 to RIP after the hook: the pc cannot be redirected inside it */
	.syscall_insn = UC_X86_INS_SYSCALL,
	.exception = x86_exception,
	.sigframe_push = x86_push, .sigframe_pop = x86_pop,
	.arch_prctl = x86_arch_prctl,
};
