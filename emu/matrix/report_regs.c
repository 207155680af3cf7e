/*
 * Registers at chosen probes, per ISA side by side: at the first hit of
 * gogo, gopanic and recovery in each ISA's trace, every role's raw value
 * and its name, and the instruction at pc (Capstone) -- the table the Go
 * articles draw by hand.
 */
#include <stdio.h>
#include <string.h>
#include "core/disasm.h"
#include "matrix/report_regs.h"
#include "trace/trace_window.h"

#define SEARCH 4000	/* the first hit is looked for among this many */

static const char *const chosen[] = { "gogo", "gopanic", "recovery" };

struct isa_col {
	struct trace *t;
	struct disasm d;
	char why[256];		/* why there is no disassembly */
};

static const struct trace_rec *first_hit(const struct trace *t, const char *probe)
{
	for (size_t i = 0; t && i < t->n; i++)
		if (!strcmp(t->recs[i].probe, probe))
			return &t->recs[i];
	return NULL;
}

static void role_cell(FILE *f, const struct trace_rec *r, int role)
{
	if (!r || !(r->role_known & 1u << role)) {
		fputs("<td>-</td>", f);
		return;
	}
	fprintf(f, "<td class=\"m\">0x%llx<br>", (unsigned long long)r->role[role]);
	mx_escape(f, r->norm[role]);
	fputs("</td>", f);
}

static void insn_cell(FILE *f, const struct isa_col *c, const struct trace_rec *r)
{
	char ins[200];

	if (!r || !(r->role_known & 1u << R_PC))
		ins[0] = 0;
	else
		disasm_at(&c->d, r->role[R_PC], ins, sizeof ins);
	if (!ins[0]) {
		fputs("<td title=\"", f);
		mx_escape(f, c->d.ok ? "no instruction at pc" : c->why);
		fputs("\">-</td>", f);
		return;
	}
	fputs("<td class=\"m insn\">", f);
	mx_escape(f, ins);
	fputs("</td>", f);
}

static void probe_table(FILE *f, const struct matrix *mx, int s, int e, const char *probe, struct isa_col *col)
{
	const struct trace_rec *r[MX_MAXARCH];
	bool any = false;

	for (int a = 0; a < mx->narch; a++)
		any |= (r[a] = first_hit(col[a].t, probe)) != NULL;
	if (!any)
		return;
	fprintf(f, "<h3 id=\"s-%s-%s\">Registers at the first %s (%s, procs=1)</h3>\n<table class=\"regs\"><tr><th>role</th>",
		mx->scen[s].name, probe, probe, engine_names[mx->engines[e]]);
	for (int a = 0; a < mx->narch; a++)
		if (r[a])
			fprintf(f, "<th>%s #%llu</th>", mx->arches[a], (unsigned long long)r[a]->seq);
		else
			fprintf(f, "<th>%s (no hit)</th>", mx->arches[a]);
	fputs("</tr>\n", f);
	for (int role = 0; role < NROLES; role++) {
		bool known = false;
		for (int a = 0; a < mx->narch; a++)
			known |= r[a] && (r[a]->role_known & 1u << role);
		if (!known)
			continue;
		fprintf(f, "<tr><th>%s</th>", role_names[role]);
		for (int a = 0; a < mx->narch; a++)
			role_cell(f, r[a], role);
		fputs("</tr>\n", f);
		if (role != R_PC)
			continue;
		fputs("<tr><th>insn</th>", f);
		for (int a = 0; a < mx->narch; a++)
			insn_cell(f, &col[a], r[a]);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

void report_regs(FILE *f, const struct matrix *mx, int s, int e)
{
	struct isa_col col[MX_MAXARCH];
	char path[MX_PATH], err[256];

	for (int a = 0; a < mx->narch; a++) {
		struct isa_col *c = &col[a];
		c->t = trace_read_window(mx_trace_path(mx, s, a, e, 1, path, sizeof path), 0, SEARCH, err, sizeof err);
		mx_prog_path(mx, &mx->scen[s], mx->arches[a], path);
		disasm_open(&c->d, path, arch_byname(mx->arches[a]), c->why, sizeof c->why);
	}
	fputs("<div class=\"flex\">", f);
	for (size_t k = 0; k < sizeof chosen / sizeof chosen[0]; k++) {
		fputs("<div>", f);
		probe_table(f, mx, s, e, chosen[k], col);
		fputs("</div>", f);
	}
	fputs("</div>\n", f);
	for (int a = 0; a < mx->narch; a++) {
		trace_free(col[a].t);
		disasm_close(&col[a].d);
	}
}
