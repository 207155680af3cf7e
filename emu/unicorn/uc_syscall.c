/*
 * System calls of our Linux user mode.  Numbers come from two tables, the
 * x86_64 one and the asm-generic one of arm64 and riscv64; everything a
 * call touches in guest memory is checked, so a bad pointer is -EFAULT.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unicorn/uc.h"

#define MAX_WRITE	(1u << 20)	/* bytes per write call; the rest is a short write */
#define MAX_RECORDS	(64u << 20)	/* the runtime's record, in all */
#define CHUNK		65536
#define MAX_EVENTS	1024		/* unknown-syscall events in the trace, the last says so */

enum sc {
	SC_NONE, SC_READ, SC_WRITE, SC_WRITEV, SC_MMAP, SC_MPROTECT, SC_MUNMAP, SC_BRK,
	SC_RT_SIGACTION, SC_RT_SIGPROCMASK, SC_RT_SIGRETURN, SC_SIGALTSTACK, SC_SCHED_YIELD,
	SC_MADVISE, SC_NANOSLEEP, SC_CLOCK_NANOSLEEP, SC_GETPID, SC_GETPPID, SC_GETTID,
	SC_GETUID, SC_CLONE, SC_EXIT, SC_EXIT_GROUP, SC_ARCH_PRCTL, SC_FUTEX,
	SC_SET_TID_ADDRESS, SC_SET_ROBUST_LIST, SC_CLOCK_GETTIME, SC_CLOCK_GETRES,
	SC_GETTIMEOFDAY, SC_KILL, SC_TKILL, SC_TGKILL, SC_GETRANDOM, SC_SCHED_GETAFFINITY,
	SC_UNKNOWN,
};

struct scdesc {
	int x86, generic;	/* -1: not on that table */
	enum sc id;
	const char *name;
};

/* Implemented calls, then some well-known ones only named in the ENOSYS note. */
static const struct scdesc table[] = {
	{ 0, 63, SC_READ, "read" },
	{ 1, 64, SC_WRITE, "write" },
	{ 20, 66, SC_WRITEV, "writev" },
	{ 9, 222, SC_MMAP, "mmap" },
	{ 10, 226, SC_MPROTECT, "mprotect" },
	{ 11, 215, SC_MUNMAP, "munmap" },
	{ 12, 214, SC_BRK, "brk" },
	{ 13, 134, SC_RT_SIGACTION, "rt_sigaction" },
	{ 14, 135, SC_RT_SIGPROCMASK, "rt_sigprocmask" },
	{ 15, 139, SC_RT_SIGRETURN, "rt_sigreturn" },
	{ 131, 132, SC_SIGALTSTACK, "sigaltstack" },
	{ 24, 124, SC_SCHED_YIELD, "sched_yield" },
	{ 28, 233, SC_MADVISE, "madvise" },
	{ 35, 101, SC_NANOSLEEP, "nanosleep" },
	{ 230, 115, SC_CLOCK_NANOSLEEP, "clock_nanosleep" },
	{ 39, 172, SC_GETPID, "getpid" },
	{ 110, 173, SC_GETPPID, "getppid" },
	{ 186, 178, SC_GETTID, "gettid" },
	{ 102, 174, SC_GETUID, "getuid" },
	{ 107, 175, SC_GETUID, "geteuid" },
	{ 104, 176, SC_GETUID, "getgid" },
	{ 108, 177, SC_GETUID, "getegid" },
	{ 56, 220, SC_CLONE, "clone" },
	{ 60, 93, SC_EXIT, "exit" },
	{ 231, 94, SC_EXIT_GROUP, "exit_group" },
	{ 158, -1, SC_ARCH_PRCTL, "arch_prctl" },
	{ 202, 98, SC_FUTEX, "futex" },
	{ 218, 96, SC_SET_TID_ADDRESS, "set_tid_address" },
	{ 273, 99, SC_SET_ROBUST_LIST, "set_robust_list" },
	{ 228, 113, SC_CLOCK_GETTIME, "clock_gettime" },
	{ 229, 114, SC_CLOCK_GETRES, "clock_getres" },
	{ 96, 169, SC_GETTIMEOFDAY, "gettimeofday" },
	{ 62, 129, SC_KILL, "kill" },
	{ 200, 130, SC_TKILL, "tkill" },
	{ 234, 131, SC_TGKILL, "tgkill" },
	{ 318, 278, SC_GETRANDOM, "getrandom" },
	{ 204, 123, SC_SCHED_GETAFFINITY, "sched_getaffinity" },
	{ 3, 57, SC_UNKNOWN, "close" },
	{ 5, 80, SC_UNKNOWN, "fstat" },
	{ 16, 29, SC_UNKNOWN, "ioctl" },
	{ 25, 216, SC_UNKNOWN, "mremap" },
	{ 57, -1, SC_UNKNOWN, "fork" },
	{ 59, 221, SC_UNKNOWN, "execve" },
	{ 63, 160, SC_UNKNOWN, "uname" },
	{ 72, 25, SC_UNKNOWN, "fcntl" },
	{ 97, 163, SC_UNKNOWN, "getrlimit" },
	{ 157, 167, SC_UNKNOWN, "prctl" },
	{ 257, 56, SC_UNKNOWN, "openat" },
	{ 262, 79, SC_UNKNOWN, "newfstatat" },
	{ 302, 261, SC_UNKNOWN, "prlimit64" },
	{ 334, 293, SC_UNKNOWN, "rseq" },
};

