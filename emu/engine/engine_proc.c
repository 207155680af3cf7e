/* Guest processes for the qemu and native engines. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "engine/engine_proc.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* Move fd to at least minfd, keeping it close-on-exec. */
static int fd_at_least(int fd, int minfd)
{
	int nfd;

	if (fd < 0 || fd >= minfd)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, minfd);
	close(fd);
	return nfd;
}

static void child_reset_signals(void)
{
	struct sigaction sa;
	sigset_t none;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void child_close_other_fds(int maxfd)
{
	if (close_range(RECORD_FD + 1, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
	for (int fd = RECORD_FD + 1; fd < maxfd; fd++)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Only async-signal-safe calls from here to execve. */
static _Noreturn void child_exec(const struct spawn *sp, pid_t parent, int errfd, int maxfd)
{
	struct rlimit nocore = { 0, 0 };
	int e;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	child_reset_signals();
	setrlimit(RLIMIT_CORE, &nocore);
	if (sp->recfd == RECORD_FD)
		fcntl(RECORD_FD, F_SETFD, 0);
	else if (dup2(sp->recfd, RECORD_FD) < 0)
		goto fail;
	child_close_other_fds(maxfd);
	if (sp->no_aslr) {
		int p = personality(0xffffffff);
		if (p != -1)
			personality((unsigned long)p | ADDR_NO_RANDOMIZE);
	}
	if (sp->traceme && ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
		goto fail;
	execve(sp->path, sp->argv, sp->envp);
fail:
	e = errno;
	if (write(errfd, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

pid_t proc_spawn(const struct spawn *sp, char *err, size_t errlen)
{
	struct rlimit nofile;
	int pfd[2], e, maxfd = 1024;
	pid_t parent = getpid(), pid;
	ssize_t n;

	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur != RLIM_INFINITY)
		maxfd = nofile.rlim_cur < 65536 ? (int)nofile.rlim_cur : 65536;
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	pfd[0] = fd_at_least(pfd[0], RECORD_FD + 1);
	pfd[1] = fd_at_least(pfd[1], RECORD_FD + 1);
	if (pfd[0] < 0 || pfd[1] < 0) {
		snprintf(err, errlen, "fcntl: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0)
		child_exec(sp, parent, pfd[1], maxfd);
	/* Also set here: the parent may signal the group before the child runs. */
	setpgid(pid, pid);
	close(pfd[1]);
	do
		n = read(pfd[0], &e, sizeof e);
	while (n < 0 && errno == EINTR);
	close(pfd[0]);
	if (n == (ssize_t)sizeof e) {
		waitpid(pid, NULL, 0);
		snprintf(err, errlen, "cannot run %s: %s", sp->path, strerror(e));
		return -1;
	}
	return pid;
}

void proc_kill_group(pid_t pgid)
{
	if (pgid > 0)
		kill(-pgid, SIGKILL);
}

int proc_record_file(char *err, size_t errlen)
{
	int fd = memfd_create("crossrt-records", MFD_CLOEXEC);

	/*
	 * The guest's threads write their lines through one file description;
	 * a memfd's writes do not take the file position's lock, so two at once
	 * could land at one offset and tear a line.  Appends are serialized.
	 */
	if (fd >= 0 && fcntl(fd, F_SETFL, O_APPEND) < 0) {
		snprintf(err, errlen, "fcntl O_APPEND: %s", strerror(errno));
		close(fd);
		return -1;
	}
	fd = fd_at_least(fd, RECORD_FD);
	/*
	 * Several Ms write their lines at once (sysmon its clock readings): a
	 * memfd's writes are not serialized on its offset, appends are.
	 */
	if (fd >= 0 && fcntl(fd, F_SETFL, O_APPEND) != 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		snprintf(err, errlen, "memfd_create: %s", strerror(errno));
	return fd;
}

int proc_read_records(int fd, struct strbuf *records, char *err, size_t errlen)
{
	char buf[8192];
	off_t off = 0;
	ssize_t n;

	for (;;) {
		n = pread(fd, buf, sizeof buf, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "reading the runtime record: %s", strerror(errno));
			return -1;
		}
		if (n == 0)
			return 0;
		strbuf_add(records, buf, (size_t)n);
		off += n;
	}
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t proc_deadline(int timeout_s)
{
	return timeout_s > 0 ? now_ms() + (int64_t)timeout_s * 1000 : -1;
}

int proc_remaining_ms(int64_t deadline)
{
	int64_t left;

	if (deadline < 0)
		return -1;
	left = deadline - now_ms();
	if (left <= 0)
		return 0;
	return left > INT_MAX ? INT_MAX : (int)left;
}

int proc_fail(struct run_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	memcpy(res->reason, "error: ", 8);
	vsnprintf(res->reason + 7, sizeof res->reason - 7, fmt, ap);
	va_end(ap);
	res->exit_status = EXIT_ENGINE_ERROR;
	return -1;
}

/* The signals a fault raises; dying of one is a fault with no handler that could run. */
static const char *faultsig(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS: return "SIGBUS";
	case SIGILL: return "SIGILL";
	case SIGFPE: return "SIGFPE";
	default: return NULL;
	}
}

void proc_set_status(struct run_result *res, int status)
{
	if (WIFSIGNALED(status) && faultsig(WTERMSIG(status))) {
		res->exit_status = EXIT_GUEST_FAULT;
		snprintf(res->reason, sizeof res->reason, "fault: %s killed the guest (signal %d)",
			 faultsig(WTERMSIG(status)), WTERMSIG(status));
	} else if (WIFSIGNALED(status)) {
		res->exit_status = 128 + WTERMSIG(status);
		snprintf(res->reason, sizeof res->reason, "signal %d", WTERMSIG(status));
	} else {
		res->exit_status = WEXITSTATUS(status);
		snprintf(res->reason, sizeof res->reason, "exit");
	}
}

void proc_set_timeout(struct run_result *res)
{
	res->exit_status = EXIT_BUDGET;
	snprintf(res->reason, sizeof res->reason, "timeout");
}

void proc_sigchld_default(struct sigchld_state *s, bool block)
{
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, &s->old);
	s->blocked = block;
	if (block) {
		sigemptyset(&set);
		sigaddset(&set, SIGCHLD);
		sigprocmask(SIG_BLOCK, &set, &s->oldmask);
	}
}

void proc_sigchld_restore(struct sigchld_state *s)
{
	if (s->blocked)
		sigprocmask(SIG_SETMASK, &s->oldmask, NULL);
	sigaction(SIGCHLD, &s->old, NULL);
}

int proc_find_in_path(const char *name, char *out, size_t outlen)
{
	const char *path = getenv("PATH"), *p, *colon;

	if (strchr(name, '/')) {
		snprintf(out, outlen, "%s", name);
		return access(out, X_OK);
	}
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; ; p = colon + 1) {
		size_t len;

		colon = strchr(p, ':');
		len = colon ? (size_t)(colon - p) : strlen(p);
		if (len == 0)
			snprintf(out, outlen, "%s", name);
		else
			snprintf(out, outlen, "%.*s/%s", (int)len, p, name);
		if (access(out, X_OK) == 0)
			return 0;
		if (!colon)
			return -1;
	}
}
