/*
 * Goroutine runs: per M, each stretch of consecutive hits on one goroutine
 * (g0 included), ended by the M's next hit on another goroutine or the end
 * of the trace; a hit whose goroutine is unknown ends a run and starts none.
 */
#ifndef EMU_RUNS_H
#define EMU_RUNS_H

#include "trace/trace.h"

#define RUNS_MAXM 256

struct grun {
	int64_t m, g;
	size_t first, last;	/* record indices */
	size_t hits;
	size_t next;		/* the record that ended it, t->n if the trace did */
};

/* fn for each run, in the order they end; -1 if the trace has more than RUNS_MAXM Ms. */
int trace_runs(const struct trace *t, void (*fn)(const struct grun *, void *), void *arg);
/* The Ms of the trace in the order they first appear, at most max; their number. */
int trace_ms(const struct trace *t, int64_t *ms, int max);

/* Every hit carries the instruction count (Unicorn): it is then the trace's clock. */
bool trace_clock_insns(const struct trace *t);
/* A record's time: the instructions retired before it, else its sequence number. */
static inline uint64_t rec_time(const struct trace_rec *r, bool insns)
{
	return insns ? r->insns : r->seq;
}
/* When the trace ends: the end line's count, else just after its last record. */
uint64_t trace_end_time(const struct trace *t, bool insns);

#endif
