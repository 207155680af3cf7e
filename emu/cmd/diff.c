/*
 * crossrt diff: compare traces probe by probe.
 *   --across engine  same ISA: probe, M, goroutine, normalized roles and the raw
 *                    registers live at a function's entry must be equal: pc, sp,
 *                    fp, lr, the TLS and global pointers, the probe's arguments
 *                    and the callee-saved set.  Scratch registers are dead there
 *                    by the ABI and hold whatever the engine left (the registers
 *                    a syscall clobbers differ between Linux and qemu-user); --strict
 *                    compares them too, with the engine's own system bits of
 *                    rflags/pstate masked.  --ignore drops registers and
 *                    roles (cmd/ignore.h).
 *                    A register both sides hold a time value in (trace/timename.h)
 *                    is not compared: real time under qemu, virtual under Unicorn.
 *   --across arch    different ISAs: probe, M, goroutine and the ISA-independent
 *                    part of each normalized role (norm_archkey) must be equal;
 *                    `time` equals `time`.  Go's runtime starts differently on
 *                    each ISA (stack growth, system stack calls), so Go programs'
 *                    traces are compared across ISAs at --probe's hits only.
 *   --across impl    a crossrt program and its Go twin: the events both
 *                    runtimes share, by goroutine and order (cmd/diff_impl.c).
 * Exit 0 equal, 1 different, 2 error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/cli.h"
#include "cmd/diff_impl.h"
#include "cmd/diff_sides.h"
#include "cmd/ignore.h"
#include "cmd/table.h"
#include "trace/normalize.h"
#include "trace/state.h"
#include "trace/timename.h"
#include "trace/trace.h"

#define MAXTRACES TABLE_MAX
#define CONTEXT 3

enum across { ACROSS_ARCH, ACROSS_ENGINE, ACROSS_IMPL };

struct diffopts {
	enum across across;
	bool across_set;
	const char *probe;	/* table at the first hit of this probe */
	bool probe_only;	/* Go programs across ISAs: only that probe's hits compared */
	long long at;		/* or at this index */
	struct ignorelist ignore;	/* --ignore */
	bool strict;		/* compare dead scratch registers too */
	/* across engines, per raw register (set once the ISA is known): */
	uint64_t mask[MAXREGS];		/* the bits compared; 0: never compared */
	bool always[MAXREGS];		/* live at every entry (callee-saved, gp) or --strict */
	uint32_t roles[MAXREGS];	/* the roles it holds: live when those are known */
};

struct difference {
	char what[160];
};

static const char *label(const struct trace *t, enum across a)
{
	return a == ACROSS_ARCH ? t->h.arch : t->h.engine;
}

/* System bits of the flags register belong to the engine (privilege level, IF), not the program. */
static uint64_t regmask(const struct archdesc *a, int reg)
{
	return reg == a->flags ? a->flagsmask : ~0ull;
}

/* Which raw registers an across-engine diff compares, and when. */
static void set_registers(struct diffopts *o, const struct archdesc *a)
{
	for (int i = 0; i < a->nregs; i++) {
		o->mask[i] = ignore_has(&o->ignore, a->name, a->regnames[i], NULL) ? 0 : regmask(a, i);
		o->always[i] = o->strict || (a->globalreg && !strcmp(a->regnames[i], a->globalreg));
		o->roles[i] = 0;
	}
	for (int k = 0; k < a->ncallee; k++)
		o->always[a->callee[k]] = true;
	for (int role = 0; role < NROLES; role++)
		if (a->role_reg[role] >= 0)
			o->roles[a->role_reg[role]] |= 1u << role;
}

static bool role_cmp(const struct trace_rec *x, const struct trace_rec *y, int role, enum across a)
{
	char kx[NORMLEN], ky[NORMLEN];

	if (!(x->role_known & y->role_known & (1u << role)))
		return true;
	if (!strcmp(x->norm[role], "time") && !strcmp(y->norm[role], "time"))
		return true;
	if (a == ACROSS_ENGINE)
		return x->role[role] == y->role[role] && !strcmp(x->norm[role], y->norm[role]);
	norm_archkey(x->norm[role], kx, sizeof kx);
	norm_archkey(y->norm[role], ky, sizeof ky);
	return !strcmp(kx, ky);
}

