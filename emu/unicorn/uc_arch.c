/* Unicorn's view of the three ISAs: register ids, address-space layout, CPU setup. */
#include <string.h>
#include "unicorn/uc.h"

#define X(n) UC_X86_REG_##n
#define A(n) UC_ARM64_REG_##n

static const struct ucarch arches[NARCH] = {
	[ARCH_X86_64] = {
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
	},
	[ARCH_ARM64] = {
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
	},
	[ARCH_RISCV64] = {
		.arch = UC_ARCH_RISCV, .mode = UC_MODE_RISCV64,
		.pc = UC_RISCV_REG_PC, .sp = UC_RISCV_REG_X2, .tls = UC_RISCV_REG_X4,
		.nr = UC_RISCV_REG_X17, .ret = UC_RISCV_REG_X10,
		.arg = { UC_RISCV_REG_X10, UC_RISCV_REG_X11, UC_RISCV_REG_X12,
			 UC_RISCV_REG_X13, UC_RISCV_REG_X14, UC_RISCV_REG_X15 },
		.nhit = 32,
		/* filled in by ucarch_get: pc, then x1..x31 */
		.vec = UC_RISCV_REG_F0, .nvec = 32, .veclen = 8, .nctl = 1, .ctl = { UC_RISCV_REG_FCSR },
		/* Sv48 */
		.task_size = 0x800000000000ULL,
		.stack_base = 0x4000000000ULL,
		.platform = NULL,
	},
};

const struct ucarch *ucarch_get(int archid)
{
	static struct ucarch riscv;

	if (archid == ARCH_RISCV64) {
		if (riscv.nhit == 0) {
			riscv = arches[ARCH_RISCV64];
			riscv.hit[0] = UC_RISCV_REG_PC;
			for (int i = 1; i < 32; i++)
				riscv.hit[i] = UC_RISCV_REG_X1 + i - 1;
		}
		return &riscv;
	}
	return archid >= 0 && archid < NARCH ? &arches[archid] : NULL;
}

/* Registers narrower than 64 bits are read into a zeroed 64-bit slot. */
uint64_t reg_get(struct ucrun *r, int id)
{
	uint64_t v = 0;

	uc_reg_read(r->uc, id, &v);
	return v;
}

void reg_set(struct ucrun *r, int id, uint64_t v)
{
	uc_reg_write(r->uc, id, &v);
}

/* The raw register file, in the archdesc's order. */
void regs_read(struct ucrun *r, uint64_t *regs)
{
	const struct ucarch *ua = r->ua;
	int ids[MAXREGS];
	void *vals[MAXREGS];

	for (int i = 0; i < ua->nhit; i++) {
		ids[i] = ua->hit[i];
		vals[i] = &regs[i];
	}
	uc_reg_read_batch(r->uc, ids, vals, ua->nhit);
}

/* The FP and vector registers and the FP control and status registers (archdesc xregs). */
void xstate_read(struct ucrun *r, struct xstate *x)
{
	const struct ucarch *ua = r->ua;
	int n = 0;

	memset(x, 0, sizeof *x);
	for (int i = 0; i < ua->nvec; i++) {
		uint64_t v[2] = { 0, 0 };

		if (uc_reg_read(r->uc, ua->vec + i, v) != UC_ERR_OK) {
			n += ua->veclen / 8;
			continue;
		}
		for (int k = 0; k < ua->veclen / 8; k++)
			xstate_set(x, n++, v[k]);
	}
	for (int i = 0; i < ua->nctl; i++, n++)
		xstate_set(x, n, reg_get(r, ua->ctl[i]));
}

uint64_t uc_pc(struct ucrun *r)
{
	return reg_get(r, r->ua->pc);
}

void uc_set_pc(struct ucrun *r, uint64_t pc)
{
	reg_set(r, r->ua->pc, pc);
}

/* The registers a Linux process starts with, apart from pc and sp. */
void cpu_init(struct ucrun *r)
{
	switch (r->arch->id) {
	case ARCH_X86_64:
		/* IF and the always-one bit, as the kernel and qemu-user start a process */
		reg_set(r, X(RFLAGS), 0x202);
		/*
		 * CR4.OSFXSR and OSXMMEXCPT, as Linux runs user code: CR4
		 * starts at 0 in Unicorn, and without OSFXSR fxsave64 and
		 * fxrstor64 skip the XMM registers and MXCSR.
		 */
		reg_set(r, X(CR4), reg_get(r, X(CR4)) | 0x600);
		break;
	case ARCH_RISCV64:
		/* mstatus.FS = dirty: floating point usable from the first instruction */
		reg_set(r, UC_RISCV_REG_MSTATUS, reg_get(r, UC_RISCV_REG_MSTATUS) | 0x6000);
		break;
	default:
		break;
	}
}
