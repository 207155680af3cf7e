/*
 * Facts: ISA-neutral statements about a probe hit that the raw values
 * only imply, so that an across-ISA diff can compare them:
 *   cs=kept | cs=lost:REG | cs=new  at gogo_resume: the resumed context's
 *       callee-saved registers against those at its save (mcall, deferproc),
 *       matched by goroutine and the sp the save resumes at; new if none.
 *       FP callee-saved registers count where the engine captured them
 *       at both ends (Unicorn)
 *   sp=misaligned  a called probe entered with an sp the ABI forbids
 */
#ifndef EMU_FACTS_H
#define EMU_FACTS_H

#include <stddef.h>
#include <stdint.h>
#include "core/arch.h"
#include "core/hit.h"
#include "core/probes.h"
#include "trace/trace.h"

#define FACTS_MAXCS 16
#define FACTS_PERG 4

struct facts {
	const struct archdesc *arch;
	int mcall, deferproc, resume, goexit, preempt, preempt_resume;	/* probe indices, -1 if absent */
	struct gsaves {
		uint64_t g;			/* 0: a free slot */
		int n;
		struct save {
			uint64_t sp;
			uint64_t cs[FACTS_MAXCS];
			int nfp;
			uint64_t fp[MAXFCALLEE];
		} s[FACTS_PERG];
	} *tab;
	size_t mask, used;
};

void facts_init(struct facts *f, const struct archdesc *a, const struct probeset *ps);
/* The facts of hit h, normalized as r, into out. */
void facts_hit(struct facts *f, const struct hit *h, const struct trace_rec *r, char *out, size_t n);
void facts_free(struct facts *f);

#endif
