/*
 * Facts: ISA-neutral statements about a probe hit that the raw values
 * only imply, so that diffs can compare them across ISAs and engines.
 * Each checks what one kind of context transition must preserve
 * (docs/detection.md):
 *   cs=kept | cs=lost:REG | cs=new
 *       at gogo_resume: the resumed context against its save at mcall or
 *       deferproc (matched by goroutine and the sp the save resumes at),
 *       at systemstack_return: against systemstack's entry; the
 *       callee-saved registers, FP callee-saved registers and the FP
 *       control bits a callee keeps, where the engine captured them at both
 *       ends; new if no save matches
 *   regs=kept | regs=lost:REG | regs=new
 *       at asyncPreempt_resume: every register of the goroutine against
 *       asyncPreempt's entry, sp and the resume pc by the ISA's mechanics
 *   tls=own | tls=other
 *       at mstart: the TLS register names the M whose g0 stack sp is on
 *   from=fault | from=other
 *       at sigpanic, where the engine saw the fault: sigpanic's return
 *       address is the faulting instruction
 *   clone=own | clone=other
 *       at a thread's first probe after it cloned a thread, where the engine
 *       saw the clone: the child's TLS is a new M's (its tls[0] a g whose m
 *       it is), not the parent's
 *   sig=kept | sig=call | sig=lost:REG | sig=badcall
 *       at a thread's first probe after rt_sigreturn, where the engine saw
 *       the delivery (hit's sig): the context returned to against the one
 *       interrupted; call: rewritten into a call (sigpanic, asyncPreempt)
 *   sp=misaligned
 *       a called probe entered with an sp the ABI forbids
 * FACTS_KEYS lists every key; an engine names those it can compute in the
 * trace header, and diffs compare the keys both traces name.
 */
#ifndef EMU_FACTS_H
#define EMU_FACTS_H

#include <stddef.h>
#include <stdint.h>
#include "isa/isa.h"
#include "core/hit.h"
#include "core/probes.h"
#include "trace/trace.h"

#define FACTS_KEYS "cs regs tls from sig clone sp"
#define FACTS_PERG 4

struct facts {
	const struct archdesc *arch;
	int mcall, deferproc, resume, goexit, preempt, preempt_resume, sstack, sstack_return;
	int mstart, sigpanic;			/* probe indices, -1 if absent */
	struct gsaves {
		uint64_t g;			/* 0: a free slot */
		int n;
		struct save {
			int kind;
			uint64_t sp;		/* the sp its resume has */
			uint64_t regs[MAXREGS];
			uint64_t lr_mem;
			bool has_lr_mem;
			bool has_x;
			struct xstate x;
		} s[FACTS_PERG];
	} *tab;
	size_t mask, used;
};

void facts_init(struct facts *f, const struct archdesc *a, const struct probeset *ps);
/* The facts of hit h (x its extended state or NULL), normalized as r, into out. */
void facts_hit(struct facts *f, const struct hit *h, const struct xstate *x, const struct trace_rec *r,
	       char *out, size_t n);
void facts_free(struct facts *f);

/* Do the facts a and b agree on every key named in both keys_a and keys_b? */
bool facts_agree(const char *a, const char *b, const char *keys_a, const char *keys_b);

#endif
