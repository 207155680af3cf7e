/*
 * The qemu engine: qemu-user runs the program with `-d cpu,fpu,exec,nochain`
 * and a -dfilter of the probe entries, so it dumps the register file each
 * time a translation block starting at a probe runs (fpu: the FP and vector
 * registers too; exec: and says when a dumped block was left before it ran;
 * nochain: every block goes through the logging loop).  The log streams
 * through a FIFO into the dump parser while the guest runs.  QEMU cannot
 * show guest memory, so hits carry registers only.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "engine/engine_proc.h"
#include "qemu/qemu.h"

#define MAXARGS 4096
#define CHUNK 65536

struct qrun {
	const struct run_opts *o;
	char qemu[PATH_MAX];
	char dir[PATH_MAX];
	char fifo[PATH_MAX + 8];
	char filter[MAXPROBES * 24 + 32];
	const char *argv[MAXARGS];
	const char *envp[MAXARGS];
	int logfd, logwfd, recfd, pidfd;
	pid_t pid;
	int status;
	bool timed_out;
	struct qlog log;
	char buf[CHUNK];
};

static int add_env(struct qrun *r, int *argc, struct run_result *res)
{
	char err[256];

	if (qemu_env(r->o->envp, r->argv, argc, MAXARGS, r->envp, MAXARGS, err, sizeof err) < 0)
		return proc_fail(res, "%s", err);
	return 0;
}

static void make_filter(struct qrun *r, const struct elfimage *img, const struct probeset *ps)
{
	size_t used = 0;

	for (int i = 0; i < ps->n; i++)
		used += (size_t)snprintf(r->filter + used, sizeof r->filter - used, "%s0x%llx+1",
					 i ? "," : "", (unsigned long long)ps->addr[i]);
	if (probes_find(ps, img->entry) < 0)
		snprintf(r->filter + used, sizeof r->filter - used, "%s0x%llx+1", ps->n ? "," : "",
			 (unsigned long long)img->entry);
}

/* Said in the trace, not on stderr, which is the guest's own. */
static void note_singlestep(struct run_result *res, const char *names)
{
	char detail[400];

	snprintf(detail, sizeof detail, "probes that may not start a translation block (%s): qemu runs with -singlestep",
		 names);
	eventlog_add(&res->events, "qemu-singlestep", 0, detail);
}

static int make_argv(struct qrun *r, const struct elfimage *img, const struct probeset *ps,
		     struct run_result *res)
{
	const struct run_opts *o = r->o;
	char names[256];
	int argc = 0;

	make_filter(r, img, ps);
	r->argv[argc++] = r->qemu;
	r->argv[argc++] = "-d";
	r->argv[argc++] = "cpu,fpu,exec,nochain";
	r->argv[argc++] = "-dfilter";
	r->argv[argc++] = r->filter;
	r->argv[argc++] = "-D";
	r->argv[argc++] = r->fifo;
	if (qemu_probes_inside_blocks(img, ps, names, sizeof names) > 0) {
		note_singlestep(res, names);
		r->argv[argc++] = "-singlestep";
	}
	if (o->argc > 0 && strcmp(o->argv[0], o->prog) != 0) {
		r->argv[argc++] = "-0";
		r->argv[argc++] = o->argv[0];
	}
	if (add_env(r, &argc, res) < 0)
		return -1;
	if (argc + o->argc + 2 >= MAXARGS)
		return proc_fail(res, "too many arguments");
	r->argv[argc++] = o->prog;
	for (int i = 1; i < o->argc; i++)
		r->argv[argc++] = o->argv[i];
	r->argv[argc] = NULL;
	return 0;
}

