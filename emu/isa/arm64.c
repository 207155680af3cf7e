/* arm64: registers and roles, Linux's numbers for it */
#include <capstone/capstone.h>
#include "isa/archdesc.h"
#include "isa/sysnr.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define MEM ROLE_FROM_MEMORY

static const char *const arm64_regs[] = {
	"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
	"x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19",
	"x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29",
	"x30", "sp", "pc", "pstate", "tpidr_el0",
};
static const int arm64_callee[] = { 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29 };
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

const struct archdesc isa_arm64 = {
	.id = isa_index_arm64, .name = "arm64", .goarch = "arm64", .alias = "aarch64",
	.qemu = "qemu-aarch64", .cc = "aarch64-linux-gnu-gcc",
	.e_machine = 183, .nregs = N(arm64_regs), .regnames = arm64_regs,
	/*            pc  sp  fp  lr  tls g    a0 a1 a2 a3 a4 a5 r0 r1 */
	.role_reg = { 32, 31, 29, 30, 34, MEM, 0, 1, 2, 3, 4, 5, 0, 1 },
	.ncallee = N(arm64_callee), .callee = arm64_callee,
	.nxregs = N(arm64_xregs), .xregnames = arm64_xregs,
	.nfpcallee = N(arm64_fpcallee), .fpcallee = arm64_fpcallee,
	.nfpctl = N(arm64_fpctl), .fpctl = arm64_fpctl, .fpctl_kept = arm64_fpctl_kept,
	.flags = 33, .flagsmask = 0xf0000000,	/* NZCV */
	.nthreadregs = N(arm64_threadregs), .threadregs = arm64_threadregs,
	.preempt_link = 30, .preempt_jump = 18, .preempt_push = 16,
	.stack_align = 16,
	.sysnr = sysnr_generic,
	.clone_arg = { 0, 1, 2, 4, 3 },
	.sa_restorer = true, .minsigstksz = 5120,
	.cs_arch = CS_ARCH_ARM64, .cs_mode = CS_MODE_ARM,
};
