/*
 * What the runtime files under test need from the rest of the runtime,
 * for one host thread: locks are counters, the clock is a variable,
 * throw fails the test, goready records its g.
 */
#ifndef RTSHIM_H
#define RTSHIM_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "runtime.h"

struct g *testg;
struct schedt sched;
struct p **allp;
int32_t gomaxprocs;
int64_t fakenow;
struct g *readied[64];
int nreadied;

void lock(struct mutex *l) { l->key++; }
void unlock(struct mutex *l) { l->key--; }
void throw(const char *s) { fail_msg("throw: %s", s); abort(); }
void print(const char *fmt, ...) { (void)fmt; }
void usleep(uint32_t us) { (void)us; }
void osyield(void) {}
int64_t nanotime(void) { return fakenow; }
void recordtime(int64_t t) { (void)t; }
void wakep(void) {}
void netpollBreak(void) {}
void goready(struct g *gp) { readied[nreadied++] = gp; }
void gopark(bool (*f)(struct g *, void *), void *l, uintptr r) { (void)f; (void)l; (void)r; }
/* The runtime never frees; neither does the shim, from a pool that is not a leak. */
static __attribute__((unused)) void *shimalloc(size_t n, size_t size)
{
	static _Alignas(64) unsigned char pool[64 << 20];
	static size_t used;
	size_t want = (n * size + 63) & ~(size_t)63;

	if (want > sizeof pool - used)
		abort();
	used += want;
	return pool + used - want;
}
#ifndef RTSHIM_OWN_MALLOC
void *mallocgc(uintptr n) { return shimalloc(1, n); }
#endif

/* A current g on an M with P pp. */
static __attribute__((unused)) void setp(struct p *pp)
{
	static struct g g;
	static struct m m;

	m.p = pp;
	g.m = &m;
	testg = &g;
}

static __attribute__((unused)) struct p *newp(int32_t id)
{
	struct p *pp = shimalloc(1, sizeof *pp);

	pp->id = id;
	pp->status = Prunning;
	return pp;
}

#endif
