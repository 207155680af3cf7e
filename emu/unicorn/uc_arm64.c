/*
 * arm64 under Unicorn: register ids, svc, exceptions and the rt_sigframe
 * (DESIGN.md section 6): siginfo +0, ucontext +128 (uc_sigmask +168,
 * mcontext +304: fault_address, regs[31], sp, pc, pstate, __reserved +592
 * with the fpsimd and esr records), 4688 bytes; a frame record above.
 */
#include <string.h>
#include "unicorn/uc.h"
#include "unicorn/uc_fastwrite.h"

#define A(n) UC_ARM64_REG_##n

#define UC_SIGMASK	40		/* in the ucontext, before the mcontext */
#define A64_FRAME	4688
#define A64_UC		128
#define A64_MC		(A64_UC + 176)
#define A64_RESERVED	(A64_MC + 288)
#define A64_FPSIMD_MAGIC 0x46508001u
#define A64_FPSIMD_SIZE	528
#define A64_ESR_MAGIC	0x45535201u

PAGE_COLLECTION_OVERRIDE(aarch64)

static bool a64_syscall_intr(uint32_t intno)
{
	return intno == 2;		/* EXCP_SWI: svc */
}

/* QEMU's EXCP_* numbers for AArch64; the pc is at the instruction. */
static void a64_exception(struct ucrun *r, uint32_t intno, uint64_t pc)
{
	switch (intno) {
	case 1:	 fault_set(r, LX_SIGILL, LX_ILL_ILLOPC, pc, pc, pc); break;		/* UDEF */
	case 3:	 fault_set(r, LX_SIGSEGV, LX_SEGV_ACCERR, pc, pc, pc); break;	/* prefetch abort */
	case 4:	 fault_set(r, LX_SIGBUS, LX_BUS_ADRALN, pc, 0, pc); break;		/* data abort: alignment */
	case 7:	 fault_set(r, LX_SIGTRAP, LX_TRAP_BRKPT, pc, pc, pc); break;		/* BRK */
	default: fault_set(r, LX_SIGILL, LX_ILL_PRVOPC, pc, pc, pc); break;
	}
}

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
	put32(r, p + 0, A64_FPSIMD_MAGIC);
	put32(r, p + 4, A64_FPSIMD_SIZE);
	put32(r, p + 8, (uint32_t)reg_get(r, A(FPSR)));
	put32(r, p + 12, (uint32_t)reg_get(r, A(FPCR)));
	for (int i = 0; i < 32; i++)
		uc_reg_read(r->uc, A(Q0) + i, p + 16 + 16 * i);
}

static void a64_fpsimd_restore(struct ucrun *r, const unsigned char *p)
{
	unsigned char q[16];

	reg_set(r, A(FPSR), get32(r, p + 8));
	reg_set(r, A(FPCR), get32(r, p + 12));
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
	siginfo_encode(r, d->info, fr);
	ucontext_common(r, d, fr + A64_UC, 0, UC_SIGMASK);
	put64(r, mc + 0, d->fault ? d->fault->addr : 0);
	for (int i = 0; i < 31; i++)
		put64(r, mc + 8 + 8 * i, reg_get(r, a64_x(i)));
	put64(r, mc + 256, d->sp);
	put64(r, mc + 264, d->pc);
	put64(r, mc + 272, reg_get(r, A(NZCV)) & 0xf0000000ULL);
	a64_fpsimd_save(r, res);
	if (d->fault && d->fault->memtype >= 0) {
		put32(r, res + A64_FPSIMD_SIZE, A64_ESR_MAGIC);
		put32(r, res + A64_FPSIMD_SIZE + 4, 16);
		put64(r, res + A64_FPSIMD_SIZE + 8, a64_esr(d->fault));
	}
	/* the end marker {0, 0} follows: fr is zeroed */
	rec[0] = reg_get(r, A(X29));
	rec[1] = reg_get(r, A(X30));
	if (vm_write_words(r, next, rec, 2) < 0 || vm_write(r, frame, fr, sizeof fr) < 0)
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
		uint32_t magic = get32(r, res + off), size = get32(r, res + off + 4);
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
		reg_set(r, a64_x(i), get64(r, mc + 8 + 8 * i));
	reg_set(r, A(SP), get64(r, mc + 256));
	uc_set_pc(r, get64(r, mc + 264));
	reg_set(r, A(NZCV), get64(r, mc + 272) & 0xf0000000ULL);
	*mask = get64(r, fr + A64_UC + UC_SIGMASK);
	return 0;
}

/* mov x8, #139 (rt_sigreturn); svc #0 */
static const uint32_t a64_sigtramp[] = { 0xd2801168, 0xd4000001 };

const struct ucarch uc_arm64 = {
	.arch = UC_ARCH_ARM64, .mode = UC_MODE_ARM,
	.pc = A(PC), .sp = A(SP), .tls = A(TPIDR_EL0), .nr = A(X8), .ret = A(X0),
	.arg = { A(X0), A(X1), A(X2), A(X3), A(X4), A(X5) },
	.nhit = 35,
	.hit = { A(X0), A(X1), A(X2), A(X3), A(X4), A(X5), A(X6), A(X7), A(X8), A(X9),
		 A(X10), A(X11), A(X12), A(X13), A(X14), A(X15), A(X16), A(X17), A(X18), A(X19),
		 A(X20), A(X21), A(X22), A(X23), A(X24), A(X25), A(X26), A(X27), A(X28), A(X29),
		 A(X30), A(SP), A(PC), A(NZCV), A(TPIDR_EL0) },
	.vec = A(Q0), .nvec = 32, .veclen = 16, .nctl = 2, .ctl = { A(FPCR), A(FPSR) },
	/* pstate is NZCV: all a user-mode PSTATE holds at EL0 (Unicorn runs at EL1) */
	.task_size = 0x1000000000000ULL,
	.stack_base = 0x5500000000ULL,
	.platform = "aarch64",
	.hwcap2 = true,
	.syscall_intr = a64_syscall_intr,
	.exception = a64_exception,
	.sigframe_push = a64_push, .sigframe_pop = a64_pop,
	.sigtramp = a64_sigtramp, .nsigtramp = 2,
};
