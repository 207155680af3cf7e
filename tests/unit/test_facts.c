/* Facts of probe hits (emu/trace/facts.c) and the string pool behind read traces (emu/core/strpool.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "trace/facts.h"
#include "core/strpool.h"

static const char *const names[] = { "mcall", "deferproc", "gogo_resume", "goexit", "sigpanic", "asyncPreempt" };
enum { MCALL, DEFERPROC, RESUME, GOEXIT, SIGPANIC, PREEMPT };

struct fixture {
	const struct archdesc *a;
	struct probeset ps;
	struct facts f;
	struct hit h;
	struct trace_rec r;
	char out[FACTSLEN];
};

static void setup(struct fixture *x, const char *arch)
{
	memset(x, 0, sizeof *x);
	x->a = arch_byname(arch);
	x->ps.n = 6;
	for (int i = 0; i < 6; i++)
		x->ps.name[i] = names[i];
	facts_init(&x->f, x->a, &x->ps);
}

/* A hit of probe on goroutine g at sp, callee-saved registers from seed. */
static const char *hit(struct fixture *x, int probe, uint64_t g, uint64_t sp, uint64_t seed)
{
	const struct archdesc *a = x->a;

	memset(&x->h, 0, sizeof x->h);
	memset(&x->r, 0, sizeof x->r);
	x->h.probe = probe;
	for (int i = 0; i < a->nregs; i++)
		x->h.regs[i] = 0x1000 + (uint64_t)i;
	for (int i = 0; i < a->ncallee; i++)
		x->h.regs[a->callee[i]] = seed * 100 + (uint64_t)i;
	x->h.regs[a->role_reg[R_SP]] = sp;
	x->r.regs = x->h.regs;
	x->r.nregs = a->nregs;
	x->r.role[R_SP] = sp;
	x->r.role[R_G] = g;
	x->r.role_known = 1u << R_SP | 1u << R_G;
	facts_hit(&x->f, &x->h, &x->r, x->out, sizeof x->out);
	return x->out;
}

static void callee_saved_kept_lost_new(void **state)
{
	struct fixture x;

	(void)state;
	setup(&x, "arm64");
	assert_string_equal(hit(&x, MCALL, 0x100, 0x8000, 7), "");
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 7), "cs=kept");
	/* consumed: the same context cannot be resumed twice */
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 7), "cs=new");
	hit(&x, MCALL, 0x100, 0x8000, 7);
	hit(&x, MCALL, 0x200, 0x9000, 8);
	assert_string_equal(hit(&x, RESUME, 0x200, 0x9000, 9), "cs=lost:x19");
	/* another goroutine's save does not count */
	assert_string_equal(hit(&x, RESUME, 0x300, 0x8000, 7), "cs=new");
	/* nor one at another sp (a deferproc context resumed with a wrong sp) */
	hit(&x, DEFERPROC, 0x100, 0xa000, 3);
	assert_string_equal(hit(&x, RESUME, 0x100, 0xa010, 3), "cs=new");
	assert_string_equal(hit(&x, RESUME, 0x100, 0xa000, 3), "cs=kept");
	facts_free(&x.f);
}

static void x86_64_resumes_past_the_return_address(void **state)
{
	struct fixture x;

	(void)state;
	setup(&x, "x86_64");
	hit(&x, MCALL, 0x100, 0x7ff8, 1);
	assert_string_equal(hit(&x, RESUME, 0x100, 0x7ff8, 1), "cs=new");
	hit(&x, MCALL, 0x100, 0x7ff8, 1);
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 1), "cs=kept");
	hit(&x, MCALL, 0x100, 0x7ff8, 1);
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 2), "cs=lost:rbx");
	facts_free(&x.f);
}

