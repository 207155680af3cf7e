/* crossrt run: one program under one engine, its trace normalized and written. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/cli.h"
#include "engine/engine.h"
#include "trace/normalize.h"
#include "trace/zst.h"

#define MAXENV 16

/*
 * What a traced run's environment holds unless an --env names the same
 * variable: the one definition of the defaults for traced runs (matrix
 * and demo run through here too).  Sysmon's wall-clock preemption off
 * keeps a schedule, hence its trace, independent of time, so that traces
 * compare across engines and ISAs.
 */
static const char *const traced_defaults[] = { "CROSSRT_PREEMPTOFF=1" };
#define NDEFAULTS (sizeof traced_defaults / sizeof *traced_defaults)

struct runargs {
	struct run_opts o;
	int engine;			/* enum engine, -1 if unknown */
	const char *trace;
	char env[3][64];
	int nextra;
	const char *extra[MAXENV];
	const char *envp[3 + NDEFAULTS + MAXENV + 1];
};

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "crossrt run: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	return EXIT_ENGINE_ERROR;
}

/* "unknown arch (...)": the ISAs of arches.mk */
static int unknown_arch(const char *name)
{
	char list[256] = "unknown arch (";
	size_t n = strlen(list);

	for (int i = 0; arch_byid(i) && n < sizeof list; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", arch_byid(i)->name);
	if (n + 2 <= sizeof list)
		strcat(list, ")");
	return usage_error(list, name);
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || *end ? -1 : 0;
}

/* An --env sets the variable of NAME=VALUE def. */
static bool env_given(const struct runargs *ra, const char *def)
{
	size_t n = strcspn(def, "=") + 1;

	for (int k = 0; k < ra->nextra; k++)
		if (!strncmp(ra->extra[k], def, n))
			return true;
	return false;
}

static void set_envp(struct runargs *ra)
{
	int n = 0;

	for (int k = 0; k < 3; k++)
		ra->envp[n++] = ra->env[k];
	for (size_t k = 0; k < NDEFAULTS && ra->trace; k++)
		if (!env_given(ra, traced_defaults[k]))
			ra->envp[n++] = traced_defaults[k];
	for (int k = 0; k < ra->nextra; k++)
		ra->envp[n++] = ra->extra[k];
	ra->envp[n] = NULL;
	ra->o.envp = ra->envp;
}

static int parse_args(int argc, char **argv, struct runargs *ra, const char **archname,
		      const char **engname)
{
	struct run_opts *o = &ra->o;
	int i;
	uint64_t v;

	o->procs = 1;
	o->timeout_s = 120;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(opt, "--")) {
			i++;
			break;
		}
		if (!val)
			return usage_error("missing value for", opt);
		i++;
		if (!strcmp(opt, "--arch"))
			*archname = val;
		else if (!strcmp(opt, "--engine"))
			*engname = val;
		else if (!strcmp(opt, "--trace"))
			ra->trace = val;
		else if (!strcmp(opt, "--env") && strchr(val, '=') && val[0] != '=' && ra->nextra < MAXENV)
			ra->extra[ra->nextra++] = val;
		else if (!strcmp(opt, "--procs") && !parse_u64(val, &v) && v >= 1 && v <= 256)
			o->procs = (int)v;
		else if (!strcmp(opt, "--seed") && !parse_u64(val, &v))
			o->seed = v;
		else if (!strcmp(opt, "--budget") && !parse_u64(val, &v))
			o->budget = v;
		else if (!strcmp(opt, "--inject-fault") && !parse_u64(val, &v) && v >= 1)
			o->inject_fault = v;
		else if (!strcmp(opt, "--fault-addr") && (!strcmp(val, "accessed") || !strcmp(val, "nil")))
			o->inject_nil = !strcmp(val, "nil");
		else if (!strcmp(opt, "--timeout") && !parse_u64(val, &v) && v >= 1 && v <= 86400)
			o->timeout_s = (int)v;
		else
			return usage_error("bad option or value", opt);
	}
	if (i >= argc)
		return usage_error("no program given", NULL);
	o->prog = argv[i];
	o->argc = argc - i;
	o->argv = argv + i;
	if (!*engname)
		return usage_error("--engine qemu|unicorn|native is required", NULL);
	ra->engine = engine_parse(*engname);
	if (o->inject_fault && ra->engine != ENGINE_UNICORN)
		return usage_error("--inject-fault needs --engine unicorn", NULL);
	if (o->inject_nil && !o->inject_fault)
		return usage_error("--fault-addr needs --inject-fault", NULL);
	snprintf(ra->env[0], sizeof ra->env[0], "CROSSRT_TRACEFD=%d", RECORD_FD);
	snprintf(ra->env[1], sizeof ra->env[1], "CROSSRT_PROCS=%d", o->procs);
	snprintf(ra->env[2], sizeof ra->env[2], "CROSSRT_SEED=%llu", (unsigned long long)o->seed);
	set_envp(ra);
	return 0;
}

