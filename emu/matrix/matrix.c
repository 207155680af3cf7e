/*
 * crossrt matrix: every scenario on every ISA and engine, in parallel, its
 * expected outputs checked, then its traces diffed across engines (per ISA)
 * and across ISAs (per engine) where the program is deterministic (procs=1,
 * no NAME.nodiff).  Verdict rules and file conventions: tests/scenarios/ and
 * tests/xfail, as described in README.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd/cli.h"
#include "core/util.h"
#include "matrix/mx.h"

static const char *const all_arches[] = { "x86_64", "arm64", "riscv64" };

static char *slurp_line(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return NULL;
	if (!fgets(buf, (int)n, f))
		buf[0] = 0;
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return buf;
}

static void load_env(struct mx_scenario *s, const char *path)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof line, f) && s->nenv + 2 <= 32) {
		line[strcspn(line, "\n")] = 0;
		if (!line[0])
			continue;
		s->envopts[s->nenv++] = xstrdup("--env");
		s->envopts[s->nenv++] = xstrdup(line);
	}
	fclose(f);
}

static void load_scenario(const struct matrix *mx, struct mx_scenario *s, const char *name)
{
	char path[MX_PATH], buf[256];

	memset(s, 0, sizeof *s);
	mx_fmt(s->name, sizeof s->name, "%s", name);
	mx_fmt(path, sizeof path, "%s/%s.exit", mx->scendir, name);
	if (slurp_line(path, buf, sizeof buf))
		s->want_exit = atoi(buf);
	mx_fmt(path, sizeof path, "%s/%s.procs", mx->scendir, name);
	if (slurp_line(path, buf, sizeof buf)) {
		for (char *p = strtok(buf, " \t"); p && s->nprocs < 4; p = strtok(NULL, " \t"))
			s->procs[s->nprocs++] = atoi(p);
	}
	if (!s->nprocs)
		s->procs[s->nprocs++] = 1;
	mx_fmt(path, sizeof path, "%s/%s.nodiff", mx->scendir, name);
	s->nodiff = slurp_line(path, s->nodiff_reason, sizeof s->nodiff_reason) != NULL;
	mx_fmt(path, sizeof path, "%s/%s.vtime", mx->scendir, name);
	s->vtime = slurp_line(path, s->vtime_reason, sizeof s->vtime_reason) != NULL;
	mx_fmt(path, sizeof path, "%s/%s.env", mx->scendir, name);
	load_env(s, path);
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

static void add_runs(struct matrix *mx, int s)
{
	const struct mx_scenario *sc = &mx->scen[s];

	for (int p = 0; p < sc->nprocs; p++) {
		if (!procs_selected(mx, sc->procs[p]))
			continue;
		for (int a = 0; a < mx->narch; a++)
			for (int e = 0; e < mx->nengine; e++) {
				if (!mx_engine_applies(mx->arches[a], mx->engines[e]))
					continue;
				struct mx_job *j = new_job(mx, MX_RUN, s, a, e, sc->procs[p]);
				j->traced = sc->procs[p] == 1 && !sc->nodiff &&
					    (!sc->vtime || mx->engines[e] == ENGINE_UNICORN);
				j->preempt = sc->vtime;
				mx_fmt(j->name, sizeof j->name, "run %s %s %s procs=%d", sc->name,
					 mx->arches[a], engine_names[mx->engines[e]], sc->procs[p]);
				mx_fmt(j->base, sizeof j->base, "%s/runs/%s.p%d.%s.%s", mx->out, sc->name,
					 sc->procs[p], mx->arches[a], engine_names[mx->engines[e]]);
			}
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
		n += mx_engine_applies(mx->arches[a], mx->engines[e]);
	return n;
}

/* Raw registers agree across engines, and normalized traces across ISAs, only for one P. */
static void add_diffs(struct matrix *mx, int s)
{
	const struct mx_scenario *sc = &mx->scen[s];
	bool has1 = false;

	for (int p = 0; p < sc->nprocs; p++)
		has1 |= sc->procs[p] == 1 && procs_selected(mx, 1);
	if (!has1)
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
		if (mx->engines[e] == ENGINE_NATIVE)
			continue;
		if (sc->vtime && mx->engines[e] != ENGINE_UNICORN)
			add_skip(mx, s, MX_DIFF_ARCH, e, "ISA diffs under qemu", sc->vtime_reason);
		else
			add_diff(mx, MX_DIFF_ARCH, s, -1, e);
	}
}

