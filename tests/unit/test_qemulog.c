/* The qemu -d cpu,fpu log parser (emu/qemu/qemu_log.c, qemu_xlog.c): the FP part of dumps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "qemu/qemu.h"

#define PROBE 0x401000ull	/* an xstate probe */
#define PLAIN 0x402000ull	/* a probe without */

struct fixture {
	const struct archdesc *a;
	struct probeset ps;
	struct hitlog hits;
	struct qlog q;
	char log[32768];
	size_t len;
};

static struct fixture fx;

static void setup(const char *arch)
{
	memset(&fx, 0, sizeof fx);
	fx.a = arch_byname(arch);
	fx.ps.n = 2;
	fx.ps.name[0] = "gogo_resume";
	fx.ps.addr[0] = PROBE;
	fx.ps.xstate[0] = true;
	fx.ps.name[1] = "schedule";
	fx.ps.addr[1] = PLAIN;
	assert_int_equal(qlog_init(&fx.q, fx.a, &fx.ps, 0x400000, &fx.hits), 0);
}

static void out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fx.len += (size_t)vsnprintf(fx.log + fx.len, sizeof fx.log - fx.len, fmt, ap);
	va_end(ap);
	assert_true(fx.len < sizeof fx.log);
}

/* Vector register i's low and high words in the logs below. */
static uint64_t lo(int i) { return 0x1000 + (uint64_t)i; }
static uint64_t hi(int i) { return 0x2000 + (uint64_t)i; }

static void x86_64_dump(uint64_t pc, bool fp, int nvec)
{
	out("Trace 0: 0x7f0000000000 [0000000000000000/%016llx/1040c0b3/00000200] f\n", (unsigned long long)pc);
	out("RAX=0000000000000001 RBX=0000000000000002 RCX=0000000000000003 RDX=0000000000000004\n"
	    "RSI=0000000000000005 RDI=0000000000000006 RBP=0000000000000007 RSP=0000000000000008\n"
	    "R8 =0000000000000009 R9 =000000000000000a R10=000000000000000b R11=000000000000000c\n"
	    "R12=000000000000000d R13=000000000000000e R14=000000000000000f R15=0000000000000010\n"
	    "RIP=%016llx RFL=00000202 [-------] CPL=3 II=0 A20=1 SMM=0 HLT=0\n"
	    "FS =0000 0000000000413220 00000000 00000000\n"
	    "EFER=0000000000000500\n", (unsigned long long)pc);
	if (!fp)
		return;
	out("FCW=0b7f FSW=0000 [ST=0] FTW=00 MXCSR=00005f80\n"
	    "FPR0=0000000000000000 0000 FPR1=0000000000000000 0000\n");
	for (int i = 0; i < nvec; i++)
		out("YMM%02d=00000000000000ff 00000000000000ee %016llx %016llx\n", i,
		    (unsigned long long)hi(i), (unsigned long long)lo(i));
}

static void feed(void)
{
	assert_int_equal(qlog_feed(&fx.q, fx.log, fx.len), 0);
}

static const struct xstate *xstate_of(size_t i)
{
	assert_true(i < fx.hits.n);
	return hitlog_xstate(&fx.hits, &fx.hits.hits[i]);
}

static uint64_t word(const struct xstate *x, const char *name)
{
	int i = arch_xregindex(fx.a, name);

	assert_true(i >= 0);
	assert_true(xstate_has(x, i));
	return x->w[i];
}

static void test_x86_64(void **state)
{
	const struct xstate *x;

	(void)state;
	setup("x86_64");
	x86_64_dump(PROBE, true, 16);
	x86_64_dump(PLAIN, true, 16);
	feed();
	assert_int_equal(qlog_finish(&fx.q, false), 0);
	assert_int_equal(fx.hits.n, 2);
	x = xstate_of(0);
	assert_non_null(x);
	assert_int_equal(fx.hits.hits[0].regs[arch_regindex(fx.a, "rbx")], 2);
	assert_int_equal(word(x, "xmm0.lo"), lo(0));
	assert_int_equal(word(x, "xmm0.hi"), hi(0));
	assert_int_equal(word(x, "xmm15.lo"), lo(15));
	assert_int_equal(word(x, "xmm15.hi"), hi(15));
	assert_int_equal(word(x, "mxcsr"), 0x5f80);
	assert_int_equal(word(x, "fcw"), 0xb7f);
	assert_null(xstate_of(1));
	hitlog_free(&fx.hits);
}

