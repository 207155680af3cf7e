/*
 * One scenario in the HTML report: the probe timeline per ISA side by side,
 * the register table at each first divergence with the diverging field
 * highlighted; the scheduler timeline per M (report_timeline.c) and the
 * registers at chosen probes (report_regs.c).  Traces are read in windows:
 * they can be large.
 */
#include <stdio.h>
#include <string.h>
#include "matrix/report_regs.h"
#include "matrix/report_scen.h"
#include "matrix/report_timeline.h"
#include "trace/trace_window.h"

#define TIMELINE 300

static struct trace *load(const struct matrix *mx, int s, int a, int e, int procs, size_t from, size_t n)
{
	char path[MX_PATH], err[256];

	return trace_read_window(mx_trace_path(mx, s, a, e, procs, path, sizeof path), from, n, err, sizeof err);
}

static int timeline_engine(const struct matrix *mx)
{
	int e = mx_find_engine(mx, ENGINE_UNICORN);

	if (e < 0)
		e = mx_find_engine(mx, ENGINE_QEMU);
	return e < 0 ? 0 : e;
}

static const struct mx_job *arch_diff(const struct matrix *mx, int s, int e)
{
	for (int i = 0; i < mx->njob; i++) {
		const struct mx_job *j = &mx->job[i];
		if (j->scen == s && j->kind == MX_DIFF_ARCH && j->engine == e)
			return j;
	}
	return NULL;
}

static void timeline_row(FILE *f, struct trace **t, int n, size_t i, size_t from, long first)
{
	fprintf(f, "<tr%s><td>%zu</td>", (long)(from + i) == first ? " class=\"hl\"" : "", from + i);
	for (int k = 0; k < n; k++) {
		if (!t[k] || i >= t[k]->n) {
			fputs("<td></td><td></td><td></td>", f);
			continue;
		}
		const struct trace_rec *r = &t[k]->recs[i];
		bool odd = t[0] && i < t[0]->n && strcmp(r->probe, t[0]->recs[i].probe);
		fprintf(f, "<td%s>%s</td><td>m%lld</td><td>g%lld</td>", odd ? " class=\"hl\"" : "", r->probe,
			(long long)r->m, (long long)r->g);
	}
	fputs("</tr>\n", f);
}

static void timeline(FILE *f, const struct matrix *mx, int s)
{
	int e = timeline_engine(mx);
	const struct mx_job *d = arch_diff(mx, s, e);
	long first = d ? d->first : -1;
	size_t from = first >= TIMELINE ? (size_t)first - 20 : 0, max = 0;
	struct trace *t[MX_MAXARCH] = { 0 };

	for (int a = 0; a < mx->narch; a++)
		if ((t[a] = load(mx, s, a, e, 1, from, TIMELINE)) && t[a]->n > max)
			max = t[a]->n;
	fprintf(f, "<h3>Probe timeline per ISA (%s, procs=1, from #%zu%s)</h3>\n", engine_names[mx->engines[e]], from,
		first >= 0 ? "; first divergence highlighted" : "");
	fputs("<table class=\"tl\"><tr><th>#</th>", f);
	for (int a = 0; a < mx->narch; a++)
		fprintf(f, "<th colspan=3>%s</th>", mx->arches[a]);
	fputs("</tr>\n", f);
	for (size_t i = 0; i < max; i++)
		timeline_row(f, t, mx->narch, i, from, first);
	fputs("</table>\n", f);
	for (int a = 0; a < mx->narch; a++)
		trace_free(t[a]);
}

static bool field_is(const char *field, const char *kind, const char *name)
{
	size_t n = strlen(kind);

	return !strncmp(field, kind, n) && !strcmp(field + n, name);
}

