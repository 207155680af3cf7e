/* Normalization: raw probe hits to trace records with roles and stable names. */
#ifndef EMU_NORMALIZE_H
#define EMU_NORMALIZE_H

#include "core/elfimage.h"
#include "trace/facts.h"
#include "core/hit.h"
#include "core/probes.h"
#include "core/records.h"
#include "trace/gostate.h"
#include "trace/state.h"
#include "trace/trace.h"

/* Address ranges of goroutine stacks or g structs, sorted, with the record bound to each now. */
struct rangeidx {
	int n;
	struct range {
		uint64_t lo, hi;
		int cur;	/* index into records.g, -1 before its newproc */
	} *r;
};

struct normctx {
	const struct archdesc *arch;
	const struct elfimage *img;
	const struct records *rec;
	const struct probeset *ps;
	int newproc_probe;	/* index of "newproc" in ps, or -1 */
	int gbound;		/* goroutine records whose newproc has begun */
	struct rangeidx stacks;
	struct rangeidx gobjs;
	struct facts facts;
	struct statectx state;
	struct gostate go;		/* a Go program's */
	/* the strings of the record last made, which points here */
	char norm[NROLES][NORMLEN];
	char factbuf[FACTSLEN];
	char statebuf[STATELEN];
};

void normalize_init(struct normctx *c, const struct archdesc *a, const struct elfimage *img,
		    const struct records *rec, const struct probeset *ps);
/* h with x its extended state (or NULL); out points into c and h until the next call. */
void normalize_hit(struct normctx *c, const struct hit *h, const struct xstate *x, uint64_t seq,
		   struct trace_rec *out);
void normalize_free(struct normctx *c);

/* The part of a normalized value that must agree across ISAs. */
void norm_archkey(const char *norm, char *out, size_t outlen);

#endif
