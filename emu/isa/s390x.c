/* s390x: registers and roles, Linux's numbers for it */
#include <capstone/capstone.h>
#include "isa/archdesc.h"
#include "isa/sysnr.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define MEM ROLE_FROM_MEMORY
#define NONE ROLE_NONE

/*
 * r0-r15, the PSW address and mask, and "tp": the thread pointer that
 * access registers a0:a1 hold, as one word (a0 << 32 | a1).
 */
static const char *const s390x_regs[] = {
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
	"pc", "pswm", "tp",
};
static const int s390x_callee[] = { 6, 7, 8, 9, 10, 11, 12, 13, 15 };
/* f0-f15, the FP control register. */
static const char *const s390x_xregs[] = {
	"f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7",
	"f8", "f9", "f10", "f11", "f12", "f13", "f14", "f15", "fpc",
};
static const int s390x_fpcallee[] = { 8, 9, 10, 11, 12, 13, 14, 15 };
static const int s390x_fpctl[] = { 16 };
static const uint64_t s390x_fpctl_kept[] = { 0xf8000077 };	/* IEEE masks, DFP and BFP rounding modes */
static const int s390x_threadregs[] = { 18 };

/* arch/s390/kernel/syscalls/syscall.tbl (64-bit) */
static const struct sysnr s390x_sysnr[] = {
	{ SYS_read, 3 },
	{ SYS_write, 4 },
	{ SYS_writev, 146 },
	{ SYS_mmap, 90 },
	{ SYS_mprotect, 125 },
	{ SYS_munmap, 91 },
	{ SYS_brk, 45 },
	{ SYS_rt_sigaction, 174 },
	{ SYS_rt_sigprocmask, 175 },
	{ SYS_rt_sigreturn, 173 },
	{ SYS_sigaltstack, 186 },
	{ SYS_sched_yield, 158 },
	{ SYS_madvise, 219 },
	{ SYS_nanosleep, 162 },
	{ SYS_clock_nanosleep, 262 },
	{ SYS_getpid, 20 },
	{ SYS_getppid, 64 },
	{ SYS_gettid, 236 },
	{ SYS_getuid, 199 },
	{ SYS_geteuid, 201 },
	{ SYS_getgid, 200 },
	{ SYS_getegid, 202 },
	{ SYS_clone, 120 },
	{ SYS_exit, 1 },
	{ SYS_exit_group, 248 },
	{ SYS_futex, 238 },
	{ SYS_set_tid_address, 252 },
	{ SYS_set_robust_list, 304 },
	{ SYS_clock_gettime, 260 },
	{ SYS_clock_getres, 261 },
	{ SYS_gettimeofday, 78 },
	{ SYS_kill, 37 },
	{ SYS_tkill, 237 },
	{ SYS_tgkill, 241 },
	{ SYS_getrandom, 349 },
	{ SYS_sched_getaffinity, 240 },
	{ SYS_close, 6 },
	{ SYS_fstat, 108 },
	{ SYS_ioctl, 54 },
	{ SYS_mremap, 163 },
	{ SYS_fork, 2 },
	{ SYS_execve, 11 },
	{ SYS_uname, 122 },
	{ SYS_fcntl, 55 },
	{ SYS_getrlimit, 191 },
	{ SYS_prctl, 172 },
	{ SYS_openat, 288 },
	{ SYS_newfstatat, 293 },
	{ SYS_prlimit64, 334 },
	{ SYS_rseq, 383 },
	{ SYS_open, 5 },
	{ SYS_setrlimit, 75 },
	{ SYS_pipe, 42 },
	{ SYS_pipe2, 325 },
	{ SYS_epoll_create, 249 },
	{ SYS_epoll_create1, 327 },
	{ SYS_epoll_ctl, 250 },
	{ SYS_epoll_wait, 251 },
	{ SYS_epoll_pwait, 312 },
	{ NSYS, -1 },
};

const struct archdesc isa_s390x = {
	.id = isa_index_s390x, .name = "s390x", .goarch = "s390x", .qemu = "qemu-s390x", .cc = "s390x-linux-gnu-gcc",
	.e_machine = 22, .big_endian = true, .nregs = N(s390x_regs), .regnames = s390x_regs,
	/* the C ABI passes five arguments in registers (r2-r6): a5 has none */
	/*            pc  sp  fp  lr  tls g    a0 a1 a2 a3 a4 a5    r0 r1 */
	.role_reg = { 16, 15, 11, 14, 18, MEM, 2, 3, 4, 5, 6, NONE, 2, 3 },
	.ncallee = N(s390x_callee), .callee = s390x_callee,
	.nxregs = N(s390x_xregs), .xregnames = s390x_xregs,
	.nfpcallee = N(s390x_fpcallee), .fpcallee = s390x_fpcallee,
	.nfpctl = N(s390x_fpctl), .fpctl = s390x_fpctl, .fpctl_kept = s390x_fpctl_kept,
	.flags = 17, .flagsmask = 0x00003f0000000000ULL,	/* condition code, program mask */
	.nthreadregs = N(s390x_threadregs), .threadregs = s390x_threadregs,
	/* a new 160-byte save area and the interrupted r14 below the interrupted r15 */
	.preempt_link = 14, .preempt_jump = 12, .preempt_push = 168,
	.stack_align = 8,
	.wide_by_reference = true,
	.high_word_kept = true,
	.sysnr = s390x_sysnr,
	.mmap_indirect = true,
	.clone_arg = { 1, 0, 2, 3, 4 },
	.sa_restorer = true, .minsigstksz = 2048,
	.cs_arch = CS_ARCH_SYSZ, .cs_mode = CS_MODE_BIG_ENDIAN,
};
