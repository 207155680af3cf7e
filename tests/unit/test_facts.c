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

static const char *const names[] = {
	"mcall", "deferproc", "gogo_resume", "goexit", "sigpanic", "asyncPreempt",
	"asyncPreempt_resume", "systemstack", "systemstack_return", "mstart",
};
enum { MCALL, DEFERPROC, RESUME, GOEXIT, SIGPANIC, PREEMPT, PREEMPT_RESUME, SSTACK, SSTACK_RETURN, MSTART, NPROBES };

struct fixture {
	const struct archdesc *a;
	struct probeset ps;
	struct facts f;
	struct hit h;
	struct xstate x;
	bool with_x;
	bool no_memory;			/* an engine that reads no guest memory (qemu) */
	struct trace_rec r;
	char out[FACTSLEN];
};

static void setup(struct fixture *x, const char *arch)
{
	memset(x, 0, sizeof *x);
	x->a = arch_byname(arch);
	x->ps.n = NPROBES;
	for (int i = 0; i < NPROBES; i++)
		x->ps.name[i] = names[i];
	facts_init(&x->f, x->a, &x->ps);
}

/* Fill the hit of probe on goroutine g at sp: callee-saved registers from seed, the rest fixed. */
static void fill(struct fixture *x, int probe, uint64_t g, uint64_t sp, uint64_t seed)
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
}

static const char *facts(struct fixture *x)
{
	facts_hit(&x->f, &x->h, x->with_x ? &x->x : NULL, &x->r, x->out, sizeof x->out);
	return x->out;
}

/* A hit of probe on goroutine g at sp, callee-saved registers from seed. */
static const char *hit(struct fixture *x, int probe, uint64_t g, uint64_t sp, uint64_t seed)
{
	fill(x, probe, g, sp, seed);
	return facts(x);
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
	x.with_x = true;
	for (int i = 0; i < x.a->nxregs; i++)
		xstate_set(&x.x, i, 0x500 + (uint64_t)i);
	hit(&x, MCALL, 0x100, 0x8000, 1);
	x.x.w[8] = 6;		/* fs0 */
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 1), "cs=lost:fs0");
	/* a caller-saved FP register is no callee's business */
	hit(&x, MCALL, 0x100, 0x8000, 1);
	x.x.w[0] = 7;		/* ft0 */
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 1), "cs=kept");
	/* frm is kept by a callee, fflags is not */
	hit(&x, MCALL, 0x100, 0x8000, 1);
	x.x.w[32] ^= 0x1f;
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 1), "cs=kept");
	hit(&x, MCALL, 0x100, 0x8000, 1);
	x.x.w[32] ^= 0x20;
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 1), "cs=lost:fcsr");
	/* an engine without FP values at one end compares the integer set only */
	hit(&x, MCALL, 0x100, 0x8000, 1);
	x.with_x = false;
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 1), "cs=kept");
	facts_free(&x.f);
	setup(&x, "x86_64");
	x.with_x = true;
	xstate_set(&x.x, 32, 0x1f80);	/* mxcsr */
	hit(&x, MCALL, 0x100, 0x7ff8, 1);
	xstate_set(&x.x, 32, 0x1f80 | 0x6000);
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 1), "cs=lost:mxcsr");
	facts_free(&x.f);
}

static void systemstack_returns_with_its_callee_saved(void **state)
{
	struct fixture x;

	(void)state;
	setup(&x, "x86_64");
	/* the return is at the same sp as the entry, the return address on top */
	hit(&x, SSTACK, 0x100, 0x7ff8, 1);
	assert_string_equal(hit(&x, SSTACK_RETURN, 0x100, 0x7ff8, 1), "cs=kept");
	hit(&x, SSTACK, 0x100, 0x7ff8, 1);
	assert_string_equal(hit(&x, SSTACK_RETURN, 0x100, 0x7ff8, 2), "cs=lost:rbx");
	hit(&x, SSTACK, 0x100, 0x7ff8, 1);
	assert_string_equal(hit(&x, SSTACK_RETURN, 0x100, 0x7fe8, 1), "cs=new");
	facts_free(&x.f);
	/* an mcall save is not a systemstack's, even at the same sp */
	setup(&x, "arm64");
	hit(&x, MCALL, 0x100, 0x8000, 1);
	assert_string_equal(hit(&x, SSTACK_RETURN, 0x100, 0x8000, 1), "cs=new");
	assert_string_equal(hit(&x, RESUME, 0x100, 0x8000, 1), "cs=kept");
	facts_free(&x.f);
}

