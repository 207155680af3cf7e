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
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/cli.h"
#include "cmd/diff_impl.h"
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

static void print_context(struct trace **t, int n, size_t first, enum across a)
{
	size_t lo = first > CONTEXT ? first - CONTEXT : 0;

	for (size_t i = lo; i <= first; i++) {
		if (i < first) {
			printf("   #%-6zu ", i);
			print_summary_line(&t[0]->recs[i]);
			printf("\n");
			continue;
		}
		for (int k = 0; k < n; k++) {
			printf("%s #%-6zu %-8s ", k == 0 ? ">" : " ", i, label(t[k], a));
			if (i < t[k]->n)
				print_summary_line(&t[k]->recs[i]);
			else
				printf("(trace ended: %s)", t[k]->has_end ? t[k]->end.reason : "no end line");
			printf("\n");
		}
	}
}

static void print_table(struct trace **t, int n, size_t at, enum across a)
{
	size_t ats[MAXTRACES];
	const char *labels[MAXTRACES];

	for (int k = 0; k < n; k++) {
		ats[k] = at;
		labels[k] = label(t[k], a);
	}
	table_print(t, n, ats, labels, true);
}

static size_t pick_table_index(const struct diffopts *o, struct trace *t, size_t first_div)
{
	if (o->at >= 0)
		return (size_t)o->at;
	if (o->probe) {
		for (size_t i = 0; i < t->n; i++)
			if (!strcmp(t->recs[i].probe, o->probe))
				return i;
		return (size_t)-1;
	}
	if (first_div != (size_t)-1)
		return first_div;
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->recs[i].probe, "gogo"))
			return i;
	return 0;
}

static int check_kinds(struct diffopts *o, struct trace **t, int n)
{
	bool samearch = true;

	for (int k = 1; k < n; k++)
		samearch &= t[k]->arch == t[0]->arch;
	if (!o->across_set)
		o->across = samearch ? ACROSS_ENGINE : ACROSS_ARCH;
	if (o->across == ACROSS_ENGINE && !samearch) {
		fprintf(stderr, "crossrt diff: --across engine needs traces of one ISA (%s vs ...)\n", t[0]->h.arch);
		return -1;
	}
	return 0;
}

/* The shorter trace's last probe and why it ended: a crash is a divergence after that probe. */
static void ended(struct difference *d, const struct trace *t, enum across a)
{
	const char *why = t->has_end ? t->end.reason : "no end line";

	if (t->n)
		snprintf(d->what, sizeof d->what, "%s trace ended after %s (%.100s)", label(t, a),
			 t->recs[t->n - 1].probe, why);
	else
		snprintf(d->what, sizeof d->what, "%s trace ended before any probe (%.100s)", label(t, a), why);
}

/* Events are not compared; a difference in their number is worth a line. */
static void print_event_counts(struct trace **t, int n)
{
	bool same = true;

	for (int k = 1; k < n; k++)
		same &= t[k]->nevents == t[0]->nevents;
	if (same)
		return;
	printf("events (not compared):");
	for (int k = 0; k < n; k++)
		printf(" %s/%s %zu", t[k]->h.arch, t[k]->h.engine, t[k]->nevents);
	printf("\n");
}

