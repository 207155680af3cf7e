/* crossrt debug: the hit it opens, shared by its files (debug*.c). */
#ifndef EMU_CMD_DBG_H
#define EMU_CMD_DBG_H

#include <stdint.h>
#include <stdio.h>
#include "trace/trace.h"

#define DBG_MAXEXEC 16

struct dbg {
	const char *tracepath;
	const char *prog;		/* --prog, or found (debug.c) */
	const char *gdb;
	const char *batch;		/* --batch CMDFILE */
	const char *exec[DBG_MAXEXEC];	/* --exec CMD... */
	int nexec;
	int port;			/* --port: gdb over TCP; else a socket of its own (debug_run.c) */
	int timeout;			/* seconds, batch sessions only */
	struct trace *t;
	const struct trace_rec *hit;
	uint64_t nth;			/* the hit is the nth execution of its pc */
};

/* "crossrt debug: " and the message on stderr; returns 2. */
int dbg_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* debug_run.c: qemu and gdb started, gdb's exit status returned (2 if they could not be). */
int dbg_session(struct dbg *d);

/*
 * debug_script.c: the gdb script that attaches to target, stops at the hit,
 * prints its registers beside the trace's, then runs --batch and --exec.
 */
int dbg_write_script(FILE *f, const struct dbg *d, const char *target);

/* debug_diverge.c: the record index where `crossrt diff a b` finds the first difference, in *at. */
int dbg_first_divergence(const char *a, const char *b, long long *at);

#endif
