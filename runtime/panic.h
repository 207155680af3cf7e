/* defer, panic and recover: the records and the internal interface. */
#ifndef CROSSRT_PANIC_H
#define CROSSRT_PANIC_H

#include "runtime.h"
#include "iface.h"

/* A deferred call, on g's chain newest first. */
struct _defer {
	int64_t id;		/* defer#N: kept when reused from the pool */
	bool started;
	void (*fn)(void *);
	void *arg;
	struct _panic *_panic;	/* the panic running it */
	struct _defer *link;
	struct gobuf buf;	/* deferproc's caller; resumed by recovery */
};

/* A panic in progress, on g's chain newest first; lives on gopanic's frame. */
struct _panic {
	int64_t id;		/* panic#N */
	uintptr argp;		/* the frame the running deferred call returns to */
	eface arg;
	struct _panic *link;
	bool recovered;
	bool aborted;
	bool goexit;
	struct gobuf resume;	/* Goexit: its loop, where recovery comes back (deferCallSave) */
};

/* defer.c, panic.c, error.c, signal.c, traceback.c, symtab.c */
struct gobuf *newdefer(void (*fn)(void *), void *arg, uintptr fp);
void freedefer(struct _defer *d);
void deferreturn(void);
void gopanic(eface e) NORETURN;
eface gorecover(uintptr argp);
void recovery(struct g *gp);
void Goexit(void) NORETURN;
void fatalpanic(struct _panic *msgs) NORETURN;
void fatalthrow(void) NORETURN;
void printpanicval(eface v);
const char *runtimeerrortext(eface v);
void recordstate(struct g *gp, const eface *val, uintptr resume);
void panicmem(void) NORETURN;
void panicdivide(void) NORETURN;
void panicIndex(int64_t x, uint64_t y) NORETURN;
void panicoverflow(void) NORETURN;
void panicfloat(void) NORETURN;

void sigpanic(void) NORETURN;
void initsig(void);
void minitsignals(struct m *mp);
void traceback(uintptr fp, struct g *gp);
const char *signame(uintptr sig);
void sigfault(struct g *gp, uintptr fp) NORETURN;
const char *funcname(uintptr pc, uintptr *entry);

#endif
