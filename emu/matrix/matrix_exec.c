/*
 * Running the matrix's jobs: each run or diff is a child executing this same
 * program (/proc/self/exe), up to mx->jobs at a time, killed when it
 * outlives the run timeout by a margin (the run's own --timeout should end it first).
 * A failed run is started again while --retry allows (mx_should_retry).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "matrix/mx.h"

#define KILL_MARGIN 60

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool in_phase(const struct mx_job *j, enum mx_kind kind)
{
	if (kind == MX_RUN)
		return j->kind == MX_RUN;
	return j->kind == MX_DIFF_ENGINE || j->kind == MX_DIFF_ARCH;
}

static void redirect(const char *path, int fd)
{
	int f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);

	if (f < 0)
		_exit(125);
	dup2(f, fd);
	close(f);
}

static int run_argv(const struct matrix *mx, const struct mx_job *j, char **av, char *trace, char *prog, char *timeout)
{
	const struct mx_scenario *s = &mx->scen[j->scen];
	const char *arch = mx->arches[j->arch];
	static char procs[16], seed[16];
	int n = 0;

	mx_fmt(procs, sizeof procs, "%d", j->procs);
	mx_fmt(trace, MX_PATH, "%s.trace", j->base);
	mx_fmt(timeout, 16, "%d", mx->timeout);
	mx_prog_path(mx, s, arch, prog);
	const char *fixed[] = { "crossrt", "run", "--arch", arch, "--engine", engine_names[mx->engines[j->engine]],
				"--procs", procs, "--timeout", timeout };
	for (size_t k = 0; k < sizeof fixed / sizeof *fixed; k++)
		av[n++] = (char *)fixed[k];
	if (j->seed) {
		mx_fmt(seed, sizeof seed, "%d", j->seed);
		av[n++] = "--seed";
		av[n++] = seed;
	}
	if (mx->budget) {
		av[n++] = "--budget";
		av[n++] = (char *)mx->budget;
	}
	/*
	 * A traced run gets crossrt run's defaults for traced runs (sysmon's
	 * preemption off), but for NAME.vtime, whose point is preemption.
	 */
	if (j->traced) {
		av[n++] = "--trace";
		av[n++] = trace;
	}
	if (j->traced && j->preempt) {
		av[n++] = "--env";
		av[n++] = "CROSSRT_PREEMPTOFF=0";
	}
	for (int k = 0; k < s->nenv; k++)
		av[n++] = s->envopts[k];
	av[n++] = prog;
	av[n] = NULL;
	return n;
}

static void exec_run(const struct matrix *mx, const struct mx_job *j)
{
	char *av[64], trace[MX_PATH], prog[MX_PATH], timeout[16], path[MX_PATH + 8];

	run_argv(mx, j, av, trace, prog, timeout);
	mx_fmt(path, sizeof path, "%s.stdout", j->base);
	redirect(path, 1);
	mx_fmt(path, sizeof path, "%s.stderr", j->base);
	redirect(path, 2);
	execv("/proc/self/exe", av);
	_exit(125);
}

static void exec_diff(const struct matrix *mx, const struct mx_job *j)
{
	char *av[16], traces[MX_MAXARCH + MX_MAXENGINE][MX_PATH];
	int n = 0, nt = 0;

	av[n++] = "crossrt";
	av[n++] = "diff";
	av[n++] = "--across";
	av[n++] = j->kind == MX_DIFF_ENGINE ? "engine" : "arch";
	if (mx->scen[j->scen].ignore[0]) {
		av[n++] = "--ignore";
		av[n++] = (char *)mx->scen[j->scen].ignore;
	}
	if (j->kind == MX_DIFF_ENGINE) {
		for (int e = 0; e < mx->nengine; e++)
			if (mx_runs(mx, j->arch, e))
				av[n++] = (char *)mx_trace_path(mx, j->scen, j->arch, e, 1, traces[nt++], MX_PATH);
	} else {
		for (int a = 0; a < mx->narch; a++)
			av[n++] = (char *)mx_trace_path(mx, j->scen, a, j->engine, 1, traces[nt++], MX_PATH);
	}
	av[n] = NULL;
	redirect(j->log, 1);
	dup2(1, 2);
	execv("/proc/self/exe", av);
	_exit(125);
}

static int start(const struct matrix *mx, struct mx_job *j)
{
	char trace[MX_PATH + 8];

	/* A trace left by an earlier matrix must not stand in for this run's. */
	if (j->kind == MX_RUN) {
		mx_fmt(trace, sizeof trace, "%s.trace", j->base);
		unlink(trace);
	}
	fflush(NULL);
	pid_t pid = fork();

	if (pid < 0) {
		perror("crossrt matrix: fork");
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		if (j->kind == MX_RUN)
			exec_run(mx, j);
		exec_diff(mx, j);
	}
	j->pid = pid;
	j->started = now();
	j->tries++;
	return 0;
}

static void finish(struct matrix *mx, struct mx_job *j, int status)
{
	j->pid = 0;
	j->code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if (j->kind == MX_RUN)
		mx_check_run(mx, j);
	else
		mx_check_diff(mx, j);
}

static void kill_overdue(struct matrix *mx)
{
	for (int i = 0; i < mx->njob; i++) {
		struct mx_job *j = &mx->job[i];
		if (j->pid > 0 && now() - j->started > mx->timeout + KILL_MARGIN)
			kill(-j->pid, SIGKILL);
	}
}

static struct mx_job *job_of(struct matrix *mx, pid_t pid)
{
	for (int i = 0; i < mx->njob; i++)
		if (mx->job[i].pid == pid)
			return &mx->job[i];
	return NULL;
}

/* Reap one child if any has ended: 1 if its job is done, 0 if none or it runs again, -1 on error. */
static int reap(struct matrix *mx)
{
	int status;
	pid_t pid = waitpid(-1, &status, WNOHANG);
	struct mx_job *j;

	if (pid <= 0 || !(j = job_of(mx, pid)))
		return 0;
	finish(mx, j, status);
	if (!mx_should_retry(mx, j))
		return 1;
	if (!j->flaky[0])
		mx_fmt(j->flaky, sizeof j->flaky, "%s", j->detail);
	return start(mx, j) ? -1 : 0;
}

int mx_run_jobs(struct matrix *mx, enum mx_kind kind)
{
	int running = 0, next = 0;

	for (;;) {
		while (running < mx->jobs && next < mx->njob) {
			struct mx_job *j = &mx->job[next++];
			if (!in_phase(j, kind))
				continue;
			if (start(mx, j))
				return -1;
			running++;
		}
		if (!running)
			return 0;
		int r = reap(mx);
		if (r < 0)
			return -1;
		if (r) {
			running--;
			continue;
		}
		kill_overdue(mx);
		usleep(20000);
	}
}