static const struct scdesc *lookup(const struct ucrun *r, int64_t nr)
{
	if (nr < 0)
		return NULL;	/* -1 marks a call missing from a table */
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if ((r->arch->generic_syscalls ? table[i].generic : table[i].x86) == nr)
			return &table[i];
	return NULL;
}

/* Every unknown call goes into the trace, up to a limit. */
static void event_unknown(struct ucrun *r, int64_t nr, const struct scdesc *d)
{
	struct eventlog *ev = &r->res->events;
	char detail[96];

	if (ev->n >= MAX_EVENTS)
		return;
	if (d)
		snprintf(detail, sizeof detail, "syscall %lld (%s) → ENOSYS", (long long)nr, d->name);
	else
		snprintf(detail, sizeof detail, "syscall %lld → ENOSYS", (long long)nr);
	if (ev->n + 1 == MAX_EVENTS)
		snprintf(detail, sizeof detail, "more than %d unknown syscalls, no more recorded", MAX_EVENTS - 1);
	uc_event(r, "unknown-syscall", detail);
}

static int64_t write_host(int fd, const void *p, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(fd, (const char *)p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return done ? (int64_t)done : -errno;
		done += (size_t)w;
	}
	return (int64_t)done;
}

/* Where a guest fd's bytes go: host stdout/stderr or the runtime's record. */
static int64_t write_out(struct ucrun *r, int fd, const void *p, size_t n)
{
	if (fd == 1 || fd == 2)
		return write_host(fd, p, n);
	if (r->records->n + n > MAX_RECORDS)
		return -28;	/* ENOSPC */
	strbuf_add(r->records, p, n);
	return (int64_t)n;
}

static bool fd_writable(int64_t fd)
{
	return fd == 1 || fd == 2 || fd == RECORD_FD;
}

static int64_t sys_write(struct ucrun *r, int64_t fd, uint64_t buf, uint64_t n)
{
	static unsigned char chunk[CHUNK];
	uint64_t done = 0;

	if (!fd_writable(fd))
		return -E_BADF;
	if (n > MAX_WRITE)
		n = MAX_WRITE;
	while (done < n) {
		size_t len = n - done < CHUNK ? (size_t)(n - done) : CHUNK;
		int64_t w;
		if (vm_read(r, buf + done, chunk, len) < 0)
			return done ? (int64_t)done : -E_FAULT;
		w = write_out(r, (int)fd, chunk, len);
		if (w < 0)
			return done ? (int64_t)done : w;
		done += (uint64_t)w;
		if ((size_t)w < len)
			break;
	}
	return (int64_t)done;
}

static int64_t sys_writev(struct ucrun *r, int64_t fd, uint64_t iov, uint64_t cnt)
{
	int64_t total = 0;

	if (!fd_writable(fd))
		return -E_BADF;
	if (cnt > 1024)
		return -E_INVAL;
	for (uint64_t i = 0; i < cnt; i++) {
		uint64_t base, len;
		int64_t w;
		if (vm_read64(r, iov + 16 * i, &base) < 0 || vm_read64(r, iov + 16 * i + 8, &len) < 0)
			return total ? total : -E_FAULT;
		if (len == 0)
			continue;
		w = sys_write(r, fd, base, len);
		if (w < 0)
			return total ? total : w;
		total += w;
		if ((uint64_t)w < len || total >= MAX_WRITE)
			break;
	}
	return total;
}

/* There is no input: stdin is at end of file. */
static int64_t sys_read(int64_t fd)
{
	return fd == 0 ? 0 : -E_BADF;
}