/* A CPU without AVX: XMMnn=w1 w0, two to a line. */
static void test_x86_64_xmm_lines(void **state)
{
	const struct xstate *x;

	(void)state;
	setup("x86_64");
	x86_64_dump(PROBE, false, 0);
	out("FCW=037f FSW=0000 [ST=0] FTW=00 MXCSR=00001f80\n");
	for (int i = 0; i < 16; i += 2)
		out("XMM%02d=%016llx %016llx XMM%02d=%016llx %016llx\n", i, (unsigned long long)hi(i),
		    (unsigned long long)lo(i), i + 1, (unsigned long long)hi(i + 1), (unsigned long long)lo(i + 1));
	feed();
	assert_int_equal(qlog_finish(&fx.q, false), 0);
	x = xstate_of(0);
	assert_int_equal(word(x, "xmm6.lo"), lo(6));
	assert_int_equal(word(x, "xmm7.hi"), hi(7));
	hitlog_free(&fx.hits);
}

static void arm64_dump(uint64_t pc, bool sve)
{
	out("Trace 0: 0x7f0000000000 [0000000001009331/%016llx/00000001/00000200] f\n", (unsigned long long)pc);
	out(" PC=%016llx", (unsigned long long)pc);
	for (int i = 0; i <= 30; i++)
		out("%sX%02d=%016llx", i % 3 == 2 ? "\n" : " ", i, 0x100ull + (unsigned long long)i);
	out("  SP=0000002000031000\n"
	    "PSTATE=60000000 -ZC- EL0t  SVCR=00000000 --  BTYPE=0     FPCR=03c00000 FPSR=00000010\n");
	if (!sve) {
		for (int i = 0; i < 32; i++)
			out("Q%02d=%016llx:%016llx%s", i, (unsigned long long)hi(i), (unsigned long long)lo(i),
			    i & 1 ? "\n" : " ");
		return;
	}
	out("P00=0000000000000000 P01=0000000000000000 P02=0000000000000000\nP15=0000000000000000 FFR=0000000000000000\n");
	for (int i = 0; i < 32; i++)
		out("Z%02d[3-2]=00000000000000ff:00000000000000ee:00000000000000dd:00000000000000cc\n"
		    "   [1-0]=00000000000000bb:00000000000000aa:%016llx:%016llx\n", i,
		    (unsigned long long)hi(i), (unsigned long long)lo(i));
}

static void test_arm64(void **state)
{
	const struct xstate *x;

	(void)state;
	setup("arm64");
	arm64_dump(PROBE, true);
	arm64_dump(PROBE, false);
	arm64_dump(PLAIN, true);
	feed();
	assert_int_equal(qlog_finish(&fx.q, false), 0);
	assert_int_equal(fx.hits.n, 3);
	for (int k = 0; k < 2; k++) {
		x = xstate_of((size_t)k);
		assert_non_null(x);
		assert_int_equal(fx.hits.hits[k].regs[arch_regindex(fx.a, "x30")], 0x100 + 30);
		assert_int_equal(word(x, "v0.lo"), lo(0));
		assert_int_equal(word(x, "v8.hi"), hi(8));
		assert_int_equal(word(x, "v31.lo"), lo(31));
		assert_int_equal(word(x, "fpcr"), 0x3c00000);
		assert_int_equal(word(x, "fpsr"), 0x10);
	}
	assert_null(xstate_of(2));
	hitlog_free(&fx.hits);
}

static void test_riscv64(void **state)
{
	static const char *const abi[] = {
		"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2",
		"fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
		"fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
	};
	const struct xstate *x;

	(void)state;
	setup("riscv64");
	out("Trace 0: 0x7f0000000000 [0000000000000000/%016llx/00207600/00000200] f\n pc       %016llx\n",
	    (unsigned long long)PROBE, (unsigned long long)PROBE);
	for (int i = 0; i < 32; i++)
		out(" x%d/r %016llx%s", i, 0x100ull + (unsigned long long)i, i % 4 == 3 ? "\n" : "");
	for (int i = 0; i < 32; i++)
		out(" f%d/%s %016llx%s", i, abi[i], (unsigned long long)lo(i), i % 4 == 3 ? "\n" : "");
	feed();
	assert_int_equal(qlog_finish(&fx.q, false), 0);
	x = xstate_of(0);
	assert_non_null(x);
	assert_int_equal(word(x, "ft0"), lo(0));
	assert_int_equal(word(x, "fs0"), lo(8));
	assert_int_equal(word(x, "ft11"), lo(31));
	assert_false(xstate_has(x, arch_xregindex(fx.a, "fcsr")));
	hitlog_free(&fx.hits);
}

