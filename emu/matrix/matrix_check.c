/*
 * The matrix's verdicts: a run passes when its exit status, stdout and the
 * head of its stderr are as expected; a diff passes when it exits 0.  An
 * expected failure (tests/xfail: "scenario arch engine reason", for diffs
 * "scenario arch diff-engine reason" or "scenario engine diff-arch reason")
 * that passes is an XPASS, which counts as a failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "matrix/mx.h"
#include "trace/trace_window.h"

static bool xfail_reason(const struct matrix *mx, const char *s, const char *key, const char *kind, char *reason, size_t n)
{
	char line[512], a[64], b[64], c[64];
	int off;
	FILE *f = fopen(mx->xfail, "r");
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof line, f)) {
		if (sscanf(line, "%63s %63s %63s %n", a, b, c, &off) < 3)
			continue;
		if (strcmp(a, s) || strcmp(b, key) || strcmp(c, kind))
			continue;
		line[strcspn(line, "\n")] = 0;
		mx_fmt(reason, n, "%s", line + off);
		found = true;
	}
	fclose(f);
	return found;
}

static void verdict(const struct matrix *mx, struct mx_job *j, bool ok, const char *key, const char *kind)
{
	if (xfail_reason(mx, mx->scen[j->scen].name, key, kind, j->reason, sizeof j->reason))
		j->verdict = ok ? MX_XPASS : MX_XFAIL;
	else
		j->verdict = ok ? MX_PASS : MX_FAIL;
}

static size_t read_head(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	size_t got;

	if (!f) {
		buf[0] = 0;
		return 0;
	}
	got = fread(buf, 1, n - 1, f);
	buf[got] = 0;
	fclose(f);
	return got;
}

static void flatten(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\t')
			*s = ' ';
}

static bool files_equal(const char *x, const char *y)
{
	FILE *a = fopen(x, "r"), *b = fopen(y, "r");
	bool eq = a && b;
	int c, d;

	while (eq && ((c = getc(a)) != EOF) | ((d = getc(b)) != EOF))
		eq = c == d;
	if (a)
		fclose(a);
	if (b)
		fclose(b);
	return eq;
}

/* First line where want and got differ, as "want: ... got: ...". */
static void first_line_diff(const char *want, const char *got, char *out, size_t n)
{
	FILE *a = fopen(want, "r"), *b = fopen(got, "r");
	char la[256], lb[256];
	int line = 1;

	out[0] = 0;
	for (; a && b; line++) {
		char *ra = fgets(la, sizeof la, a), *rb = fgets(lb, sizeof lb, b);
		if (!ra && !rb)
			break;
		if (!ra || !rb || strcmp(la, lb)) {
			la[strcspn(la, "\n")] = lb[strcspn(lb, "\n")] = 0;
			mx_fmt(out, n, "line %d: want '%s', got '%s'", line, ra ? la : "<end>", rb ? lb : "<end>");
			break;
		}
	}
	if (a)
		fclose(a);
	if (b)
		fclose(b);
}

/* Do the first lines of got equal all of want? */
static bool head_matches(const char *want, const char *got)
{
	FILE *a = fopen(want, "r"), *b = fopen(got, "r");
	char la[1024], lb[1024];
	bool eq = a && b;

	while (eq && fgets(la, sizeof la, a))
		eq = fgets(lb, sizeof lb, b) && !strcmp(la, lb);
	if (a)
		fclose(a);
	if (b)
		fclose(b);
	return eq;
}

