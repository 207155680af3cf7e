/*
 * crossrt debug TRACE --at SEQ: the traced program run again under qemu's
 * gdbstub, as it ran (the trace's prog, env and arg events; run.c), with
 * gdb-multiarch stopped at record SEQ's probe hit: the nth execution of its
 * pc, n counted in the trace.  That is the same hit where the run is
 * deterministic: one P, sysmon's preemption off (CROSSRT_PREEMPTOFF=1, as
 * matrix traces).  gdb then prints the roles beside the trace's values.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cmd/cli.h"
#include "cmd/dbg.h"
#include "engine/engine_proc.h"
#include "qemu/qemu.h"

#define MAXARGS 256

static int __attribute__((format(printf, 1, 2))) fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("crossrt debug: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 2;
}

static int parse_opts(struct dbg *d, int argc, char **argv, long long *at, const char **against)
{
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end = NULL;
		if (o[0] != '-') {
			if (d->tracepath)
				return fail("more than one trace: %s", o);
			d->tracepath = o;
			continue;
		}
		if (!v)
			return fail("missing value for %s", o);
		i++;
		if (!strcmp(o, "--at"))
			*at = strtoll(v, &end, 10);
		else if (!strcmp(o, "--first-divergence"))
			*against = v;
		else if (!strcmp(o, "--prog"))
			d->prog = v;
		else if (!strcmp(o, "--gdb"))
			d->gdb = v;
		else if (!strcmp(o, "--batch"))
			d->batch = v;
		else if (!strcmp(o, "--exec") && d->nexec == DBG_MAXEXEC)
			return fail("more than %d --exec: put them in a --batch file", DBG_MAXEXEC);
		else if (!strcmp(o, "--exec"))
			d->exec[d->nexec++] = v;
		else if (!strcmp(o, "--port"))
			d->port = (int)strtol(v, &end, 10);
		else if (!strcmp(o, "--timeout"))
			d->timeout = (int)strtol(v, &end, 10);
		else
			return fail("bad option %s", o);
		if (end && (*end || end == v || *at < -1 || d->port < 0 || d->port > 65535 || d->timeout < 0))
			return fail("bad value for %s: %s", o, v);
	}
	if (!d->tracepath || (*at < 0) == !*against)
		return fail("usage: crossrt debug TRACE (--at SEQ | --first-divergence OTHER.trace) [--prog PATH] "
			    "[--gdb PATH] [--port N] [--batch CMDFILE] [--exec CMD]... [--timeout SECS]");
	return 0;
}

/* Record SEQ, and which execution of its pc it is. */
static int find_hit(struct dbg *d, uint64_t seq)
{
	const struct trace *t = d->t;

	for (size_t i = 0; i < t->n && !d->hit; i++)
		if (t->recs[i].seq == seq)
			d->hit = &t->recs[i];
	if (!d->hit)
		return fail("%s has no record #%llu", d->tracepath, (unsigned long long)seq);
	if (!(d->hit->role_known & (1u << R_PC)))
		return fail("%s: record #%llu has no pc", d->tracepath, (unsigned long long)seq);
	for (size_t i = 0; i < t->n && t->recs[i].seq <= seq; i++)
		d->nth += (t->recs[i].role_known & (1u << R_PC)) && t->recs[i].role[R_PC] == d->hit->role[R_PC];
	return 0;
}

static const char *event(const struct trace *t, const char *kind)
{
	for (size_t i = 0; i < t->nevents; i++)
		if (!strcmp(t->events[i].kind, kind))
			return t->events[i].detail;
	return NULL;
}

/* --prog, else the path the run recorded, else where matrix builds scenarios (BUILD/ARCH/tests/NAME). */
static int find_prog(struct dbg *d, char *buf, size_t n)
{
	const char *rec = event(d->t, "prog");

	if (!d->prog && rec && access(rec, R_OK) == 0)
		d->prog = rec;
	if (!d->prog) {
		snprintf(buf, n, "build/%s/tests/%s", d->t->h.arch, d->t->h.prog);
		if (access(buf, R_OK) != 0)
			return fail("cannot find the traced program %s (looked at %s): give --prog PATH",
				    rec ? rec : d->t->h.prog, buf);
		d->prog = buf;
	}
	return 0;
}

/* The program is the traced one: its ISA, and the probe where the trace saw it. */
static int check_prog(const struct dbg *d)
{
	struct elfimage img;
	struct probeset ps;
	char err[256], where[64];
	int rc = 0, k;

	if (elf_load(d->prog, &img, err, sizeof err) != 0)
		return fail("%s: %s", d->prog, err);
	if (img.arch != d->t->arch)
		rc = fail("%s is not a %s program", d->prog, d->t->arch->name);
	else if (probes_resolve(&img, &ps, err, sizeof err) != 0)
		rc = fail("%s: %s", d->prog, err);
	else {
		for (k = 0; k < ps.n && strcmp(ps.name[k], d->hit->probe); k++)
			;
		snprintf(where, sizeof where, "%s at 0x%llx", d->hit->probe, (unsigned long long)d->hit->role[R_PC]);
		if (k == ps.n || ps.addr[k] != d->hit->role[R_PC])
			rc = fail("%s is not the traced program: it has no %s (rebuilt since?)", d->prog, where);
	}
	elf_free(&img);
	return rc;
}

/* The traced run's environment; a trace that does not say gets matrix's. */
static int guest_env(const struct dbg *d, const char **env, int max, char (*own)[32])
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
	return n;
}

