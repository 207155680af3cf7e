/*
 * crossrt export: a trace as Chrome trace-event JSON, for Perfetto and
 * chrome://tracing.  One process per trace, one thread (track) per M; a
 * complete event ("X") per goroutine run (trace/runs.h); instant events
 * ("i") at the panics, parks, steals and recoveries, and at the notes the
 * engine left.
 *
 * Time: where every hit carries the instruction count (Unicorn), ts is
 * instructions retired by all threads before the hit; elsewhere it is the
 * hit's sequence number.  The viewers read ts as microseconds: otherData
 * says which clock it is.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/cli.h"
#include "trace/runs.h"

#define NOM 9999		/* the track of hits whose M is unknown ("m?") */

struct exporter {
	FILE *f;
	const struct trace *t;
	bool insns;		/* the clock is the instruction count */
	int64_t ms[RUNS_MAXM];
	int nm;
	size_t nslices;
	size_t ninstants;
	bool comma;
};

/* The length of the well-formed UTF-8 sequence at p, 0 if there is none. */
static int utf8_len(const unsigned char *p)
{
	int n = *p >= 0xf0 && *p <= 0xf4 ? 4 : *p >= 0xe0 && *p < 0xf0 ? 3 : *p >= 0xc2 && *p < 0xe0 ? 2 : 0;

	for (int k = 1; k < n; k++)
		if ((p[k] & 0xc0) != 0x80)
			return 0;
	if ((n == 3 && ((*p == 0xe0 && p[1] < 0xa0) || (*p == 0xed && p[1] >= 0xa0))) ||
	    (n == 4 && ((*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 && p[1] >= 0x90))))
		return 0;
	return n;
}

/* s as a JSON string; bytes that are not UTF-8 become U+FFFD, so the output is always valid. */
static void jstr(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int n;

		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else if (*p < 0x80)
			fputc(*p, f);
		else if ((n = utf8_len(p)) > 0) {
			fwrite(p, 1, (size_t)n, f);
			p += n - 1;
		} else {
			fputs("\\ufffd", f);
		}
	}
	fputc('"', f);
}

static uint64_t ts_of(const struct exporter *x, const struct trace_rec *r)
{
	return rec_time(r, x->insns);
}

static int tid_of(int64_t m)
{
	return m >= 0 && m < NOM ? (int)m : NOM;
}

/* Starts an event object: the separator, name, category, phase, pid, tid, ts. */
static void ev_begin(struct exporter *x, const char *name, const char *cat, const char *ph, int64_t m, uint64_t ts)
{
	fputs(x->comma ? ",\n" : "\n", x->f);
	x->comma = true;
	fputs("{\"name\":", x->f);
	jstr(x->f, name);
	fprintf(x->f, ",\"cat\":\"%s\",\"ph\":\"%s\",\"pid\":1,\"tid\":%d,\"ts\":%llu", cat, ph, tid_of(m),
		(unsigned long long)ts);
}

static void slice(const struct grun *u, void *arg)
{
	struct exporter *x = arg;
	const struct trace_rec *a = &x->t->recs[u->first], *b = &x->t->recs[u->last];
	uint64_t start = ts_of(x, a);
	uint64_t end = u->next < x->t->n ? ts_of(x, &x->t->recs[u->next]) : trace_end_time(x->t, x->insns);
	char name[32];

	if (u->g == 0)
		snprintf(name, sizeof name, "g0");
	else
		snprintf(name, sizeof name, "g#%lld", (long long)u->g);
	ev_begin(x, name, u->g == 0 ? "g0" : "goroutine", "X", u->m, start);
	fprintf(x->f, ",\"dur\":%llu,\"args\":{\"g\":%lld,\"m\":%lld,\"first_seq\":%llu,\"last_seq\":%llu,\"hits\":%zu,"
		"\"first_probe\":", (unsigned long long)(end > start ? end - start : 0), (long long)u->g,
		(long long)u->m, (unsigned long long)a->seq, (unsigned long long)b->seq, u->hits);
	jstr(x->f, a->probe);
	fputs(",\"last_probe\":", x->f);
	jstr(x->f, b->probe);
	fputs("}}", x->f);
	x->nslices++;
}

/* The instant a probe stands for, or NULL. */
static const char *instant_cat(const char *probe)
{
	static const char *const map[][2] = {
		{ "gopanic", "panic" }, { "sigpanic", "panic" }, { "fatalpanic", "panic" }, { "fatalthrow", "panic" },
		{ "gopark", "park" }, { "runqsteal", "steal" }, { "recovery", "recover" }, { "gorecover", "recover" },
	};

	for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
		if (!strcmp(probe, map[k][0]))
			return map[k][1];
	return NULL;
}

/* A steal took a goroutine when its M's next hit executes one (as tests/steal.sh counts them). */
static bool stole(const struct trace *t, size_t i)
{
	for (size_t k = i + 1; k < t->n; k++)
		if (t->recs[k].m == t->recs[i].m)
			return !strcmp(t->recs[k].probe, "execute");
	return false;
}

