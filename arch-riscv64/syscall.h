/* riscv64 Linux system calls (asm-generic table): number in a7, arguments in a0-a5. */
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
	register long a7 __asm__("a7") = n;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a3 __asm__("a3") = d;
	register long a4 __asm__("a4") = e;
	register long a5 __asm__("a5") = f;
	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
			 : "memory");
	return a0;
}

#endif