/* The states, where both traces have them: as they are across engines, their archkey across ISAs. */
static bool state_cmp(const struct trace *tx, const struct trace *ty, const struct trace_rec *x,
		      const struct trace_rec *y, enum across a)
{
	char kx[STATELEN], ky[STATELEN];

	if (!tx->h.state[0] || !ty->h.state[0])
		return true;
	if (a == ACROSS_ENGINE)
		return !strcmp(x->state, y->state);
	state_archkey(x->state, kx, sizeof kx);
	state_archkey(y->state, ky, sizeof ky);
	return !strcmp(kx, ky);
}

static bool role_ignored(const struct diffopts *o, const struct trace *tx, const struct trace *ty,
			 const struct trace_rec *x, int role)
{
	const char *name = role_names[role];

	return o->ignore.n && (ignore_has(&o->ignore, tx->arch->name, name, x->probe) ||
			       ignore_has(&o->ignore, ty->arch->name, name, x->probe));
}

/* Compare record x of trace tx with y of ty; describe the first difference. */
/* tls_raw: both traces hold the TLS register as the engine read it. */
static bool rec_equal(const struct diffopts *o, const struct trace *tx, const struct trace *ty,
		      const struct trace_rec *x, const struct trace_rec *y, bool tls_raw, struct difference *d)
{
	if (strcmp(x->probe, y->probe)) {
		snprintf(d->what, sizeof d->what, "probe: %s vs %s", x->probe, y->probe);
		return false;
	}
	if (x->m >= 0 && y->m >= 0 && x->m != y->m) {
		snprintf(d->what, sizeof d->what, "M: m#%lld vs m#%lld", (long long)x->m, (long long)y->m);
		return false;
	}
	if (x->g >= 0 && y->g >= 0 && x->g != y->g) {
		snprintf(d->what, sizeof d->what, "goroutine: %lld vs %lld", (long long)x->g, (long long)y->g);
		return false;
	}
	if (!facts_agree(x->facts, y->facts, tx->h.facts, ty->h.facts)) {
		snprintf(d->what, sizeof d->what, "facts: %s vs %s", x->facts[0] ? x->facts : "none",
			 y->facts[0] ? y->facts : "none");
		return false;
	}
	if (!state_cmp(tx, ty, x, y, o->across)) {
		snprintf(d->what, sizeof d->what, "state: %.70s vs %.70s", x->state[0] ? x->state : "none",
			 y->state[0] ? y->state : "none");
		return false;
	}
	for (int role = 0; role < NROLES; role++)
		if (!role_ignored(o, tx, ty, x, role) && !role_cmp(x, y, role, o->across)) {
			snprintf(d->what, sizeof d->what, "role %s: %s vs %s", role_names[role],
				 x->norm[role], y->norm[role]);
			return false;
		}
	if (o->across == ACROSS_ENGINE) {
		const struct archdesc *a = tx->arch;
		int tlsreg = a->role_reg[R_TLS];
		uint32_t known = x->role_known & y->role_known;

		for (int i = 0; i < a->nregs; i++) {
			uint64_t m = o->mask[i];
			if (!m || (i == tlsreg && !tls_raw))
				continue;
			if (!o->always[i] && !(o->roles[i] & known))
				continue;
			if (time_regs_agree(x, y, i) ||
			    (o->ignore.any_probe && ignore_has(&o->ignore, a->name, a->regnames[i], x->probe)))
				continue;
			if ((x->regs[i] & m) != (y->regs[i] & m)) {
				snprintf(d->what, sizeof d->what, "register %s: 0x%llx vs 0x%llx", a->regnames[i],
					 (unsigned long long)x->regs[i], (unsigned long long)y->regs[i]);
				return false;
			}
		}
	}
	return true;
}

