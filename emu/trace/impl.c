/*
 * The events crossrt's runtime and Go's share (impl.h), read from one trace.
 *
 * Goroutines.  Both runtimes give goids from a per-P cache, so with one P
 * the n-th newproc makes goid n: main is 1 in both.  A goroutine made by
 * code of Go's runtime package (runtime.init's forcegchelper, gcenable's
 * bgsweep and bgscavenge, createfing) or by one of Go's own goroutines is
 * Go's own and left out; the program's own are numbered by creation.
 *
 * Go's main goroutine waits in gcenable for bgsweep and bgscavenge before
 * main.main runs: a park that one of Go's own goroutines readies is the
 * runtime's business, dropped with its ready.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/impl.h"
#include "trace/state.h"
#include "core/util.h"

const char *const implkind_names[NIMPLKINDS] = {
	[IE_GO] = "go", [IE_EXIT] = "exit", [IE_PARK] = "park", [IE_READY] = "ready",
	[IE_DEFER] = "defer", [IE_DEFERRETURN] = "deferreturn", [IE_PANIC] = "panic",
	[IE_SIGPANIC] = "sigpanic", [IE_RECOVER] = "recover", [IE_RECOVERY] = "recovery",
	[IE_FATALPANIC] = "fatalpanic", [IE_FATALTHROW] = "fatalthrow",
};

enum { NOT_SHARED = -1, EXIT_MCALL = -2 };

/* The probes, by crossrt's name and Go's without "runtime.". */
static const struct {
	const char *probe;
	int kind;
} probes[] = {
	{ "newproc", IE_GO }, { "goexit1", IE_EXIT }, { "gopark", IE_PARK }, { "goready", IE_READY },
	{ "deferproc", IE_DEFER }, { "deferprocStack", IE_DEFER }, { "deferreturn", IE_DEFERRETURN },
	{ "gopanic", IE_PANIC }, { "sigpanic", IE_SIGPANIC }, { "gorecover", IE_RECOVER },
	{ "recovery", IE_RECOVERY }, { "fatalpanic", IE_FATALPANIC }, { "fatalthrow", IE_FATALTHROW },
	{ "mcall", EXIT_MCALL },	/* crossrt: mcall(goexit0) ends a goroutine, returned or Goexit */
};

/* runtime2.go's waitReasonStrings in go1.19. */
static const char *const gowait[] = {
	"", "GC assist marking", "IO wait", "chan receive (nil chan)", "chan send (nil chan)",
	"dumping heap", "garbage collection", "garbage collection scan", "panicwait", "select",
	"select (no cases)", "GC assist wait", "GC sweep wait", "GC scavenge wait", "chan receive",
	"chan send", "finalizer wait", "force gc (idle)", "semacquire", "sleep", "sync.Cond.Wait",
	"timer goroutine (idle)", "trace reader (blocked)", "wait for GC cycle", "GC worker (idle)",
	"preempted", "debug call",
};

const char *impl_go_waitreason(uint64_t reason)
{
	return reason && reason < sizeof gowait / sizeof gowait[0] ? gowait[reason] : NULL;
}

bool impl_go_runtime_code(const char *norm)
{
	return !strncmp(norm, "runtime.", 8);
}

enum { OWN = -1 };	/* a goroutine of Go's own */

struct gmap {
	uint64_t ptr;
	int64_t goid;
};

struct reader {
	struct implevents *out;
	int *num;		/* by goid: the goroutine's number, OWN, or 0 (g0, not made yet) */
	int64_t made;		/* goids made so far: newproc hits */
	int next;		/* the next number */
	size_t *lastpark;	/* by number: its pending park's event + 1, 0 if none */
	struct gmap *g;		/* g pointers seen (Go: role g), the goid each was last */
	size_t ng, gcap;
};

static int kind_of(const char *probe, bool go)
{
	if (go) {
		if (strncmp(probe, "runtime.", 8))
			return NOT_SHARED;
		probe += 8;
	} else if (!strcmp(probe, "goexit1") || !strcmp(probe, "deferprocStack")) {
		return NOT_SHARED;
	}
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++)
		if (!strcmp(probes[i].probe, probe))
			return go && probes[i].kind == EXIT_MCALL ? NOT_SHARED : probes[i].kind;
	return NOT_SHARED;
}

static void see_g(struct reader *r, uint64_t ptr, int64_t goid)
{
	for (size_t i = 0; i < r->ng; i++)
		if (r->g[i].ptr == ptr) {
			r->g[i].goid = goid;
			return;
		}
	if (r->ng == r->gcap) {
		r->gcap = r->gcap ? 2 * r->gcap : 16;
		r->g = xrealloc(r->g, r->gcap * sizeof *r->g);
	}
	r->g[r->ng++] = (struct gmap){ ptr, goid };
}

