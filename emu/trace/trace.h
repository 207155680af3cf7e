/*
 * Traces (DESIGN.md section 4): JSON Lines, a header, one line per probe
 * hit, an end line.  Values are written as "0x..." strings.  Version 2
 * (docs/trace-format.md) writes a record's registers only where they differ
 * from the previous record of the same M; version 1 traces are still read.
 */
#ifndef EMU_TRACE_H
#define EMU_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include "isa/isa.h"
#include "core/event.h"
#include "core/strpool.h"

#define TRACE_VERSION 2
#define TRACE_WRITER_MS 64	/* M's whose registers a writer follows; the rest are written whole */
#define NORMLEN 64		/* longest normalized value or probe name, NUL included */
#define PROBELEN 32
#define FACTSLEN 128
#define STATELEN 160		/* the state of a record (trace/state.h) */

struct trace_header {
	char arch[16];
	char engine[16];
	char prog[256];
	int procs;
	uint64_t seed;
	char tls_source[32];	/* "register" or "runtime-record" */
	char g_source[32];	/* "memory" (read *(tls) at the hit) or "runtime-record" (stack owner) */
	char facts[64];		/* the fact keys this trace's engine computes; "" in older traces: "cs sp" */
	char state[32];		/* where records' state comes from: "runtime-record", "" in older traces */
	int v;			/* the version read; a writer always writes TRACE_VERSION */
	char go[400];		/* a Go program's release, what its hits name, its g/m layout; "" for crossrt's */
};

/*
 * Strings are shared: a read trace points them into its pool, a writer at
 * whatever it owns.  Unknown roles have norm "".
 */
struct trace_rec {
	uint64_t seq;
	const char *probe;
	int64_t m;			/* M id, -1 if unknown */
	int64_t g;			/* goid (0 for a g0), -1 if unknown */
	bool insns_known;		/* insns: instructions retired before this hit (Unicorn) */
	uint64_t insns;
	uint64_t role[NROLES];
	uint32_t role_known;		/* bit r set: role[r] is known */
	int nregs;
	const char *norm[NROLES];	/* normalized form; "" if unknown */
	const char *facts;		/* ISA-neutral facts ("cs=kept sp=misaligned"); "" if none */
	const char *state;		/* the runtime's state at the hit ("defer=defer#2 panic=nil"); "" if none */
	uint64_t timeregs;		/* bit i: raw register i holds a time value (trace/timename.h) */
	uint64_t timehigh;		/* bit i: only its high word is a time value's (high_word_kept) */
	const uint64_t *regs;		/* nregs values in the arch's raw register order */
};

struct trace_end {
	int exit_status;
	bool insns_known;
	uint64_t insns;
	char reason[128];		/* "exit", "budget", "timeout", "fault: ...", "error: ..." */
};

struct trace {
	struct trace_header h;
	const struct archdesc *arch;
	size_t n;
	size_t cap;
	struct trace_rec *recs;
	uint64_t *regbuf;		/* the records' registers, arch->nregs each */
	struct strpool *pool;		/* the records' strings */
	bool has_end;
	struct trace_end end;
	size_t nevents;
	size_t evcap;
	struct event *events;		/* notes between records (core/event.h) */
};

int trace_write_header(FILE *f, const struct trace_header *h);
/* Every register written: a record that needs no earlier one. */
int trace_write_rec(FILE *f, const struct archdesc *a, const struct trace_rec *r);

/* The registers each M had at its previous record, for writing only those that changed. */
struct trace_writer {
	int n;
	int64_t m[TRACE_WRITER_MS];
	uint64_t regs[TRACE_WRITER_MS][MAXREGS];
};
int trace_write_rec_delta(FILE *f, struct trace_writer *w, const struct archdesc *a, const struct trace_rec *r);
int trace_write_end(FILE *f, const struct trace_end *e);
/* {"event":KIND,"after":SEQ,"detail":DETAIL}: anywhere between header and end. */
int trace_write_event(FILE *f, const char *kind, uint64_t after_seq, const char *detail);

/* Read a whole trace.  NULL on error, with "FILE:LINE: reason" in err. */
struct trace *trace_read(const char *path, char *err, size_t errlen);
struct trace *trace_read_mem(const char *buf, size_t n, const char *name, char *err, size_t errlen);
void trace_free(struct trace *t);

#endif