/* asyncPreempt's entry on goroutine 0x100, interrupted at pc 0x4242 with sp 0x8000. */
static void preempt_entry(struct fixture *x)
{
	const struct archdesc *a = x->a;

	if (a->preempt_link >= 0) {
		fill(x, PREEMPT, 0x100, 0x8000 - (uint64_t)a->preempt_push, 1);
		x->h.regs[a->preempt_link] = 0x4242;
		x->h.known |= HIT_LR;		/* the interrupted return address, at sp */
		x->h.lr_mem = 0x7777;
	} else {
		fill(x, PREEMPT, 0x100, 0x8000 - 136, 1);
		x->h.known |= HIT_LR;
		x->h.lr_mem = 0x4242;
	}
	if (x->no_memory)
		x->h.known &= ~(unsigned)HIT_LR;
	facts(x);
}

/* asyncPreempt_resume with every register as at the entry, jumping back to 0x4242. */
static void preempt_resume(struct fixture *x)
{
	const struct archdesc *a = x->a;

	if (a->preempt_link >= 0) {
		fill(x, PREEMPT_RESUME, 0x100, 0x8000, 1);
		x->h.regs[a->preempt_link] = 0x7777;	/* the interrupted code's own return address */
		x->h.regs[a->preempt_jump] = 0x4242;
	} else {
		fill(x, PREEMPT_RESUME, 0x100, 0x8000 - 136, 1);
		x->h.known |= HIT_LR;
		x->h.lr_mem = 0x4242;
	}
	if (x->no_memory)
		x->h.known &= ~(unsigned)HIT_LR;
}

static void preemption_gives_back_every_register(void **state)
{
	static const char *const arches[] = { "x86_64", "arm64", "riscv64" };
	struct fixture x;

	(void)state;
	for (int k = 0; k < 3; k++) {
		setup(&x, arches[k]);
		preempt_entry(&x);
		preempt_resume(&x);
		assert_string_equal(facts(&x), "regs=kept");
		/* a caller-saved register, which a call may change, must come back too */
		preempt_entry(&x);
		preempt_resume(&x);
		x.h.regs[x.a->role_reg[R_A3]] ^= 1;
		assert_string_equal(facts(&x), k == 0 ? "regs=lost:rcx" : k == 1 ? "regs=lost:x3" : "regs=lost:a3");
		/* resuming elsewhere */
		preempt_entry(&x);
		preempt_resume(&x);
		if (x.a->preempt_jump >= 0)
			x.h.regs[x.a->preempt_jump] = 0x4246;
		else
			x.h.lr_mem = 0x4246;
		assert_string_equal(facts(&x), "regs=lost:pc");
		/* the TLS register belongs to the M, which may be another */
		preempt_entry(&x);
		preempt_resume(&x);
		x.h.regs[x.a->role_reg[R_TLS]] ^= 0x1000;
		assert_string_equal(facts(&x), "regs=kept");
		/* the interrupted code's return address, where it is a register */
		if (x.a->preempt_link >= 0) {
			preempt_entry(&x);
			preempt_resume(&x);
			x.h.regs[x.a->preempt_link] = 0x4242;
			assert_string_equal(facts(&x), k == 1 ? "regs=lost:x30" : "regs=lost:ra");
		}
		/* no entry to match */
		preempt_resume(&x);
		assert_string_equal(facts(&x), "regs=new");
		facts_free(&x.f);
		/* an engine without memory: what is there is not checked, the registers are */
		setup(&x, arches[k]);
		x.no_memory = true;
		preempt_entry(&x);
		preempt_resume(&x);
		assert_string_equal(facts(&x), "regs=kept");
		preempt_entry(&x);
		preempt_resume(&x);
		x.h.regs[x.a->role_reg[R_A3]] ^= 1;
		assert_string_equal(facts(&x), k == 0 ? "regs=lost:rcx" : k == 1 ? "regs=lost:x3" : "regs=lost:a3");
		facts_free(&x.f);
	}
	/* flags: the user-visible bits only; FP and vector registers, all of them */
	setup(&x, "x86_64");
	preempt_entry(&x);
	preempt_resume(&x);
	x.h.regs[17] ^= 0x100;		/* TF */
	assert_string_equal(facts(&x), "regs=kept");
	preempt_entry(&x);
	preempt_resume(&x);
	x.h.regs[17] ^= 0x1;		/* CF */
	assert_string_equal(facts(&x), "regs=lost:rflags");
	x.with_x = true;
	xstate_set(&x.x, 5, 55);
	preempt_entry(&x);
	xstate_set(&x.x, 5, 56);	/* xmm2.hi */
	preempt_resume(&x);
	assert_string_equal(facts(&x), "regs=lost:xmm2.hi");
	facts_free(&x.f);
}

