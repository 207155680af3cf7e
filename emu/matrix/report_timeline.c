/*
 * The scheduler timeline of a scenario: inline SVG, a lane per M with a bar
 * per goroutine run (trace/runs.h) coloured by goroutine, marks at the
 * panics, parks, steals and recoveries, a time axis (instructions retired
 * where the trace counts them, else probe hits) and a legend.  It is drawn
 * whole here; report.c's script only redraws it zoomed (wheel, drag,
 * double click), from the data-a/data-b times each element carries.
 */
#include <stdio.h>
#include <string.h>
#include "matrix/report_timeline.h"
#include "trace/runs.h"
#include "trace/trace_window.h"

#define SCHED 2000	/* hits drawn */
#define WIDTH 1000
#define LEFT 60
#define RIGHT 990
#define LANE 28
#define LEGEND_G 16	/* goroutines named in the legend */

struct tl {
	FILE *f;
	const struct trace *t;
	bool insns;
	uint64_t t0, t1;
	int64_t ms[RUNS_MAXM];
	int nm;
};

static double xpos(const struct tl *x, uint64_t t)
{
	return LEFT + (double)(t - x->t0) * (RIGHT - LEFT) / (double)(x->t1 - x->t0);
}

static int lane_of(const struct tl *x, int64_t m)
{
	for (int k = 0; k < x->nm; k++)
		if (x->ms[k] == m)
			return k;
	return 0;
}

static void g_colour(char *buf, size_t n, int64_t g)
{
	if (g == 0)
		snprintf(buf, n, "#555");
	else
		snprintf(buf, n, "hsl(%lld,65%%,55%%)", (long long)((g * 67) % 360));
}

static void bar(const struct grun *u, void *arg)
{
	const struct tl *x = arg;
	const struct trace *t = x->t;
	uint64_t a = rec_time(&t->recs[u->first], x->insns);
	uint64_t b = u->next < t->n ? rec_time(&t->recs[u->next], x->insns) : x->t1;
	char col[32];

	g_colour(col, sizeof col, u->g);
	fprintf(x->f, "<rect data-a=\"%llu\" data-b=\"%llu\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\">"
		"<title>%s%lld on m#%lld: #%llu %s .. #%llu %s, %zu hits</title></rect>\n",
		(unsigned long long)a, (unsigned long long)b, xpos(x, a), 4 + lane_of(x, u->m) * LANE,
		xpos(x, b) - xpos(x, a), col, u->g ? "g#" : "g", (long long)u->g, (long long)u->m,
		(unsigned long long)t->recs[u->first].seq, t->recs[u->first].probe,
		(unsigned long long)t->recs[u->last].seq, t->recs[u->last].probe, u->hits);
}

/* The marks: a triangle under the lane pointing at the hit. */
static const char *mark_of(const char *probe)
{
	static const char *const map[][2] = {
		{ "gopanic", "panic" }, { "sigpanic", "panic" }, { "fatalpanic", "panic" }, { "fatalthrow", "panic" },
		{ "gopark", "park" }, { "runqsteal", "steal" }, { "recovery", "recover" },
	};

	for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
		if (!strcmp(probe, map[k][0]))
			return map[k][1];
	return NULL;
}

static void marks(const struct tl *x)
{
	for (size_t i = 0; i < x->t->n; i++) {
		const struct trace_rec *r = &x->t->recs[i];
		const char *m = mark_of(r->probe);
		uint64_t at = rec_time(r, x->insns);
		if (!m)
			continue;
		fprintf(x->f, "<path class=\"mk %s\" data-a=\"%llu\" transform=\"translate(%.1f,0)\" d=\"M0,%d l-4,7 h8 z\">"
			"<title>#%llu %s g#%lld</title></path>\n", m, (unsigned long long)at, xpos(x, at),
			21 + lane_of(x, r->m) * LANE, (unsigned long long)r->seq, r->probe, (long long)r->g);
	}
}

/* The tick step: 1, 2 or 5 times a power of ten, about eight ticks (report.c's script does the same). */
static uint64_t tick_step(uint64_t span)
{
	uint64_t raw = span / 8, mag = 1;

	while (mag * 10 <= raw)
		mag *= 10;
	if (raw < 2 * mag)
		return mag;
	return raw < 5 * mag ? 2 * mag : 5 * mag;
}

