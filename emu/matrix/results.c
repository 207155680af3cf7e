/*
 * results.tsv: the matrix's verdicts in a form it can read back, so that
 * `crossrt report --merge` can join the shards of one matrix.  Tab-separated
 * lines, the first field saying what the line is; in text fields a
 * backslash, tab or newline is written \\, \t, \n.
 *	crossrt-matrix-results	1
 *	arches	A...		engines	NAME/GROUP...		shard	I	N (0 0: whole)
 *	mutants	PATH		scenario	INDEX NAME PROCS NODIFF REASON VTIME REASON
 *	job	KIND SKIPS SCENARIO ARCH ENGINE PROCS SEED VERDICT TRIES CODE FIRST TRACED PREEMPT
 *		NAME PROBE FIELD REASON FLAKY BASE LOG DETAIL
 * A job's SCENARIO is the scenario's INDEX, ARCH and ENGINE indices into the
 * arches and engines lines (-1: none).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/util.h"
#include "matrix/mx.h"

#define MAXFIELD 24

static const char *const kinds[] = { "run", "diff-engine", "diff-arch", "skip" };
static const char *const verdicts[] = { "pending", "pass", "fail", "xfail", "xpass", "skipped" };

static void put(FILE *f, const char *s)
{
	fputc('\t', f);
	for (; *s; s++)
		switch (*s) {
		case '\\': fputs("\\\\", f); break;
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		default: fputc(*s, f);
		}
}

static void put_scenario(FILE *f, const struct mx_scenario *sc)
{
	fprintf(f, "scenario\t%d", sc->index);
	put(f, sc->name);
	fputc('\t', f);
	for (int p = 0; p < sc->nprocs; p++)
		fprintf(f, "%s%d", p ? " " : "", sc->procs[p]);
	fprintf(f, "\t%d", sc->nodiff);
	put(f, sc->nodiff_reason);
	fprintf(f, "\t%d", sc->vtime);
	put(f, sc->vtime_reason);
	fputc('\n', f);
}

static void put_job(FILE *f, const struct matrix *mx, const struct mx_job *j)
{
	fprintf(f, "job\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%d\t%d\t%ld\t%d\t%d", kinds[j->kind], kinds[j->skips],
		mx->scen[j->scen].index, j->arch, j->engine, j->procs, j->seed, verdicts[j->verdict], j->tries,
		j->code, j->first, j->traced, j->preempt);
	const char *text[] = { j->name, j->probe, j->field, j->reason, j->flaky, j->base, j->log, j->detail };
	for (size_t k = 0; k < sizeof text / sizeof *text; k++)
		put(f, text[k]);
	fputc('\n', f);
}

int mx_write_results(const struct matrix *mx, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		return -1;
	}
	fputs("crossrt-matrix-results\t1\narches", f);
	for (int a = 0; a < mx->narch; a++)
		fprintf(f, "\t%s", mx->arches[a]);
	fputs("\nengines", f);
	for (int e = 0; e < mx->nengine; e++)
		fprintf(f, "\t%s/%d", engine_names[mx->engines[e]], mx->group[e]);
	fprintf(f, "\nshard\t%d\t%d\nmutants", mx->shard, mx->nshard);
	put(f, mx->mutants ? mx->mutants : "");
	fputc('\n', f);
	for (int s = 0; s < mx->nscen; s++)
		put_scenario(f, &mx->scen[s]);
	for (int i = 0; i < mx->njob; i++)
		put_job(f, mx, &mx->job[i]);
	return fclose(f) ? -1 : 0;
}

/* Split line at tabs into v, undoing the escapes; returns the number of fields. */
static int split(char *line, char **v)
{
	int n = 0;
	char *w = line;

	line[strcspn(line, "\n")] = 0;
	v[n++] = w;
	for (char *r = line; *r; r++) {
		if (*r == '\t' && n < MAXFIELD) {
			*w++ = 0;
			v[n++] = w;
		} else if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
		} else {
			*w++ = *r;
		}
	}
	*w = 0;
	return n;
}

static int word(const char *const *words, int n, const char *s)
{
	for (int k = 0; k < n; k++)
		if (!strcmp(words[k], s))
			return k;
	return -1;
}

/* arches and engines: set from the first file, the same in every other. */
static int header(struct matrix *mx, char **v, int n, bool first, char *err, size_t errlen)
{
	bool arches = !strcmp(v[0], "arches");
	int count = arches ? mx->narch : mx->nengine;

	if (!first && count != n - 1) {
		mx_fmt(err, errlen, "the %s are not those of the other results", v[0]);
		return -1;
	}
	for (int k = 1; k < n; k++) {
		char *slash = arches ? NULL : strchr(v[k], '/');
		const struct archdesc *a = arches ? arch_byname(v[k]) : NULL;
		int e = slash ? (*slash = 0, engine_parse(v[k])) : -1;
		if ((arches && !a) || (!arches && e < 0) || k > (arches ? MX_MAXARCH : MX_MAXENGINE)) {
			mx_fmt(err, errlen, "unknown or too many %s: %s", v[0], v[k]);
			return -1;
		}
		bool same = arches ? (first || !strcmp(mx->arches[k - 1], a->name))
				   : (first || (mx->engines[k - 1] == (enum engine)e && mx->group[k - 1] == atoi(slash + 1)));
		if (!same) {
			mx_fmt(err, errlen, "the %s are not those of the other results", v[0]);
			return -1;
		}
		if (first && arches)
			mx->arches[mx->narch++] = a->name;
		else if (first) {
			mx->group[mx->nengine] = atoi(slash + 1);
			mx->engines[mx->nengine++] = (enum engine)e;
		}
	}
	return 0;
}

