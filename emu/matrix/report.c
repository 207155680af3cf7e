/*
 * The matrix's HTML report: one self-contained page (inline CSS and
 * script, nothing fetched) with the grid, the failures, the mutant
 * catalogue and, per scenario, its traces (report_scen.c).  Each part is a
 * section with an id; a link to one (index.html#s-ex1) shows that section
 * alone, from the top of the page, by CSS (:target): nothing waits for the
 * script, and no scroll position matters to a screenshot of it.
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
	"body:has(:target)>:not(:target):not(:has(:target)){display:none}"
	"a.all{display:none;font-size:.7em;font-weight:normal;margin-left:1em}section:target a.all{display:inline}"
	"svg.tl{width:100%;max-width:1400px;display:block;user-select:none}svg.tl text{font:11px ui-monospace,monospace}"
	"svg.tl .axis line{stroke:#444}svg.tl .axtitle{text-anchor:end}svg.tl .ticks text{text-anchor:middle}"
	".mk.panic{fill:#d00}.mk.park{fill:#06c}.mk.steal{fill:#090}.mk.recover{fill:#e80}"
	".legend{font-size:12px;display:flex;flex-wrap:wrap;gap:.2em 1em;align-items:center;margin:.3em 0}"
	".legend .sw{display:inline-block;width:12px;height:12px;margin-right:3px;vertical-align:-2px}"
	".legend svg{margin-right:3px}.zoom button{font-size:11px;padding:0 .5em;margin-right:2px}"
	"table.regs td{vertical-align:top}td.insn{background:#eef4ff}";

/*
 * Zoom for the scheduler timelines (report_timeline.c): every bar and mark
 * carries its times (data-a, data-b), the svg its whole span (data-t0,
 * data-t1) and the one shown (data-x0, data-x1); draw() places them again
 * and redraws the axis with report_timeline.c's tick rule.
 */
static const char script[] =
	"(function(){var NS='http://www.w3.org/2000/svg';"
	"function step(span){var raw=Math.floor(span/8),m=1;while(m*10<=raw)m*=10;"
	"return raw<2*m?m:raw<5*m?2*m:5*m;}"
	"function draw(s,x0,x1){var d=s.dataset,L=+d.l,R=+d.r,k=(R-L)/(x1-x0);d.x0=x0;d.x1=x1;"
	"function X(t){return L+(t-x0)*k;}"
	"s.querySelectorAll('[data-a]').forEach(function(e){var a=+e.dataset.a;"
	"if(e.dataset.b===undefined){e.style.display=a<x0||a>x1?'none':'';e.setAttribute('transform','translate('+X(a)+',0)');return;}"
	"var xa=Math.max(L,X(a)),xb=Math.min(R,X(+e.dataset.b));e.setAttribute('x',xa);e.setAttribute('width',Math.max(0,xb-xa));});"
	"var g=s.querySelector('.ticks'),y=+s.querySelector('.axis line').getAttribute('y1'),st=step(x1-x0);g.textContent='';"
	"for(var v=Math.ceil(x0/st)*st;v<=x1;v+=st){var l=document.createElementNS(NS,'line'),t=document.createElementNS(NS,'text');"
	"l.setAttribute('x1',X(v));l.setAttribute('x2',X(v));l.setAttribute('y1',y);l.setAttribute('y2',y+5);"
	"t.setAttribute('x',X(v));t.setAttribute('y',y+17);t.textContent=v;g.appendChild(l);g.appendChild(t);}}"
	"function zoom(s,f,at){var d=s.dataset,x0=+d.x0,x1=+d.x1,t0=+d.t0,t1=+d.t1;"
	"if(!f){draw(s,t0,t1);return;}var c=at===undefined?(x0+x1)/2:at,w=Math.max(8,(x1-x0)*f);"
	"var a=Math.max(t0,c-(c-x0)*w/(x1-x0)),b=Math.min(t1,a+w);draw(s,Math.round(Math.max(t0,b-w)),Math.round(b));}"
	"function time(s,ev){var r=s.getBoundingClientRect(),d=s.dataset,vb=s.viewBox.baseVal;"
	"var px=(ev.clientX-r.left)*vb.width/r.width;return +d.x0+(px-d.l)*(d.x1-d.x0)/(d.r-d.l);}"
	"document.querySelectorAll('svg.tl').forEach(function(s){var drag=null;"
	"s.addEventListener('wheel',function(ev){ev.preventDefault();zoom(s,ev.deltaY<0?0.8:1.25,time(s,ev));});"
	"s.addEventListener('dblclick',function(){zoom(s,0);});"
	"s.addEventListener('mousedown',function(ev){drag={t:time(s,ev),x0:+s.dataset.x0,x1:+s.dataset.x1};});"
	"window.addEventListener('mouseup',function(){drag=null;});"
	"s.addEventListener('mousemove',function(ev){if(!drag)return;var d=s.dataset,dt=drag.t-time(s,ev),w=drag.x1-drag.x0;"
	"var a=Math.min(Math.max(+d.t0,drag.x0+dt),+d.t1-w);draw(s,Math.round(a),Math.round(a+w));drag.t=time(s,ev)+dt;});"
	"var b=s.previousElementSibling;if(b)b.querySelectorAll('button').forEach(function(x){"
	"x.addEventListener('click',function(){zoom(s,+x.dataset.z);});});});})();";

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
	fputs("<section id=\"grid\"><table>", f);
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
	      "D traces differ &nbsp; X unexpected pass &nbsp; s traces not diffed (NAME.nodiff, NAME.vtime)</p></section>\n", f);
}

static void failures(FILE *f, const struct matrix *mx)
{
	fputs("<section id=\"failures\"><h2>Failures</h2>\n", f);
	if (!mx->fail) {
		fputs("<p>none</p></section>\n", f);
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
	fputs("</table></section>\n", f);
}

/* The mutant results file: tab-separated name arch file broken expected result caught-by. */
static void mutants(FILE *f, const struct matrix *mx)
{
	static const char *const cols[] = { "mutant", "arch", "file", "what is broken", "expected", "result", "caught by" };
	char line[2048];
	FILE *in;

	if (!mx->mutants || !(in = fopen(mx->mutants, "r")))
		return;
	fputs("<section id=\"mutants\"><h2>Mutant catalogue</h2>\n<p>Deliberately broken backends "
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
	fputs("</table></section>\n", f);
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
	fprintf(f, "<script>%s</script>\n</body></html>\n", script);
	return fclose(f) ? -1 : 0;
}
