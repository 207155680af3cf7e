/* The runtime's state at probe hits (emu/trace/state.c) from its record lines (emu/core/records.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/records.h"
#include "trace/state.h"

static const char *const names[] = { "newproc", "deferproc", "gopanic", "gorecover", "recovery", "gopark", "deferreturn" };
enum { NEWPROC, DEFERPROC, GOPANIC, GORECOVER, RECOVERY, GOPARK, DEFERRETURN, NPROBES };

/*
 * ex1's record as the runtime writes it, with a second goroutine's lines
 * in between: its chain probes are counted apart from g1's.
 */
static const char ex1[] =
	"m id=0 addr=0x413220 tls=0x413220 g0=0x413060 lo=0x2000000000 hi=0x2000010000\n"
	"p id=0 addr=0x2000010010\n"
	"g id=1 addr=0x20000108b0 lo=0x2000021000 hi=0x2000031000\n"
	"chan id=1 addr=0x2000010c00 size=0x60\n"
	"state g=1 seq=1 defer=0 panic=0\n"
	"defer id=1 addr=0x2000010ce0\n"
	"state g=2 seq=1 defer=0 panic=0\n"
	"state g=1 seq=2 defer=1 panic=0\n"
	"defer id=2 addr=0x2000010e00 size=0x110\n"
	"state g=1 seq=3 defer=2 panic=0 val=str:g panic\n"
	"state g=1 seq=4 defer=2 panic=1 val=str:say \"hi\" g=9 seq=1\n"
	"state g=2 seq=2 defer=3 panic=0 val=int:-42\n"
	"state g=1 seq=5 defer=1 panic=2\n"
	"state g=1 seq=6 defer=0 panic=0 resume=0x4060a5\n"
	"sudog id=1 addr=0x2000011000\n";

struct fixture {
	struct records rec;
	struct elfimage img;
	struct elfsym syms[2];
	struct probeset ps;
	struct statectx s;
	struct trace_rec r;
	char out[STATELEN];
};

static void setup(struct fixture *x)
{
	char err[128];

	memset(x, 0, sizeof *x);
	assert_int_equal(records_parse(ex1, sizeof ex1 - 1, &x->rec, err, sizeof err), 0);
	x->syms[0] = (struct elfsym){ 0x406000, 0xa5, "deferproc", true };
	x->syms[1] = (struct elfsym){ 0x4060a5, 0x8, "deferproc1", true };
	x->img.nsym = 2;
	x->img.syms = x->syms;
	x->ps.n = NPROBES;
	for (int i = 0; i < NPROBES; i++)
		x->ps.name[i] = names[i];
	state_init(&x->s, &x->rec, &x->img, &x->ps);
}

static void teardown(struct fixture *x)
{
	state_free(&x->s);
	records_free(&x->rec);
}

static const char *hit(struct fixture *x, int probe, int64_t goid)
{
	state_hit(&x->s, &x->r, probe, goid, x->out, sizeof x->out);
	return x->out;
}

static void records_hold_objects_and_states(void **unused)
{
	struct fixture x;

	(void)unused;
	setup(&x);
	assert_int_equal(x.rec.nobj, 5);
	assert_int_equal(x.rec.obj[0].kind, RK_P);
	assert_int_equal(x.rec.obj[2].kind, RK_DEFER);
	assert_int_equal(x.rec.obj[2].id, 1);
	assert_int_equal(x.rec.nstate, 8);
	/* val is the rest of the line: " g=9 seq=1" inside it names no field */
	assert_int_equal(x.rec.state[4].g, 1);
	assert_int_equal(x.rec.state[4].seq, 4);
	assert_string_equal(x.rec.state[4].val, "str:say \"hi\" g=9 seq=1");
	assert_int_equal(x.rec.state[7].resume, 0x4060a5);
	assert_int_equal(x.rec.state[7].defer, 0);
	teardown(&x);
}

static void bad_state_lines_are_errors(void **unused)
{
	static const char *const bad[] = {
		"state g=1 seq=1 defer=0\n",			/* no panic */
		"state g=1 seq=1 defer=0 panic=0 val=float:1\n",	/* an unknown value kind */
		"state g=1 seq=x defer=0 panic=0\n",
		"defer id=1\n",
		"panic id=1 addr=0x10\n",			/* panics are not objects of the record */
		"chan id=1 addr=0x10 size=big\n",
	};
	struct records r;
	char err[128];

	(void)unused;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(records_parse(bad[i], strlen(bad[i]), &r, err, sizeof err), -1);
		assert_non_null(strstr(err, "malformed runtime record line 1"));
	}
}