static int parse_opts(int argc, char **argv, struct diffopts *o, char **files, int *nfiles)
{
	o->at = -1;
	*nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--across") && i + 1 < argc) {
			const char *v = argv[++i];
			o->across_set = true;
			if (!strcmp(v, "arch"))
				o->across = ACROSS_ARCH;
			else if (!strcmp(v, "engine"))
				o->across = ACROSS_ENGINE;
			else if (!strcmp(v, "impl"))
				o->across = ACROSS_IMPL;
			else
				return fprintf(stderr, "crossrt diff: --across arch|engine|impl, not '%s'\n", v), -1;
		} else if (!strcmp(a, "--probe") && i + 1 < argc) {
			o->probe = argv[++i];
		} else if (!strcmp(a, "--at") && i + 1 < argc) {
			char *end;
			o->at = strtoll(argv[++i], &end, 10);
			if (*end || o->at < 0)
				return fprintf(stderr, "crossrt diff: bad --at '%s'\n", argv[i]), -1;
		} else if (!strcmp(a, "--strict")) {
			o->strict = true;
		} else if (!strcmp(a, "--ignore") && i + 1 < argc) {
			char err[160];
			if (ignore_parse(argv[++i], &o->ignore, err, sizeof err) != 0)
				return fprintf(stderr, "crossrt diff: --ignore: %s\n", err), -1;
		} else if (a[0] == '-') {
			return fprintf(stderr, "crossrt diff: unknown option '%s'\n", a), -1;
		} else if (*nfiles == MAXTRACES) {
			return fprintf(stderr, "crossrt diff: at most %d traces\n", MAXTRACES), -1;
		} else {
			files[(*nfiles)++] = argv[i];
		}
	}
	if (*nfiles < 2)
		return fprintf(stderr, "crossrt diff: need at least two traces\n"), -1;
	return 0;
}

static void print_summary_line(const struct trace_rec *r)
{
	char g[24], m[24];

	printf("%-12s %-4s %-6s pc=%-22s sp=%-22s lr=%s", r->probe, table_mname(r->m, m, sizeof m),
	       table_gname(r->g, g, sizeof g), r->norm[R_PC], r->norm[R_SP], r->norm[R_LR][0] ? r->norm[R_LR] : "?");
	if (r->facts[0])
		printf("  %s", r->facts);
	if (r->state && r->state[0])
		printf("  %s", r->state);
}

/* The records of trace 0 before the first difference, and every trace's at it. */
struct context {
	size_t n;				/* of before: the CONTEXT records before */
	struct trace_rec before[CONTEXT];
	uint64_t regs[CONTEXT][MAXREGS];
	struct hold at;
};

static void print_context(const struct side *sd, int n, const struct context *cx, enum across a)
{
	size_t first = cx->at.at, lo = first - cx->n;

	for (size_t i = lo; i < first; i++) {
		printf("   #%-6zu ", i);
		print_summary_line(&cx->before[i % CONTEXT]);
		printf("\n");
	}
	for (int k = 0; k < n; k++) {
		const struct trace *t = sd[k].t;
		printf("%s #%-6zu %-8s ", k == 0 ? ">" : " ", first, label(t, a));
		if (cx->at.has[k])
			print_summary_line(&cx->at.r[k]);
		else
			printf("(trace ended: %s)", t->has_end ? t->end.reason : "no end line");
		printf("\n");
	}
}

/* Column k: trace k's record held in h, if it has one. */
static void print_table(const struct side *sd, int n, const struct hold *h, enum across a)
{
	struct trace view[MAXTRACES], *v[MAXTRACES];
	size_t ats[MAXTRACES];
	const char *labels[MAXTRACES];

	for (int k = 0; k < n; k++) {
		view[k] = *sd[k].t;
		view[k].recs = (struct trace_rec *)&h->r[k];
		view[k].n = h->has[k];
		v[k] = &view[k];
		ats[k] = 0;
		labels[k] = label(sd[k].t, a);
	}
	table_print(v, n, ats, labels, true);
}

static int check_kinds(struct diffopts *o, const struct side *sd, int n)
{
	bool samearch = true;

	for (int k = 1; k < n; k++)
		samearch &= sd[k].t->arch == sd[0].t->arch;
	if (!o->across_set)
		o->across = samearch ? ACROSS_ENGINE : ACROSS_ARCH;
	if (o->across == ACROSS_ENGINE && !samearch) {
		fprintf(stderr, "crossrt diff: --across engine needs traces of one ISA (%s vs ...)\n", sd[0].t->h.arch);
		return -1;
	}
	return 0;
}

/* The shorter trace's last probe and why it ended: a crash is a divergence after that probe. */
static void ended(struct difference *d, const struct side *sd, enum across a)
{
	const struct trace *t = sd->t;
	const char *why = t->has_end ? t->end.reason : "no end line";

	if (sd->n)
		snprintf(d->what, sizeof d->what, "%s trace ended after %s (%.90s)", label(t, a),
			 sd->lastprobe, why);
	else
		snprintf(d->what, sizeof d->what, "%s trace ended before any probe (%.100s)", label(t, a), why);
}

