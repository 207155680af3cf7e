/*
 * crossrt debug A --first-divergence B: where `crossrt diff A B` says the
 * traces first differ, found by running that diff (this same program), so
 * that the rules of what differs stay diff's alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cmd/dbg.h"

/* The record index of the first divergence, in *at. */
int dbg_first_divergence(const char *a, const char *b, long long *at)
{
	char cmd[64], line[4096];
	const char *argv[] = { "crossrt", "diff", a, b, NULL };
	int fds[2], status;
	pid_t pid;
	FILE *f;

	snprintf(cmd, sizeof cmd, "/proc/%d/exe", (int)getpid());
	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		perror("crossrt debug");
		return 2;
	}
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(cmd, (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "DIFFERENT:", 10) && strstr(line, "first at #"))
			*at = atoll(strstr(line, "first at #") + 10);
	if (f)
		fclose(f);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
		return 2;
	if (WEXITSTATUS(status) == 0 || *at < 0) {
		fprintf(stderr, "crossrt debug: %s and %s agree: no divergence to open\n", a, b);
		return 1;
	}
	return 0;
}
