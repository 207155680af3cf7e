/* x86_64: registers and roles, Linux's numbers for it */
#include <capstone/capstone.h>
#include "isa/archdesc.h"
#include "isa/sysnr.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define MEM ROLE_FROM_MEMORY

static const char *const x86_64_regs[] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
	"rip", "rflags", "fs_base",
};
static const int x86_64_callee[] = { 1, 6, 12, 13, 14, 15 };
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

/* arch/x86/entry/syscalls/syscall_64.tbl */
static const struct sysnr x86_64_sysnr[] = {
	{ SYS_read, 0 },
	{ SYS_write, 1 },
	{ SYS_writev, 20 },
	{ SYS_mmap, 9 },
	{ SYS_mprotect, 10 },
	{ SYS_munmap, 11 },
	{ SYS_brk, 12 },
	{ SYS_rt_sigaction, 13 },
	{ SYS_rt_sigprocmask, 14 },
	{ SYS_rt_sigreturn, 15 },
	{ SYS_sigaltstack, 131 },
	{ SYS_sched_yield, 24 },
	{ SYS_madvise, 28 },
	{ SYS_nanosleep, 35 },
	{ SYS_clock_nanosleep, 230 },
	{ SYS_getpid, 39 },
	{ SYS_getppid, 110 },
	{ SYS_gettid, 186 },
	{ SYS_getuid, 102 },
	{ SYS_geteuid, 107 },
	{ SYS_getgid, 104 },
	{ SYS_getegid, 108 },
	{ SYS_clone, 56 },
	{ SYS_exit, 60 },
	{ SYS_exit_group, 231 },
	{ SYS_arch_prctl, 158 },
	{ SYS_futex, 202 },
	{ SYS_set_tid_address, 218 },
	{ SYS_set_robust_list, 273 },
	{ SYS_clock_gettime, 228 },
	{ SYS_clock_getres, 229 },
	{ SYS_gettimeofday, 96 },
	{ SYS_kill, 62 },
	{ SYS_tkill, 200 },
	{ SYS_tgkill, 234 },
	{ SYS_getrandom, 318 },
	{ SYS_sched_getaffinity, 204 },
	{ SYS_close, 3 },
	{ SYS_fstat, 5 },
	{ SYS_ioctl, 16 },
	{ SYS_mremap, 25 },
	{ SYS_fork, 57 },
	{ SYS_execve, 59 },
	{ SYS_uname, 63 },
	{ SYS_fcntl, 72 },
	{ SYS_getrlimit, 97 },
	{ SYS_prctl, 157 },
	{ SYS_openat, 257 },
	{ SYS_newfstatat, 262 },
	{ SYS_prlimit64, 302 },
	{ SYS_rseq, 334 },
	{ SYS_open, 2 },
	{ SYS_setrlimit, 160 },
	{ SYS_pipe, 22 },
	{ SYS_pipe2, 293 },
	{ SYS_epoll_create, 213 },
	{ SYS_epoll_create1, 291 },
	{ SYS_epoll_ctl, 233 },
	{ SYS_epoll_wait, 232 },
	{ SYS_epoll_pwait, 281 },
	{ NSYS, -1 },
};

const struct archdesc isa_x86_64 = {
	.id = isa_index_x86_64, .name = "x86_64", .goarch = "amd64", .alias = "amd64", .qemu = "qemu-x86_64", .cc = "gcc",
	.e_machine = 62, .nregs = N(x86_64_regs), .regnames = x86_64_regs,
	/*            pc  sp fp lr   tls g    a0 a1 a2 a3 a4 a5 r0 r1 */
	.role_reg = { 16, 7, 6, MEM, 18, MEM, 5, 4, 3, 2, 8, 9, 0, 3 },
	.ncallee = N(x86_64_callee), .callee = x86_64_callee,
	.nxregs = N(x86_64_xregs), .xregnames = x86_64_xregs,
	.nfpctl = N(x86_64_fpctl), .fpctl = x86_64_fpctl, .fpctl_kept = x86_64_fpctl_kept,
	.flags = 17, .flagsmask = 0xcd5,	/* CF PF AF ZF SF DF OF */
	.nthreadregs = N(x86_64_threadregs), .threadregs = x86_64_threadregs,
	.preempt_link = -1, .preempt_jump = -1, .preempt_push = 0,
	.stack_align = 16,
	.sysnr = x86_64_sysnr,
	.clone_arg = { 0, 1, 2, 3, 4 },
	.sa_restorer = true, .minsigstksz = 2048,
	.cs_arch = CS_ARCH_X86, .cs_mode = CS_MODE_64,
};