/* The PSW line starts a dump; f0-f15 are the high halves of V00-V15; the dump has no fpc, no a0:a1. */
static void test_s390x(void **state)
{
	const struct xstate *x;
	const struct hit *h;

	(void)state;
	setup("s390x");
	out("Trace 0: 0x7f0000000000 [0000000000000000/%016llx/60000003/00000200] f\n"
	    "PSW=mask 0000100180000000 addr %016llx cc CC_OP_LTUGTU_64\n",
	    (unsigned long long)PROBE, (unsigned long long)PROBE);
	for (int i = 0; i < 16; i++)
		out("R%02d=%016llx%s", i, 0x100ull + (unsigned long long)i, i % 4 == 3 ? "\n" : " ");
	for (int i = 0; i < 32; i++)
		out("V%02d=%016llx%016llx%s", i, (unsigned long long)hi(i), (unsigned long long)lo(i),
		    i % 2 ? "\n" : " ");
	feed();
	assert_int_equal(qlog_finish(&fx.q, false), 0);
	assert_int_equal(fx.hits.n, 1);
	h = &fx.hits.hits[0];
	assert_int_equal(h->regs[arch_regindex(fx.a, "pc")], PROBE);
	assert_int_equal(h->regs[arch_regindex(fx.a, "pswm")], 0x0000100180000000ull);
	assert_int_equal(h->regs[arch_regindex(fx.a, "r15")], 0x10f);
	assert_false(h->known & HIT_TLS);
	x = xstate_of(0);
	assert_non_null(x);
	assert_int_equal(word(x, "f0"), hi(0));
	assert_int_equal(word(x, "f15"), hi(15));
	assert_false(xstate_has(x, arch_xregindex(fx.a, "fpc")));
	hitlog_free(&fx.hits);
}

/* A dump that ends before its FP registers: an error, unless the run was killed there. */
static void test_cut_short(void **state)
{
	const struct xstate *x;

	(void)state;
	setup("x86_64");
	x86_64_dump(PROBE, true, 4);
	x86_64_dump(PROBE, true, 16);
	assert_int_equal(qlog_feed(&fx.q, fx.log, fx.len), -1);
	assert_non_null(strstr(fx.q.err, "before its FP registers"));
	hitlog_free(&fx.hits);

	setup("x86_64");
	x86_64_dump(PROBE, true, 4);
	feed();
	assert_int_equal(qlog_finish(&fx.q, false), -1);
	assert_int_equal(qlog_finish(&fx.q, true), 0);
	x = xstate_of(0);
	assert_int_equal(word(x, "xmm3.hi"), hi(3));
	assert_false(xstate_has(x, arch_xregindex(fx.a, "xmm4.lo")));
	hitlog_free(&fx.hits);
}

static void test_bad_values(void **state)
{
	static const char *const bad[] = {
		"YMM03=0000000000000001\n",				/* one word */
		"YMM03=00000000000000001 0000000000000002\n",		/* 17 digits */
		"FCW=03zf FSW=0000 [ST=0] FTW=00 MXCSR=00001f80\n",
		"YMM03=1 2\nYMM03=1 2\n",				/* repeated */
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		setup("x86_64");
		x86_64_dump(PROBE, false, 0);
		out("%s", bad[i]);
		assert_int_equal(qlog_feed(&fx.q, fx.log, fx.len), -1);
		hitlog_free(&fx.hits);
	}
	/* The same lines after a probe without extended state are not read. */
	setup("x86_64");
	x86_64_dump(PLAIN, false, 0);
	out("%s", bad[0]);
	feed();
	assert_int_equal(qlog_finish(&fx.q, false), 0);
	hitlog_free(&fx.hits);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_x86_64),
		cmocka_unit_test(test_x86_64_xmm_lines),
		cmocka_unit_test(test_arm64),
		cmocka_unit_test(test_riscv64),
		cmocka_unit_test(test_s390x),
		cmocka_unit_test(test_cut_short),
		cmocka_unit_test(test_bad_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
