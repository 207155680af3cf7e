/*
 * crossrt matrix: every scenario on every ISA and engine, in parallel, its
 * expected outputs checked, then its traces diffed across engines (per ISA)
 * and across ISAs (per engine) where the program is deterministic (procs=1,
 * no NAME.nodiff; NAME.vtime only across ISAs under Unicorn).  The files
 * beside NAME.c say what to expect (README.md, Layout); a --xfail file
 * (default tests/xfail, if there is one) lists known failures with reasons.
 */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd/cli.h"
#include "isa/isa.h"
#include "core/util.h"
#include "matrix/mx.h"

/* arches.mk's ISAs, in its order: an index here is the arch id */
#define ISA(n) #n,
static const char *const all_arches[NARCH] = { CROSSRT_ISAS };
#undef ISA
/* crossrt arch NAME: what the host tools know of an ISA, for scripts. */
int cmd_arch(int argc, char **argv)
{
	const struct archdesc *a = argc == 2 ? arch_byname(argv[1]) : NULL;

	if (!a) {
		fprintf(stderr, "usage: crossrt arch NAME (an ISA of arches.mk)\n");
		return 2;
	}
	printf("qemu %s\ncc %s\ngoarch %s\nengines", a->qemu, a->cc, a->goarch);
	for (int e = 0; e < NENGINE; e++)
		if (mx_engine_applies(a->name, (enum engine)e))
			printf(" %s", engine_names[e]);
	/* The roles held in registers, by the names the traces and gdb give them. */
	printf("\nroles");
	for (int r = 0; r < NROLES; r++)
		if (a->role_reg[r] >= 0)
			printf(" %s=%s", role_names[r], a->regnames[a->role_reg[r]]);
	printf("\n");
	return 0;
}

static bool procs_selected(const struct matrix *mx, int p)
{
	if (!mx->nprocs_filter)
		return true;
	for (int i = 0; i < mx->nprocs_filter; i++)
		if (mx->procs_filter[i] == p)
			return true;
	return false;
}

static struct mx_job *new_job(struct matrix *mx, enum mx_kind kind, int scen, int arch, int engine, int procs)
{
	struct mx_job *j = &mx->job[mx->njob++];

	memset(j, 0, sizeof *j);
	j->kind = kind;
	j->scen = scen;
	j->arch = arch;
	j->engine = engine;
	j->procs = procs;
	j->first = -1;
	return j;
}

static void add_run(struct matrix *mx, int s, int a, int e, int procs, int seed)
{
	const struct mx_scenario *sc = &mx->scen[s];
	struct mx_job *j = new_job(mx, MX_RUN, s, a, e, procs);
	char tag[16] = "", sfx[16] = "";

	if (seed) {
		mx_fmt(tag, sizeof tag, " seed=%d", seed);
		mx_fmt(sfx, sizeof sfx, ".s%d", seed);
	}
	j->seed = seed;
	j->traced = procs == 1 && !sc->nodiff && !mx->nodiff && (!sc->vtime || mx->engines[e] == ENGINE_UNICORN);
	j->preempt = sc->vtime;
	mx_fmt(j->name, sizeof j->name, "run %s %s %s procs=%d%s", sc->name, mx->arches[a],
	       engine_names[mx->engines[e]], procs, tag);
	mx_fmt(j->base, sizeof j->base, "%s/runs/%s.p%d.%s.%s%s", mx->out, sc->name, procs, mx->arches[a],
	       engine_names[mx->engines[e]], sfx);
}

static void add_runs(struct matrix *mx, int s)
{
	const struct mx_scenario *sc = &mx->scen[s];

	for (int p = 0; p < sc->nprocs; p++) {
		if (!procs_selected(mx, sc->procs[p]))
			continue;
		for (int a = 0; a < mx->narch; a++)
			for (int e = 0; e < mx->nengine; e++)
				for (int r = 1; r <= mx->repeat && mx_runs(mx, a, e); r++)
					add_run(mx, s, a, e, sc->procs[p], mx->repeat > 1 ? r : 0);
	}
}