static int64_t clock_value(struct ucrun *r, int64_t clk, uint64_t *ns)
{
	uint64_t now = vclock_ns(r);

	switch (clk) {
	case 0:	/* REALTIME */
	case 5:	/* REALTIME_COARSE */
	case 8:	/* REALTIME_ALARM */
	case 11: /* TAI */
		*ns = EPOCH_S * NS + now;
		return 0;
	case 1:	/* MONOTONIC */
	case 4:	/* MONOTONIC_RAW */
	case 6:	/* MONOTONIC_COARSE */
	case 7:	/* BOOTTIME */
	case 9:	/* BOOTTIME_ALARM */
		*ns = NS + now;
		return 0;
	case 2:	/* PROCESS_CPUTIME_ID */
		*ns = r->insns;
		return 0;
	case 3:	/* THREAD_CPUTIME_ID */
		*ns = r->cur->cpu_insns;
		return 0;
	default:
		return -E_INVAL;
	}
}

static int64_t sys_clock_gettime(struct ucrun *r, int64_t clk, uint64_t tp)
{
	uint64_t ns, ts[2];
	int64_t err = clock_value(r, clk, &ns);

	if (err < 0)
		return err;
	ts[0] = ns / NS;
	ts[1] = ns % NS;
	return vm_write(r, tp, ts, sizeof ts);
}

static int64_t sys_clock_getres(struct ucrun *r, int64_t clk, uint64_t tp)
{
	uint64_t ns, ts[2] = { 0, 1 };
	int64_t err = clock_value(r, clk, &ns);

	if (err < 0)
		return err;
	return tp ? vm_write(r, tp, ts, sizeof ts) : 0;
}

static int64_t sys_gettimeofday(struct ucrun *r, uint64_t tv, uint64_t tz)
{
	uint64_t ns = EPOCH_S * NS + vclock_ns(r), v[2] = { ns / NS, ns % NS / 1000 };
	uint32_t zone[2] = { 0, 0 };

	if (tv && vm_write(r, tv, v, sizeof v) < 0)
		return -E_FAULT;
	if (tz && vm_write(r, tz, zone, sizeof zone) < 0)
		return -E_FAULT;
	return 0;
}

static int64_t sys_arch_prctl(struct ucrun *r, int64_t code, uint64_t addr)
{
	switch (code) {
	case 0x1001:	/* ARCH_SET_GS */
		reg_set(r, UC_X86_REG_GS_BASE, addr);
		return 0;
	case 0x1002:	/* ARCH_SET_FS */
		reg_set(r, UC_X86_REG_FS_BASE, addr);
		return 0;
	case 0x1003:	/* ARCH_GET_FS */
		return vm_write64(r, addr, reg_get(r, UC_X86_REG_FS_BASE));
	case 0x1004:	/* ARCH_GET_GS */
		return vm_write64(r, addr, reg_get(r, UC_X86_REG_GS_BASE));
	default:
		return -E_INVAL;
	}
}

/* Bytes from the seeded generator: deterministic, like everything else. */
static int64_t sys_getrandom(struct ucrun *r, uint64_t buf, uint64_t n)
{
	if (n > 256)
		n = 256;
	for (uint64_t i = 0; i < n; i += 8) {
		uint64_t v = rng_next(r);
		size_t len = n - i < 8 ? (size_t)(n - i) : 8;
		if (vm_write(r, buf + i, &v, len) < 0)
			return i ? (int64_t)i : -E_FAULT;
	}
	return (int64_t)n;
}

/* The guest sees as many CPUs as it was given procs: a fixed machine, not the host. */
static int64_t sys_sched_getaffinity(struct ucrun *r, int64_t pid, uint64_t len, uint64_t mask)
{
	int n = r->o->procs > 1 ? (r->o->procs < 64 ? r->o->procs : 64) : 1;
	uint64_t bits = n == 64 ? ~0ULL : (1ULL << n) - 1;

	if (pid != 0 && pid != GUEST_PID && !thread_bytid(r, (int)pid))
		return -E_SRCH;
	if (len < 8 || (len & 7))
		return -E_INVAL;
	return vm_write64(r, mask, bits) < 0 ? -E_FAULT : 8;
}

/* clone's argument order: x86_64 flags,stack,ptid,ctid,tls; arm64/riscv64 flags,stack,ptid,tls,ctid. */
static int64_t do_clone(struct ucrun *r, const uint64_t *a)
{
	if (r->arch->id == ARCH_X86_64)
		return sys_clone(r, a[0], a[1], a[2], a[3], a[4]);
	return sys_clone(r, a[0], a[1], a[2], a[4], a[3]);
}

/*
 * Returns the value for the return register, or sets *noreturn when the
 * call sets it itself or does not return now (exit, blocking, sigreturn).
 */
