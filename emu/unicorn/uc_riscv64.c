/*
 * riscv64 under Unicorn: register ids, ecall, exception causes, ebreak,
 * fcsr (not part of uc_context in 2.0.1) and the rt_sigframe (DESIGN.md
 * section 6): siginfo +0, ucontext +128 (uc_sigmask +168, mcontext +304:
 * pc, x1..x31, f[32] +560, fcsr +816), 1088 bytes.
 */
#include <string.h>
#include "unicorn/uc.h"
#include "unicorn/uc_fastwrite.h"

#define R(n) UC_RISCV_REG_##n

#define UC_SIGMASK	40		/* in the ucontext, before the mcontext */
#define RV_FRAME	1088
#define RV_UC		128
#define RV_MC		(RV_UC + 176)

PAGE_COLLECTION_OVERRIDE(riscv64)

static int rv_cpu_init(struct ucrun *r)
{
	/* mstatus.FS = dirty: floating point usable from the first instruction */
	reg_set(r, R(MSTATUS), reg_get(r, R(MSTATUS)) | 0x6000);
	return 0;
}

static bool rv_syscall_intr(uint32_t intno)
{
	return intno == 8 || intno == 9 || intno == 11;	/* ecall from U, S or M mode */
}

/* RISC-V exception causes; Unicorn reports the pc 4 bytes past the instruction. */
static void rv_exception(struct ucrun *r, uint32_t intno, uint64_t pc)
{
	pc -= 4;
	switch (intno) {
	case 0:
	case 4:
	case 6:	 fault_set(r, LX_SIGBUS, LX_BUS_ADRALN, pc, 0, pc); break;
	case 2:	 fault_set(r, LX_SIGILL, LX_ILL_ILLOPC, pc, pc, pc); break;
	case 3:	 fault_set(r, LX_SIGTRAP, LX_TRAP_BRKPT, pc, pc, pc); break;
	default: fault_set(r, LX_SIGSEGV, LX_SEGV_ACCERR, pc, 0, pc); break;
	}
}

/* ebreak and c.ebreak stop Unicorn as invalid instructions; Linux sends SIGTRAP. */
static bool rv_breakpoint(struct ucrun *r, uint64_t pc)
{
	unsigned char b[4] = { 0 };
	uint32_t insn;

	if (vm_peek(r, pc, b, 4) < 0 && vm_peek(r, pc, b, 2) < 0)
		return false;
	insn = isa_get32(r->arch, b);
	return insn == 0x00100073 || (insn & 0xffff) == 0x9002;
}

static int rv_push(struct ucrun *r, const struct sigdelivery *d)
{
	unsigned char fr[RV_FRAME];
	uint64_t frame = (frame_base(d, 0) - RV_FRAME) & ~15ULL;
	unsigned char *mc = fr + RV_MC;

	if (!frame_fits(d, frame))
		return -1;
	memset(fr, 0, sizeof fr);
	siginfo_encode(r, d->info, fr);
	ucontext_common(r, d, fr + RV_UC, 0, UC_SIGMASK);
	put64(r, mc + 0, d->pc);
	for (int i = 1; i < 32; i++)
		put64(r, mc + 8 * i, reg_get(r, R(X0) + i));
	for (int i = 0; i < 32; i++)
		put64(r, mc + 256 + 8 * i, reg_get(r, R(F0) + i));
	put32(r, mc + 512, (uint32_t)reg_get(r, R(FCSR)));
	if (vm_write(r, frame, fr, sizeof fr) < 0)
		return -1;
	reg_set(r, R(X10), (uint64_t)d->sig);
	reg_set(r, R(X11), frame);
	reg_set(r, R(X12), frame + RV_UC);
	reg_set(r, R(X2), frame);
	reg_set(r, R(X1), r->sigpage);	/* no sa_restorer: the trampoline */
	uc_set_pc(r, d->act->handler);
	return 0;
}

static int rv_pop(struct ucrun *r, uint64_t *mask)
{
	unsigned char fr[RV_FRAME];
	uint64_t frame = reg_get(r, R(X2));
	const unsigned char *mc = fr + RV_MC;

	if (vm_read(r, frame, fr, sizeof fr) < 0)
		return -1;
	uc_set_pc(r, get64(r, mc + 0));
	for (int i = 1; i < 32; i++)
		reg_set(r, R(X0) + i, get64(r, mc + 8 * i));
	for (int i = 0; i < 32; i++)
		reg_set(r, R(F0) + i, get64(r, mc + 256 + 8 * i));
	reg_set(r, R(FCSR), get32(r, mc + 512));
	*mask = get64(r, fr + RV_UC + UC_SIGMASK);
	return 0;
}

/* rdcycle, rdtime, rdinstret (csrrs rd, csr, x0): the instruction count, the virtual clock in ns */
static int rv_counter(struct ucrun *r, const unsigned char *p, size_t n, bool exec)
{
	uint32_t w, csr, rd;

	if (n < 4)
		return 0;
	w = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	csr = w >> 20, rd = (w >> 7) & 31;
	if ((w & 0xff07f) != 0x2073 || csr < 0xc00 || csr > 0xc02)
		return 0;
	if (exec && rd)
		reg_set(r, R(X0) + (int)rd, csr == 0xc01 ? vclock_ns(r) : r->insns);
	return 4;
}

/* li a7, 139 (rt_sigreturn); ecall */
static const uint32_t rv_sigtramp[] = { 0x08b00893, 0x00000073 };

#define XN(n) R(X##n)
const struct ucarch uc_riscv64 = {
	.arch = UC_ARCH_RISCV, .mode = UC_MODE_RISCV64,
	.pc = R(PC), .sp = R(X2), .tls = R(X4), .nr = R(X17), .ret = R(X10),
	.arg = { R(X10), R(X11), R(X12), R(X13), R(X14), R(X15) },
	.nhit = 32,
	.hit = { R(PC), XN(1), XN(2), XN(3), XN(4), XN(5), XN(6), XN(7), XN(8), XN(9), XN(10),
		 XN(11), XN(12), XN(13), XN(14), XN(15), XN(16), XN(17), XN(18), XN(19), XN(20),
		 XN(21), XN(22), XN(23), XN(24), XN(25), XN(26), XN(27), XN(28), XN(29), XN(30),
		 XN(31) },
	.vec = R(F0), .nvec = 32, .veclen = 8, .nctl = 1, .ctl = { R(FCSR) },
	/* Sv48 */
	.task_size = 0x800000000000ULL,
	.stack_base = 0x4000000000ULL,
	.private_reg = R(FCSR),
	.cpu_init = rv_cpu_init,
	.syscall_intr = rv_syscall_intr,
	.counter = rv_counter, .counter_align = 2,
	.exception = rv_exception,
	.breakpoint = rv_breakpoint,
	.sigframe_push = rv_push, .sigframe_pop = rv_pop,
	.sigtramp = rv_sigtramp, .nsigtramp = 2,
};
