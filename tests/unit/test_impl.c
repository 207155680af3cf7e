/* crossrt against Go: the shared events read from hand-built traces, and Go's type names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "trace/impl.h"
#include "core/goprobes.h"
#include "core/gotype.h"
#include "isa/isa.h"

#define MAXR 32

/* A trace built record by record; strings point at literals. */
struct fake {
	struct trace t;
	struct trace_rec r[MAXR];
};

static void start(struct fake *f, bool go)
{
	memset(f, 0, sizeof *f);
	f->t.recs = f->r;
	f->t.h.procs = 1;
	snprintf(f->t.h.prog, sizeof f->t.h.prog, "%s", go ? "twin" : "scenario");
	if (go)
		snprintf(f->t.h.go, sizeof f->t.h.go, "go1.19.8: g named by goid");
}

/* probe on goid g called from lr; gptr: the g pointer (role g); a0 as a value and its norm */
static struct trace_rec *hit(struct fake *f, const char *probe, int64_t g, uint64_t gptr, const char *lr)
{
	struct trace_rec *r = &f->r[f->t.n];

	assert_true(f->t.n < MAXR);
	r->seq = f->t.n++;
	r->probe = probe;
	r->g = g;
	r->m = 0;
	r->state = "";
	for (int k = 0; k < NROLES; k++)
		r->norm[k] = "";
	r->role[R_G] = gptr;
	r->role_known = 1u << R_G;
	r->norm[R_LR] = lr;
	r->role_known |= 1u << R_LR;
	return r;
}

static void arg(struct trace_rec *r, int k, uint64_t v, const char *norm)
{
	r->role[R_A0 + k] = v;
	r->norm[R_A0 + k] = norm;
	r->role_known |= 1u << (R_A0 + k);
}

static void events(struct fake *f, struct implevents *e)
{
	char err[160];

	assert_int_equal(impl_events(&f->t, e, err, sizeof err), 0);
}

static void formatted(const struct implevents *e, const char *const *want, size_t n)
{
	char line[200];

	assert_int_equal(e->n, n);
	for (size_t i = 0; i < n; i++) {
		impl_ev_format(&e->ev[i], line, sizeof line);
		assert_string_equal(line, want[i]);
	}
}

enum { G0 = 0x1000, G1 = 0x2000, GFORCE = 0x3000, GSWEEP = 0x4000, GW = 0x5000 };

/*
 * Go's start: main made on g0, forcegc and bgsweep made by runtime code,
 * main parks in gcenable until bgsweep readies it; then the program's.
 * with_args: false as on s390x, where no argument is in a register.
 */
static void go_program(struct fake *f, bool with_args)
{
	struct trace_rec *r;

	start(f, true);
	hit(f, "runtime.newproc", 0, G0, "runtime.newproc.abi0+0x25");		/* goid 1: main */
	hit(f, "runtime.newproc", 1, G1, "runtime.init.6+0x25");		/* goid 2: forcegc */
	hit(f, "runtime.newproc", 1, G1, "runtime.gcenable+0x6b");		/* goid 3: bgsweep */
	r = hit(f, "runtime.gopark", 1, G1, "runtime.chanrecv+0x49b");
	if (with_args)
		arg(r, 2, 0x100 | 14, "0x10e");	/* a uint8: the register's high bits are not Go's */
	hit(f, "runtime.gopark", 2, GFORCE, "runtime.forcegchelper+0xad");
	r = hit(f, "runtime.goready", 3, GSWEEP, "runtime.send+0xf1");
	if (with_args)
		arg(r, 0, G1, "0xc0000061a0");
	hit(f, "runtime.newproc", 1, G1, "main.main+0x48");			/* goid 4: worker */
	r = hit(f, "runtime.gopark", 1, G1, "runtime.chanrecv+0x49b");
	if (with_args)
		arg(r, 2, 14, "0xe");
	hit(f, "runtime.deferprocStack", 4, GW, "main.worker+0x3c");
	hit(f, "runtime.deferprocStack", 4, GW, "fmt.Fprintln+0x40");		/* the library's */
	r = hit(f, "runtime.gopanic", 4, GW, "main.worker+0x79");
	if (with_args) {
		arg(r, 0, 0x482000, "type:string");
		arg(r, 1, 0x4b0000, "gostr:\"boom\"");
	}
	hit(f, "runtime.gorecover", 4, GW, "fmt.(*pp).catchPanic+0x6a");	/* the library's */
	hit(f, "runtime.gorecover", 4, GW, "main.worker.func1+0x25");
	r = hit(f, "runtime.recovery", 0, G0, "runtime.mcall+0x43");
	if (with_args)
		arg(r, 0, GW, "0xc000006340");
	r = hit(f, "runtime.goready", 4, GW, "runtime.send+0xf1");
	if (with_args)
		arg(r, 0, G1, "0xc0000061a0");
	hit(f, "runtime.goexit1", 4, GW, "runtime.goexit.abi0+0x1");
}

