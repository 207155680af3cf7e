/*
 * Host peers of the raw context switch, ns per save + restore pair:
 * Boost.Context's jump_fcontext (its C-callable symbols), glibc's
 * swapcontext, and setjmp + longjmp.  Prints "NAME NS OPS" lines.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <ucontext.h>

typedef void *fcontext_t;
typedef struct {
	fcontext_t fctx;
	void *data;
} transfer_t;

transfer_t jump_fcontext(fcontext_t const to, void *vp);
fcontext_t make_fcontext(void *sp, size_t size, void (*fn)(transfer_t));

#define STACK 65536

static long n;

static int64_t now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void fbounce(transfer_t t)
{
	for (;;)
		t = jump_fcontext(t.fctx, NULL);
}

static void bench_fcontext(void)
{
	static char stack[STACK] __attribute__((aligned(16)));
	fcontext_t c = make_fcontext(stack + STACK, STACK, fbounce);
	int64_t t0 = now();

	for (long i = 0; i < n; i++)
		c = jump_fcontext(c, NULL).fctx;
	printf("fcontext %lld %ld\n", (long long)(now() - t0), 2 * n);
}

static ucontext_t umain, ucoro;

static void ubounce(void)
{
	for (;;)
		swapcontext(&ucoro, &umain);
}

static void bench_swapcontext(void)
{
	static char stack[STACK] __attribute__((aligned(16)));
	long m = n / 10;
	int64_t t0;

	getcontext(&ucoro);
	ucoro.uc_stack.ss_sp = stack;
	ucoro.uc_stack.ss_size = STACK;
	ucoro.uc_link = NULL;
	makecontext(&ucoro, ubounce, 0);
	t0 = now();
	for (long i = 0; i < m; i++)
		swapcontext(&umain, &ucoro);
	printf("swapcontext %lld %ld\n", (long long)(now() - t0), 2 * m);
}

static void bench_setjmp(void)
{
	static jmp_buf jb;
	static volatile long i;
	int64_t t0;

	i = 0;
	t0 = now();
	setjmp(jb);
	if (++i < n)
		longjmp(jb, 1);
	printf("setjmp %lld %ld\n", (long long)(now() - t0), n);
}

int main(void)
{
	const char *s = getenv("BENCH_N");

	n = s ? atol(s) : 0;
	if (n <= 0)
		n = 10000000;
	bench_fcontext();
	bench_swapcontext();
	bench_setjmp();
	return 0;
}