/* The goid the g argument a0 names (crossrt: "g#N"; Go: a g pointer seen before), -1 if unknown. */
static int64_t g_arg(const struct reader *r, const struct trace_rec *x)
{
	long long id;
	int used = 0;

	if (!(x->role_known & (1u << R_A0)))
		return -1;
	if (sscanf(x->norm[R_A0], "g#%lld%n", &id, &used) == 1 && !x->norm[R_A0][used])
		return id;
	for (size_t i = 0; i < r->ng; i++)
		if (r->g[i].ptr == x->role[R_A0])
			return r->g[i].goid;
	return -1;
}

static int number(const struct reader *r, int64_t goid)
{
	return goid > 0 && goid <= r->made ? r->num[goid] : 0;
}

static struct implev *add(struct reader *r, int kind, int g, size_t rec)
{
	struct implevents *e = r->out;

	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 64;
		e->ev = xrealloc(e->ev, e->cap * sizeof *e->ev);
	}
	e->ev[e->n] = (struct implev){ .kind = kind, .g = g, .rec = rec };
	return &e->ev[e->n++];
}

/*
 * newproc: goid made+1, the program's own if its creator is and the call
 * is not the runtime's: Go's runtime package, crossrt's createfing.
 */
static void made(struct reader *r, const struct trace_rec *x, int creator, size_t i)
{
	int64_t goid = ++r->made;
	bool lr = x->role_known & (1u << R_LR);
	bool own = lr && (r->out->go ? impl_go_runtime_code(x->norm[R_LR])
				     : !strncmp(x->norm[R_LR], "createfing+", 11));

	r->num = xrealloc(r->num, (size_t)(goid + 1) * sizeof *r->num);
	r->lastpark = xrealloc(r->lastpark, (size_t)(r->next + 2) * sizeof *r->lastpark);
	if (goid == 1) {
		r->num[goid] = r->next++;
		r->lastpark[1] = 0;
	} else if (creator > 0 && !own) {
		r->lastpark[r->next] = 0;
		r->num[goid] = r->next++;
		add(r, IE_GO, creator, i)->other = r->num[goid];
	} else {
		r->num[goid] = OWN;
	}
}

/* The pending park of the program's goroutines, if exactly one is pending. */
static size_t *only_park(struct reader *r)
{
	size_t *one = NULL;

	for (int k = 1; k < r->next; k++)
		if (r->lastpark[k]) {
			if (one)
				return NULL;
			one = &r->lastpark[k];
		}
	return one;
}

static void ready(struct reader *r, const struct trace_rec *x, int readier, size_t i)
{
	int64_t goid = g_arg(r, x);
	int target = goid >= 0 ? number(r, goid) : 0;
	size_t *park = target > 0 ? &r->lastpark[target] : NULL;

	if (target == OWN)
		return;
	if (readier == OWN && goid < 0)	/* s390x: no arguments; the one park pending, if one */
		park = only_park(r);
	if (readier == OWN) {	/* the runtime's own handshake: drop the park it ends */
		if (park && *park) {
			r->out->ev[*park - 1].kind = NIMPLKINDS;
			*park = 0;
		}
		return;
	}
	if (park)
		*park = 0;
	add(r, IE_READY, readier, i)->other = target;
}

static void park(struct reader *r, const struct trace_rec *x, int g, size_t i)
{
	struct implev *e = add(r, IE_PARK, g, i);
	const char *w;

	if (!r->out->go)
		state_get(x->state, "wait", false, e->wait, sizeof e->wait);
	else if ((x->role_known & (1u << (R_A0 + 2))) && (w = impl_go_waitreason(x->role[R_A0 + 2] & 0xff)))
		snprintf(e->wait, sizeof e->wait, "%s", w);
	r->lastpark[g] = r->out->n;
}

static void panicked(struct reader *r, const struct trace_rec *x, int g, size_t i)
{
	struct implev *e = add(r, IE_PANIC, g, i);

	if ((x->role_known & (1u << R_A0)) && !strncmp(x->norm[R_A0], "type:", 5))
		snprintf(e->type, sizeof e->type, "%s", x->norm[R_A0] + 5);
	if (strcmp(e->type, "string"))
		return;	/* crossrt's state holds an error's Error(), Go's hit the error's fields */
	if (!r->out->go)
		state_get(x->state, "value", true, e->value, sizeof e->value);
	else if ((x->role_known & (1u << R_A1)) && !strncmp(x->norm[R_A1], "gostr:", 6))
		snprintf(e->value, sizeof e->value, "%s", x->norm[R_A1] + 6);
}

/*
 * Go's library defers and recovers too (fmt's catchPanic, the runtime's
 * preprintpanics): of those, Go's count where package main calls them.
 */
static bool by_program(int kind)
{
	return kind == IE_DEFER || kind == IE_DEFERRETURN || kind == IE_RECOVER;
}

