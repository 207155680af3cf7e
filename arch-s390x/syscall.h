/*
 * s390x Linux system calls: svc 0 with the number in r1, arguments in
 * r2-r7, the result in r2.  mmap is the old one-argument form: its six
 * arguments travel in memory.
 */
#ifndef ARCH_SYSCALL_H
#define ARCH_SYSCALL_H

#define SYS_exit		1
#define SYS_read		3
#define SYS_write		4
#define SYS_getpid		20
#define SYS_brk			45
#define SYS_mmap		90
#define SYS_munmap		91
#define SYS_clone		120
#define SYS_mprotect		125
#define SYS_sched_yield		158
#define SYS_nanosleep		162
#define SYS_rt_sigreturn	173
#define SYS_rt_sigaction	174
#define SYS_rt_sigprocmask	175
#define SYS_sigaltstack		186
#define SYS_madvise		219
#define SYS_gettid		236
#define SYS_futex		238
#define SYS_tgkill		241
#define SYS_exit_group		248
#define SYS_set_tid_address	252
#define SYS_clock_gettime	260

static inline __attribute__((always_inline)) long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	long args[6] = { a, b, c, d, e, f };

	if (n == SYS_mmap)
		a = (long)args;
	register long r1 __asm__("r1") = n;
	register long r2 __asm__("r2") = a;
	register long r3 __asm__("r3") = b;
	register long r4 __asm__("r4") = c;
	register long r5 __asm__("r5") = d;
	register long r6 __asm__("r6") = e;
	register long r7 __asm__("r7") = f;
	__asm__ volatile("svc 0"
			 : "+r"(r2)
			 : "r"(r1), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7), "m"(args)
			 : "memory");
	return r2;
}

#endif
