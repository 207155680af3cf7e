/* Reading a trace (trace_read.c), with a fast path for records (trace_fast.c). */
#ifndef EMU_TRACE_FAST_H
#define EMU_TRACE_FAST_H

#include "trace/json.h"
#include "trace/trace.h"

/* What reading a trace keeps across its lines. */
struct reader {
	struct trace *t;
	struct names roles;
	struct names regs;
	uint64_t regs_seen;	/* the registers the general parser found in the record's "regs" */
	uint32_t roles_given;	/* the roles it found with a value in "roles" */
	uint32_t norms_seen;	/* the roles it found in "norm" */
	bool any_rec;		/* a record read: lastseq is its seq */
	uint64_t lastseq;
	/* A stream (trace_stream.c) reads one record at a time and interns nothing: */
	struct mregs *mlast;	/* each M's registers at its latest record; NULL: search t->recs */
	size_t nmlast;
	char *arena;		/* the records' strings, when not NULL */
	size_t arena_used, arena_cap;
	size_t arena_rec;	/* where the record being read starts in it */
};

/* An M and its registers at its latest record. */
struct mregs {
	int64_t m;
	uint64_t regs[MAXREGS];
};

/* s[0..n) NUL-terminated, kept as long as the record: in the stream's arena, else interned. */
const char *reader_keep(struct reader *rd, const char *s, size_t n);

/* One line of a trace, the first being the header; "reason" in c->msg when false. */
bool trace_parse_line(struct cur *c, struct reader *rd, size_t lineno);

/* Where the registers of the record being read go. */
static inline uint64_t *regslot(const struct trace *t)
{
	return t->regbuf + t->n * (size_t)t->arch->nregs;
}

/*
 * The registers of the last record before r with r's M, if the trace's
 * version writes only the changed ones (2); else NULL.
 */
const uint64_t *trace_prev_regs(const struct reader *rd, const struct trace_rec *r);

/*
 * Version 2: the known roles (named in "norm") that "roles" did not give
 * (bits of given) take their raw register's value; false if a role has
 * none (lr or g read from memory, an argument not in a register).
 */
bool trace_roles_from_regs(const struct archdesc *a, struct trace_rec *r, uint32_t given, const uint64_t *regs);

/*
 * Records exactly as trace_write_rec lays them out, read without the
 * general machinery; every field of the record is written.  Anything
 * else, errors included, returns NULL and goes to the general parser,
 * which accepts the same values.
 */
const char *trace_fast_rec(const char *p, const char *end, struct reader *rd, struct trace_rec *r);

#endif