static void add_diff(struct matrix *mx, enum mx_kind kind, int s, int a, int e)
{
	const char *sn = mx->scen[s].name;
	struct mx_job *j = new_job(mx, kind, s, a, e, 1);

	if (kind == MX_DIFF_ENGINE)
		mx_fmt(j->name, sizeof j->name, "diff --across engine %s %s", sn, mx->arches[a]);
	else
		mx_fmt(j->name, sizeof j->name, "diff --across arch %s %s", sn, engine_names[mx->engines[e]]);
	mx_fmt(j->log, sizeof j->log, "%s/diffs/%s.%s.txt", mx->out, sn,
	       kind == MX_DIFF_ENGINE ? mx->arches[a] : engine_names[mx->engines[e]]);
}

/* Diffs not made, and why: all of a scenario's (skips MX_RUN), its engine diffs, or its ISA diffs under engine e. */
static void add_skip(struct matrix *mx, int s, enum mx_kind skips, int e, const char *what, const char *why)
{
	struct mx_job *j = new_job(mx, MX_SKIP, s, -1, e, 1);

	j->skips = skips;
	mx_fmt(j->name, sizeof j->name, "%s of %s", what, mx->scen[s].name);
	mx_fmt(j->detail, sizeof j->detail, "%s", why);
	j->verdict = MX_SKIPPED;
}

static int engines_for(const struct matrix *mx, int a)
{
	int n = 0;

	for (int e = 0; e < mx->nengine; e++)
		n += mx_runs(mx, a, e);
	return n;
}

static int arches_for(const struct matrix *mx, int e)
{
	int n = 0;

	for (int a = 0; a < mx->narch; a++)
		n += mx_runs(mx, a, e);
	return n;
}

/* Raw registers agree across engines, and normalized traces across ISAs, only for one P. */
static void add_diffs(struct matrix *mx, int s)
{
	const struct mx_scenario *sc = &mx->scen[s];
	bool has1 = false;

	for (int p = 0; p < sc->nprocs; p++)
		has1 |= sc->procs[p] == 1 && procs_selected(mx, 1);
	if (!has1 || mx->nodiff)
		return;
	if (sc->nodiff) {
		add_skip(mx, s, MX_RUN, -1, "trace diffs", sc->nodiff_reason);
		return;
	}
	if (sc->vtime)
		add_skip(mx, s, MX_DIFF_ENGINE, -1, "engine diffs", sc->vtime_reason);
	else
		for (int a = 0; a < mx->narch; a++)
			if (engines_for(mx, a) >= 2)
				add_diff(mx, MX_DIFF_ENGINE, s, a, -1);
	if (mx->narch < 2)
		return;
	for (int e = 0; e < mx->nengine; e++) {
		if (arches_for(mx, e) != mx->narch)
			continue;
		if (sc->vtime && mx->engines[e] != ENGINE_UNICORN)
			add_skip(mx, s, MX_DIFF_ARCH, e, "ISA diffs under qemu", sc->vtime_reason);
		else
			add_diff(mx, MX_DIFF_ARCH, s, -1, e);
	}
}

static int parse_list(const char *arg, const char *sep, const char *const *known, int nknown, const char **out,
		      int max, int *n)
{
	char buf[256];

	mx_fmt(buf, sizeof buf, "%s", arg);
	for (char *p = strtok(buf, sep); p; p = strtok(NULL, sep)) {
		int k = 0;
		while (k < nknown && strcmp(known[k], p))
			k++;
		if (k == nknown || *n >= max) {
			fprintf(stderr, "crossrt matrix: unknown or repeated '%s'\n", p);
			return -1;
		}
		out[(*n)++] = known[k];
	}
	return 0;
}

/* --engine E,..: E may be alternatives ("native/qemu"), of which the first that applies to an ISA runs it. */
static int parse_engines(struct matrix *mx, const char *arg)
{
	char buf[256], *save = NULL, *save2 = NULL;

	mx_fmt(buf, sizeof buf, "%s", arg);
	for (char *alt = strtok_r(buf, ", ", &save); alt; alt = strtok_r(NULL, ", ", &save)) {
		int first = mx->nengine;
		for (char *p = strtok_r(alt, "/", &save2); p; p = strtok_r(NULL, "/", &save2)) {
			int e = engine_parse(p);
			if (e < 0 || mx->nengine >= MX_MAXENGINE || mx_find_engine(mx, (enum engine)e) >= 0) {
				fprintf(stderr, "crossrt matrix: unknown or repeated '%s'\n", p);
				return -1;
			}
			mx->group[mx->nengine] = first;
			mx->engines[mx->nengine++] = (enum engine)e;
		}
	}
	return 0;
}

