/* arm64 Linux system calls (asm-generic table): number in x8, arguments in x0-x5. */
#ifndef ARCH_SYSCALL_H
#define ARCH_SYSCALL_H

#define SYS_read		63
#define SYS_write		64
#define SYS_exit		93
#define SYS_exit_group		94
#define SYS_set_tid_address	96
#define SYS_futex		98
#define SYS_nanosleep		101
#define SYS_clock_gettime	113
#define SYS_sched_yield		124
#define SYS_tgkill		131
#define SYS_sigaltstack		132
#define SYS_rt_sigaction	134
#define SYS_rt_sigprocmask	135
#define SYS_rt_sigreturn	139
#define SYS_getpid		172
#define SYS_gettid		178
#define SYS_brk			214
#define SYS_munmap		215
#define SYS_clone		220
#define SYS_mmap		222
#define SYS_mprotect		226
#define SYS_madvise		233

static inline __attribute__((always_inline)) long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;
	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			 : "memory");
	return x0;
}

#endif