/* Events are not compared; a difference in their number is worth a line. */
static void print_event_counts(const struct side *sd, int n)
{
	bool same = true;

	for (int k = 1; k < n; k++)
		same &= sd[k].t->nevents == sd[0].t->nevents;
	if (same)
		return;
	printf("events (not compared):");
	for (int k = 0; k < n; k++)
		printf(" %s/%s %zu", sd[k].t->h.arch, sd[k].t->h.engine, sd[k].t->nevents);
	printf("\n");
}

/* What walking the traces found. */
struct walk {
	size_t maxn, first, ndiff;
	struct difference firstd;
	int firstk;
	struct trace_rec ring[CONTEXT];	/* trace 0's last records */
	uint64_t ringregs[CONTEXT][MAXREGS];
	struct context cx;		/* at the first difference */
	struct hold at, probe, gogo, zero;	/* the candidates for the table's hit */
	struct strpool *pool;		/* the strings of what is held */
};

/* Trace 0's record i, kept for the context of a later difference: copied where records are skipped. */
static bool remember(const struct diffopts *o, struct walk *w, const struct trace_rec *r, size_t i)
{
	size_t j = i % CONTEXT;

	if (o->probe_only)
		return trace_rec_hold(&w->ring[j], w->ringregs[j], r, w->pool);
	w->ring[j] = *r;	/* still valid CONTEXT records later (TRACE_STREAM_KEEP) */
	return true;
}

/* The first difference, at record i: its records and the ones before it kept. */
static bool freeze(struct walk *w, const struct side *sd, int n, size_t i)
{
	w->cx.n = i < CONTEXT ? i : CONTEXT;
	for (size_t j = i - w->cx.n; j < i; j++)
		if (!trace_rec_hold(&w->cx.before[j % CONTEXT], w->cx.regs[j % CONTEXT], &w->ring[j % CONTEXT], w->pool))
			return false;
	return hold_take(&w->cx.at, sd, n, i, w->pool);
}

/* The table's candidates at index i. */
static bool hold_table(const struct diffopts *o, struct walk *w, const struct side *sd, int n, size_t i)
{
	const struct trace_rec *r = sd[0].cur;
	bool ok = true;

	if (o->at >= 0 && (size_t)o->at == i)
		ok &= hold_take(&w->at, sd, n, i, w->pool);
	if (o->probe && r && !w->probe.taken && !strcmp(r->probe, o->probe))
		ok &= hold_take(&w->probe, sd, n, i, w->pool);
	if (r && !w->gogo.taken && !strcmp(r->probe, "gogo"))
		ok &= hold_take(&w->gogo, sd, n, i, w->pool);
	if (i == 0)
		ok &= hold_take(&w->zero, sd, n, i, w->pool);
	return ok;
}

/* Record i of every trace compared; false at the end of them all. */
static int walk_one(struct diffopts *o, struct side *sd, int n, const bool *tls_raw, struct walk *w, size_t i)
{
	const char *only = o->probe_only ? o->probe : NULL;
	struct difference d;
	bool eq = true, any = false;

	for (int k = 0; k < n; k++) {
		int rc = side_next(&sd[k], only);
		if (rc < 0)
			return -1;
		any |= rc > 0;
	}
	if (!any)
		return 0;
	w->maxn = i + 1;
	for (int k = 1; k < n && eq; k++) {
		if (!sd[0].cur || !sd[k].cur) {
			eq = false;
			ended(&d, !sd[0].cur ? &sd[0] : &sd[k], o->across);
		} else {
			eq = rec_equal(o, sd[0].t, sd[k].t, sd[0].cur, sd[k].cur, tls_raw[k], &d);
		}
		if (!eq && w->first == (size_t)-1) {
			w->first = i;
			w->firstd = d;
			w->firstk = k;
			if (!freeze(w, sd, n, i))
				return -1;
		}
	}
	w->ndiff += !eq;
	if (!hold_table(o, w, sd, n, i) || (sd[0].cur && !remember(o, w, sd[0].cur, i)))
		return -1;
	return 1;
}

/* The hit the table shows: --at, --probe's first hit, the first difference, the first gogo, or the first. */
static const struct hold *pick_table(const struct diffopts *o, const struct walk *w)
{
	if (o->at >= 0)
		return w->at.taken ? &w->at : NULL;
	if (o->probe)
		return w->probe.taken ? &w->probe : NULL;
	if (w->first != (size_t)-1)
		return &w->cx.at;
	if (w->gogo.taken)
		return &w->gogo;
	return w->zero.taken ? &w->zero : NULL;
}

