/*
 * crossrt diff --across impl: a crossrt program's trace against its Go
 * twin's, event by event (trace/impl.h, docs/impl-diff.md).  Exit 0 equal,
 * 1 different, 2 error.
 */
#include <stdio.h>
#include <string.h>
#include "cmd/diff_impl.h"
#include "trace/impl.h"

#define CONTEXT 3

struct side {
	const struct trace *t;
	struct implevents e;
	char impl[32];		/* "crossrt" or Go's release */
};

static void name_impl(struct side *s)
{
	size_t n = strcspn(s->t->h.go, ":");

	if (!s->t->h.go[0])
		snprintf(s->impl, sizeof s->impl, "crossrt");
	else
		snprintf(s->impl, sizeof s->impl, "%.*s", (int)(n < sizeof s->impl ? n : sizeof s->impl - 1),
			 s->t->h.go);
}

static void print_side(const struct side *s)
{
	const struct trace *t = s->t;

	printf("  %-9s %-8s %-8s %-18s %7zu probes %5zu events  exit %d (%s)\n", s->impl, t->h.arch, t->h.engine,
	       t->h.prog, t->n, s->e.n, t->has_end ? t->end.exit_status : -1, t->has_end ? t->end.reason : "no end line");
}

static void print_ev(const struct side *s, size_t i, const char *mark, bool named)
{
	char line[256];

	printf("%s #%-5zu %-9s ", mark, i, named ? s->impl : "");
	if (i >= s->e.n) {
		printf("(no more events: %s)\n", s->t->has_end ? s->t->end.reason : "no end line");
		return;
	}
	impl_ev_format(&s->e.ev[i], line, sizeof line);
	printf("%-48s (probe #%llu %s)\n", line, (unsigned long long)s->t->recs[s->e.ev[i].rec].seq,
	       s->t->recs[s->e.ev[i].rec].probe);
}

static void print_context(const struct side s[2], size_t first)
{
	for (size_t i = first > CONTEXT ? first - CONTEXT : 0; i < first; i++)
		print_ev(&s[0], i, " ", false);
	print_ev(&s[0], first, ">", true);
	print_ev(&s[1], first, " ", true);
}

/* The first event where the two differ, with what differs; (size_t)-1 if none. */
static size_t first_difference(const struct side s[2], char *what, size_t n)
{
	size_t max = s[0].e.n > s[1].e.n ? s[0].e.n : s[1].e.n;

	for (size_t i = 0; i < max; i++) {
		if (i >= s[0].e.n || i >= s[1].e.n) {
			const struct side *end = &s[i >= s[0].e.n ? 0 : 1];
			snprintf(what, n, "%s's events end (%s)", end->impl,
				 end->t->has_end ? end->t->end.reason : "no end line");
			return i;
		}
		if (!impl_ev_equal(&s[0].e.ev[i], &s[1].e.ev[i], what, n))
			return i;
	}
	return (size_t)-1;
}

static int compare(struct side s[2])
{
	char what[200];
	size_t first = first_difference(s, what, sizeof what);
	bool exits = s[0].t->has_end && s[1].t->has_end && s[0].t->end.exit_status != s[1].t->end.exit_status;

	printf("crossrt diff --across impl: %s's runtime vs %s's\n", s[0].impl, s[1].impl);
	print_side(&s[0]);
	print_side(&s[1]);
	printf("compared, in order: the program's goroutines (numbered by creation, g1 is main; Go's own left out) "
	       "and their go, exit, park (wait reason), ready, defer, deferreturn, panic (type, constant value), "
	       "sigpanic, recover, recovery, fatalpanic, fatalthrow; then the exit status\n");
	if (first != (size_t)-1) {
		printf("DIFFERENT: first at event #%zu: %s (%s vs %s)\n\n", first, what, s[0].impl, s[1].impl);
		print_context(s, first);
		return 1;
	}
	if (exits) {
		printf("DIFFERENT: exit status %d vs %d (%s vs %s)\n", s[0].t->end.exit_status,
		       s[1].t->end.exit_status, s[0].impl, s[1].impl);
		return 1;
	}
	printf("EQUAL: all %zu events agree\n", s[0].e.n);
	return 0;
}

static int diff_pair(struct trace **t, int n)
{
	struct side s[2] = { { .t = n > 0 ? t[0] : NULL }, { .t = n > 1 ? t[1] : NULL } };
	char err[256];
	int rc = 2;

	if (n != 2 || !t[0]->h.go[0] == !t[1]->h.go[0]) {
		fprintf(stderr, "crossrt diff: --across impl needs one crossrt trace and one Go trace, not %s\n",
			n != 2 ? "more than two" : t[0]->h.go[0] ? "two Go traces" : "two crossrt traces");
		return 2;
	}
	if (t[0]->h.go[0]) {	/* crossrt's first */
		s[0].t = t[1];
		s[1].t = t[0];
	}
	for (int k = 0; k < 2; k++)
		name_impl(&s[k]);
	if (impl_events(s[0].t, &s[0].e, err, sizeof err) != 0 || impl_events(s[1].t, &s[1].e, err, sizeof err) != 0)
		fprintf(stderr, "crossrt diff: --across impl: %s\n", err);
	else
		rc = compare(s);
	impl_free(&s[0].e);
	impl_free(&s[1].e);
	return rc;
}

int diff_impl(char **files, int n)
{
	struct trace *t[2] = { NULL, NULL };
	char err[512];
	int rc = 2;

	if (n > 2) {
		fprintf(stderr, "crossrt diff: --across impl needs one crossrt trace and one Go trace, not more than two\n");
		return 2;
	}
	for (int k = 0; k < n; k++)
		if (!(t[k] = trace_read(files[k], err, sizeof err))) {
			fprintf(stderr, "crossrt diff: %s\n", err);
			goto out;
		}
	rc = diff_pair(t, n);
out:
	for (int k = 0; k < n; k++)
		if (t[k])
			trace_free(t[k]);
	return rc;
}