static void instant(struct exporter *x, size_t i, const char *cat)
{
	const struct trace_rec *r = &x->t->recs[i];

	ev_begin(x, r->probe, cat, "i", r->m, ts_of(x, r));
	fprintf(x->f, ",\"s\":\"t\",\"args\":{\"seq\":%llu,\"g\":%lld", (unsigned long long)r->seq, (long long)r->g);
	if (!strcmp(r->probe, "runqsteal"))
		fprintf(x->f, ",\"stole\":%s", stole(x->t, i) ? "true" : "false");
	if (!strcmp(r->probe, "gopark") && (r->role_known & 1u << R_A2)) {
		/* gopark(unlockf, lock, reason): the reason as the trace names it */
		fputs(",\"wait_reason\":", x->f);
		jstr(x->f, r->norm[R_A2]);
	}
	for (int k = R_A0; k <= R_A5; k++)
		if (r->role_known & 1u << k) {
			fprintf(x->f, ",\"%s\":", role_names[k]);
			jstr(x->f, r->norm[k]);
		}
	fputs("}}", x->f);
	x->ninstants++;
}

/* The engine's notes: process-wide instants at the hit they follow. */
static void notes(struct exporter *x)
{
	const struct trace *t = x->t;
	size_t i = 0;

	for (size_t k = 0; k < t->nevents; k++) {
		const struct event *ev = &t->events[k];
		while (i + 1 < t->n && t->recs[i + 1].seq <= ev->after)
			i++;
		ev_begin(x, ev->kind, "note", "i", NOM, t->n ? ts_of(x, &t->recs[i]) : 0);
		fputs(",\"s\":\"p\",\"args\":{\"detail\":", x->f);
		jstr(x->f, ev->detail ? ev->detail : "");
		fprintf(x->f, ",\"after_seq\":%llu}}", (unsigned long long)ev->after);
		x->ninstants++;
	}
}

static void names(struct exporter *x)
{
	const struct trace_header *h = &x->t->h;
	char name[400];

	snprintf(name, sizeof name, "%s (%s, %s, procs %d)", h->prog, h->arch, h->engine, h->procs);
	ev_begin(x, "process_name", "__metadata", "M", NOM, 0);
	fputs(",\"args\":{\"name\":", x->f);
	jstr(x->f, name);
	fputs("}}", x->f);
	for (int k = 0; k < x->nm; k++) {
		int64_t m = x->ms[k];
		if (m >= 0 && m < NOM)
			snprintf(name, sizeof name, "m#%lld", (long long)m);
		else
			snprintf(name, sizeof name, "m?");
		ev_begin(x, "thread_name", "__metadata", "M", m, 0);
		fputs(",\"args\":{\"name\":", x->f);
		jstr(x->f, name);
		fputs("}}", x->f);
	}
}

static void other_data(struct exporter *x)
{
	const struct trace *t = x->t;

	fputs("],\n\"otherData\":{\"crossrt\":\"chrome-export\",\"prog\":", x->f);
	jstr(x->f, t->h.prog);
	fputs(",\"arch\":", x->f);
	jstr(x->f, t->h.arch);
	fputs(",\"engine\":", x->f);
	jstr(x->f, t->h.engine);
	fprintf(x->f, ",\"procs\":%d,\"seed\":%llu,\"clock\":\"%s\",\"ts_unit\":\"%s\"", t->h.procs,
		(unsigned long long)t->h.seed, x->insns ? "instructions" : "sequence",
		x->insns ? "one instruction retired (all threads), shown as 1 us"
			 : "one probe hit (the engine counts no instructions), shown as 1 us");
	fprintf(x->f, ",\"hits\":%zu,\"ms\":%d,\"slices\":%zu,\"instants\":%zu", t->n, x->nm, x->nslices,
		x->ninstants);
	if (t->has_end) {
		fprintf(x->f, ",\"exit\":%d,\"end_reason\":", t->end.exit_status);
		jstr(x->f, t->end.reason);
	}
	fputs("}}\n", x->f);
}

static int export_chrome(FILE *f, const struct trace *t)
{
	struct exporter x = { .f = f, .t = t, .insns = trace_clock_insns(t) };

	x.nm = trace_ms(t, x.ms, RUNS_MAXM);
	fputs("{\"traceEvents\":[", f);
	if (trace_runs(t, slice, &x) != 0)
		return fprintf(stderr, "crossrt export: more than %d Ms\n", RUNS_MAXM), -1;
	for (size_t i = 0; i < t->n; i++) {
		const char *cat = instant_cat(t->recs[i].probe);
		if (cat)
			instant(&x, i, cat);
	}
	notes(&x);
	names(&x);
	other_data(&x);
	return 0;
}

int cmd_export(int argc, char **argv)
{
	const char *path = NULL, *out = NULL, *format = NULL;
	char err[512];
	struct trace *t;
	FILE *f = stdout;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc)
			format = argv[++i];
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
			return fprintf(stderr, "crossrt export: bad argument '%s'\n", argv[i]), 2;
	}
	if (!format || strcmp(format, "chrome"))
		return fprintf(stderr, "crossrt export: --format chrome is the one format\n"), 2;
	if (!path)
		return fprintf(stderr, "crossrt export: no trace given\n"), 2;
	if (!(t = trace_read(path, err, sizeof err)))
		return fprintf(stderr, "crossrt export: %s\n", err), 2;
	if (out && !(f = fopen(out, "w"))) {
		fprintf(stderr, "crossrt export: cannot write %s: %s\n", out, strerror(errno));
		trace_free(t);
		return 2;
	}
	rc = export_chrome(f, t);
	if ((out ? fclose(f) : fflush(f)) != 0 && rc == 0) {
		fprintf(stderr, "crossrt export: error writing %s\n", out ? out : "the output");
		rc = -1;
	}
	if (rc != 0 && out)
		remove(out);
	trace_free(t);
	return rc ? 2 : 0;
}
