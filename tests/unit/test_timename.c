/*
 * Time is not a divergence: the runtime's "time" record lines, the values
 * the normalizer marks as time, their round trip through a trace, and the
 * diffs: a pair of traces that differ only in a clock value is EQUAL, in
 * any other value DIFFERENT; --ignore drops what it names and nothing else.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "cmd/cli.h"
#include "trace/timename.h"

#define T1 0x12f6fcb7a538ull	/* a clock reading under qemu */
#define T2 0x1230a1b2c3d4ull	/* another, under Unicorn */
#define DEADLINE 0x12f6fdb7a538ull

static const char rectext[] = "m id=0 addr=0x10 tls=0x10 g0=0x20 lo=0x1000 hi=0x2000\n"
			      "time v=0x12f6fdb7a538\ntime v=0x12f6fcb7a538\ntime v=0x12f6fcb7a538\n"
			      "time v=0x1230a1b2c3d4\n";

static int regidx(const struct archdesc *a, const char *name)
{
	for (int i = 0; i < a->nregs; i++)
		if (!strcmp(a->regnames[i], name))
			return i;
	fail_msg("no register %s on %s", name, a->name);
	return -1;
}

static void records_time_lines(void **state)
{
	struct records r;
	char err[128];

	(void)state;
	assert_int_equal(records_parse(rectext, strlen(rectext), &r, err, sizeof err), 0);
	assert_int_equal(r.nm, 1);
	assert_int_equal(r.ntime, 3);	/* sorted, the duplicate once */
	assert_true(records_is_time(&r, T1));
	assert_true(records_is_time(&r, T2));
	assert_true(records_is_time(&r, DEADLINE));
	assert_false(records_is_time(&r, T1 + 1));
	assert_false(records_is_time(&r, 0));
	assert_true(records_is_time_high(&r, (T1 & ~0xffffffffull) | 2));
	assert_false(records_is_time_high(&r, 2));
	records_free(&r);
	assert_int_equal(records_parse("time v=zz\n", 10, &r, err, sizeof err), -1);
	assert_non_null(strstr(err, "malformed runtime record line 1"));
}

/* A record of probe at seq with every register 0x100+i, rbx/r13 and a0 as given. */
static void make_rec(struct trace_rec *r, uint64_t *regs, const struct archdesc *a, uint64_t seq,
		     const char *probe)
{
	static char norms[NROLES][NORMLEN];

	memset(r, 0, sizeof *r);
	r->seq = seq;
	r->probe = probe;
	r->m = 0;
	r->g = 1;
	r->nregs = a->nregs;
	for (int i = 0; i < a->nregs; i++)
		regs[i] = 0x100 + (uint64_t)i;
	r->regs = regs;
	r->facts = "";
	for (int k = 0; k < NROLES; k++)
		r->norm[k] = "";
	r->role_known = 1u << R_A0 | 1u << R_PC;
	r->role[R_PC] = T1;	/* a named role keeps its name */
	r->norm[R_PC] = "gogo+0x0";
	r->role[R_A0] = 0x5;
	snprintf(norms[R_A0], NORMLEN, "0x5");
	r->norm[R_A0] = norms[R_A0];
}

static void name_hit(void **state)
{
	const struct archdesc *x86 = arch_byname("x86_64"), *s390 = arch_byname("s390x");
	struct records rec;
	struct trace_rec r;
	uint64_t regs[MAXREGS];
	char err[128], list[256];
	uint64_t full, high;

	(void)state;
	assert_int_equal(records_parse(rectext, strlen(rectext), &rec, err, sizeof err), 0);
	make_rec(&r, regs, x86, 0, "gopark");
	regs[regidx(x86, "rbx")] = T1;
	r.role[R_A0] = DEADLINE;
	time_name_hit(&rec, x86, &r);
	assert_int_equal(r.timeregs, 1ull << regidx(x86, "rbx"));
	assert_int_equal(r.timehigh, 0);	/* x86_64 zero-extends: no stale high words */
	assert_string_equal(r.norm[R_A0], "time");
	assert_string_equal(r.norm[R_PC], "gogo+0x0");

	make_rec(&r, regs, s390, 0, "goready");
	regs[regidx(s390, "r8")] = T2;
	regs[regidx(s390, "r13")] = (T1 & ~0xffffffffull) | 2;
	time_name_hit(&rec, s390, &r);
	assert_int_equal(r.timeregs, 1ull << regidx(s390, "r8"));
	assert_int_equal(r.timehigh, 1ull << regidx(s390, "r13"));
	time_regs_format(s390, &r, list, sizeof list);
	assert_string_equal(list, "r8,r13.hi");
	assert_int_equal(time_regs_parse(s390, list, &full, &high), 0);
	assert_int_equal(full, r.timeregs);
	assert_int_equal(high, r.timehigh);
	assert_int_equal(time_regs_parse(s390, "r8,rbx", &full, &high), -1);
	records_free(&rec);
}

struct side {
	const char *arch, *engine;
	const char *reg;	/* set to val */
	uint64_t val;
	bool time;		/* marked as holding time (.hi when high) */
	bool high;
	const char *a0norm;	/* a0's name */
};

