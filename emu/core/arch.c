/* Register files and role maps of the three ISAs (DESIGN.md section 3). */
#include <string.h>
#include "core/arch.h"

const char *const role_names[NROLES] = {
	"pc", "sp", "fp", "lr", "tls", "g", "a0", "a1", "a2", "a3", "a4", "a5", "r0", "r1",
};

static const char *const x86_64_regs[] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
	"rip", "rflags", "fs_base",
};
static const int x86_64_callee[] = { 1, 6, 12, 13, 14, 15 };

static const char *const arm64_regs[] = {
	"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
	"x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19",
	"x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29",
	"x30", "sp", "pc", "pstate", "tpidr_el0",
};
static const int arm64_callee[] = { 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29 };

/* Index i >= 1 is xi. */
static const char *const riscv64_regs[] = {
	"pc", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
static const int riscv64_callee[] = { 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27 };

/* Extended state: x86_64 xmm0-15 (low, high), mxcsr, the x87 control word. */
static const char *const x86_64_xregs[] = {
	"xmm0.lo", "xmm0.hi", "xmm1.lo", "xmm1.hi", "xmm2.lo", "xmm2.hi", "xmm3.lo", "xmm3.hi",
	"xmm4.lo", "xmm4.hi", "xmm5.lo", "xmm5.hi", "xmm6.lo", "xmm6.hi", "xmm7.lo", "xmm7.hi",
	"xmm8.lo", "xmm8.hi", "xmm9.lo", "xmm9.hi", "xmm10.lo", "xmm10.hi", "xmm11.lo", "xmm11.hi",
	"xmm12.lo", "xmm12.hi", "xmm13.lo", "xmm13.hi", "xmm14.lo", "xmm14.hi", "xmm15.lo",
	"xmm15.hi", "mxcsr", "fcw",
};
static const int x86_64_fpctl[] = { 32, 33 };
static const uint64_t x86_64_fpctl_kept[] = { 0xffc0, 0x1f3f };	/* mxcsr control bits, the x87 control word */
static const int x86_64_threadregs[] = { 18 };

/* arm64 v0-v31 (low, high), fpcr, fpsr; d8-d15 are the low halves of v8-v15. */
static const char *const arm64_xregs[] = {
	"v0.lo", "v0.hi", "v1.lo", "v1.hi", "v2.lo", "v2.hi", "v3.lo", "v3.hi", "v4.lo", "v4.hi",
	"v5.lo", "v5.hi", "v6.lo", "v6.hi", "v7.lo", "v7.hi", "v8.lo", "v8.hi", "v9.lo", "v9.hi",
	"v10.lo", "v10.hi", "v11.lo", "v11.hi", "v12.lo", "v12.hi", "v13.lo", "v13.hi", "v14.lo",
	"v14.hi", "v15.lo", "v15.hi", "v16.lo", "v16.hi", "v17.lo", "v17.hi", "v18.lo", "v18.hi",
	"v19.lo", "v19.hi", "v20.lo", "v20.hi", "v21.lo", "v21.hi", "v22.lo", "v22.hi", "v23.lo",
	"v23.hi", "v24.lo", "v24.hi", "v25.lo", "v25.hi", "v26.lo", "v26.hi", "v27.lo", "v27.hi",
	"v28.lo", "v28.hi", "v29.lo", "v29.hi", "v30.lo", "v30.hi", "v31.lo", "v31.hi", "fpcr",
	"fpsr",
};
static const int arm64_fpcallee[] = { 16, 18, 20, 22, 24, 26, 28, 30 };
static const int arm64_fpctl[] = { 64 };
static const uint64_t arm64_fpctl_kept[] = { 0xffffffff };
static const int arm64_threadregs[] = { 34 };

/* riscv64 f0-f31 by their ABI names, fcsr. */
static const char *const riscv64_xregs[] = {
	"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2",
	"fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
	"fs10", "fs11", "ft8", "ft9", "ft10", "ft11", "fcsr",
};
static const int riscv64_fpcallee[] = { 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27 };
static const int riscv64_fpctl[] = { 32 };
static const uint64_t riscv64_fpctl_kept[] = { 0xe0 };	/* frm */
static const int riscv64_threadregs[] = { 3, 4 };	/* gp, tp */

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define MEM ROLE_FROM_MEMORY

static const struct archdesc arches[NARCH] = {
	[ARCH_X86_64] = {
		.id = ARCH_X86_64, .name = "x86_64", .qemu = "qemu-x86_64", .cc = "gcc",
		.e_machine = 62, .nregs = N(x86_64_regs), .regnames = x86_64_regs,
		/*            pc  sp fp lr   tls g    a0 a1 a2 a3 a4 a5 r0 r1 */
		.role_reg = { 16, 7, 6, MEM, 18, MEM, 5, 4, 3, 2, 8, 9, 0, 3 },
		.ncallee = N(x86_64_callee), .callee = x86_64_callee,
		.generic_syscalls = false,
		.nxregs = N(x86_64_xregs), .xregnames = x86_64_xregs,
		.nfpctl = N(x86_64_fpctl), .fpctl = x86_64_fpctl, .fpctl_kept = x86_64_fpctl_kept,
		.flags = 17, .flagsmask = 0xcd5,	/* CF PF AF ZF SF DF OF */
		.nthreadregs = N(x86_64_threadregs), .threadregs = x86_64_threadregs,
		.preempt_link = -1, .preempt_jump = -1, .preempt_push = 0,
	},
	[ARCH_ARM64] = {
		.id = ARCH_ARM64, .name = "arm64", .qemu = "qemu-aarch64", .cc = "aarch64-linux-gnu-gcc",
		.e_machine = 183, .nregs = N(arm64_regs), .regnames = arm64_regs,
		.role_reg = { 32, 31, 29, 30, 34, MEM, 0, 1, 2, 3, 4, 5, 0, 1 },
		.ncallee = N(arm64_callee), .callee = arm64_callee,
		.generic_syscalls = true,
		.nxregs = N(arm64_xregs), .xregnames = arm64_xregs,
		.nfpcallee = N(arm64_fpcallee), .fpcallee = arm64_fpcallee,
		.nfpctl = N(arm64_fpctl), .fpctl = arm64_fpctl, .fpctl_kept = arm64_fpctl_kept,
		.flags = 33, .flagsmask = 0xf0000000,	/* NZCV */
		.nthreadregs = N(arm64_threadregs), .threadregs = arm64_threadregs,
		.preempt_link = 30, .preempt_jump = 18, .preempt_push = 16,
	},
	[ARCH_RISCV64] = {
		.id = ARCH_RISCV64, .name = "riscv64", .qemu = "qemu-riscv64", .cc = "riscv64-linux-gnu-gcc",
		.e_machine = 243, .nregs = N(riscv64_regs), .regnames = riscv64_regs,
		.role_reg = { 0, 2, 8, 1, 4, MEM, 10, 11, 12, 13, 14, 15, 10, 11 },
		.ncallee = N(riscv64_callee), .callee = riscv64_callee,
		.generic_syscalls = true,
		.nxregs = N(riscv64_xregs), .xregnames = riscv64_xregs,
		.nfpcallee = N(riscv64_fpcallee), .fpcallee = riscv64_fpcallee,
		.nfpctl = N(riscv64_fpctl), .fpctl = riscv64_fpctl, .fpctl_kept = riscv64_fpctl_kept,
		.flags = -1,
		.nthreadregs = N(riscv64_threadregs), .threadregs = riscv64_threadregs,
		.preempt_link = 1, .preempt_jump = 31, .preempt_push = 16,
	},
};

const struct archdesc *arch_byname(const char *name)
{
	if (!name)
		return NULL;
	if (!strcmp(name, "aarch64"))
		name = "arm64";
	if (!strcmp(name, "amd64"))
		name = "x86_64";
	for (int i = 0; i < NARCH; i++)
		if (!strcmp(arches[i].name, name))
			return &arches[i];
	return NULL;
}

const struct archdesc *arch_bymachine(uint16_t e_machine)
{
	for (int i = 0; i < NARCH; i++)
		if (arches[i].e_machine == e_machine)
			return &arches[i];
	return NULL;
}

const struct archdesc *arch_byid(int id)
{
	return id >= 0 && id < NARCH ? &arches[id] : NULL;
}

int arch_regindex(const struct archdesc *a, const char *regname)
{
	for (int i = 0; i < a->nregs; i++)
		if (!strcmp(a->regnames[i], regname))
			return i;
	return -1;
}

int arch_xregindex(const struct archdesc *a, const char *xregname)
{
	for (int i = 0; i < a->nxregs; i++)
		if (!strcmp(a->xregnames[i], xregname))
			return i;
	return -1;
}
