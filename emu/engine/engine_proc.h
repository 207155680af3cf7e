/* Guest processes for the qemu and native engines: spawning, deadlines, records. */
#ifndef EMU_ENGINE_PROC_H
#define EMU_ENGINE_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/types.h>
#include "engine/engine.h"

struct spawn {
	const char *path;		/* executable, already resolved */
	char *const *argv;
	char *const *envp;		/* the whole environment of the new process */
	int recfd;			/* becomes RECORD_FD */
	bool traceme;			/* PTRACE_TRACEME before execve */
	bool no_aslr;			/* personality(ADDR_NO_RANDOMIZE) */
};

/*
 * Start a process in its own process group with default signal handling,
 * an empty signal mask, no core dumps, fds 0-2 inherited, recfd as fd 3 and
 * nothing else open.  Returns its pid, or -1 with err set if it could not
 * be started (execve failures included).
 */
pid_t proc_spawn(const struct spawn *sp, char *err, size_t errlen);

/* Kill a process group this engine started. */
void proc_kill_group(pid_t pgid);

/* An anonymous file for RECORD_FD, and reading it back into a strbuf. */
int proc_record_file(char *err, size_t errlen);
int proc_read_records(int fd, struct strbuf *records, char *err, size_t errlen);

/* Milliseconds until the deadline (timeout_s <= 0: none, -1 returned). */
int64_t proc_deadline(int timeout_s);
int proc_remaining_ms(int64_t deadline);

/* Set res to an engine error: reason "error: ...", status EXIT_ENGINE_ERROR.  Returns -1. */
int proc_fail(struct run_result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Turn a wait status into the run's exit status and reason. */
void proc_set_status(struct run_result *res, int status);
void proc_set_timeout(struct run_result *res);

/* SIGCHLD must not be ignored while an engine waits for its children. */
struct sigchld_state {
	struct sigaction old;
	sigset_t oldmask;
	bool blocked;
};
void proc_sigchld_default(struct sigchld_state *s, bool block);
void proc_sigchld_restore(struct sigchld_state *s);

/* Look a command up in the PATH of this process. */
int proc_find_in_path(const char *name, char *out, size_t outlen);

#endif