/* A two-record trace of one side; its path in path. */
static void write_trace(const struct side *s, char *path)
{
	const struct archdesc *a = arch_byname(s->arch);
	struct trace_header h = { 0 };
	struct trace_end e = { 0 };
	struct trace_rec r;
	uint64_t regs[MAXREGS];
	int fd;
	FILE *f;

	strcpy(path, "/tmp/crossrt-timename-XXXXXX");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	snprintf(h.arch, sizeof h.arch, "%s", s->arch);
	snprintf(h.engine, sizeof h.engine, "%s", s->engine);
	snprintf(h.prog, sizeof h.prog, "clock");
	h.procs = 1;
	snprintf(h.tls_source, sizeof h.tls_source, "register");
	snprintf(h.g_source, sizeof h.g_source, "memory");
	assert_int_equal(trace_write_header(f, &h), 0);
	make_rec(&r, regs, a, 0, "newproc");
	assert_int_equal(trace_write_rec(f, a, &r), 0);
	make_rec(&r, regs, a, 1, "gopark");
	if (s->reg) {
		int i = regidx(a, s->reg);
		regs[i] = s->val;
		if (s->time)
			*(s->high ? &r.timehigh : &r.timeregs) |= 1ull << i;
	}
	if (s->a0norm)
		r.norm[R_A0] = s->a0norm;
	assert_int_equal(trace_write_rec(f, a, &r), 0);
	snprintf(e.reason, sizeof e.reason, "exit");
	assert_int_equal(trace_write_end(f, &e), 0);
	assert_int_equal(fclose(f), 0);
}

/* crossrt diff [opt] on the two sides' traces, its output thrown away: its exit status. */
static int diff(const struct side *x, const struct side *y, const char *opt, const char *val)
{
	char px[64], py[64];
	char *argv[8];
	int argc = 0, rc, out;

	write_trace(x, px);
	write_trace(y, py);
	argv[argc++] = "diff";
	if (opt)
		argv[argc++] = (char *)opt;
	if (val)
		argv[argc++] = (char *)val;
	argv[argc++] = px;
	argv[argc++] = py;
	argv[argc] = NULL;
	fflush(stdout);
	out = dup(1);
	assert_true(freopen("/dev/null", "w", stdout) != NULL);
	rc = cmd_diff(argc, argv);
	fflush(stdout);
	dup2(out, 1);
	close(out);
	unlink(px);
	unlink(py);
	return rc;
}

static void diff_engines(void **state)
{
	struct side q = { "x86_64", "qemu", "rbx", T1, true, false, NULL };
	struct side u = { "x86_64", "unicorn", "rbx", T2, true, false, NULL };

	(void)state;
	assert_int_equal(diff(&q, &u, NULL, NULL), 0);		/* a clock value: EQUAL */
	q.time = false;
	assert_int_equal(diff(&q, &u, NULL, NULL), 1);		/* time on one side only */
	u.time = false;
	assert_int_equal(diff(&q, &u, NULL, NULL), 1);		/* not a clock value */
	assert_int_equal(diff(&q, &u, "--ignore", "rbx"), 0);
	assert_int_equal(diff(&q, &u, "--ignore", "x86_64:rbx@gopark"), 0);
	assert_int_equal(diff(&q, &u, "--ignore", "rbx@newproc"), 1);
	assert_int_equal(diff(&q, &u, "--ignore", "riscv64:s2,r12"), 1);
	assert_int_equal(diff(&q, &u, "--ignore", "rbz"), 2);
	assert_int_equal(diff(&q, &u, "--ignore", "arm64:rbx"), 2);
	q.reg = u.reg = "r12";					/* another callee-saved register, same rule */
	q.time = u.time = true;
	assert_int_equal(diff(&q, &u, NULL, NULL), 0);
}

/* s390x: a register whose high word is a clock value's is compared by its low word. */
static void diff_high_words(void **state)
{
	struct side q = { "s390x", "qemu", "r13", (T1 & ~0xffffffffull) | 2, true, true, NULL };
	struct side u = { "s390x", "unicorn", "r13", (T2 & ~0xffffffffull) | 2, true, true, NULL };

	(void)state;
	assert_int_equal(diff(&q, &u, NULL, NULL), 0);
	u.val = (T2 & ~0xffffffffull) | 3;
	assert_int_equal(diff(&q, &u, NULL, NULL), 1);
	u.val = (T2 & ~0xffffffffull) | 2;
	u.time = false;
	assert_int_equal(diff(&q, &u, NULL, NULL), 1);
}

static void diff_arches(void **state)
{
	struct side x = { "x86_64", "unicorn", NULL, 0, false, false, "time" };
	struct side a = { "arm64", "unicorn", NULL, 0, false, false, "time" };

	(void)state;
	assert_int_equal(diff(&x, &a, NULL, NULL), 0);
	a.a0norm = "0x6";
	assert_int_equal(diff(&x, &a, NULL, NULL), 1);
	assert_int_equal(diff(&x, &a, "--ignore", "a0"), 0);
	assert_int_equal(diff(&x, &a, "--ignore", "a0@newproc"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records_time_lines),
		cmocka_unit_test(name_hit),
		cmocka_unit_test(diff_engines),
		cmocka_unit_test(diff_high_words),
		cmocka_unit_test(diff_arches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