/* --bin ARCH=DIR for one ISA, --bin DIR for all, %a in DIR standing for the ISA */
static int set_bin(struct matrix *mx, char *arg)
{
	char *eq = strchr(arg, '=');
	int a;

	if (!eq) {
		mx->binpat = arg;
		return 0;
	}
	*eq = 0;
	for (a = 0; a < NARCH && strcmp(all_arches[a], arg); a++)
		;
	if (a == NARCH)
		return -1;
	mx->bin[a] = eq + 1;
	return 0;
}

static int parse_opts(struct matrix *mx, int argc, char **argv, int *first_prog)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int bad = 0;
		if (!strcmp(o, "--no-diff") || !strcmp(o, "--prune")) {
			*(o[2] == 'n' ? &mx->nodiff : &mx->prune) = true;
			continue;
		}
		if (!v)
			bad = 1;
		else if (!strcmp(o, "--arch"))
			bad = parse_list(v, ", ", all_arches, NARCH, mx->arches, MX_MAXARCH, &mx->narch);
		else if (!strcmp(o, "--engine"))
			bad = parse_engines(mx, v);
		else if (!strcmp(o, "--procs") && mx->nprocs_filter < 4)
			mx->procs_filter[mx->nprocs_filter++] = atoi(v);
		else if (!strcmp(o, "--jobs"))
			mx->jobs = atoi(v);
		else if (!strcmp(o, "--timeout"))
			mx->timeout = atoi(v);
		else if (!strcmp(o, "--out"))
			mx->out = v;
		else if (!strcmp(o, "--build"))
			mx->build = v;
		else if (!strcmp(o, "--bin"))
			bad = set_bin(mx, argv[i + 1]);
		else if (!strcmp(o, "--scenarios"))
			mx->scendir = v;
		else if (!strcmp(o, "--xfail"))
			mx->xfail = v;
		else if (!strcmp(o, "--mutants"))
			mx->mutants = v;
		else if (!strcmp(o, "--budget"))
			mx->budget = v;
		else if (!strcmp(o, "--repeat"))
			bad = (mx->repeat = atoi(v)) < 1;
		else if (!strcmp(o, "--retry"))
			bad = (mx->retry = atoi(v)) < 0;
		else if (!strcmp(o, "--shard"))
			bad = mx_parse_shard(mx, v);
		else
			bad = 1;
		if (bad) {
			fprintf(stderr, "crossrt matrix: bad option '%s'\n", o);
			return -1;
		}
		i++;
	}
	*first_prog = i;
	return 0;
}

static void defaults(struct matrix *mx)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (!mx->narch)
		for (int a = 0; a < NARCH; a++)
			mx->arches[mx->narch++] = all_arches[a];
	if (!mx->nengine)
		for (int e = 0; e < NENGINE; e++) {
			mx->group[e] = e;
			mx->engines[mx->nengine++] = (enum engine)e;
		}
	/* Repeated runs would write one trace N times: they are not diffed. */
	if (!mx->repeat)
		mx->repeat = 1;
	if (mx->repeat > 1)
		mx->nodiff = true;
	if (mx->jobs <= 0)
		mx->jobs = n > 0 ? (int)n : 1;
	if (!mx->timeout)
		mx->timeout = 300;
	if (!mx->out)
		mx->out = "build/report";
	if (!mx->build)
		mx->build = "build";
	if (!mx->scendir)
		mx->scendir = "tests/scenarios";
	if (!mx->xfail)
		mx->xfail = "tests/xfail";
}