static int diff_traces(struct diffopts *o, struct trace **t, int n)
{
	size_t maxn = 0, first = (size_t)-1, ndiff = 0;
	struct difference d, firstd = { "" };
	bool tls_raw[MAXTRACES];
	int firstk = 0;

	for (int k = 0; k < n; k++)
		tls_raw[k] = !strcmp(t[0]->h.tls_source, "register") && !strcmp(t[k]->h.tls_source, "register");
	if (o->across == ACROSS_ENGINE)
		set_registers(o, t[0]->arch);

	for (int k = 0; k < n; k++)
		if (t[k]->n > maxn)
			maxn = t[k]->n;
	for (size_t i = 0; i < maxn; i++) {
		bool eq = true;
		for (int k = 1; k < n && eq; k++) {
			if (i >= t[0]->n || i >= t[k]->n) {
				eq = false;
				ended(&d, i >= t[0]->n ? t[0] : t[k], o->across);
			} else {
				eq = rec_equal(o, t[0], t[k], &t[0]->recs[i], &t[k]->recs[i], tls_raw[k], &d);
			}
			if (!eq && first == (size_t)-1) {
				first = i;
				firstd = d;
				firstk = k;
			}
		}
		ndiff += !eq;
	}
	printf("crossrt diff --across %s: %d traces\n", o->across == ACROSS_ARCH ? "arch" : "engine", n);
	for (int k = 0; k < n; k++)
		printf("  %-8s %-8s %-16s %7zu probes  exit %d (%s)\n", t[k]->h.arch, t[k]->h.engine, t[k]->h.prog,
		       t[k]->n, t[k]->has_end ? t[k]->end.exit_status : -1, t[k]->has_end ? t[k]->end.reason : "no end line");
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
	print_event_counts(t, n);
	if (first == (size_t)-1)
		printf("EQUAL: all %zu probes agree\n", maxn);
	else {
		printf("DIFFERENT: %zu of %zu probes differ; first at #%zu: %s (%s vs %s)\n\n", ndiff, maxn, first,
		       firstd.what, label(t[0], o->across), label(t[firstk], o->across));
		print_context(t, n, first, o->across);
	}
	size_t at = pick_table_index(o, t[0], first);
	if (at != (size_t)-1 && at < maxn) {
		printf("\nregisters at #%zu (%s)", at, at < t[0]->n ? t[0]->recs[at].probe : "?");
		print_table(t, n, at, o->across);
	} else if (o->probe) {
		printf("\nno hit of probe '%s'\n", o->probe);
	}
	return first == (size_t)-1 ? 0 : 1;
}

/* Go programs across ISAs: keep the hits of --probe alone. */
static void keep_probe_only(struct diffopts *o, struct trace **t, int n)
{
	if (!o->probe || o->across != ACROSS_ARCH)
		return;
	for (int k = 0; k < n; k++)
		if (!t[k]->h.go[0])
			return;
	o->probe_only = true;
	for (int k = 0; k < n; k++) {
		size_t keep = 0;
		for (size_t i = 0; i < t[k]->n; i++)
			if (!strcmp(t[k]->recs[i].probe, o->probe))
				t[k]->recs[keep++] = t[k]->recs[i];
		t[k]->n = keep;
	}
}

struct loader {
	const char *path;
	struct trace *t;
	char err[512];
};

static void *load(void *arg)
{
	struct loader *l = arg;

	l->t = trace_read(l->path, l->err, sizeof l->err);
	return NULL;
}

/* Each trace read by a thread of its own: big traces cost their parsing, once. */
static int read_all(char **files, struct trace **t, int n)
{
	struct loader l[MAXTRACES];
	pthread_t th[MAXTRACES];
	bool started[MAXTRACES];
	int rc = 0;

	for (int k = 0; k < n; k++) {
		l[k].path = files[k];
		l[k].t = NULL;
		started[k] = pthread_create(&th[k], NULL, load, &l[k]) == 0;
		if (!started[k])
			load(&l[k]);
	}
	for (int k = 0; k < n; k++) {
		if (started[k])
			pthread_join(th[k], NULL);
		t[k] = l[k].t;
	}
	for (int k = 0; k < n && rc == 0; k++)
		if (!t[k]) {
			fprintf(stderr, "crossrt diff: %s\n", l[k].err);
			rc = -1;
		}
	return rc;
}

int cmd_diff(int argc, char **argv)
{
	struct diffopts o = { 0 };
	char *files[MAXTRACES];
	struct trace *t[MAXTRACES] = { 0 };
	int n, rc = 2;

	if (parse_opts(argc, argv, &o, files, &n) != 0)
		return 2;
	if (o.across == ACROSS_IMPL) {
		if (read_all(files, t, n) == 0)
			rc = diff_impl(t, n);
	} else if (read_all(files, t, n) == 0 && check_kinds(&o, t, n) == 0) {
		keep_probe_only(&o, t, n);
		rc = diff_traces(&o, t, n);
	}
	for (int k = 0; k < n; k++)
		if (t[k])
			trace_free(t[k]);
	return rc;
}
