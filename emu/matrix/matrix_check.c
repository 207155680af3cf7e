/*
 * The matrix's verdicts: a run passes when its exit status and stdout are as
 * expected and its stderr as NAME.err or NAME.fatal says, or empty when
 * neither exists; a diff passes when it exits 0.  Neither passes with a sanitizer's
 * report in its output.  An expected failure (tests/xfail: "scenario arch
 * engine reason", for diffs "scenario arch diff-engine reason" or "scenario
 * engine diff-arch reason") that passes is an XPASS, which counts as a failure.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd/cli.h"
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

/* UBSan's "file.c:L:C: runtime error:"; a guest's "panic: runtime error:" has no L:C. */
static bool ubsan_line(const char *l)
{
	const char *p = strstr(l, ": runtime error:");
	int colons = 0;

	while (p && p > l && colons < 2) {
		const char *d = p;
		while (d > l && isdigit((unsigned char)d[-1]))
			d--;
		if (d == p || d == l || d[-1] != ':')
			return false;
		p = d - 1;
		colons++;
	}
	return colons == 2 && p > l && p[-1] != ' ';
}

/* The first line of a sanitizer's report in the file, into line; false if none. */
static bool sanitizer_report(const char *path, char *line, size_t n)
{
	FILE *f = fopen(path, "r");
	bool found = false;

	line[0] = 0;
	if (!f)
		return false;
	while (!found && fgets(line, (int)n, f))
		found = strstr(line, "ERROR: AddressSanitizer") || strstr(line, "ERROR: LeakSanitizer") ||
			ubsan_line(line);
	fclose(f);
	line[strcspn(line, "\n")] = 0;
	return found;
}

static bool empty_file(const char *path)
{
	FILE *f = fopen(path, "r");
	bool empty = !f || getc(f) == EOF;

	if (f)
		fclose(f);
	return empty;
}

/* The first "fatal error: " line of the file, without its newline; "" if none. */
static void first_fatal(const char *path, char *line, size_t n)
{
	FILE *f = fopen(path, "r");
	bool found = false;

	while (f && !found && fgets(line, (int)n, f))
		found = !strncmp(line, "fatal error: ", 13);
	if (f)
		fclose(f);
	if (!found)
		line[0] = 0;
	line[strcspn(line, "\n")] = 0;
}

/*
 * NAME.err: the first lines of stderr; else NAME.fatal: its first fatal
 * error (a program that breaks an invariant prints the runtime's state,
 * addresses and all, before it); else nothing at all.
 */
static void check_stderr(const char *scendir, const char *name, const char *err, char *why, size_t n)
{
	char want[MX_PATH], fatal[MX_PATH], d[300], w[300];

	mx_fmt(want, sizeof want, "%s/%s.err", scendir, name);
	mx_fmt(fatal, sizeof fatal, "%s/%s.fatal", scendir, name);
	if (!access(want, F_OK)) {
		if (!head_matches(want, err)) {
			first_line_diff(want, err, d, sizeof d);
			mx_fmt(why, n, "stderr head differs from %s: %s", want, d);
		}
	} else if (!access(fatal, F_OK)) {
		first_fatal(fatal, w, sizeof w);
		first_fatal(err, d, sizeof d);
		if (strcmp(w, d))
			mx_fmt(why, n, "first fatal error in stderr: want '%s', got '%s'", w, d);
	} else if (!empty_file(err)) {
		read_head(err, d, 200);
		flatten(d);
		mx_fmt(why, n, "stderr not empty, and there is no %s: %s", want, d);
	}
}

/*
 * Why a run of scenario s that ended with status code, stdout in out and
 * stderr in err is not as scendir/NAME.{exit,out,err,fatal} say; "" if it is.
 */