static void axis(const struct tl *x)
{
	int y = 4 + x->nm * LANE;
	uint64_t step = tick_step(x->t1 - x->t0);

	fprintf(x->f, "<g class=\"axis\"><line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/><g class=\"ticks\">", LEFT, RIGHT, y, y);
	for (uint64_t v = (x->t0 + step - 1) / step * step; v <= x->t1; v += step)
		fprintf(x->f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\">%llu</text>",
			xpos(x, v), xpos(x, v), y, y + 5, xpos(x, v), y + 17, (unsigned long long)v);
	fprintf(x->f, "</g><text class=\"axtitle\" x=\"%d\" y=\"%d\">%s</text></g>\n", RIGHT, y + 32,
		x->insns ? "instructions retired (all threads)" : "probe hit (sequence number)");
}

static void legend(const struct tl *x)
{
	int64_t gs[LEGEND_G];
	int ng = 0, more = 0;
	char col[32];

	for (size_t i = 0; i < x->t->n; i++) {
		int64_t g = x->t->recs[i].g;
		int k = 0;
		while (k < ng && gs[k] != g)
			k++;
		if (k < ng || g < 0)
			continue;
		if (ng < LEGEND_G)
			gs[ng++] = g;
		else
			more++;
	}
	fputs("<div class=\"legend\">", x->f);
	for (int k = 0; k < ng; k++) {
		g_colour(col, sizeof col, gs[k]);
		fprintf(x->f, "<span><i class=\"sw\" style=\"background:%s\"></i>%s%lld</span>", col,
			gs[k] ? "g#" : "g", (long long)gs[k]);
	}
	if (more)
		fprintf(x->f, "<span>and %d more</span>", more);
	fputs("<span><svg width=\"10\" height=\"8\"><path class=\"mk panic\" d=\"M5,0 l-4,7 h8 z\"/></svg>panic</span>"
	      "<span><svg width=\"10\" height=\"8\"><path class=\"mk park\" d=\"M5,0 l-4,7 h8 z\"/></svg>park</span>"
	      "<span><svg width=\"10\" height=\"8\"><path class=\"mk steal\" d=\"M5,0 l-4,7 h8 z\"/></svg>steal</span>"
	      "<span><svg width=\"10\" height=\"8\"><path class=\"mk recover\" d=\"M5,0 l-4,7 h8 z\"/></svg>recovery</span>"
	      "<span class=\"zoom\"><button data-z=\"0.5\">+</button><button data-z=\"2\">&minus;</button>"
	      "<button data-z=\"0\">whole</button> or wheel, drag, double click</span></div>\n", x->f);
}

static void draw(struct tl *x, const char *what)
{
	int h = 4 + x->nm * LANE + 40;

	fprintf(x->f, "<h3>Scheduler timeline per M (%s, first %zu hits)</h3>\n", what, x->t->n);
	legend(x);
	fprintf(x->f, "<svg class=\"tl\" viewBox=\"0 0 %d %d\" data-t0=\"%llu\" data-t1=\"%llu\" data-x0=\"%llu\" "
		"data-x1=\"%llu\" data-l=\"%d\" data-r=\"%d\">\n", WIDTH, h, (unsigned long long)x->t0,
		(unsigned long long)x->t1, (unsigned long long)x->t0, (unsigned long long)x->t1, LEFT, RIGHT);
	for (int k = 0; k < x->nm; k++)
		if (x->ms[k] >= 0)
			fprintf(x->f, "<text class=\"lab\" x=\"4\" y=\"%d\">m#%lld</text>\n", 16 + k * LANE,
				(long long)x->ms[k]);
		else
			fprintf(x->f, "<text class=\"lab\" x=\"4\" y=\"%d\">m?</text>\n", 16 + k * LANE);
	trace_runs(x->t, bar, x);
	marks(x);
	axis(x);
	fputs("</svg>\n", x->f);
}

void report_timeline(FILE *f, const struct matrix *mx, int s, int e)
{
	char path[MX_PATH], err[256], what[128];
	struct tl x = { .f = f };
	struct trace *t = trace_read_window(mx_trace_path(mx, s, 0, e, 1, path, sizeof path), 0, SCHED, err, sizeof err);

	if (!t)
		return;
	if (t->n) {
		x.t = t;
		x.insns = trace_clock_insns(t);
		x.t0 = rec_time(&t->recs[0], x.insns);
		x.t1 = trace_end_time(t, x.insns);
		x.nm = trace_ms(t, x.ms, RUNS_MAXM);
		snprintf(what, sizeof what, "%s %s, procs=1", mx->arches[0], engine_names[mx->engines[e]]);
		draw(&x, what);
	}
	trace_free(t);
}
