/*
 * What every part of the Unicorn run reads or ends: its end, its virtual
 * clock and its seeded generator.  Everything the guest can observe
 * follows from the program, the seed and the budget.
 */
#include <stdarg.h>
#include <stdio.h>
#include "unicorn/uc.h"

void run_end(struct ucrun *r, int status, const char *fmt, ...)
{
	va_list ap;

	if (r->done)
		return;
	r->done = true;
	r->res->exit_status = status;
	va_start(ap, fmt);
	vsnprintf(r->res->reason, sizeof r->res->reason, fmt, ap);
	va_end(ap);
}

/* A note on the run goes into the trace, after the last probe hit: stderr is the guest's own. */
void uc_event(struct ucrun *r, const char *kind, const char *detail)
{
	eventlog_add(&r->res->events, kind, r->hits->n ? r->hits->n - 1 : 0, detail);
}

/* The guest's only sources of "randomness" (AT_RANDOM, quanta, getrandom) follow from the seed. */
uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t rng_next(struct ucrun *r)
{
	return splitmix64(&r->rng);
}

/* Time is the instruction count, plus what was skipped while every thread slept. */
uint64_t vclock_ns(struct ucrun *r)
{
	return r->insns + r->vskew;
}