void mx_expect(const char *scendir, const struct mx_scenario *s, int code, const char *out, const char *err,
	       char *why, size_t n)
{
	char want[MX_PATH], head[512], d[300];

	why[0] = 0;
	mx_fmt(want, sizeof want, "%s/%s.out", scendir, s->name);
	if (sanitizer_report(err, d, sizeof d)) {
		mx_fmt(why, n, "sanitizer: %s", d);
	} else if (code != s->want_exit) {
		read_head(err, head, 300);
		flatten(head);
		mx_fmt(why, n, "exit status %d, want %d: %s", code, s->want_exit, head);
	} else if (access(want, R_OK)) {
		mx_fmt(why, n, "no expected stdout: %s does not exist", want);
	} else if (!files_equal(want, out)) {
		first_line_diff(want, out, d, sizeof d);
		mx_fmt(why, n, "stdout differs from %s: %s", want, d);
	} else {
		check_stderr(scendir, s->name, err, why, n);
	}
}

void mx_check_run(struct matrix *mx, struct mx_job *j)
{
	char out[MX_PATH + 16];

	mx_fmt(j->log, sizeof j->log, "%s.stderr", j->base);
	mx_fmt(out, sizeof out, "%s.stdout", j->base);
	mx_expect(mx->scen[j->scen].dir, &mx->scen[j->scen], j->code, out, j->log, j->detail, sizeof j->detail);
	verdict(mx, j, j->detail[0] == 0, mx->arches[j->arch], engine_names[mx->engines[j->engine]]);
}

/* A "fatal error: " line that NAME.err does not hold: an invariant check fired, which no rerun excuses. */
static bool unexpected_fatal(const struct matrix *mx, const struct mx_job *j)
{
	char want[MX_PATH], line[1024], w[1024];
	FILE *f = fopen(j->log, "r");
	bool found = false;

	if (!f)
		return false;
	mx_fmt(want, sizeof want, "%s/%s.err", mx->scen[j->scen].dir, mx->scen[j->scen].name);
	while (!found && fgets(line, sizeof line, f)) {
		if (strncmp(line, "fatal error: ", 13))
			continue;
		FILE *e = fopen(want, "r");
		found = true;
		while (e && found && fgets(w, sizeof w, e))
			found = strcmp(w, line) != 0;
		if (e)
			fclose(e);
	}
	fclose(f);
	return found;
}

/* --retry: a run whose output depends on timing may fail on a loaded machine; a fired invariant may not. */
bool mx_should_retry(const struct matrix *mx, const struct mx_job *j)
{
	return j->kind == MX_RUN && j->verdict == MX_FAIL && j->tries <= mx->retry && !unexpected_fatal(mx, j);
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
		if (!mx_runs(mx, a, e))
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
	else if (sanitizer_report(j->log, buf, sizeof buf))
		mx_fmt(j->detail, sizeof j->detail, "sanitizer: %s", buf);
	bool ok = j->detail[0] == 0;
	if (j->kind == MX_DIFF_ENGINE)
		verdict(mx, j, ok, mx->arches[j->arch], "diff-engine");
	else
		verdict(mx, j, ok, engine_names[mx->engines[j->engine]], "diff-arch");
}

/* crossrt expect [--scenarios DIR] NAME STATUS STDOUT STDERR: one run checked as the matrix checks it. */
int cmd_expect(int argc, char **argv)
{
	const char *dir = "tests/scenarios";
	struct mx_scenario s;
	char why[768], *end;

	if (argc > 2 && !strcmp(argv[1], "--scenarios")) {
		dir = argv[2];
		argc -= 2;
		argv += 2;
	}
	long code = argc == 5 ? strtol(argv[2], &end, 10) : 0;
	if (argc != 5 || !argv[2][0] || *end) {
		fprintf(stderr, "usage: crossrt expect [--scenarios DIR] NAME STATUS STDOUT STDERR\n");
		return 2;
	}
	mx_load_scenario(dir, &s, argv[1]);
	mx_expect(dir, &s, (int)code, argv[3], argv[4], why, sizeof why);
	mx_free_scenario(&s);
	if (why[0])
		printf("%s\n", why);
	return why[0] ? 1 : 0;
}
