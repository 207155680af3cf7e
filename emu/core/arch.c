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
	},
	[ARCH_ARM64] = {
		.id = ARCH_ARM64, .name = "arm64", .qemu = "qemu-aarch64", .cc = "aarch64-linux-gnu-gcc",
		.e_machine = 183, .nregs = N(arm64_regs), .regnames = arm64_regs,
		.role_reg = { 32, 31, 29, 30, 34, MEM, 0, 1, 2, 3, 4, 5, 0, 1 },
		.ncallee = N(arm64_callee), .callee = arm64_callee,
		.generic_syscalls = true,
	},
	[ARCH_RISCV64] = {
		.id = ARCH_RISCV64, .name = "riscv64", .qemu = "qemu-riscv64", .cc = "riscv64-linux-gnu-gcc",
		.e_machine = 243, .nregs = N(riscv64_regs), .regnames = riscv64_regs,
		.role_reg = { 0, 2, 8, 1, 4, MEM, 10, 11, 12, 13, 14, 15, 10, 11 },
		.ncallee = N(riscv64_callee), .callee = riscv64_callee,
		.generic_syscalls = true,
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