static void reg_row(FILE *f, const char *name, bool hl, struct trace **t, int n, int role, int reg)
{
	fprintf(f, "<tr%s><th>%s</th>", hl ? " class=\"hl\"" : "", name);
	for (int k = 0; k < n; k++) {
		const struct trace_rec *r = t[k] && t[k]->n ? &t[k]->recs[0] : NULL;
		if (!r)
			fputs("<td></td>", f);
		else if (role >= 0 && (r->role_known & (1u << role)))
			fprintf(f, "<td class=\"m\">0x%llx<br>%s</td>", (unsigned long long)r->role[role], r->norm[role]);
		else if (reg >= 0 && reg < r->nregs)
			fprintf(f, "<td class=\"m\">0x%llx</td>", (unsigned long long)r->regs[reg]);
		else
			fputs("<td>-</td>", f);
	}
	fputs("</tr>\n", f);
}

static void ident_rows(FILE *f, const char *field, struct trace **t, int n)
{
	const char *names[] = { "probe", "M", "goroutine", "facts" };

	for (int w = 0; w < 4; w++) {
		fprintf(f, "<tr%s><th>%s</th>", !strcmp(field, names[w]) ? " class=\"hl\"" : "", names[w]);
		for (int k = 0; k < n; k++) {
			const struct trace_rec *r = t[k] && t[k]->n ? &t[k]->recs[0] : NULL;
			if (!r)
				fputs("<td>(ended)</td>", f);
			else if (w == 0)
				fprintf(f, "<td>%s</td>", r->probe);
			else if (w == 3)
				fprintf(f, "<td class=\"m\">%s</td>", r->facts[0] ? r->facts : "-");
			else
				fprintf(f, "<td>%lld</td>", (long long)(w == 1 ? r->m : r->g));
		}
		fputs("</tr>\n", f);
	}
}

static void divergence(FILE *f, const struct matrix *mx, const struct mx_job *j)
{
	struct trace *t[MX_MAXARCH + MX_MAXENGINE] = { 0 };
	const char *lab[MX_MAXARCH + MX_MAXENGINE];
	int n = 0;
	bool eng = j->kind == MX_DIFF_ENGINE;

	for (int k = 0; k < (eng ? mx->nengine : mx->narch); k++) {
		if (eng && !mx_runs(mx, j->arch, k))
			continue;
		lab[n] = eng ? engine_names[mx->engines[k]] : mx->arches[k];
		t[n++] = load(mx, j->scen, eng ? j->arch : k, eng ? k : j->engine, 1, (size_t)j->first, 1);
	}
	fputs("<h3>", f);
	mx_escape(f, j->name);
	fprintf(f, ": first divergence at #%ld (%s), %s</h3>\n<table><tr><th></th>", j->first, j->probe, j->field);
	for (int k = 0; k < n; k++)
		fprintf(f, "<th>%s</th>", lab[k]);
	fputs("</tr>\n", f);
	ident_rows(f, j->field, t, n);
	for (int r = 0; r < NROLES; r++)
		reg_row(f, role_names[r], field_is(j->field, "role ", role_names[r]), t, n, r, -1);
	const struct archdesc *a = eng && t[0] ? t[0]->arch : NULL;
	for (int i = 0; a && i < a->nregs; i++)
		reg_row(f, a->regnames[i], field_is(j->field, "register ", a->regnames[i]), t, n, -1, i);
	fputs("</table>\n", f);
	for (int k = 0; k < n; k++)
		trace_free(t[k]);
}

void report_scenario(FILE *f, const struct matrix *mx, int s)
{
	const struct mx_scenario *sc = &mx->scen[s];

	fprintf(f, "<section id=\"s-%s\"><h2>%s <a class=\"all\" href=\"#\">the whole report</a></h2>\n",
		sc->name, sc->name);
	if (sc->nodiff)
		fprintf(f, "<p>Traces not diffed: %s</p>\n", sc->nodiff_reason);
	for (int i = 0; i < mx->njob; i++) {
		const struct mx_job *j = &mx->job[i];
		if (j->scen == s && j->kind != MX_RUN && j->kind != MX_SKIP && j->first >= 0)
			divergence(f, mx, j);
	}
	bool has1 = false;
	for (int p = 0; p < sc->nprocs; p++)
		has1 |= sc->procs[p] == 1;
	if (has1 && !sc->nodiff) {
		report_timeline(f, mx, s, timeline_engine(mx));
		report_regs(f, mx, s, timeline_engine(mx));
		timeline(f, mx, s);
	}
	fputs("</section>\n", f);
}