static const char *const program[] = {
	"go          g1 makes g2",
	"park        g1 wait=\"chan receive\"",
	"defer       g2",
	"panic       g2 type=string value=\"boom\"",
	"recover     g2",
	"recovery    g2",
	"ready       g2 readies g1",
	"exit        g2",
};

static void go_own_goroutines_left_out(void **state)
{
	struct fake f;
	struct implevents e;

	(void)state;
	go_program(&f, true);
	events(&f, &e);
	assert_true(e.go);
	formatted(&e, program, sizeof program / sizeof program[0]);
	assert_int_equal(e.ev[0].rec, 6);	/* the record each event comes from */
	impl_free(&e);
}

/* The same program as crossrt's trace has it: names where Go has pointers, state where Go has arguments. */
static void crossrt_program(struct fake *f)
{
	struct trace_rec *r;

	start(f, false);
	hit(f, "newproc", 0, G0, "rt0_go1+0x10");
	hit(f, "newproc", 1, G1, "main_main+0x48");
	r = hit(f, "gopark", 1, G1, "chanblock+0x84");
	r->state = "wait=\"chan receive\"";
	hit(f, "deferproc", 2, GW, "worker+0x10");
	r = hit(f, "gopanic", 2, GW, "worker+0x3e");
	arg(r, 0, 0x409280, "type:string");
	r->state = "defer=defer#1 panic=nil value=\"boom\"";
	hit(f, "gorecover", 2, GW, "worker_func1+0x10");
	r = hit(f, "recovery", 0, G0, "mcall+0x82");
	arg(r, 0, GW, "g#2");
	r = hit(f, "goready", 2, GW, "chansend_direct+0x50");
	arg(r, 0, G1, "g#1");
	hit(f, "goexit", 2, GW, "");
	r = hit(f, "mcall", 2, GW, "goexit1+0xe");
	arg(r, 0, 0x401000, "goexit0+0x0");
}

static void crossrt_matches_go(void **state)
{
	struct fake c, g;
	struct implevents ec, eg;
	char what[200] = "";

	(void)state;
	crossrt_program(&c);
	go_program(&g, true);
	events(&c, &ec);
	events(&g, &eg);
	assert_false(ec.go);
	formatted(&ec, program, sizeof program / sizeof program[0]);
	for (size_t i = 0; i < ec.n; i++)
		assert_true(impl_ev_equal(&ec.ev[i], &eg.ev[i], what, sizeof what));
	impl_free(&ec);
	impl_free(&eg);
}

/* s390x: no arguments, so no wait reason, type or value; a ready's target unknown. */
static void go_without_arguments(void **state)
{
	static const char *const want[] = {
		"go          g1 makes g2", "park        g1", "defer       g2", "panic       g2",
		"recover     g2", "recovery    g?", "ready       g2 readies g?", "exit        g2",
	};
	struct fake f, c;
	struct implevents e, ec;
	char what[200];

	(void)state;
	go_program(&f, false);
	events(&f, &e);
	formatted(&e, want, sizeof want / sizeof want[0]);
	crossrt_program(&c);
	events(&c, &ec);
	for (size_t i = 0; i < e.n; i++)	/* what one side does not know is not compared */
		assert_true(impl_ev_equal(&ec.ev[i], &e.ev[i], what, sizeof what));
	impl_free(&e);
	impl_free(&ec);
}

static void differences_named(void **state)
{
	struct implev a = { .kind = IE_PARK, .g = 1 }, b = a;
	char what[200];

	(void)state;
	snprintf(a.wait, sizeof a.wait, "chan send");
	assert_true(impl_ev_equal(&a, &b, what, sizeof what));	/* b's reason unknown */
	snprintf(b.wait, sizeof b.wait, "select");
	assert_false(impl_ev_equal(&a, &b, what, sizeof what));
	assert_string_equal(what, "wait reason: \"chan send\" vs \"select\"");
	b = a;
	b.g = 2;
	assert_false(impl_ev_equal(&a, &b, what, sizeof what));
	assert_string_equal(what, "goroutine: g1 vs g2");
	b.kind = IE_READY;
	assert_false(impl_ev_equal(&a, &b, what, sizeof what));
	assert_string_equal(what, "event: park vs ready");
	a = (struct implev){ .kind = IE_PANIC, .g = 1 };
	b = a;
	snprintf(a.type, sizeof a.type, "string");
	snprintf(b.type, sizeof b.type, "runtime.boundsError");
	assert_false(impl_ev_equal(&a, &b, what, sizeof what));
	assert_string_equal(what, "panic value's type: string vs runtime.boundsError");
	a = (struct implev){ .kind = IE_RECOVERY, .g = -1 };
	b = (struct implev){ .kind = IE_RECOVERY, .g = 3 };
	assert_true(impl_ev_equal(&a, &b, what, sizeof what));
}

