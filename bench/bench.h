/*
 * What a benchmark program needs beyond crossrt.h: the runtime's
 * monotonic clock, its environment and a report line "NAME NS OPS"
 * (total nanoseconds over OPS operations) that bench/run.sh reads.
 */
#ifndef BENCH_H
#define BENCH_H

#include "crossrt.h"

int64_t nanotime(void);
const char *gogetenv(const char *name);
int64_t atoi64(const char *s, bool *ok);

/* The iteration count: $BENCH_N, else def. */
static inline long benchn(long def)
{
	bool ok;
	int64_t v = atoi64(gogetenv("BENCH_N"), &ok);

	return ok && v > 0 ? (long)v : def;
}

static inline void report(const char *name, int64_t ns, long ops)
{
	printf("%s %ld %ld\n", name, (long)ns, ops);
}

#endif
