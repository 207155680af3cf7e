/* Internals of the qemu engine. */
#ifndef EMU_QEMU_H
#define EMU_QEMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/hit.h"
#include "core/probes.h"
#include "isa/isa.h"

/*
 * Probes that a translation block may run into instead of starting at
 * (-d cpu only dumps at block starts).  Their names, space-separated, go
 * to names; returns how many.
 */
int qemu_probes_inside_blocks(const struct elfimage *img, const struct probeset *ps,
			      char *names, size_t len);

/*
 * The environment env as qemu-user options: -E options appended to argv
 * (from *argc, at most maxargs) and the rest as qemu's own environment in
 * envp (NULL-terminated), in the order that gives the guest env as it is.
 * -1 with a one-line reason in err.
 */
int qemu_env(const char *const *env, const char **argv, int *argc, int maxargs, const char **envp, int maxenv,
	     char *err, size_t errlen);

/* The register dumps of `qemu-ARCH -d cpu,fpu`, parsed as a stream into probe hits. */
#define QLOG_LINEMAX 1024
#define NVEC 32

struct qlog;

/* How a register name of a dump line maps to the raw file (qisa index). */
#define QIDX_UNKNOWN (-1)	/* not a register of the raw file */
#define QIDX_SEGBASE (-2)	/* a segment line ("FS =sel base ..."): its second field, to q->fs */

/* What an instruction does to QEMU's translation block (qemu_blocks.c). */
enum blockkind {
	K_FALL,		/* goes on to the next instruction in the same block */
	K_PAD,		/* nop */
	K_END,		/* ends the block, may go on to the next instruction */
	K_CALL,		/* ends the block; the next instruction runs after a return */
	K_STOP,		/* never goes on to the next instruction */
	K_BAD,
};

#define QOWN_MAX 2

/* The ISA's part of the qemu engine, one qemu_<isa>.c each. */
struct qisa {
	bool tls_in_dump;		/* `-d cpu` shows the TLS register */
	/* qemu_log.c: the raw indices of the dump's registers (xidx, pc, sp, ..., first, need) */
	int (*init)(struct qlog *q);
	/* register lines are "NAME VALUE" pairs, else NAME=VALUE; wanted: which lines (NULL: all) */
	bool pairs;
	bool (*wanted)(const char *p, const char *end);
	/* a line of the ISA's own shape: how many registers it holds (to idx, v), 0 if not one, -1 on error; or NULL */
	int (*own_line)(struct qlog *q, const char *p, const char *end, int idx[QOWN_MAX], uint64_t v[QOWN_MAX]);
	/* the raw index of a dump register name, or QIDX_* */
	int (*index)(struct qlog *q, const char *name, size_t len);
	/* qemu_xlog.c: FP control words, { name in the dump, extended-state name } */
	const char *ctl[2][2];
	void (*xinit)(struct qlog *q);	/* xlo and xhi of each vector register */
	/* an FP register's value at p (qxlog_vector, qxlog_scalar), else qtok_skip(p, end) */
	const char *(*xvalue)(struct qlog *q, const char *name, size_t len, const char *p, const char *end);
	/*
	 * qemu_blocks.c: does a block start at addr, given the code from a
	 * symbol at from up to addr (ending at end in memory)?
	 */
	bool (*starts_block)(const unsigned char *end, uint64_t from, uint64_t addr);
};

#define ISA(n) extern const struct qisa qemu_##n;
CROSSRT_ISAS
#undef ISA

const struct qisa *qisa_get(int archid);

struct qlog {
	const struct archdesc *arch;
	const struct qisa *isa;
	const struct probeset *ps;
	struct hitlog *hits;
	uint64_t entry;			/* the program's entry: a dump there shows the guest started */
	bool entry_seen;
	unsigned known;			/* HIT_* of every hit */
	int xidx[32];			/* raw index of the dump's n-th general register */
	int pc, sp, pstate, fs;		/* raw indices of the other dumped registers */
	int first;			/* raw index of the register that begins a dump */
	uint64_t need;			/* raw registers that make a dump complete */
	uint64_t have;
	uint64_t regs[MAXREGS];
	/*
	 * The FP part of a dump follows its registers: a hit at an xstate
	 * probe waits in xhit while its words go to x (qemu_xlog.c).
	 */
	bool xwait;
	struct hit xhit;
	struct xstate x;
	int xseen;			/* words of x seen */
	int xwords;			/* words a dump shows */
	int xlo[32], xhi[32];		/* extended index of each vector register's halves, -1 if none */
	int xctl[2];			/* qisa ctl's extended indices, -1 if none */
	int zreg;			/* the SVE Z register that "[1-0]=" lines go on with, -1 if none */
	uint64_t lineno;
	size_t partial;
	char line[QLOG_LINEMAX];
	char err[200];
};

int qlog_init(struct qlog *q, const struct archdesc *a, const struct probeset *ps,
	      uint64_t entry, struct hitlog *hits);
/* Parse more of the log; -1 with q->err on malformed input. */
int qlog_feed(struct qlog *q, const char *buf, size_t n);
/* End of the log: a dump cut short is an error unless the run was killed. */
int qlog_finish(struct qlog *q, bool killed);

/* The tokens of a dump line and their values (qemu_tok.c). */
/* A raw register the dump shows: its index to *idx, and it makes a dump complete. */
int qlog_regindex(struct qlog *q, const char *name, int *idx);
int qlog_fail(struct qlog *q, const char *what);
const char *qtok_space(const char *p, const char *end);
const char *qtok_skip(const char *p, const char *end);
/* A token of 1 to 16 hex digits, ended by a blank or the end (or ':' if colon); NULL if not. */
const char *qtok_hex(const char *p, const char *end, bool colon, uint64_t *v);
bool qtok_is(const char *name, size_t len, const char *lit);
bool qtok_prefix(const char *p, const char *end, const char *lit);
int qxlog_number2(const char *p);	/* two decimal digits, else -1 */
/* Vector register reg's words, blank- or colon-separated: its low 128 bits go to xlo, xhi. */
const char *qxlog_vector(struct qlog *q, int reg, bool colon, const char *p, const char *end);
/* One word into extended index i. */
const char *qxlog_scalar(struct qlog *q, int i, const char *p, const char *end);

/* The FP part of a dump (qemu_xlog.c). */
int qxlog_init(struct qlog *q);
/* The registers of hit h are complete: it waits for its FP part. */
void qxlog_begin(struct qlog *q, const struct hit *h);
/* Take the value at p of name if it is an FP register of a waiting hit; the end of the value, NULL on error. */
const char *qxlog_value(struct qlog *q, const char *name, size_t len, const char *p, const char *end);
/* The dump is over: log the waiting hit; its FP part cut short is an error unless cut. */
int qxlog_end(struct qlog *q, bool cut);

/* After prev (and last_real, the last that was not padding), a block starts. */
static inline bool block_starts(enum blockkind prev, enum blockkind last_real)
{
	if (prev == K_END || prev == K_CALL || prev == K_STOP)
		return true;
	return prev == K_PAD && (last_real == K_CALL || last_real == K_STOP);
}

#endif