static engine_fn *const engines[NENGINE] = {
	[ENGINE_QEMU] = engine_qemu_run,
	[ENGINE_UNICORN] = engine_unicorn_run,
	[ENGINE_NATIVE] = engine_native_run,
};

static const char *basename_of(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The engine's fact keys, less tls where the TLS value came from the runtime's record, not the register. */
static void facts_keys(const char *keys, bool tls_in_regs, char *out, size_t n)
{
	const char *tls = strstr(keys, "tls ");

	if (tls_in_regs || !tls)
		snprintf(out, n, "%s", keys);
	else
		snprintf(out, n, "%.*s%s", (int)(tls - keys), keys, tls + 4);
}

/*
 * What a Go program's hits name: with guest memory, g, m and g's stack;
 * without, only code.  Then the g/m layout read and where it came from.
 */
static void go_header(struct trace_header *h, const struct probeset *ps, bool memory)
{
	const struct golayout *l = ps->go.layout;
	size_t n;

	snprintf(h->g_source, sizeof h->g_source, "%s", memory ? "memory" : "register");
	snprintf(h->go, sizeof h->go, memory ?
		 "%s: g named by goid, m by id, g's stack by owner, _defer and _panic by first sight, "
		 "the panic value by its type, code by symbol; " :
		 "%s: code named by symbol; g, m and stacks not named, nor _defer and _panic (no guest memory at a hit): "
		 "g is Go's g register; the panic value by its type where it is in registers; ",
		 ps->go.version);
	n = strlen(h->go);
	snprintf(h->go + n, sizeof h->go - n,
		 "layout from %s: g.stack.lo 0x%x g.stack.hi 0x%x g._panic 0x%x g._defer 0x%x g.m 0x%x g.goid 0x%x m.id 0x%x",
		 ps->go.layout_from, l->g_stack_lo, l->g_stack_hi, l->g_panic, l->g_defer, l->g_m, l->g_goid, l->m_id);
}

static int write_trace(const struct runargs *ra, const struct elfimage *img, const struct probeset *ps,
		       const struct hitlog *hits, const struct records *rec, const struct run_result *res,
		       const struct eventlog *notes)
{
	const struct run_opts *o = &ra->o;
	struct trace_header h;
	struct trace_end e;
	struct normctx c;
	struct trace_rec r;
	struct trace_writer *w = calloc(1, sizeof *w);
	FILE *f = w ? trace_open_write(ra->trace) : NULL;

	if (!f) {
		fprintf(stderr, "crossrt run: cannot write %s: %s\n", ra->trace, strerror(errno));
		free(w);
		return -1;
	}
	memset(&h, 0, sizeof h);
	snprintf(h.arch, sizeof h.arch, "%s", o->arch->name);
	snprintf(h.engine, sizeof h.engine, "%s", engine_names[o->engine]);
	snprintf(h.prog, sizeof h.prog, "%s", basename_of(o->prog));
	h.procs = o->procs;
	h.seed = o->seed;
	snprintf(h.tls_source, sizeof h.tls_source, "%s", res->tls_in_regs ? "register" : "runtime-record");
	snprintf(h.g_source, sizeof h.g_source, "%s", res->g_from_memory ? "memory" : "runtime-record");
	if (ps->isgo)
		go_header(&h, ps, res->g_from_memory);
	facts_keys(engine_facts[o->engine], res->tls_in_regs, h.facts, sizeof h.facts);
	if (rec->nobj || rec->nstate)
		snprintf(h.state, sizeof h.state, "%s", STATE_SOURCE);
	trace_write_header(f, &h);
	normalize_init(&c, o->arch, img, rec, ps);
	for (size_t i = 0; i < hits->n; i++) {
		normalize_hit(&c, &hits->hits[i], hitlog_xstate(hits, &hits->hits[i]), i, &r);
		trace_write_rec_delta(f, w, o->arch, &r);
	}
	for (size_t i = 0; i < notes->n; i++)
		trace_write_event(f, notes->ev[i].kind, notes->ev[i].after, notes->ev[i].detail);
	for (size_t i = 0; i < res->events.n; i++)
		trace_write_event(f, res->events.ev[i].kind, res->events.ev[i].after, res->events.ev[i].detail);
	memset(&e, 0, sizeof e);
	e.exit_status = res->exit_status;
	e.insns_known = res->insns_known;
	e.insns = res->insns;
	snprintf(e.reason, sizeof e.reason, "%s", res->reason);
	trace_write_end(f, &e);
	normalize_free(&c);
	free(w);
	if (fclose(f) != 0) {
		fprintf(stderr, "crossrt run: error writing %s\n", ra->trace);
		return -1;
	}
	return 0;
}

/* What `crossrt debug` needs to run the program again as it ran here: the program, its environment and arguments. */
static void note_run(const struct run_opts *o, struct eventlog *ev)
{
	char path[PATH_MAX];

	eventlog_add(ev, "prog", 0, realpath(o->prog, path) ? path : o->prog);
	for (int k = 0; o->envp[k]; k++)
		eventlog_add(ev, "env", 0, o->envp[k]);
	for (int k = 1; k < o->argc; k++)
		eventlog_add(ev, "arg", 0, o->argv[k]);
}

int cmd_run(int argc, char **argv)
{
	static struct runargs ra;
	const char *archname = NULL, *engname = NULL;
	struct elfimage img;
	struct probeset ps;
	struct hitlog hits = { 0 };
	struct strbuf rectext = { 0 };
	struct records rec;
	struct run_result res;
	struct eventlog notes = { 0 };	/* the run's own, before the engine's */
	engine_fn *run;
	char err[256];
	int rc;

	if ((rc = parse_args(argc, argv, &ra, &archname, &engname)) != 0)
		return rc;
	if (ra.engine < 0)
		return usage_error("unknown engine (qemu, unicorn, native)", engname);
	ra.o.engine = (enum engine)ra.engine;
	run = engines[ra.o.engine];
	if (archname && !arch_byname(archname))
		return unknown_arch(archname);
	if (elf_load(ra.o.prog, &img, err, sizeof err) != 0) {
		fprintf(stderr, "crossrt run: %s: %s\n", ra.o.prog, err);
		return EXIT_ENGINE_ERROR;
	}
	ra.o.arch = img.arch;
	if (archname && arch_byname(archname) != img.arch) {
		fprintf(stderr, "crossrt run: %s is %s, not %s\n", ra.o.prog, img.arch->name, archname);
		elf_free(&img);
		return EXIT_ENGINE_ERROR;
	}
	if (probes_resolve(&img, &ps, err, sizeof err) != 0) {
		fprintf(stderr, "crossrt run: %s: %s\n", ra.o.prog, err);
		elf_free(&img);
		return EXIT_ENGINE_ERROR;
	}
	memset(&res, 0, sizeof res);
	note_run(&ra.o, &notes);
	fflush(stdout);
	/* Without a trace nothing is captured: the program runs at the engine's full speed. */
	struct probeset none = { .n = 0 };
	rc = run(&ra.o, &img, ra.trace ? &ps : &none, &hits, &rectext, &res);
	fflush(stdout);
	if (rc != 0) {
		fprintf(stderr, "crossrt run: %s engine: %s\n", engine_names[ra.o.engine], res.reason);
		res.exit_status = EXIT_ENGINE_ERROR;
	} else if (records_parse(rectext.p ? rectext.p : "", rectext.n, &rec, err, sizeof err) != 0) {
		fprintf(stderr, "crossrt run: %s\n", err);
		res.exit_status = EXIT_ENGINE_ERROR;
		rc = -1;
	} else {
		/* Why the run ended early; an injected fault the guest survived is told by the trace alone. */
		if (res.exit_status == EXIT_BUDGET || res.exit_status == EXIT_GUEST_FAULT)
			fprintf(stderr, "crossrt run: %s\n", res.reason);
		if (ra.trace && write_trace(&ra, &img, &ps, &hits, &rec, &res, &notes) != 0)
			res.exit_status = EXIT_ENGINE_ERROR;
		records_free(&rec);
	}
	hitlog_free(&hits);
	eventlog_free(&res.events);
	eventlog_free(&notes);
	strbuf_free(&rectext);
	elf_free(&img);
	return res.exit_status;
}