static int mkdirs(const struct matrix *mx)
{
	char p[MX_PATH];
	const char *sub[] = { "", "/runs", "/diffs" };

	for (int i = 0; i < 3; i++) {
		mx_fmt(p, sizeof p, "%s%s", mx->out, sub[i]);
		char *s = p;
		while ((s = strchr(s + 1, '/'))) {
			*s = 0;
			mkdir(p, 0777);
			*s = '/';
		}
		if (mkdir(p, 0777) && errno != EEXIST) {
			fprintf(stderr, "crossrt matrix: %s: %s\n", p, strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int build_jobs(struct matrix *mx)
{
	mx->job = calloc((size_t)mx->nscen * (4 * 9 * (size_t)mx->repeat + 8), sizeof *mx->job);
	if (!mx->job)
		return -1;
	for (int s = 0; s < mx->nscen; s++)
		add_runs(mx, s);
	for (int s = 0; s < mx->nscen; s++)
		add_diffs(mx, s);
	return 0;
}

/* No scenarios named: every NAME.c of the scenarios folder, by name. */
static int all_scenarios(const struct matrix *mx, glob_t *g)
{
	char pat[MX_PATH];

	mx_fmt(pat, sizeof pat, "%s/*.c", mx->scendir);
	if (glob(pat, 0, NULL, g) != 0)
		return -1;
	for (size_t i = 0; i < g->gl_pathc; i++) {
		char *p = g->gl_pathv[i], *slash = strrchr(p, '/');
		char *name = slash ? slash + 1 : p;
		name[strlen(name) - 2] = 0;
		memmove(p, name, strlen(name) + 1);
	}
	return 0;
}

static bool failed(const struct mx_job *j)
{
	return j->verdict == MX_FAIL || j->verdict == MX_XPASS;
}

/* A traced run failed, or a diff that read its trace: across engines on its ISA, across ISAs on its engine. */
static bool cell_failed(const struct matrix *mx, const struct mx_job *r)
{
	for (int i = 0; i < mx->njob; i++) {
		const struct mx_job *j = &mx->job[i];
		bool reads = j->scen == r->scen && ((j->kind == MX_DIFF_ENGINE && j->arch == r->arch) ||
						    (j->kind == MX_DIFF_ARCH && j->engine == r->engine));
		if ((j == r || reads) && failed(j))
			return true;
	}
	return false;
}

/* --prune: the report holds what it shows; only a failure's traces are worth their space. */
static void prune(const struct matrix *mx)
{
	char path[MX_PATH];

	for (int i = 0; i < mx->njob; i++) {
		const struct mx_job *j = &mx->job[i];
		if (j->kind == MX_RUN && j->traced && !cell_failed(mx, j))
			unlink(mx_trace_path(mx, j->scen, j->arch, j->engine, j->procs, path, sizeof path));
	}
}

int mx_report(struct matrix *mx)
{
	char path[MX_PATH];
	int flaky = 0;

	for (int i = 0; i < mx->njob; i++) {
		enum mx_verdict v = mx->job[i].verdict;
		mx->pass += v == MX_PASS || v == MX_XFAIL;
		mx->fail += failed(&mx->job[i]);
		mx->skip += v == MX_SKIPPED;
		flaky += v == MX_PASS && mx->job[i].flaky[0];
	}
	mx_print_summary(mx);
	mx_fmt(path, sizeof path, "%s/results.tsv", mx->out);
	int werr = mx_write_results(mx, path);
	mx_fmt(path, sizeof path, "%s/junit.xml", mx->out);
	werr |= mx_write_junit(mx, path);
	mx_fmt(path, sizeof path, "%s/index.html", mx->out);
	werr |= mx_write_html(mx, path);
	if (mx->prune)
		prune(mx);
	printf("matrix: %d passed, %d failed, %d skipped", mx->pass, mx->fail, mx->skip);
	if (flaky)
		printf(", %d flaky (passed when run again)", flaky);
	printf("\n");
	return mx->fail ? 1 : werr ? 2 : 0;
}

static void free_matrix(struct matrix *mx)
{
	for (int s = 0; s < mx->nscen; s++)
		mx_free_scenario(&mx->scen[s]);
	free(mx->scen);
	free(mx->job);
}

int cmd_matrix(int argc, char **argv)
{
	struct matrix mx = { 0 };
	glob_t g = { 0 };
	int first, status = 2;

	if (parse_opts(&mx, argc, argv, &first))
		return 2;
	defaults(&mx);
	if (first == argc && all_scenarios(&mx, &g)) {
		fprintf(stderr, "crossrt matrix: no scenarios named, and none in %s\n", mx.scendir);
		return 2;
	}
	char **progs = first < argc ? argv + first : g.gl_pathv;
	int nprog = first < argc ? argc - first : (int)g.gl_pathc;
	if (!mx_add_programs(&mx, nprog, progs)) {
		mx_shard(&mx);
		if (!mkdirs(&mx) && !mx_ready(&mx) && !build_jobs(&mx) && !mx_run_jobs(&mx, MX_RUN) &&
		    !mx_run_jobs(&mx, MX_DIFF_ENGINE))
			status = mx_report(&mx);
	}
	free_matrix(&mx);
	globfree(&g);
	return status;
}
