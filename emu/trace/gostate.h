/*
 * A Go program's runtime state at a probe hit, read from its memory by
 * the engine (Unicorn, native), in the words of crossrt's own (state.h):
 *   runtime.deferproc, deferprocStack, deferreturn, gopanic, gorecover,
 *   recovery, fatalpanic:
 *       defer=defer#N|nil panic=panic#N|nil (g._defer and g._panic at
 *       entry; at recovery, on g0, the recovered goroutine's)
 *   gopanic: type=NAME (the panic value's runtime type, by Go's name) and
 *       value="TEXT" or value=N where the value is a constant in the image
 * Go keeps no record of its objects: a _defer or _panic is numbered in
 * the order the trace first sees its address, over the whole trace, and a
 * later object at the same address (Go's per-P pool of _defer records, a
 * _panic in a gopanic frame at the same depth) keeps that name.  With one
 * P the order is the program's, the same on every ISA.  A role holding
 * such an address is named by it too (fatalpanic's argument: panic#N).
 * Without guest memory (qemu) the chains are not named and keys are left
 * out; the panic value's type is named where it is in registers.
 */
#ifndef EMU_GOSTATE_H
#define EMU_GOSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/elfimage.h"
#include "core/hit.h"
#include "core/probes.h"
#include "trace/trace.h"

enum { GO_DEFER, GO_PANIC, GO_NKINDS };

struct gostate {
	const struct elfimage *img;
	const struct gorun *go;
	bool chain[MAXPROBES];		/* a probe whose hits show the chains */
	int gopanic;			/* runtime.gopanic's probe index, -1 if none */
	struct goobj {
		uint64_t addr;
		int64_t id;
	} *obj[GO_NKINDS];		/* in order of first sight; id = index + 1 */
	size_t n[GO_NKINDS], cap[GO_NKINDS];
};

void gostate_init(struct gostate *s, const struct probeset *ps, const struct elfimage *img);
void gostate_free(struct gostate *s);
/*
 * The state at h (r its record, for the panic value in registers) into
 * out, "" when the probe has none.  Hits must come in trace order.
 */
void gostate_hit(struct gostate *s, const struct hit *h, const struct trace_rec *r, char *out, size_t n);
/* v is a _defer or _panic seen so far: its name (defer#2). */
bool gostate_name(const struct gostate *s, uint64_t v, char *out, size_t n);

#endif