static int scenario(struct matrix *mx, char **v, int n, const char *dir)
{
	struct mx_scenario *sc;

	if (n != 8)
		return -1;
	mx->scen = xreallocarray(mx->scen, (size_t)mx->nscen + 1, sizeof *mx->scen);
	sc = &mx->scen[mx->nscen++];
	memset(sc, 0, sizeof *sc);
	sc->index = atoi(v[1]);
	mx_fmt(sc->name, sizeof sc->name, "%s", v[2]);
	for (char *p = strtok(v[3], " "); p && sc->nprocs < 4; p = strtok(NULL, " "))
		sc->procs[sc->nprocs++] = atoi(p);
	sc->nodiff = atoi(v[4]);
	mx_fmt(sc->nodiff_reason, sizeof sc->nodiff_reason, "%s", v[5]);
	sc->vtime = atoi(v[6]);
	mx_fmt(sc->vtime_reason, sizeof sc->vtime_reason, "%s", v[7]);
	sc->out = xstrdup(dir);
	return 0;
}

static int job(struct matrix *mx, char **v, int n)
{
	struct mx_job *j;
	int kind = n == 22 ? word(kinds, 4, v[1]) : -1, skips = n == 22 ? word(kinds, 4, v[2]) : -1;
	int verdict = n == 22 ? word(verdicts, 6, v[8]) : -1;

	if (kind < 0 || skips < 0 || verdict < 0)
		return -1;
	mx->job = xreallocarray(mx->job, (size_t)mx->njob + 1, sizeof *mx->job);
	j = &mx->job[mx->njob++];
	memset(j, 0, sizeof *j);
	j->kind = (enum mx_kind)kind;
	j->skips = (enum mx_kind)skips;
	j->scen = atoi(v[3]);	/* the scenario's index until report --merge places it */
	j->arch = atoi(v[4]);
	j->engine = atoi(v[5]);
	j->procs = atoi(v[6]);
	j->seed = atoi(v[7]);
	j->verdict = (enum mx_verdict)verdict;
	j->tries = atoi(v[9]);
	j->code = atoi(v[10]);
	j->first = atol(v[11]);
	j->traced = atoi(v[12]);
	j->preempt = atoi(v[13]);
	char *text[] = { j->name, j->probe, j->field, j->reason, j->flaky, j->base, j->log, j->detail };
	size_t size[] = { sizeof j->name, sizeof j->probe, sizeof j->field, sizeof j->reason,
			  sizeof j->flaky, sizeof j->base, sizeof j->log, sizeof j->detail };
	for (int k = 0; k < 8; k++)
		mx_fmt(text[k], size[k], "%s", v[14 + k]);
	return j->arch >= mx->narch || j->engine >= mx->nengine ? -1 : 0;
}

static int line(struct matrix *mx, char **v, int n, const char *dir, bool first, char *err, size_t errlen)
{
	if (!strcmp(v[0], "arches") || !strcmp(v[0], "engines"))
		return header(mx, v, n, first, err, errlen);
	if (!strcmp(v[0], "shard") && n == 3) {
		mx->shard = atoi(v[1]);
		mx->nshard = atoi(v[2]);
		return 0;
	}
	if (!strcmp(v[0], "mutants")) {
		if (first && n == 2 && v[1][0])
			mx->mutants = xstrdup(v[1]);
		return 0;
	}
	if (!strcmp(v[0], "scenario") ? scenario(mx, v, n, dir) : !strcmp(v[0], "job") ? job(mx, v, n) : -1) {
		mx_fmt(err, errlen, "not a line of matrix results");
		return -1;
	}
	return 0;
}

int mx_read_results(struct matrix *mx, const char *path, const char *dir, char *err, size_t errlen)
{
	static char buf[16384];
	char *v[MAXFIELD];
	bool first = mx->narch == 0;
	int rc = 0, no = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		mx_fmt(err, errlen, "%s: cannot read (not a matrix's --out folder?)", path);
		return -1;
	}
	if (!fgets(buf, sizeof buf, f) || strcmp(buf, "crossrt-matrix-results\t1\n"))
		rc = -1, mx_fmt(err, errlen, "not matrix results of this version");
	for (no = 2; !rc && fgets(buf, sizeof buf, f); no++)
		rc = line(mx, v, split(buf, v), dir, first, err, errlen);
	if (rc) {
		char why[256];
		mx_fmt(why, sizeof why, "%s", err);
		mx_fmt(err, errlen, "%s:%d: %s", path, rc && no > 2 ? no - 1 : 1, why);
	}
	fclose(f);
	return rc;
}
