/*
 * Linux's asm-generic system call numbers, shared by the ISAs that use that
 * table (arm64, riscv64).  x86_64 has its own in arch-x86_64/syscall.h.
 */
#ifndef SYSCALL_GENERIC_H
#define SYSCALL_GENERIC_H

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

#endif