static void fp_registers_where_captured(void **state)
{
	struct fixture x;

	(void)state;
	setup(&x, "riscv64");
	/* no FP values at either end */
	hit(&x, MCALL, 0x100, 0x8000, 1);
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 1), "cs=kept");
	memset(&x.h, 0, sizeof x.h);
	x.h.probe = MCALL;
	x.h.known = HIT_FCALLEE;
	x.h.nfcallee = 12;
	x.h.fcallee[0] = 5;
	for (int i = 0; i < x.a->ncallee; i++)
		x.h.regs[x.a->callee[i]] = 100 + (uint64_t)i;
	x.h.regs[x.a->role_reg[R_SP]] = 0x8000;
	facts_hit(&x.f, &x.h, &x.r, x.out, sizeof x.out);
	x.h.probe = RESUME;
	x.h.fcallee[0] = 6;
	facts_hit(&x.f, &x.h, &x.r, x.out, sizeof x.out);
	assert_string_equal(x.out, "cs=lost:fs0");
	/* an engine without FP values compares the integer set only */
	x.h.probe = MCALL;
	facts_hit(&x.f, &x.h, &x.r, x.out, sizeof x.out);
	x.h.probe = RESUME;
	x.h.known = 0;
	facts_hit(&x.f, &x.h, &x.r, x.out, sizeof x.out);
	assert_string_equal(x.out, "cs=kept");
	facts_free(&x.f);
}

static void goexit_forgets_saves(void **state)
{
	struct fixture x;

	(void)state;
	setup(&x, "arm64");
	hit(&x, DEFERPROC, 0x100, 0x8000, 1);
	hit(&x, GOEXIT, 0x100, 0x8100, 2);
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 1), "cs=new");
	/* many goroutines: the table grows and keeps them apart */
	for (uint64_t g = 1; g <= 1000; g++)
		hit(&x, MCALL, g * 0x400, 0x10000 + g * 16, g);
	for (uint64_t g = 1000; g >= 1; g--)
		assert_string_equal(hit(&x, RESUME, g * 0x400, 0x10000 + g * 16, g), "cs=kept");
	facts_free(&x.f);
}

static void stack_alignment(void **state)
{
	struct fixture x;

	(void)state;
	setup(&x, "x86_64");
	assert_string_equal(hit(&x, SIGPANIC, 0x100, 0x7ff8, 1), "");
	assert_string_equal(hit(&x, SIGPANIC, 0x100, 0x8000, 1), "sp=misaligned");
	/* entered by a jump or injected anywhere: no ABI promise */
	assert_string_equal(hit(&x, PREEMPT, 0x100, 0x8000, 1), "");
	assert_string_equal(hit(&x, GOEXIT, 0x100, 0x8000, 1), "");
	facts_free(&x.f);
	setup(&x, "arm64");
	assert_string_equal(hit(&x, SIGPANIC, 0x100, 0x8000, 1), "");
	assert_string_equal(hit(&x, SIGPANIC, 0x100, 0x7ff8, 1), "sp=misaligned");
	hit(&x, MCALL, 0x100, 0x7ff8, 1);
	assert_string_equal(hit(&x, RESUME, 0x100, 0x7ff8, 1), "cs=kept");
	facts_free(&x.f);
}

static void pool_interns(void **state)
{
	struct strpool *p = strpool_new();
	char buf[32];
	const char *a, *b;

	(void)state;
	assert_non_null(p);
	a = strpool_intern(p, "g#3:top-0x10", 12);
	b = strpool_intern(p, "g#3:top-0x10xyz", 12);
	assert_ptr_equal(a, b);
	assert_string_equal(a, "g#3:top-0x10");
	assert_ptr_not_equal(a, strpool_intern(p, "g#3:top-0x1", 11));
	assert_string_equal(strpool_intern(p, "", 0), "");
	for (int i = 0; i < 50000; i++) {
		snprintf(buf, sizeof buf, "s%d", i);
		assert_string_equal(strpool_intern(p, buf, strlen(buf)), buf);
	}
	assert_int_equal(strpool_count(p), 50003);
	assert_ptr_equal(strpool_intern(p, "g#3:top-0x10", 12), a);
	strpool_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(callee_saved_kept_lost_new),
		cmocka_unit_test(x86_64_resumes_past_the_return_address),
		cmocka_unit_test(fp_registers_where_captured),
		cmocka_unit_test(goexit_forgets_saves),
		cmocka_unit_test(stack_alignment),
		cmocka_unit_test(pool_interns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