static void one(struct reader *r, const struct trace_rec *x, size_t i)
{
	int kind = kind_of(x->probe, r->out->go), g = number(r, x->g);

	if (kind == IE_GO) {
		made(r, x, g, i);
	} else if (kind == IE_READY) {
		ready(r, x, g, i);
	} else if (kind == IE_RECOVERY) {	/* on g0: whose panic is recovered is its argument */
		int64_t goid = g_arg(r, x);
		int whose = goid >= 0 ? number(r, goid) : 0;
		if (whose != OWN)
			add(r, IE_RECOVERY, whose > 0 ? whose : -1, i);
	} else if (kind == IE_FATALPANIC || kind == IE_FATALTHROW) {
		if (g != OWN)
			add(r, kind, g, i);
	} else if (kind == NOT_SHARED || g <= 0) {
		/* not shared, or on a g0 or one of Go's own goroutines */
	} else if (kind == EXIT_MCALL) {
		if (!strcmp(x->norm[R_A0], "goexit0+0x0"))
			add(r, IE_EXIT, g, i);
	} else if (kind == IE_PARK) {
		park(r, x, g, i);
	} else if (kind == IE_PANIC) {
		panicked(r, x, g, i);
	} else if (!r->out->go || !by_program(kind) || ((x->role_known & (1u << R_LR)) &&
							!strncmp(x->norm[R_LR], "main.", 5))) {
		add(r, kind, g, i);
	}
}

int impl_events(const struct trace *t, struct implevents *out, char *err, size_t errlen)
{
	struct reader r = { .out = out, .next = 1 };
	size_t keep = 0;
	int rc = 0;

	memset(out, 0, sizeof *out);
	out->go = t->h.go[0] != 0;
	if (out->go && strstr(t->h.go, "g, m and stacks not named")) {
		snprintf(err, errlen, "%s: a Go trace whose goroutines are not named (qemu): take Unicorn's", t->h.prog);
		return -1;
	}
	if (t->h.procs != 1) {
		snprintf(err, errlen, "%s: %d Ps: goroutines are matched by creation order with one P only",
			 t->h.prog, t->h.procs);
		return -1;
	}
	for (size_t i = 0; i < t->n && rc == 0; i++) {
		const struct trace_rec *x = &t->recs[i];
		if (x->g > r.made && x->g > 0) {
			snprintf(err, errlen, "%s: goroutine %lld runs before a newproc made it (#%llu)", t->h.prog,
				 (long long)x->g, (unsigned long long)x->seq);
			rc = -1;
		} else {
			if (x->g >= 0 && (x->role_known & (1u << R_G)))
				see_g(&r, x->role[R_G], x->g);
			one(&r, x, i);
		}
	}
	for (size_t i = 0; i < out->n; i++)	/* the parks dropped */
		if (out->ev[i].kind != NIMPLKINDS)
			out->ev[keep++] = out->ev[i];
	out->n = keep;
	free(r.num);
	free(r.lastpark);
	free(r.g);
	if (rc)
		impl_free(out);
	return rc;
}

void impl_free(struct implevents *e)
{
	free(e->ev);
	memset(e, 0, sizeof *e);
}

bool impl_ev_equal(const struct implev *a, const struct implev *b, char *what, size_t n)
{
	if (a->kind != b->kind)
		snprintf(what, n, "event: %s vs %s", implkind_names[a->kind], implkind_names[b->kind]);
	else if (a->g >= 0 && b->g >= 0 && a->g != b->g)
		snprintf(what, n, "goroutine: g%d vs g%d", a->g, b->g);
	else if (a->other > 0 && b->other > 0 && a->other != b->other)
		snprintf(what, n, "%s goroutine: g%d vs g%d", a->kind == IE_GO ? "new" : "readied", a->other,
			 b->other);
	else if (a->wait[0] && b->wait[0] && strcmp(a->wait, b->wait))
		snprintf(what, n, "wait reason: \"%s\" vs \"%s\"", a->wait, b->wait);
	else if (a->type[0] && b->type[0] && strcmp(a->type, b->type))
		snprintf(what, n, "panic value's type: %s vs %s", a->type, b->type);
	else if (a->value[0] && b->value[0] && strcmp(a->value, b->value))
		snprintf(what, n, "panic value: %s vs %s", a->value, b->value);
	else
		return true;
	return false;
}

void impl_ev_format(const struct implev *e, char *out, size_t n)
{
	int len = snprintf(out, n, "%-11s ", implkind_names[e->kind]);

	len += e->g >= 0 ? snprintf(out + len, n - (size_t)len, "g%d", e->g)
			 : snprintf(out + len, n - (size_t)len, "g?");
	if (e->kind == IE_GO && (size_t)len < n)
		len += snprintf(out + len, n - (size_t)len, " makes g%d", e->other);
	if (e->kind == IE_READY && (size_t)len < n)
		len += e->other > 0 ? snprintf(out + len, n - (size_t)len, " readies g%d", e->other)
				    : snprintf(out + len, n - (size_t)len, " readies g?");
	if (e->wait[0] && (size_t)len < n)
		len += snprintf(out + len, n - (size_t)len, " wait=\"%s\"", e->wait);
	if (e->type[0] && (size_t)len < n)
		len += snprintf(out + len, n - (size_t)len, " type=%s", e->type);
	if (e->value[0] && (size_t)len < n)
		snprintf(out + len, n - (size_t)len, " value=%s", e->value);
}
