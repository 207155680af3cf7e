/*
 * System calls of our Linux user mode.  Numbers come from the ISA's table
 * (isa/sysnr.h); everything a call touches in guest memory is checked, so
 * a bad pointer is -EFAULT.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "isa/sysnr.h"
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
	SC_OPEN, SC_OPENAT, SC_CLOSE, SC_FCNTL, SC_GETRLIMIT, SC_SETRLIMIT, SC_PRLIMIT64,
	SC_PIPE, SC_PIPE2, SC_EPOLL_CREATE, SC_EPOLL_CREATE1, SC_EPOLL_CTL, SC_EPOLL_WAIT, SC_EPOLL_PWAIT,
	SC_UNKNOWN,
};

struct scdesc {
	enum sys sys;
	enum sc id;
	const char *name;
};

/* Implemented calls, then some well-known ones only named in the ENOSYS note. */
static const struct scdesc table[] = {
	{ SYS_read, SC_READ, "read" },
	{ SYS_write, SC_WRITE, "write" },
	{ SYS_writev, SC_WRITEV, "writev" },
	{ SYS_mmap, SC_MMAP, "mmap" },
	{ SYS_mprotect, SC_MPROTECT, "mprotect" },
	{ SYS_munmap, SC_MUNMAP, "munmap" },
	{ SYS_brk, SC_BRK, "brk" },
	{ SYS_rt_sigaction, SC_RT_SIGACTION, "rt_sigaction" },
	{ SYS_rt_sigprocmask, SC_RT_SIGPROCMASK, "rt_sigprocmask" },
	{ SYS_rt_sigreturn, SC_RT_SIGRETURN, "rt_sigreturn" },
	{ SYS_sigaltstack, SC_SIGALTSTACK, "sigaltstack" },
	{ SYS_sched_yield, SC_SCHED_YIELD, "sched_yield" },
	{ SYS_madvise, SC_MADVISE, "madvise" },
	{ SYS_nanosleep, SC_NANOSLEEP, "nanosleep" },
	{ SYS_clock_nanosleep, SC_CLOCK_NANOSLEEP, "clock_nanosleep" },
	{ SYS_getpid, SC_GETPID, "getpid" },
	{ SYS_getppid, SC_GETPPID, "getppid" },
	{ SYS_gettid, SC_GETTID, "gettid" },
	{ SYS_getuid, SC_GETUID, "getuid" },
	{ SYS_geteuid, SC_GETUID, "geteuid" },
	{ SYS_getgid, SC_GETUID, "getgid" },
	{ SYS_getegid, SC_GETUID, "getegid" },
	{ SYS_clone, SC_CLONE, "clone" },
	{ SYS_exit, SC_EXIT, "exit" },
	{ SYS_exit_group, SC_EXIT_GROUP, "exit_group" },
	{ SYS_arch_prctl, SC_ARCH_PRCTL, "arch_prctl" },
	{ SYS_futex, SC_FUTEX, "futex" },
	{ SYS_set_tid_address, SC_SET_TID_ADDRESS, "set_tid_address" },
	{ SYS_set_robust_list, SC_SET_ROBUST_LIST, "set_robust_list" },
	{ SYS_clock_gettime, SC_CLOCK_GETTIME, "clock_gettime" },
	{ SYS_clock_getres, SC_CLOCK_GETRES, "clock_getres" },
	{ SYS_gettimeofday, SC_GETTIMEOFDAY, "gettimeofday" },
	{ SYS_kill, SC_KILL, "kill" },
	{ SYS_tkill, SC_TKILL, "tkill" },
	{ SYS_tgkill, SC_TGKILL, "tgkill" },
	{ SYS_getrandom, SC_GETRANDOM, "getrandom" },
	{ SYS_sched_getaffinity, SC_SCHED_GETAFFINITY, "sched_getaffinity" },
	{ SYS_open, SC_OPEN, "open" },
	{ SYS_openat, SC_OPENAT, "openat" },
	{ SYS_close, SC_CLOSE, "close" },
	{ SYS_fcntl, SC_FCNTL, "fcntl" },
	{ SYS_getrlimit, SC_GETRLIMIT, "getrlimit" },
	{ SYS_setrlimit, SC_SETRLIMIT, "setrlimit" },
	{ SYS_prlimit64, SC_PRLIMIT64, "prlimit64" },
	{ SYS_pipe, SC_PIPE, "pipe" },
	{ SYS_pipe2, SC_PIPE2, "pipe2" },
	{ SYS_epoll_create, SC_EPOLL_CREATE, "epoll_create" },
	{ SYS_epoll_create1, SC_EPOLL_CREATE1, "epoll_create1" },
	{ SYS_epoll_ctl, SC_EPOLL_CTL, "epoll_ctl" },
	{ SYS_epoll_wait, SC_EPOLL_WAIT, "epoll_wait" },
	{ SYS_epoll_pwait, SC_EPOLL_PWAIT, "epoll_pwait" },
	{ SYS_fstat, SC_UNKNOWN, "fstat" },
	{ SYS_ioctl, SC_UNKNOWN, "ioctl" },
	{ SYS_mremap, SC_UNKNOWN, "mremap" },
	{ SYS_fork, SC_UNKNOWN, "fork" },
	{ SYS_execve, SC_UNKNOWN, "execve" },
	{ SYS_uname, SC_UNKNOWN, "uname" },
	{ SYS_prctl, SC_UNKNOWN, "prctl" },
	{ SYS_newfstatat, SC_UNKNOWN, "newfstatat" },
	{ SYS_rseq, SC_UNKNOWN, "rseq" },
};

