/*
 * The matrix's HTML report: one self-contained page (inline CSS, nothing
 * fetched) with the grid, the failures, the mutant catalogue and, per
 * scenario, its traces (report_scen.c).
 */
#include <stdio.h>
#include <string.h>
#include "matrix/mx.h"
#include "matrix/report_scen.h"

static const char css[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}"
	"h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}"
	"h3{font-size:1em;margin:1em 0 .3em}"
	"table{border-collapse:collapse;margin:.3em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
	"th{background:#f0f0f0}td.c{text-align:center;font-weight:bold}"
	".pass{background:#c8f0c8}.fail{background:#f6b0b0}.xfail{background:#f0e0a0}"
	".xpass{background:#f080f0}.skip{background:#ddd}.none{background:#fafafa}"
	".hl{background:#ffd24d;font-weight:bold}.mono,td.m{font-family:ui-monospace,monospace;font-size:12px}"
	".sum{font-size:1.1em;font-weight:bold}.flex{display:flex;gap:1em;flex-wrap:wrap;align-items:flex-start}"
	".tl td{padding:0 4px;font-family:ui-monospace,monospace;font-size:11px}"
	".sched{display:flex;height:14px;margin:1px 0}.sched span{flex:1;min-width:1px}"
	".lab{font-family:ui-monospace,monospace;font-size:12px;width:4em;display:inline-block}";

static const char *mark_class(char c)
{
	switch (c) {
	case '.': return "pass";
	case 'x': return "xfail";
	case 'X': return "xpass";
	case 's': return "skip";
	case ' ': return "none";
	default: return "fail";
	}
}

static void cell(FILE *f, char c)
{
	fprintf(f, "<td class=\"c %s\">%c</td>", mark_class(c), c == ' ' ? ' ' : c);
}

static void grid_header(FILE *f, const struct matrix *mx)
{
	fputs("<tr><th>scenario</th>", f);
	for (int a = 0; a < mx->narch; a++)
		for (int e = 0; e < mx->nengine; e++)
			if (mx_runs(mx, a, e))
				fprintf(f, "<th>%s<br>%s</th>", mx->arches[a], engine_names[mx->engines[e]]);
	for (int a = 0; a < mx->narch; a++)
		fprintf(f, "<th>engines<br>agree on %s</th>", mx->arches[a]);
	for (int e = 0; e < mx->nengine; e++)
		if (mx->engines[e] != ENGINE_NATIVE)
			fprintf(f, "<th>ISAs agree<br>under %s</th>", engine_names[mx->engines[e]]);
	fputs("</tr>\n", f);
}

static void grid(FILE *f, const struct matrix *mx)
{
	fputs("<table>", f);
	grid_header(f, mx);
	for (int s = 0; s < mx->nscen; s++) {
		fprintf(f, "<tr><td><a href=\"#s-%s\">%s</a></td>", mx->scen[s].name, mx->scen[s].name);
		for (int a = 0; a < mx->narch; a++)
			for (int e = 0; e < mx->nengine; e++)
				if (mx_runs(mx, a, e))
					cell(f, mx_cell(mx, s, MX_RUN, a, e));
		for (int a = 0; a < mx->narch; a++)
			cell(f, mx_cell(mx, s, MX_DIFF_ENGINE, a, -1));
		for (int e = 0; e < mx->nengine; e++)
			if (mx->engines[e] != ENGINE_NATIVE)
				cell(f, mx_cell(mx, s, MX_DIFF_ARCH, -1, e));
		fputs("</tr>\n", f);
	}
	fputs("</table><p>. pass &nbsp; x expected failure (tests/xfail) &nbsp; F run failed &nbsp; "
	      "D traces differ &nbsp; X unexpected pass &nbsp; s traces not diffed (NAME.nodiff, NAME.vtime)</p>\n", f);
}

static void failures(FILE *f, const struct matrix *mx)
{
	fputs("<h2>Failures</h2>\n", f);
	if (!mx->fail) {
		fputs("<p>none</p>\n", f);
		return;
	}
	fputs("<table><tr><th>check</th><th>detail</th><th>log</th></tr>\n", f);
	for (int i = 0; i < mx->njob; i++) {
		const struct mx_job *j = &mx->job[i];
		if (j->verdict != MX_FAIL && j->verdict != MX_XPASS)
			continue;
		fputs("<tr><td>", f);
		mx_escape(f, j->name);
		fputs("</td><td class=\"m\">", f);
		mx_escape(f, j->verdict == MX_XPASS ? "unexpected pass" : j->detail);
		fputs("</td><td class=\"m\">", f);
		mx_escape(f, j->log);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* The mutant results file: tab-separated name arch file broken expected result caught-by. */
static void mutants(FILE *f, const struct matrix *mx)
{
	static const char *const cols[] = { "mutant", "arch", "file", "what is broken", "expected", "result", "caught by" };
	char line[2048];
	FILE *in;

	if (!mx->mutants || !(in = fopen(mx->mutants, "r")))
		return;
	fputs("<h2 id=\"mutants\">Mutant catalogue</h2>\n<p>Deliberately broken backends "
	      "(tests/mutants/catalogue); each must be caught.</p>\n<table><tr>", f);
	for (int k = 0; k < 7; k++)
		fprintf(f, "<th>%s</th>", cols[k]);
	fputs("</tr>\n", f);
	while (fgets(line, sizeof line, in)) {
		line[strcspn(line, "\n")] = 0;
		bool caught = strstr(line, "\tcaught\t") != NULL;
		fprintf(f, "<tr class=\"%s\">", caught ? "pass" : "fail");
		int k = 0;
		for (char *p = line, *t; k < 7 && p; p = t, k++) {
			t = strchr(p, '\t');
			if (t)
				*t++ = 0;
			fputs("<td class=\"m\">", f);
			mx_escape(f, p);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fclose(in);
	fputs("</table>\n", f);
}

int mx_write_html(const struct matrix *mx, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>crossrt matrix</title>"
		"<style>%s</style></head><body>\n<h1>crossrt matrix</h1>\n"
		"<p class=\"sum\">matrix: %d passed, %d failed, %d skipped</p>\n", css, mx->pass, mx->fail, mx->skip);
	grid(f, mx);
	failures(f, mx);
	mutants(f, mx);
	for (int s = 0; s < mx->nscen; s++)
		report_scenario(f, mx, s);
	fputs("</body></html>\n", f);
	return fclose(f) ? -1 : 0;
}
