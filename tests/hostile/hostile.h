/* What the hostile guests share: raw system calls and errno names. */
#ifndef HOSTILE_H
#define HOSTILE_H

#include "crossrt.h"
#include "syscall.h"

/* Calls the runtime never makes, so its syscall.h may not name them. */
#ifndef SYS_close
#if defined(__x86_64__)
#define SYS_close	3
#define SYS_dup3	292
#elif defined(__s390x__)
#define SYS_close	6
#define SYS_dup3	326
#else
#define SYS_close	57
#define SYS_dup3	24
#endif
#endif

#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4
#define MAP_PRIVATE	2
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define FUTEX_WAIT	0
#define SIGSEGV		11
#define SIGUSR1		10
#define TRACEFD		3	/* CROSSRT_TRACEFD: where the runtime writes its record */
#define CLONE_THREAD_FLAGS	0x50f00	/* VM FS FILES SIGHAND THREAD SYSVSEM */

/* Addresses no guest has mapped: just above 0, and in the kernel's half. */
#define LOWADDR		0x10L
#define KERNADDR	(long)0xffff800000001000UL

void exit(int code) __attribute__((noreturn));
/* the runtime's: the child runs fn(arg) on stack, then exits */
long clone(unsigned long flags, void *stack, void *tls, void (*fn)(void *), void *arg);

static inline long sys(long n, long a, long b, long c, long d)
{
	return __syscall6(n, a, b, c, d, 0, 0);
}

static inline const char *errname(long e)
{
	switch (e) {
	case 9: return "EBADF";
	case 11: return "EAGAIN";
	case 12: return "ENOMEM";
	case 14: return "EFAULT";
	case 22: return "EINVAL";
	case 38: return "ENOSYS";
	default: return "another errno";
	}
}

/* Print what a call returned: its value, or the errno by name. */
static inline void report(const char *what, long r)
{
	if (r < 0 && r > -4096)
		printf("%s: %s (%ld)\n", what, errname(-r), -r);
	else
		printf("%s: ok\n", what);
}

#endif
