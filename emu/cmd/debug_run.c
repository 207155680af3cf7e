/*
 * The processes of `crossrt debug`: qemu-user with its gdbstub, then gdb in
 * the foreground.  qemu listens on a Unix socket in a folder of our own
 * (qemu's `-g PORT` listens on every interface: a stranger could attach),
 * or on the TCP port given with --port; gdb starts once qemu listens.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cmd/dbg.h"
#include "engine/engine_proc.h"
#include "qemu/qemu.h"

#define MAXARGS 256

struct session {
	char dir[32];			/* ours: the socket and the script */
	char sock[64];
	char script[64];
	char target[80];		/* gdb's `target remote` */
	char gdb[PATH_MAX];
	pid_t qemu;
};

/* The traced run's environment; a trace that does not say gets matrix's. */
static void guest_env(const struct dbg *d, const char **env, int max, char (*own)[32])
{
	int n = 0;

	for (size_t i = 0; i < d->t->nevents && n + 1 < max; i++)
		if (!strcmp(d->t->events[i].kind, "env"))
			env[n++] = d->t->events[i].detail;
	if (!n) {
		fprintf(stderr, "crossrt debug: %s does not say its environment: assuming matrix's\n", d->tracepath);
		snprintf(own[0], 32, "CROSSRT_TRACEFD=%d", RECORD_FD);
		snprintf(own[1], 32, "CROSSRT_PROCS=%d", d->t->h.procs);
		snprintf(own[2], 32, "CROSSRT_SEED=%llu", (unsigned long long)d->t->h.seed);
		snprintf(own[3], 32, "CROSSRT_PREEMPTOFF=1");
		for (; n < 4; n++)
			env[n] = own[n];
	}
	env[n] = NULL;
}

