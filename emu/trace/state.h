/*
 * The runtime's state at a probe hit (a trace record's "state"), named
 * from the runtime's record on every engine, so that it is the same under
 * QEMU, which cannot read guest memory, as under Unicorn and native:
 *   deferproc, deferreturn, gopanic, gorecover, recovery:
 *       defer=defer#N|nil panic=panic#N|nil (g._defer and g._panic at entry)
 *   gopanic:   value="TEXT" or value=N (the value raised: a string, quoted, or an int)
 *   recovery:  resume=SYMBOL+0xOFF (where the recovered frame goes on)
 *   gopark:    wait="chan receive" (the reason, by Go's name)
 * and the objects named by address: p#N, chan#N, sudog#N, defer#N.
 * The state is key=value pairs, a value with a space or quote quoted.
 */
#ifndef EMU_STATE_H
#define EMU_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/elfimage.h"
#include "core/probes.h"
#include "core/records.h"
#include "trace/trace.h"

#define STATE_SOURCE "runtime-record"

struct statectx {
	const struct records *rec;
	const struct elfimage *img;
	signed char chain[MAXPROBES];	/* which chain probe (enum in state.c), -1 if none */
	int gopark;			/* probe index, -1 if none */
	struct rec_obj *byaddr;		/* rec->obj sorted by address */
	const struct rec_state **bygseq; /* rec->state sorted by goroutine, then seq */
	int64_t *seq;			/* per goid: its chain probes so far */
	int64_t nseq;
};

void state_init(struct statectx *s, const struct records *rec, const struct elfimage *img,
		const struct probeset *ps);
void state_free(struct statectx *s);
/* v is a recorded object's address: its name (chan#1). */
bool state_name_object(const struct statectx *s, uint64_t v, char *out, size_t n);
/*
 * The state at r, a hit of probe by goroutine goid (-1 if unknown; at
 * recovery the goroutine recovered, not g0); "" when the probe has none.
 * Hits must come in trace order: the chain probes are counted per goroutine.
 */
void state_hit(struct statectx *s, const struct trace_rec *r, int probe, int64_t goid, char *out, size_t n);

/* Append " key=val" to out (no space first), quoted when asked or when val has a space or a quote or is empty. */
void state_put(char *out, size_t n, const char *key, const char *val, bool quote);
/* The value of key in state, unquoted or (raw) as written; false if absent. */
bool state_get(const char *state, const char *key, bool raw, char *out, size_t n);
/* The part that must agree across ISAs: symbols without offsets. */
void state_archkey(const char *state, char *out, size_t n);

#endif