static const struct scdesc *lookup(const struct ucrun *r, int64_t nr)
{
	int sys = sysnr_lookup(r->arch->sysnr, nr);

	for (size_t i = 0; sys >= 0 && i < sizeof table / sizeof table[0]; i++)
		if ((int)table[i].sys == sys)
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

static bool to_pipe(struct ucrun *r, int64_t fd)
{
	struct ucfile *f = file_get(r, fd);

	return f && f->kind == FK_PIPE_W;
}

static bool fd_writable(struct ucrun *r, int64_t fd)
{
	return (fd >= 1 && fd <= RECORD_FD && fd_open(r, fd)) || to_pipe(r, fd);
}

static int64_t sys_write(struct ucrun *r, int64_t fd, uint64_t buf, uint64_t n)
{
	static unsigned char chunk[CHUNK];
	uint64_t done = 0;

	if (to_pipe(r, fd))
		return pipe_write(r, file_get(r, fd), buf, n);
	if (!fd_writable(r, fd))
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

	if (!fd_writable(r, fd))
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
static int64_t sys_read(struct ucrun *r, int64_t fd, uint64_t buf, uint64_t n)
{
	struct ucfile *f = file_get(r, fd);

	if (f && f->kind == FK_PIPE_R)
		return pipe_read(r, f, buf, n);
	return fd == 0 && fd_open(r, fd) ? 0 : -E_BADF;
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
		*ns = BOOT_NS + now;
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
	return vm_write_words(r, tp, ts, 2);
}

static int64_t sys_clock_getres(struct ucrun *r, int64_t clk, uint64_t tp)
{
	uint64_t ns, ts[2] = { 0, 1 };
	int64_t err = clock_value(r, clk, &ns);

	if (err < 0)
		return err;
	return tp ? vm_write_words(r, tp, ts, 2) : 0;
}

static int64_t sys_gettimeofday(struct ucrun *r, uint64_t tv, uint64_t tz)
{
	uint64_t ns = EPOCH_S * NS + vclock_ns(r), v[2] = { ns / NS, ns % NS / 1000 };
	uint32_t zone[2] = { 0, 0 };

	if (tv && vm_write_words(r, tv, v, 2) < 0)
		return -E_FAULT;
	if (tz && vm_write(r, tz, zone, sizeof zone) < 0)
		return -E_FAULT;
	return 0;
}

/* Bytes from the seeded generator: deterministic, like everything else. */
static int64_t sys_getrandom(struct ucrun *r, uint64_t buf, uint64_t n)
{
	if (n > 256)
		n = 256;
	for (uint64_t i = 0; i < n; i += 8) {
		unsigned char v[8];
		size_t len = n - i < 8 ? (size_t)(n - i) : 8;
		isa_put64(r->arch, v, rng_next(r));
		if (vm_write(r, buf + i, v, len) < 0)
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

/* clone's argument order is the ISA's (archdesc clone_arg). */
static int64_t do_clone(struct ucrun *r, const uint64_t *a)
{
	const int *k = r->arch->clone_arg;

	return sys_clone(r, a[k[0]], a[k[1]], a[k[2]], a[k[3]], a[k[4]]);
}

/* mmap's six arguments, in registers or, for the old mmap (archdesc mmap_indirect), in memory. */
static int64_t do_mmap(struct ucrun *r, const uint64_t *a)
{
	uint64_t m[6];

	if (!r->arch->mmap_indirect)
		return sys_mmap(r, a[0], a[1], (int)a[2], (int)a[3], (int)a[4], a[5]);
	if (vm_read_words(r, a[0], m, 6) < 0)
		return -E_FAULT;
	return sys_mmap(r, m[0], m[1], (int)m[2], (int)m[3], (int)m[4], m[5]);
}

/*
 * Returns the value for the return register, or sets *noreturn when the
 * call sets it itself or does not return now (exit, blocking, sigreturn).
 */
static int64_t dispatch(struct ucrun *r, enum sc id, const uint64_t *a, bool *noreturn)
{
	switch (id) {
	case SC_READ:		return sys_read(r, (int64_t)a[0], a[1], a[2]);
	case SC_WRITE:		return sys_write(r, (int64_t)a[0], a[1], a[2]);
	case SC_WRITEV:		return sys_writev(r, (int64_t)a[0], a[1], a[2]);
	case SC_MMAP:		return do_mmap(r, a);
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
	case SC_ARCH_PRCTL:	return r->ua->arch_prctl ? r->ua->arch_prctl(r, (int64_t)a[0], a[1]) : -E_NOSYS;
	case SC_SET_TID_ADDRESS: r->cur->clear_tid = a[0]; return r->cur->tid;
	case SC_SET_ROBUST_LIST: return 0;
	case SC_CLOCK_GETTIME:	return sys_clock_gettime(r, (int64_t)a[0], a[1]);
	case SC_CLOCK_GETRES:	return sys_clock_getres(r, (int64_t)a[0], a[1]);
	case SC_GETTIMEOFDAY:	return sys_gettimeofday(r, a[0], a[1]);
	case SC_GETRANDOM:	return sys_getrandom(r, a[0], a[1]);
	case SC_SCHED_GETAFFINITY: return sys_sched_getaffinity(r, (int64_t)a[0], a[1], a[2]);
	case SC_OPEN:		return sys_openat(r, a[0]);
	case SC_OPENAT:		return sys_openat(r, a[1]);
	case SC_CLOSE:		return sys_close(r, (int64_t)a[0]);
	case SC_FCNTL:		return sys_fcntl(r, (int64_t)a[0], (int)a[1], a[2]);
	case SC_GETRLIMIT:	return sys_prlimit64(r, 0, (int)a[0], 0, a[1]);
	case SC_SETRLIMIT:	return sys_prlimit64(r, 0, (int)a[0], a[1], 0);
	case SC_PRLIMIT64:	return sys_prlimit64(r, (int64_t)a[0], (int)a[1], a[2], a[3]);
	case SC_PIPE:		return sys_pipe2(r, a[0], 0);
	case SC_PIPE2:		return sys_pipe2(r, a[0], (int)a[1]);
	case SC_EPOLL_CREATE:	return (int)a[0] > 0 ? sys_epoll_create1(r, 0) : -E_INVAL;
	case SC_EPOLL_CREATE1:	return sys_epoll_create1(r, (int)a[0]);
	case SC_EPOLL_CTL:	return sys_epoll_ctl(r, (int)a[0], (int)a[1], (int)a[2], a[3]);
	case SC_EPOLL_WAIT:
	case SC_EPOLL_PWAIT:
		/* the signal mask of epoll_pwait is not applied: Go passes none */
		*noreturn = true;
		sys_epoll_wait(r, (int)a[0], a[1], (int)a[2], (int)a[3]);
		return 0;
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
 * The current thread stopped at a system call instruction; pc is past it
 * (the engine moved it where the ISA's trap does not).  Registers the
 * kernel would clobber (the return address and flags some ISAs' syscall
 * instruction saves) are left as they were, as qemu-user leaves them, so
 * that registers agree between the two engines.
 */
void syscall_handle(struct ucrun *r)
{
	const struct ucarch *ua = r->ua;
	int64_t nr = ua->syscall_number ? ua->syscall_number(r) : (int64_t)reg_get(r, ua->nr), ret;
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
