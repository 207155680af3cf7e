/*
 * Linux system calls the host knows by name (the Unicorn engine serves or
 * names them); each ISA maps them to its numbers in a table of its own.
 */
#ifndef EMU_ISA_SYSNR_H
#define EMU_ISA_SYSNR_H

#include <stdint.h>

enum sys {
	SYS_read,
	SYS_write,
	SYS_writev,
	SYS_mmap,
	SYS_mprotect,
	SYS_munmap,
	SYS_brk,
	SYS_rt_sigaction,
	SYS_rt_sigprocmask,
	SYS_rt_sigreturn,
	SYS_sigaltstack,
	SYS_sched_yield,
	SYS_madvise,
	SYS_nanosleep,
	SYS_clock_nanosleep,
	SYS_getpid,
	SYS_getppid,
	SYS_gettid,
	SYS_getuid,
	SYS_geteuid,
	SYS_getgid,
	SYS_getegid,
	SYS_clone,
	SYS_exit,
	SYS_exit_group,
	SYS_arch_prctl,
	SYS_futex,
	SYS_set_tid_address,
	SYS_set_robust_list,
	SYS_clock_gettime,
	SYS_clock_getres,
	SYS_gettimeofday,
	SYS_kill,
	SYS_tkill,
	SYS_tgkill,
	SYS_getrandom,
	SYS_sched_getaffinity,
	SYS_close,
	SYS_fstat,
	SYS_ioctl,
	SYS_mremap,
	SYS_fork,
	SYS_execve,
	SYS_uname,
	SYS_fcntl,
	SYS_getrlimit,
	SYS_prctl,
	SYS_openat,
	SYS_newfstatat,
	SYS_prlimit64,
	SYS_rseq,
	SYS_open,
	SYS_setrlimit,
	SYS_pipe,
	SYS_pipe2,
	SYS_epoll_create,
	SYS_epoll_create1,
	SYS_epoll_ctl,
	SYS_epoll_wait,
	SYS_epoll_pwait,
	NSYS,
};

/* One ISA's numbers: a table ending in { NSYS, -1 }. */
struct sysnr {
	enum sys sys;
	int nr;
};

int sysnr_lookup(const struct sysnr *t, int64_t nr);	/* enum sys, or -1 */

/* The asm-generic table (include/uapi/asm-generic/unistd.h) that newer ISAs share. */
extern const struct sysnr sysnr_generic[];

#endif
