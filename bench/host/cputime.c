/*
 * cputime CMD [ARGS]: run CMD; after it exits print
 * "cputime WALL_NS CPU_NS STATUS" on stderr, where CPU_NS is the
 * user + system time of CMD and everything it waited for.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t tv_ns(struct timeval tv)
{
	return (int64_t)tv.tv_sec * 1000000000 + (int64_t)tv.tv_usec * 1000;
}

static int64_t now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	int64_t t0;
	pid_t pid;
	int st;

	if (argc < 2) {
		fprintf(stderr, "usage: cputime CMD [ARGS]\n");
		return 2;
	}
	t0 = now();
	if ((pid = fork()) == 0) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0) {
		perror("cputime");
		return 2;
	}
	getrusage(RUSAGE_CHILDREN, &ru);
	fprintf(stderr, "cputime %lld %lld %d\n", (long long)(now() - t0),
		(long long)(tv_ns(ru.ru_utime) + tv_ns(ru.ru_stime)),
		WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