/* qemu -g SOCKET|PORT [-E VAR]... PROG [ARG]..., RECORD_FD open on /dev/null as the runtime expects it. */
static int start_qemu(const struct dbg *d, struct session *s)
{
	const char *argv[MAXARGS], *qenv[MAXARGS], *env[64];
	char qemu[PATH_MAX], port[16], own[4][32], err[256];
	int argc = 0;
	struct spawn sp = { 0 };

	guest_env(d, env, 64, own);
	if (proc_find_in_path(d->t->arch->qemu, qemu, sizeof qemu) < 0)
		return dbg_fail("%s not found in PATH", d->t->arch->qemu);
	snprintf(port, sizeof port, "%d", d->port);
	argv[argc++] = qemu;
	argv[argc++] = "-g";
	argv[argc++] = d->port ? port : s->sock;
	if (qemu_env(env, argv, &argc, MAXARGS, qenv, MAXARGS, err, sizeof err) < 0)
		return dbg_fail("%s", err);
	argv[argc++] = d->prog;
	for (size_t i = 0; i < d->t->nevents && argc + 1 < MAXARGS; i++)
		if (!strcmp(d->t->events[i].kind, "arg"))
			argv[argc++] = d->t->events[i].detail;
	argv[argc] = NULL;
	sp.path = qemu;
	sp.argv = (char *const *)argv;
	sp.envp = (char *const *)qenv;
	if ((sp.recfd = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0)
		return dbg_fail("/dev/null: %s", strerror(errno));
	s->qemu = proc_spawn(&sp, err, sizeof err);
	close(sp.recfd);
	if (s->qemu < 0)
		return dbg_fail("%s: %s", qemu, err);
	return 0;
}

/* Is path a listening Unix socket (/proc/net/unix: flags __SO_ACCEPTCON)? */
static bool listening(const char *path)
{
	char line[512], p[256];
	unsigned long flags;
	bool yes = false;
	FILE *f = fopen("/proc/net/unix", "r");

	while (f && !yes && fgets(line, sizeof line, f))
		yes = sscanf(line, "%*s %*s %*s %lx %*s %*s %*s %255s", &flags, p) == 2 && (flags & 0x10000) &&
		      !strcmp(p, path);
	if (f)
		fclose(f);
	return yes;
}

/* Until qemu listens on the socket (TCP: gdb retries by itself). */
static int wait_qemu(const struct dbg *d, const struct session *s)
{
	for (int ms = 0; !d->port && ms < 10000; ms += 10) {
		if (listening(s->sock))
			return 0;
		if (waitpid(s->qemu, NULL, WNOHANG) == s->qemu)
			return dbg_fail("%s ended before gdb could attach", d->t->arch->qemu);
		poll(NULL, 0, 10);
	}
	return d->port ? 0 : dbg_fail("%s does not listen on %s after 10 s", d->t->arch->qemu, s->sock);
}

/* gdb in the foreground: ^C is gdb's to handle, not ours or qemu's (which has a process group of its own). */
static int run_gdb(const struct dbg *d, const struct session *s)
{
	const char *argv[] = { s->gdb, "-q", "-nx", "-batch", "-x", s->script, d->prog, NULL };
	bool batch = d->batch || d->nexec;
	int status;
	pid_t pid;

	if (!batch) {
		argv[2] = "-x";
		argv[3] = s->script;
		argv[4] = d->prog;
		argv[5] = NULL;
	}
	signal(SIGINT, SIG_IGN);
	if ((pid = fork()) == 0) {
		signal(SIGINT, SIG_DFL);
		execv(s->gdb, (char *const *)argv);
		fprintf(stderr, "crossrt debug: %s: %s\n", s->gdb, strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		return dbg_fail("fork: %s", strerror(errno));
	for (int ms = 0; batch && d->timeout && ms / 1000 < d->timeout; ms += 50) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
		poll(NULL, 0, 50);
	}
	if (batch && d->timeout) {
		fprintf(stderr, "crossrt debug: gdb still running after %d s: stopped\n", d->timeout);
		kill(pid, SIGKILL);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}

static int write_script(const struct dbg *d, const struct session *s)
{
	FILE *f = fopen(s->script, "w");
	int rc;

	if (!f)
		return dbg_fail("%s: %s", s->script, strerror(errno));
	rc = dbg_write_script(f, d, s->target);
	if (fclose(f) != 0 || rc != 0)
		return dbg_fail("cannot write %s", s->script);
	return 0;
}

int dbg_session(struct dbg *d)
{
	struct session s = { .dir = "/tmp/crossrt-debug-XXXXXX", .qemu = -1 };
	int rc;

	if (proc_find_in_path(d->gdb, s.gdb, sizeof s.gdb) < 0)
		return dbg_fail("%s not found (Debian: apt install gdb-multiarch): give --gdb PATH", d->gdb);
	if (!mkdtemp(s.dir))
		return dbg_fail("cannot make a folder in /tmp: %s", strerror(errno));
	snprintf(s.sock, sizeof s.sock, "%s/gdb.sock", s.dir);
	snprintf(s.script, sizeof s.script, "%s/gdb.script", s.dir);
	if (d->port)
		snprintf(s.target, sizeof s.target, "127.0.0.1:%d", d->port);
	else
		snprintf(s.target, sizeof s.target, "%s", s.sock);
	if (!(rc = write_script(d, &s)) && !(rc = start_qemu(d, &s)) && !(rc = wait_qemu(d, &s))) {
		printf("crossrt debug: %s under %s -g %s, gdb stopping at #%llu %s (hit %llu of its pc)\n", d->prog,
		       d->t->arch->qemu, s.target, (unsigned long long)d->hit->seq, d->hit->probe,
		       (unsigned long long)d->nth);
		fflush(stdout);
		rc = run_gdb(d, &s);
	}
	if (s.qemu > 0) {
		proc_kill_group(s.qemu);
		waitpid(s.qemu, NULL, 0);
	}
	unlink(s.sock);
	unlink(s.script);
	rmdir(s.dir);
	return rc;
}
