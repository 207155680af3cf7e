/* Goroutine runs per M, and the clock they are timed by. */
#include "trace/runs.h"

bool trace_clock_insns(const struct trace *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (!t->recs[i].insns_known)
			return false;
	return t->n > 0;
}

uint64_t trace_end_time(const struct trace *t, bool insns)
{
	uint64_t last = t->n ? rec_time(&t->recs[t->n - 1], insns) + 1 : 0;

	if (insns && t->has_end && t->end.insns_known && t->end.insns >= last)
		return t->end.insns;
	return last;
}

int trace_ms(const struct trace *t, int64_t *ms, int max)
{
	int n = 0;

	for (size_t i = 0; i < t->n; i++) {
		int k = 0;
		while (k < n && ms[k] != t->recs[i].m)
			k++;
		if (k == n && n < max)
			ms[n++] = t->recs[i].m;
	}
	return n;
}

int trace_runs(const struct trace *t, void (*fn)(const struct grun *, void *), void *arg)
{
	struct grun run[RUNS_MAXM];
	int nm = 0;

	for (size_t i = 0; i < t->n; i++) {
		const struct trace_rec *r = &t->recs[i];
		int k = 0;
		while (k < nm && run[k].m != r->m)
			k++;
		if (k == nm) {
			if (nm == RUNS_MAXM)
				return -1;
			run[nm++] = (struct grun){ .m = r->m, .g = -1 };
		}
		struct grun *u = &run[k];
		if (u->g >= 0 && u->g == r->g) {
			u->last = i;
			u->hits++;
			continue;
		}
		if (u->g >= 0) {
			u->next = i;
			fn(u, arg);
		}
		*u = (struct grun){ r->m, r->g, i, i, 1, 0 };
	}
	for (int k = 0; k < nm; k++)
		if (run[k].g >= 0) {
			run[k].next = t->n;
			fn(&run[k], arg);
		}
	return 0;
}