static void objects_named_by_address(void **unused)
{
	struct fixture x;
	char name[32];

	(void)unused;
	setup(&x);
	assert_true(state_name_object(&x.s, 0x2000010010, name, sizeof name));
	assert_string_equal(name, "p#0");
	assert_true(state_name_object(&x.s, 0x2000010c00, name, sizeof name));
	assert_string_equal(name, "chan#1");
	assert_true(state_name_object(&x.s, 0x2000010e00, name, sizeof name));
	assert_string_equal(name, "defer#2");
	assert_true(state_name_object(&x.s, 0x2000011000, name, sizeof name));
	assert_string_equal(name, "sudog#1");
	assert_true(state_name_object(&x.s, 0x2000010c58, name, sizeof name));	/* a field: the chan's lock */
	assert_string_equal(name, "chan#1+0x58");
	assert_false(state_name_object(&x.s, 0x2000010c60, name, sizeof name));	/* past its size */
	assert_false(state_name_object(&x.s, 0x2000010ce8, name, sizeof name));	/* no size: only its address */
	assert_false(state_name_object(&x.s, 0x2000010000, name, sizeof name));	/* below every object */
	teardown(&x);
}

/* ex1 by hand: f defers catch, g defers m and panics, m panics, catch recovers the newer panic. */
static void chains_at_each_probe_per_goroutine(void **unused)
{
	struct fixture x;

	(void)unused;
	setup(&x);
	assert_string_equal(hit(&x, NEWPROC, 1), "");
	assert_string_equal(hit(&x, DEFERPROC, 1), "defer=nil panic=nil");
	assert_string_equal(hit(&x, DEFERPROC, 2), "defer=nil panic=nil");
	assert_string_equal(hit(&x, DEFERPROC, 1), "defer=defer#1 panic=nil");
	assert_string_equal(hit(&x, GOPANIC, 1), "defer=defer#2 panic=nil value=\"g panic\"");
	assert_string_equal(hit(&x, GOPANIC, 1), "defer=defer#2 panic=panic#1 value=\"say \\\"hi\\\" g=9 seq=1\"");
	assert_string_equal(hit(&x, GOPANIC, 2), "defer=defer#3 panic=nil value=-42");
	assert_string_equal(hit(&x, GORECOVER, 1), "defer=defer#1 panic=panic#2");
	assert_string_equal(hit(&x, RECOVERY, 1), "defer=nil panic=nil resume=deferproc1+0x0");
	/* past the record, or a goroutine unknown: said so, not guessed */
	assert_string_equal(hit(&x, DEFERRETURN, 1), "defer=? panic=?");
	assert_string_equal(hit(&x, DEFERRETURN, -1), "defer=? panic=?");
	assert_string_equal(hit(&x, DEFERRETURN, 77), "defer=? panic=?");
	teardown(&x);
}

static void wait_reason_by_go_name(void **unused)
{
	struct fixture x;

	(void)unused;
	setup(&x);
	x.r.role_known = 1u << (R_A0 + 2);
	x.r.role[R_A0 + 2] = 4;
	assert_string_equal(hit(&x, GOPARK, 3), "wait=\"chan receive\"");
	x.r.role[R_A0 + 2] = 8;
	assert_string_equal(hit(&x, GOPARK, 3), "wait=sync.WaitGroup.Wait");
	x.r.role[R_A0 + 2] = 10;
	assert_string_equal(hit(&x, GOPARK, 3), "wait=preempted");
	x.r.role[R_A0 + 2] = 99;
	assert_string_equal(hit(&x, GOPARK, 3), "wait=99");
	x.r.role_known = 0;
	assert_string_equal(hit(&x, GOPARK, 3), "");
	teardown(&x);
}

static void state_values_and_archkey(void **unused)
{
	const char *st = "defer=defer#2 panic=nil value=\"say \\\"hi\\\"\" resume=deferproc1.isra.0+0x2c";
	char v[STATELEN];

	(void)unused;
	assert_true(state_get(st, "value", false, v, sizeof v));
	assert_string_equal(v, "say \"hi\"");
	assert_true(state_get(st, "value", true, v, sizeof v));
	assert_string_equal(v, "\"say \\\"hi\\\"\"");
	assert_true(state_get(st, "panic", false, v, sizeof v));
	assert_string_equal(v, "nil");
	assert_false(state_get(st, "wait", false, v, sizeof v));
	assert_false(state_get(NULL, "wait", false, v, sizeof v));
	state_archkey(st, v, sizeof v);
	assert_string_equal(v, "defer=defer#2 panic=nil value=\"say \\\"hi\\\"\" resume=deferproc1");
	/* a quoted string and an int of the same digits differ across ISAs too */
	char a[STATELEN], b[STATELEN];
	state_archkey("value=\"42\"", a, sizeof a);
	state_archkey("value=42", b, sizeof b);
	assert_string_not_equal(a, b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records_hold_objects_and_states),
		cmocka_unit_test(bad_state_lines_are_errors),
		cmocka_unit_test(objects_named_by_address),
		cmocka_unit_test(chains_at_each_probe_per_goroutine),
		cmocka_unit_test(wait_reason_by_go_name),
		cmocka_unit_test(state_values_and_archkey),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