static int64_t dispatch(struct ucrun *r, enum sc id, const uint64_t *a, bool *noreturn)
{
	switch (id) {
	case SC_READ:		return sys_read((int64_t)a[0]);
	case SC_WRITE:		return sys_write(r, (int64_t)a[0], a[1], a[2]);
	case SC_WRITEV:		return sys_writev(r, (int64_t)a[0], a[1], a[2]);
	case SC_MMAP:		return sys_mmap(r, a[0], a[1], (int)a[2], (int)a[3], (int)a[4], a[5]);
	case SC_MPROTECT:	return sys_mprotect(r, a[0], a[1], (int)a[2]);
	case SC_MUNMAP:		return sys_munmap(r, a[0], a[1]);
	case SC_BRK:		return sys_brk(r, a[0]);
	case SC_MADVISE:	return 0;
	case SC_RT_SIGACTION:	return sys_rt_sigaction(r, (int)a[0], a[1], a[2], a[3]);
	case SC_RT_SIGPROCMASK:	return sys_rt_sigprocmask(r, (int)a[0], a[1], a[2], a[3]);
	case SC_SIGALTSTACK:	return sys_sigaltstack(r, a[0], a[1]);
	case SC_GETPID:		return GUEST_PID;
	case SC_GETPPID:	return GUEST_PPID;
	case SC_GETTID:		return r->cur->tid;
	case SC_GETUID:		return GUEST_UID;
	case SC_ARCH_PRCTL:	return sys_arch_prctl(r, (int64_t)a[0], a[1]);
	case SC_SET_TID_ADDRESS: r->cur->clear_tid = a[0]; return r->cur->tid;
	case SC_SET_ROBUST_LIST: return 0;
	case SC_CLOCK_GETTIME:	return sys_clock_gettime(r, (int64_t)a[0], a[1]);
	case SC_CLOCK_GETRES:	return sys_clock_getres(r, (int64_t)a[0], a[1]);
	case SC_GETTIMEOFDAY:	return sys_gettimeofday(r, a[0], a[1]);
	case SC_GETRANDOM:	return sys_getrandom(r, a[0], a[1]);
	case SC_SCHED_GETAFFINITY: return sys_sched_getaffinity(r, (int64_t)a[0], a[1], a[2]);
	case SC_KILL:		return sys_kill(r, (int)a[0], 0, (int)a[1], false);
	case SC_TKILL:		return sys_kill(r, GUEST_PID, (int)a[0], (int)a[1], true);
	case SC_TGKILL:		return sys_kill(r, (int)a[0], (int)a[1], (int)a[2], true);
	case SC_CLONE:		return do_clone(r, a);
	case SC_SCHED_YIELD:	sys_yield(r); *noreturn = true; return 0;
	case SC_EXIT:		sys_exit_thread(r, (int)a[0]); *noreturn = true; return 0;
	case SC_EXIT_GROUP:	run_end(r, (int)(a[0] & 0xff), "exit"); *noreturn = true; return 0;
	case SC_RT_SIGRETURN:	sys_rt_sigreturn(r); *noreturn = true; return 0;
	case SC_FUTEX:
	case SC_NANOSLEEP:
	case SC_CLOCK_NANOSLEEP:
		/* these may block: they set the result themselves, now or when woken */
		*noreturn = true;
		if (id == SC_FUTEX)
			sys_futex(r, a[0], (int)a[1], (uint32_t)a[2], a[3], a[4], (uint32_t)a[5]);
		else if (id == SC_NANOSLEEP)
			sys_nanosleep(r, a[0], a[1]);
		else
			sys_clock_nanosleep(r, (int)a[0], (int)a[1], a[2], a[3]);
		return 0;
	default:
		return -E_NOSYS;
	}
}

/*
 * The current thread stopped at a system call instruction; pc is already
 * past it.  On x86_64 rcx and r11 are left as they were, as qemu-user
 * leaves them (the kernel would put the return address and rflags there),
 * so that registers agree between the two engines.
 */
void syscall_handle(struct ucrun *r)
{
	const struct ucarch *ua = r->ua;
	int64_t nr = (int64_t)reg_get(r, ua->nr), ret;
	const struct scdesc *d = lookup(r, nr);
	uint64_t a[6];
	bool noreturn = false;

	for (int i = 0; i < 6; i++)
		a[i] = reg_get(r, ua->arg[i]);
	if (!d || d->id == SC_UNKNOWN) {
		event_unknown(r, nr, d);
		reg_set(r, ua->ret, (uint64_t)-E_NOSYS);
		return;
	}
	ret = dispatch(r, d->id, a, &noreturn);
	if (!noreturn)
		reg_set(r, ua->ret, (uint64_t)ret);
}
