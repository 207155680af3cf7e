/* riscv64: registers and roles, Linux's numbers for it */
#include <capstone/capstone.h>
#include "isa/archdesc.h"
#include "isa/sysnr.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define MEM ROLE_FROM_MEMORY

/* Index i >= 1 is xi. */
static const char *const riscv64_regs[] = {
	"pc", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
static const int riscv64_callee[] = { 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27 };
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

const struct archdesc isa_riscv64 = {
	.id = isa_index_riscv64, .name = "riscv64", .goarch = "riscv64", .qemu = "qemu-riscv64", .cc = "riscv64-linux-gnu-gcc",
	.e_machine = 243, .nregs = N(riscv64_regs), .regnames = riscv64_regs,
	/*            pc sp fp lr tls g    a0  a1  a2  a3  a4  a5  r0  r1 */
	.role_reg = { 0, 2, 8, 1, 4, MEM, 10, 11, 12, 13, 14, 15, 10, 11 },
	.ncallee = N(riscv64_callee), .callee = riscv64_callee,
	.globalreg = "gp",
	.nxregs = N(riscv64_xregs), .xregnames = riscv64_xregs,
	.nfpcallee = N(riscv64_fpcallee), .fpcallee = riscv64_fpcallee,
	.nfpctl = N(riscv64_fpctl), .fpctl = riscv64_fpctl, .fpctl_kept = riscv64_fpctl_kept,
	.flags = -1,
	.nthreadregs = N(riscv64_threadregs), .threadregs = riscv64_threadregs,
	.preempt_link = 1, .preempt_jump = 31, .preempt_push = 16,
	.stack_align = 16,
	.sysnr = sysnr_generic,
	.clone_arg = { 0, 1, 2, 4, 3 },
	.sa_restorer = false, .minsigstksz = 2048,	/* the kernel returns through the vdso */
	.cs_arch = -1,	/* Capstone 4 has no RISC-V */
};