static void print_result(const struct diffopts *o, const struct side *sd, int n, const struct walk *w)
{
	const struct hold *h = pick_table(o, w);

	printf("crossrt diff --across %s: %d traces\n", o->across == ACROSS_ARCH ? "arch" : "engine", n);
	for (int k = 0; k < n; k++) {
		const struct trace *t = sd[k].t;
		printf("  %-8s %-8s %-16s %7zu probes  exit %d (%s)\n", t->h.arch, t->h.engine, t->h.prog,
		       sd[k].n, t->has_end ? t->end.exit_status : -1, t->has_end ? t->end.reason : "no end line");
	}
	if (o->across == ACROSS_ARCH)
		printf("compared: probe, M, goroutine, facts, state, and pc sp fp lr tls g args normalized "
		       "(symbols without offsets, stacks without depth)%s%s\n",
		       o->ignore.n ? " except " : "", o->ignore.text);
	else
		printf("compared: probe, M, goroutine, facts, state, normalized roles and %s%s%s\n",
		       o->strict ? "every raw register" : "the raw registers live at entry (roles, args, callee-saved)",
		       o->ignore.n ? " except " : "", o->ignore.text);
	if (o->probe_only)
		printf("only %s's hits compared, in order: Go's runtime starts differently on each ISA\n", o->probe);
	print_event_counts(sd, n);
	if (w->first == (size_t)-1)
		printf("EQUAL: all %zu probes agree\n", w->maxn);
	else {
		printf("DIFFERENT: %zu of %zu probes differ; first at #%zu: %s (%s vs %s)\n\n", w->ndiff, w->maxn,
		       w->first, w->firstd.what, label(sd[0].t, o->across), label(sd[w->firstk].t, o->across));
		print_context(sd, n, &w->cx, o->across);
	}
	if (h) {
		printf("\nregisters at #%zu (%s)", h->at, h->has[0] ? h->r[0].probe : "?");
		print_table(sd, n, h, o->across);
	} else if (o->probe) {
		printf("\nno hit of probe '%s'\n", o->probe);
	}
}

static int diff_traces(struct diffopts *o, struct side *sd, int n)
{
	struct walk *w = calloc(1, sizeof *w);
	bool tls_raw[MAXTRACES];
	int rc = 2, more = 1;

	if (!w || !(w->pool = strpool_new())) {
		fprintf(stderr, "crossrt diff: out of memory\n");
		free(w);
		return 2;
	}
	w->first = (size_t)-1;
	for (int k = 0; k < n; k++)
		tls_raw[k] = !strcmp(sd[0].t->h.tls_source, "register") && !strcmp(sd[k].t->h.tls_source, "register");
	if (o->across == ACROSS_ENGINE)
		set_registers(o, sd[0].t->arch);
	for (size_t i = 0; more > 0; i++)
		more = walk_one(o, sd, n, tls_raw, w, i);
	if (more == 0) {
		print_result(o, sd, n, w);
		rc = w->first == (size_t)-1 ? 0 : 1;
	} else if (!w->pool) {
		fprintf(stderr, "crossrt diff: out of memory\n");
	}
	strpool_free(w->pool);
	free(w);
	return rc;
}

/* Go programs across ISAs: only the hits of --probe are compared. */
static void keep_probe_only(struct diffopts *o, const struct side *sd, int n)
{
	if (!o->probe || o->across != ACROSS_ARCH)
		return;
	for (int k = 0; k < n; k++)
		if (!sd[k].t->h.go[0])
			return;
	o->probe_only = true;
}

int cmd_diff(int argc, char **argv)
{
	struct diffopts o = { 0 };
	char *files[MAXTRACES];
	struct side sd[MAXTRACES];
	int n, rc = 2;

	if (parse_opts(argc, argv, &o, files, &n) != 0)
		return 2;
	if (o.across == ACROSS_IMPL)
		return diff_impl(files, n);
	if (sides_open(sd, files, n) == 0 && check_kinds(&o, sd, n) == 0) {
		keep_probe_only(&o, sd, n);
		rc = diff_traces(&o, sd, n);
	}
	sides_close(sd, n);
	return rc;
}
