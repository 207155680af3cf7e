/* Internals of the qemu engine. */
#ifndef EMU_QEMU_H
#define EMU_QEMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/hit.h"
#include "core/probes.h"

/*
 * Probes that a translation block may run into instead of starting at
 * (-d cpu only dumps at block starts).  Their names, space-separated, go
 * to names; returns how many.
 */
int qemu_probes_inside_blocks(const struct elfimage *img, const struct probeset *ps,
			      char *names, size_t len);

/* The register dumps of `qemu-ARCH -d cpu,fpu`, parsed as a stream into probe hits. */
#define QLOG_LINEMAX 1024

struct qlog {
	const struct archdesc *arch;
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
	int xctl[2];			/* x86_64 mxcsr, fcw; arm64 fpcr, fpsr; -1 if none */
	int zreg;			/* arm64: the Z register that "[1-0]=" lines go on with, -1 if none */
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

/* The tokens of a dump line (qemu_tok.c). */
int qlog_fail(struct qlog *q, const char *what);
const char *qtok_space(const char *p, const char *end);
const char *qtok_skip(const char *p, const char *end);
/* A token of 1 to 16 hex digits, ended by a blank or the end (or ':' if colon); NULL if not. */
const char *qtok_hex(const char *p, const char *end, bool colon, uint64_t *v);
bool qtok_is(const char *name, size_t len, const char *lit);
bool qtok_prefix(const char *p, const char *end, const char *lit);

/* The FP part of a dump (qemu_xlog.c). */
int qxlog_init(struct qlog *q);
/* The registers of hit h are complete: it waits for its FP part. */
void qxlog_begin(struct qlog *q, const struct hit *h);
/* Take the value at p of name if it is an FP register of a waiting hit; the end of the value, NULL on error. */
const char *qxlog_value(struct qlog *q, const char *name, size_t len, const char *p, const char *end);
/* The dump is over: log the waiting hit; its FP part cut short is an error unless cut. */
int qxlog_end(struct qlog *q, bool cut);

#endif