void mx_check_run(struct matrix *mx, struct mx_job *j)
{
	const struct mx_scenario *s = &mx->scen[j->scen];
	char want[MX_PATH], got[MX_PATH + 16], head[512], d[300];

	mx_fmt(j->log, sizeof j->log, "%s.stderr", j->base);
	mx_fmt(got, sizeof got, "%s.stdout", j->base);
	mx_fmt(want, sizeof want, "%s/%s.out", mx->scendir, s->name);
	j->detail[0] = 0;
	if (j->code != s->want_exit) {
		read_head(j->log, head, 300);
		flatten(head);
		mx_fmt(j->detail, sizeof j->detail, "exit status %d, want %d: %s", j->code, s->want_exit, head);
	} else if (!files_equal(want, got)) {
		first_line_diff(want, got, d, sizeof d);
		mx_fmt(j->detail, sizeof j->detail, "stdout differs from %s: %s", want, d);
	} else {
		mx_fmt(want, sizeof want, "%s/%s.err", mx->scendir, s->name);
		FILE *f = fopen(want, "r");
		if (f) {
			fclose(f);
			if (!head_matches(want, j->log)) {
				first_line_diff(want, j->log, d, sizeof d);
				mx_fmt(j->detail, sizeof j->detail, "stderr head differs from %s: %s", want, d);
			}
		}
	}
	verdict(mx, j, j->detail[0] == 0, mx->arches[j->arch], engine_names[mx->engines[j->engine]]);
}

/* Add name to the "/"-separated list in buf unless it is there. */
static void add_probe(char *buf, size_t n, const char *name)
{
	size_t len = strlen(name);

	for (const char *p = buf; (p = strstr(p, name)) != NULL; p += len)
		if ((p == buf || p[-1] == '/') && (p[len] == '/' || p[len] == 0))
			return;
	if (buf[0])
		mx_fmt(buf + strlen(buf), n - strlen(buf), "/%s", name);
	else
		mx_fmt(buf, n, "%s", name);
}

/*
 * The first divergence as crossrt diff reports it: index, what differs,
 * and the probe there, in every trace that reaches it ("gosched/goexit"
 * when they disagree).
 */
static void parse_divergence(struct matrix *mx, struct mx_job *j, const char *line)
{
	const char *at = strstr(line, "first at #");
	char path[MX_PATH], err[256];

	if (!at)
		return;
	j->first = strtol(at + 10, NULL, 10);
	const char *colon = strchr(at, ':');
	if (colon) {
		size_t n = strcspn(colon + 2, ":");
		mx_fmt(j->field, sizeof j->field, "%.*s", (int)(n < 63 ? n : 63), colon + 2);
	}
	int n = j->kind == MX_DIFF_ENGINE ? mx->nengine : mx->narch;
	for (int k = 0; k < n; k++) {
		int a = j->kind == MX_DIFF_ENGINE ? j->arch : k, e = j->kind == MX_DIFF_ENGINE ? k : j->engine;
		if (!mx_engine_applies(mx->arches[a], mx->engines[e]))
			continue;
		mx_trace_path(mx, j->scen, a, e, 1, path, sizeof path);
		struct trace *t = trace_read_window(path, (size_t)j->first, 1, err, sizeof err);
		if (t && t->n)
			add_probe(j->probe, sizeof j->probe, t->recs[0].probe);
		trace_free(t);
	}
}

void mx_check_diff(struct matrix *mx, struct mx_job *j)
{
	char buf[8192], *line = NULL;

	read_head(j->log, buf, sizeof buf);
	for (char *p = strtok(buf, "\n"); p && !line; p = strtok(NULL, "\n"))
		if (!strncmp(p, "DIFFERENT", 9) || strstr(p, "crossrt diff:"))
			line = p;
	if (j->code && line && !strncmp(line, "DIFFERENT", 9))
		parse_divergence(mx, j, line);
	if (j->code)
		mx_fmt(j->detail, sizeof j->detail, "exit %d: %s%s%s%s", j->code, line ? line : "",
			 j->probe[0] ? " [probe " : "", j->probe, j->probe[0] ? "]" : "");
	if (j->kind == MX_DIFF_ENGINE)
		verdict(mx, j, j->code == 0, mx->arches[j->arch], "diff-engine");
	else
		verdict(mx, j, j->code == 0, engine_names[mx->engines[j->engine]], "diff-arch");
}