/* The FIFO for the log, held open for writing too so that it never reads as ended. */
static int make_fifo(struct qrun *r, struct run_result *res)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(r->dir, sizeof r->dir, "%s/crossrt-qemu-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(r->dir)) {
		r->dir[0] = 0;
		return proc_fail(res, "mkdtemp: %s", strerror(errno));
	}
	snprintf(r->fifo, sizeof r->fifo, "%s/log", r->dir);
	if (mkfifo(r->fifo, 0600) < 0)
		return proc_fail(res, "mkfifo %s: %s", r->fifo, strerror(errno));
	r->logfd = open(r->fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (r->logfd >= 0)
		r->logwfd = open(r->fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (r->logfd < 0 || r->logwfd < 0)
		return proc_fail(res, "open %s: %s", r->fifo, strerror(errno));
	return 0;
}

static void cleanup(struct qrun *r)
{
	if (r->logfd >= 0)
		close(r->logfd);
	if (r->logwfd >= 0)
		close(r->logwfd);
	if (r->recfd >= 0)
		close(r->recfd);
	if (r->pidfd >= 0)
		close(r->pidfd);
	if (r->fifo[0])
		unlink(r->fifo);
	if (r->dir[0])
		rmdir(r->dir);
}

/* Parse what the log holds now; at most limit chunks (0: until it is empty). */
static int pump(struct qrun *r, int limit, struct run_result *res)
{
	for (int i = 0; limit == 0 || i < limit; i++) {
		ssize_t n = read(r->logfd, r->buf, sizeof r->buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n < 0)
			return proc_fail(res, "reading the qemu log: %s", strerror(errno));
		if (n == 0)
			return 0;
		if (qlog_feed(&r->log, r->buf, (size_t)n) < 0)
			return proc_fail(res, "%s", r->log.err);
	}
	return 0;
}

static bool exited(struct qrun *r)
{
	siginfo_t si;

	memset(&si, 0, sizeof si);
	return waitid(P_PID, (id_t)r->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == r->pid;
}

/* Follow the log until qemu exits or time runs out; the process is reaped either way. */
static int follow(struct qrun *r, struct run_result *res)
{
	int64_t deadline = proc_deadline(r->o->timeout_s);
	struct pollfd pf[2] = { { r->logfd, POLLIN, 0 }, { r->pidfd, POLLIN, 0 } };
	int rc = 0;

	for (;;) {
		int t = proc_remaining_ms(deadline);
		if (t == 0) {
			r->timed_out = true;
			break;
		}
		if (r->pidfd < 0 && (t < 0 || t > 20))
			t = 20;
		if (poll(pf, r->pidfd >= 0 ? 2 : 1, t) < 0 && errno != EINTR) {
			rc = proc_fail(res, "poll: %s", strerror(errno));
			break;
		}
		if ((pf[0].revents & POLLIN) && (rc = pump(r, 16, res)) < 0)
			break;
		if (exited(r))
			break;
	}
	/* Also ends whatever the guest started in its process group. */
	proc_kill_group(r->pid);
	while (waitpid(r->pid, &r->status, 0) < 0 && errno == EINTR)
		;
	if (rc == 0)
		rc = pump(r, 0, res);
	return rc;
}

static void print_version(const char *qemu)
{
	char line[200] = "";
	int pfd[2];
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)qemu, "--version", NULL }, *envp[] = { NULL };
		dup2(pfd[1], 1);
		execve(qemu, argv, envp);
		_exit(127);
	}
	close(pfd[1]);
	if (pid > 0) {
		ssize_t n = read(pfd[0], line, sizeof line - 1);
		line[n > 0 ? n : 0] = 0;
		line[strcspn(line, "\n")] = 0;
		waitpid(pid, NULL, 0);
	}
	close(pfd[0]);
	fprintf(stderr, "crossrt: qemu engine used %s: %s\n", qemu, line[0] ? line : "(no version)");
}

static int start(struct qrun *r, struct run_result *res)
{
	struct spawn sp;
	char err[200];

	memset(&sp, 0, sizeof sp);
	sp.path = r->qemu;
	sp.argv = (char *const *)r->argv;
	sp.envp = (char *const *)r->envp;
	sp.recfd = r->recfd;
	sp.no_aslr = true;
	r->pid = proc_spawn(&sp, err, sizeof err);
	if (r->pid < 0)
		return proc_fail(res, "%s", err);
	r->pidfd = (int)syscall(SYS_pidfd_open, r->pid, 0);
	return 0;
}

static int run(struct qrun *r, const struct elfimage *img, const struct probeset *ps,
	       struct hitlog *hits, struct strbuf *records, struct run_result *res)
{
	const struct archdesc *a = r->o->arch;
	char err[200];
	bool killed;

	if (proc_find_in_path(a->qemu, r->qemu, sizeof r->qemu) < 0) {
		r->qemu[0] = 0;
		return proc_fail(res, "%s not found in PATH", a->qemu);
	}
	if (qlog_init(&r->log, a, ps, img->entry, hits) < 0)
		return proc_fail(res, "%s", r->log.err);
	if (make_fifo(r, res) < 0 || make_argv(r, img, ps, res) < 0)
		return -1;
	if ((r->recfd = proc_record_file(err, sizeof err)) < 0)
		return proc_fail(res, "%s", err);
	if (start(r, res) < 0 || follow(r, res) < 0)
		return -1;
	killed = r->timed_out || WIFSIGNALED(r->status);
	if (qlog_finish(&r->log, killed) < 0)
		return proc_fail(res, "%s", r->log.err);
	if (!r->timed_out && !r->log.entry_seen)
		return proc_fail(res, "%s did not start the program (exit status %d)", a->qemu,
				 WIFEXITED(r->status) ? WEXITSTATUS(r->status) : -1);
	if (proc_read_records(r->recfd, records, err, sizeof err) < 0)
		return proc_fail(res, "%s", err);
	if (r->timed_out)
		proc_set_timeout(res);
	else
		proc_set_status(res, r->status);
	return 0;
}

int engine_qemu_run(const struct run_opts *o, const struct elfimage *img, const struct probeset *ps,
		    struct hitlog *hits, struct strbuf *records, struct run_result *res)
{
	struct sigchld_state sc;
	struct qrun *r = xcalloc(1, sizeof *r);
	int rc;

	res->insns_known = false;
	res->insns = 0;
	res->tls_in_regs = qisa_get(o->arch->id)->tls_in_dump;
	res->g_from_memory = false;
	r->o = o;
	r->logfd = r->logwfd = r->recfd = r->pidfd = -1;
	proc_sigchld_default(&sc, false);
	rc = run(r, img, ps, hits, records, res);
	proc_sigchld_restore(&sc);
	if (rc < 0 && r->qemu[0])
		print_version(r->qemu);
	cleanup(r);
	free(r);
	return rc;
}
