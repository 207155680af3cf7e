/* What an engine captures at a probe hit, before normalization. */
#ifndef EMU_HIT_H
#define EMU_HIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "isa/isa.h"

enum {
	HIT_LR = 1,	/* lr_mem holds [sp] at entry (a return address the call pushed) */
	HIT_G = 2,	/* gptr holds *(tls), read from guest memory */
	HIT_GOID = 4,	/* goid and m were read from guest memory */
	HIT_TLS = 8,	/* the TLS register is in regs (else from the runtime's record) */
	HIT_FAULT = 16,	/* fault_pc: the faulting pc of the signal this sigpanic comes from */
	HIT_SIG = 32,	/* sig, sigreg: the thread's last rt_sigreturn against its delivery */
	HIT_CLONE = 64,	/* clone_own: the thread's last clone gave the child its own M's TLS */
	HIT_INTRLINK = 128, /* intr_link: the return address register of the code a signal interrupted */
	HIT_INSNS = 256,	/* insns: instructions retired before the probe's entry, all threads */
	HIT_GSTACK = 512,	/* stack_lo, stack_hi: g's stack, read from a Go program's g */
	HIT_GCHAIN = 1024,	/* gdefer, gpanic: a Go g's _defer and _panic (at recovery, the recovered g's) */
	HIT_GOVAL = 2048,	/* goval: runtime.gopanic's argument, an eface {type, data} */
};

/* What an rt_sigreturn restored, against the context the signal interrupted. */
enum hitsig {
	SIG_KEPT,	/* all of it */
	SIG_CALL,	/* all but pc, sp and the return address: a call injected at the interrupted pc */
	SIG_LOST,	/* register sigreg (raw, or MAXREGS + extended) differs */
	SIG_BADCALL,	/* a rewrite to a call whose return address is not the interrupted pc */
};

/* The extended state at a hit (archdesc xregs): which words were captured, and their values. */
struct xstate {
	uint64_t known[(MAXXREGS + 63) / 64];
	uint64_t w[MAXXREGS];
};

static inline bool xstate_has(const struct xstate *x, int i)
{
	return x && (x->known[i / 64] >> (i % 64) & 1);
}

static inline void xstate_set(struct xstate *x, int i, uint64_t v)
{
	x->w[i] = v;
	x->known[i / 64] |= 1ull << (i % 64);
}

struct hit {
	int probe;			/* index into the probe set */
	unsigned known;			/* HIT_* */
	uint64_t regs[MAXREGS];		/* the arch's raw register file */
	uint64_t lr_mem;
	uint64_t gptr;
	int64_t goid;
	int64_t m;
	uint64_t fault_pc;
	uint8_t sig;			/* enum hitsig */
	int16_t sigreg;
	bool clone_own;
	uint64_t intr_link;
	uint64_t insns;
	uint64_t stack_lo, stack_hi;
	uint64_t gdefer, gpanic;
	uint64_t goval[2];
	int32_t xs;			/* index of its extended state in the log, -1 if none */
};

/*
 * The hits of a run, and the extended state of those at the probes that
 * have one (probes' xstate): apart, since most hits have none.
 */
struct hitlog {
	size_t n;
	size_t cap;
	struct hit *hits;
	size_t nxs;
	size_t capxs;
	struct xstate *xs;
};

/* Add h, with x as its extended state unless NULL. */
void hitlog_add(struct hitlog *l, const struct hit *h, const struct xstate *x);
const struct xstate *hitlog_xstate(const struct hitlog *l, const struct hit *h);
void hitlog_free(struct hitlog *l);

#endif
