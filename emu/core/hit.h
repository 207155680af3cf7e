/* What an engine captures at a probe hit, before normalization. */
#ifndef EMU_HIT_H
#define EMU_HIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "core/arch.h"

enum {
	HIT_LR = 1,	/* lr_mem holds [sp] at entry (x86_64 return address) */
	HIT_G = 2,	/* gptr holds *(tls), read from guest memory */
	HIT_GOID = 4,	/* goid and m were read from guest memory */
	HIT_TLS = 8,	/* the TLS register is in regs (else from the runtime's record) */
	HIT_FCALLEE = 16, /* fcallee holds the callee-saved FP registers */
};

#define MAXFCALLEE 12	/* arm64 d8-d15, riscv64 fs0-fs11, in that order; x86_64 has none */

struct hit {
	int probe;			/* index into the probe set */
	unsigned known;			/* HIT_* */
	uint64_t regs[MAXREGS];		/* the arch's raw register file */
	uint64_t lr_mem;
	uint64_t gptr;
	int64_t goid;
	int64_t m;
	int nfcallee;
	uint64_t fcallee[MAXFCALLEE];
};

struct hitlog {
	size_t n;
	size_t cap;
	struct hit *hits;
};

void hitlog_add(struct hitlog *l, const struct hit *h);
void hitlog_free(struct hitlog *l);

#endif