static void refused(void **state)
{
	struct fake f;
	struct implevents e;
	char err[160];

	(void)state;
	go_program(&f, true);
	f.t.h.procs = 2;
	assert_int_equal(impl_events(&f.t, &e, err, sizeof err), -1);
	assert_string_equal(err, "twin: 2 Ps: goroutines are matched by creation order with one P only");
	go_program(&f, true);
	f.r[1].g = 7;	/* runs before it is made */
	assert_int_equal(impl_events(&f.t, &e, err, sizeof err), -1);
	assert_string_equal(err, "twin: goroutine 7 runs before a newproc made it (#1)");
	go_program(&f, true);
	snprintf(f.t.h.go, sizeof f.t.h.go, "go1.19.8: code named by symbol; g, m and stacks not named (qemu)");
	assert_int_equal(impl_events(&f.t, &e, err, sizeof err), -1);
}

static void go_wait_reasons(void **state)
{
	(void)state;
	assert_string_equal(impl_go_waitreason(14), "chan receive");
	assert_string_equal(impl_go_waitreason(19), "sleep");
	assert_string_equal(impl_go_waitreason(25), "preempted");
	assert_null(impl_go_waitreason(0));
	assert_null(impl_go_waitreason(27));
	assert_true(impl_go_runtime_code("runtime.gcenable+0x6b"));
	assert_false(impl_go_runtime_code("main.main+0x48"));
	assert_false(impl_go_runtime_code("runtime_main+0x0"));	/* crossrt's C names */
}

/*
 * Go's type names from a hand-built type section: a _type's str (at 0x28)
 * is an offset from runtime.types to a name {flags, varint len, bytes};
 * tflagExtraStar (0x2 at 0x14) drops the name's '*'.
 */
static void put32(unsigned char *p, uint32_t v, bool big)
{
	for (int i = 0; i < 4; i++)
		p[big ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

static void type_names_on(const char *arch)
{
	static unsigned char data[0x400];
	struct elfimage img = { .nseg = 1, .data = data, .size = sizeof data };
	struct gorun gr = { .types = 0x10000, .etypes = 0x10400 };
	char out[64];
	bool big;

	img.arch = arch_byname(arch);
	assert_non_null(img.arch);
	big = img.arch->big_endian;
	img.seg[0] = (struct elfseg){ 0x10000, sizeof data, sizeof data, 0, SEG_R };
	memset(data, 0, sizeof data);
	memcpy(data + 0x200, "\x00\x07*string", 9);	/* extra star */
	memcpy(data + 0x240, "\x00\x13runtime.boundsError", 21);
	data[0x14] = 0x2;
	put32(data + 0x28, 0x200, big);
	put32(data + 0x40 + 0x28, 0x240, big);
	assert_int_equal(go_type_name(&img, &gr, 0x10000, out, sizeof out), 0);
	assert_string_equal(out, "string");
	assert_int_equal(go_type_name(&img, &gr, 0x10040, out, sizeof out), 0);
	assert_string_equal(out, "runtime.boundsError");
	assert_int_equal(go_type_name(&img, &gr, 0x10040, out, 8), -1);	/* too long for out */
	assert_int_equal(go_type_name(&img, &gr, 0x103e0, out, sizeof out), -1);	/* runs past etypes */
	assert_int_equal(go_type_name(&img, &gr, 0x20000, out, sizeof out), -1);
}

static void go_type_names(void **state)
{
	(void)state;
	type_names_on("x86_64");
	type_names_on("s390x");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(go_own_goroutines_left_out),
		cmocka_unit_test(crossrt_matches_go),
		cmocka_unit_test(go_without_arguments),
		cmocka_unit_test(differences_named),
		cmocka_unit_test(refused),
		cmocka_unit_test(go_wait_reasons),
		cmocka_unit_test(go_type_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