static int parse_list(const char *arg, const char *const *known, int nknown, const char **out, int max, int *n)
{
	char buf[256];

	mx_fmt(buf, sizeof buf, "%s", arg);
	for (char *p = strtok(buf, ", "); p; p = strtok(NULL, ", ")) {
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

static int parse_engines(const char *arg, enum engine *out, int max, int *n)
{
	char buf[256];

	mx_fmt(buf, sizeof buf, "%s", arg);
	for (char *p = strtok(buf, ", "); p; p = strtok(NULL, ", ")) {
		int e = engine_parse(p);
		if (e < 0 || *n >= max) {
			fprintf(stderr, "crossrt matrix: unknown or repeated '%s'\n", p);
			return -1;
		}
		out[(*n)++] = (enum engine)e;
	}
	return 0;
}

static int set_bin(struct matrix *mx, char *arg)
{
	char *eq = strchr(arg, '=');
	int a;

	if (!eq)
		return -1;
	*eq = 0;
	for (a = 0; a < 3 && strcmp(all_arches[a], arg); a++)
		;
	if (a == 3)
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
		if (!v)
			bad = 1;
		else if (!strcmp(o, "--arch"))
			bad = parse_list(v, all_arches, 3, mx->arches, MX_MAXARCH, &mx->narch);
		else if (!strcmp(o, "--engine"))
			bad = parse_engines(v, mx->engines, MX_MAXENGINE, &mx->nengine);
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
		for (int a = 0; a < 3; a++)
			mx->arches[mx->narch++] = all_arches[a];
	if (!mx->nengine)
		for (int e = 0; e < NENGINE; e++)
			mx->engines[mx->nengine++] = (enum engine)e;
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

static int build_jobs(struct matrix *mx, int nprog, char **progs)
{
	mx->nscen = nprog;
	mx->scen = calloc((size_t)nprog, sizeof *mx->scen);
	mx->job = calloc((size_t)nprog * (4 * 9 + 8), sizeof *mx->job);
	if (!mx->scen || !mx->job)
		return -1;
	for (int s = 0; s < nprog; s++)
		load_scenario(mx, &mx->scen[s], progs[s]);
	for (int s = 0; s < nprog; s++)
		add_runs(mx, s);
	for (int s = 0; s < nprog; s++)
		add_diffs(mx, s);
	return 0;
}

static void count(struct matrix *mx)
{
	for (int i = 0; i < mx->njob; i++) {
		enum mx_verdict v = mx->job[i].verdict;
		mx->pass += v == MX_PASS || v == MX_XFAIL;
		mx->fail += v == MX_FAIL || v == MX_XPASS;
		mx->skip += v == MX_SKIPPED;
	}
}

static void free_matrix(struct matrix *mx)
{
	for (int s = 0; s < mx->nscen; s++)
		for (int k = 0; k < mx->scen[s].nenv; k++)
			free(mx->scen[s].envopts[k]);
	free(mx->scen);
	free(mx->job);
}

int cmd_matrix(int argc, char **argv)
{
	struct matrix mx = { 0 };
	char path[MX_PATH];
	int first;

	if (parse_opts(&mx, argc, argv, &first))
		return 2;
	defaults(&mx);
	if (first == argc) {
		fprintf(stderr, "crossrt matrix: no scenarios named\n");
		return 2;
	}
	if (mkdirs(&mx) || build_jobs(&mx, argc - first, argv + first)) {
		free_matrix(&mx);
		return 2;
	}
	if (mx_run_jobs(&mx, MX_RUN) || mx_run_jobs(&mx, MX_DIFF_ENGINE)) {
		free_matrix(&mx);
		return 2;
	}
	count(&mx);
	mx_print_summary(&mx);
	mx_fmt(path, sizeof path, "%s/junit.xml", mx.out);
	int werr = mx_write_junit(&mx, path);
	mx_fmt(path, sizeof path, "%s/index.html", mx.out);
	werr |= mx_write_html(&mx, path);
	printf("matrix: %d passed, %d failed, %d skipped\n", mx.pass, mx.fail, mx.skip);
	int status = mx.fail ? 1 : werr ? 2 : 0;
	free_matrix(&mx);
	return status;
}