static void mstart_tls_names_its_m(void **state)
{
	struct fixture x;

	(void)state;
	setup(&x, "arm64");
	fill(&x, MSTART, 0x100, 0x8000, 1);
	x.r.role_known |= 1u << R_TLS;
	x.r.norm[R_TLS] = "m#1";
	x.r.norm[R_SP] = "g0@m#1:top-0x40";
	assert_string_equal(facts(&x), "tls=own");
	x.r.norm[R_SP] = "g0@m#12:top-0x40";
	assert_string_equal(facts(&x), "tls=other");
	x.r.norm[R_SP] = "g#3:top-0x40";
	assert_string_equal(facts(&x), "tls=other");
	x.r.role_known &= ~(1u << R_TLS);
	assert_string_equal(facts(&x), "");
	facts_free(&x.f);
}

static void sigpanic_from_the_fault_and_sigreturn(void **state)
{
	struct fixture x;

	(void)state;
	setup(&x, "riscv64");
	fill(&x, SIGPANIC, 0x100, 0x8000, 1);
	x.r.role_known |= 1u << R_LR;
	x.r.role[R_LR] = 0x10a0;
	assert_string_equal(facts(&x), "");
	x.h.known |= HIT_FAULT;
	x.h.fault_pc = 0x10a0;
	assert_string_equal(facts(&x), "from=fault");
	x.h.fault_pc = 0x109c;
	assert_string_equal(facts(&x), "from=other");
	x.h.known |= HIT_SIG;
	x.h.sig = SIG_CALL;
	assert_string_equal(facts(&x), "from=other sig=call");
	x.h.sig = SIG_LOST;
	x.h.sigreg = 9;
	assert_string_equal(facts(&x), "from=other sig=lost:s1");
	x.h.sigreg = MAXREGS + 32;
	assert_string_equal(facts(&x), "from=other sig=lost:fcsr");
	facts_free(&x.f);
}

static void clone_and_interrupted_link_where_the_engine_saw_them(void **state)
{
	struct fixture x;

	(void)state;
	setup(&x, "arm64");
	fill(&x, SIGPANIC, 0x100, 0x8000, 1);
	assert_string_equal(facts(&x), "");
	x.h.known |= HIT_CLONE;
	x.h.clone_own = true;
	assert_string_equal(facts(&x), "clone=own");
	x.h.clone_own = false;
	assert_string_equal(facts(&x), "clone=other");
	/* the interrupted return address as the engine saw it beats the rewrite's copy */
	preempt_entry(&x);
	preempt_resume(&x);
	assert_string_equal(facts(&x), "regs=kept");
	fill(&x, PREEMPT, 0x100, 0x8000 - 16, 1);
	x.h.regs[30] = 0x4242;
	x.h.known |= HIT_LR | HIT_INTRLINK;
	x.h.lr_mem = 0x4242;		/* a rewrite that stored the pc, not lr */
	x.h.intr_link = 0x7777;
	facts(&x);
	preempt_resume(&x);
	assert_string_equal(facts(&x), "regs=kept");
	fill(&x, PREEMPT, 0x100, 0x8000 - 16, 1);
	x.h.regs[30] = 0x4242;
	x.h.known |= HIT_LR | HIT_INTRLINK;
	x.h.lr_mem = 0x7777;
	x.h.intr_link = 0x7777;
	facts(&x);
	preempt_resume(&x);
	x.h.regs[30] = 0x4242;		/* resumed with the pc as its own return address */
	assert_string_equal(facts(&x), "regs=lost:x30");
	facts_free(&x.f);
}

static void facts_compared_by_the_keys_both_engines_compute(void **state)
{
	(void)state;
	assert_true(facts_agree("cs=kept", "cs=kept", "cs sp", "cs sp"));
	assert_false(facts_agree("cs=kept", "cs=lost:x19", "cs sp", "cs sp"));
	assert_false(facts_agree("cs=kept sp=misaligned", "cs=kept", "cs sp", "cs regs sp"));
	/* sig is Unicorn's alone */
	assert_true(facts_agree("from=fault sig=call", "", "cs from sig sp", "cs sp"));
	assert_false(facts_agree("from=fault sig=call", "sig=call", "cs from sig sp", "cs from sig sp"));
	assert_false(facts_agree("regs=kept", "", "regs", "regs"));
	assert_true(facts_agree("clone=other", "", "cs clone", "cs"));
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
		cmocka_unit_test(systemstack_returns_with_its_callee_saved),
		cmocka_unit_test(preemption_gives_back_every_register),
		cmocka_unit_test(mstart_tls_names_its_m),
		cmocka_unit_test(sigpanic_from_the_fault_and_sigreturn),
		cmocka_unit_test(clone_and_interrupted_link_where_the_engine_saw_them),
		cmocka_unit_test(facts_compared_by_the_keys_both_engines_compute),
		cmocka_unit_test(goexit_forgets_saves),
		cmocka_unit_test(stack_alignment),
		cmocka_unit_test(pool_interns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
