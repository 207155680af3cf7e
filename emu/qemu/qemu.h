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

/* The register dumps of `qemu-ARCH -d cpu`, parsed as a stream into probe hits. */
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

#endif