/* qemu -g PORT [-E VAR]... PROG [ARG]..., RECORD_FD open on /dev/null as the runtime expects it. */
static pid_t start_qemu(const struct dbg *d)
{
	const char *argv[MAXARGS], *qenv[MAXARGS], *env[64];
	char qemu[PATH_MAX], port[16], own[4][32], err[256];
	int argc = 0;
	struct spawn sp = { 0 };

	guest_env(d, env, 64, own);
	if (proc_find_in_path(d->t->arch->qemu, qemu, sizeof qemu) < 0)
		return fail("%s not found in PATH", d->t->arch->qemu), -1;
	snprintf(port, sizeof port, "%d", d->port);
	argv[argc++] = qemu;
	argv[argc++] = "-g";
	argv[argc++] = port;
	if (qemu_env(env, argv, &argc, MAXARGS, qenv, MAXARGS, err, sizeof err) < 0)
		return fail("%s", err), -1;
	argv[argc++] = d->prog;
	for (size_t i = 0; i < d->t->nevents && argc + 1 < MAXARGS; i++)
		if (!strcmp(d->t->events[i].kind, "arg"))
			argv[argc++] = d->t->events[i].detail;
	argv[argc] = NULL;
	sp.path = qemu;
	sp.argv = (char *const *)argv;
	sp.envp = (char *const *)qenv;
	if ((sp.recfd = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0)
		return fail("/dev/null: %s", strerror(errno)), -1;
	pid_t pid = proc_spawn(&sp, err, sizeof err);
	close(sp.recfd);
	if (pid < 0)
		fail("%s: %s", qemu, err);
	return pid;
}

/* A port nobody listens on now; qemu takes it a moment later. */
static int free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t n = sizeof a;
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), port = -1;

	if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof a) == 0 && getsockname(s, (struct sockaddr *)&a, &n) == 0)
		port = ntohs(a.sin_port);
	if (s >= 0)
		close(s);
	return port;
}

/* gdb in the foreground: ^C is gdb's to handle, not ours or qemu's (which has a process group of its own). */
static int run_gdb(const struct dbg *d, const char *script)
{
	const char *argv[] = { d->gdb, "-q", "-nx", "-batch", "-x", script, d->prog, NULL };
	bool batch = d->batch || d->nexec;
	int status;
	pid_t pid;

	if (!batch) {
		argv[2] = "-x";
		argv[3] = script;
		argv[4] = d->prog;
		argv[5] = NULL;
	}
	signal(SIGINT, SIG_IGN);
	if ((pid = fork()) == 0) {
		signal(SIGINT, SIG_DFL);
		execvp(d->gdb, (char *const *)argv);
		fprintf(stderr, "crossrt debug: %s: %s\n", d->gdb, strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		return fail("fork: %s", strerror(errno));
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

static int session(struct dbg *d)
{
	char script[] = "/tmp/crossrt-debug-XXXXXX", gdb[PATH_MAX];
	int fd = mkstemp(script), rc;
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	pid_t qemu;

	if (!f)
		return fail("cannot write a gdb script in /tmp: %s", strerror(errno));
	if (proc_find_in_path(d->gdb, gdb, sizeof gdb) < 0)
		rc = fail("%s not found (Debian: apt install gdb-multiarch): give --gdb PATH", d->gdb);
	else if (!d->port && (d->port = free_port()) < 0)
		rc = fail("no free TCP port: give --port N");
	else if (dbg_write_script(f, d) != 0)
		rc = fail("cannot write %s", script);
	else
		rc = 0;
	if (fclose(f) != 0 && !rc)
		rc = fail("cannot write %s", script);
	if (!rc && (qemu = start_qemu(d)) < 0)
		rc = 2;
	else if (!rc) {
		printf("crossrt debug: %s under %s -g %d, gdb stopping at #%llu %s (hit %llu of its pc)\n", d->prog,
		       d->t->arch->qemu, d->port, (unsigned long long)d->hit->seq, d->hit->probe,
		       (unsigned long long)d->nth);
		fflush(stdout);
		d->gdb = gdb;
		rc = run_gdb(d, script);
		proc_kill_group(qemu);
		waitpid(qemu, NULL, 0);
	}
	unlink(script);
	return rc;
}

int cmd_debug(int argc, char **argv)
{
	struct dbg d = { .gdb = "gdb-multiarch", .timeout = 120 };
	long long at = -1;
	const char *against = NULL;
	char err[512], prog[PATH_MAX];
	int rc;

	if ((rc = parse_opts(&d, argc, argv, &at, &against)) != 0)
		return rc;
	if (!(d.t = trace_read(d.tracepath, err, sizeof err)))
		return fail("%s", err);
	if (against && !(rc = dbg_first_divergence(d.tracepath, against, &at)) && (size_t)at >= d.t->n)
		rc = fail("%s ends before the first divergence: open the other trace", d.tracepath);
	else if (against && !rc)
		at = (long long)d.t->recs[at].seq;
	if (!rc && d.t->h.procs != 1)
		fprintf(stderr, "crossrt debug: %s ran with %d Ps: the rerun may take another schedule, "
			"and the hit may not be the traced one\n", d.tracepath, d.t->h.procs);
	if (!rc && !(rc = find_hit(&d, (uint64_t)at)) && !(rc = find_prog(&d, prog, sizeof prog)) &&
	    !(rc = check_prog(&d)))
		rc = session(&d);
	trace_free(d.t);
	return rc;
}
