/*
 * Each goroutine keeps its own floating-point rounding mode across
 * context switches - gogo restores the FP control state a C callee keeps
 * (x86_64 MXCSR and x87 control word, arm64 FPCR, riscv64 frm) - and a
 * new goroutine starts with round-to-nearest whatever its creator's
 * mode.  1/10 and -1/10 round differently in each of the four modes.
 */
#include "../live.h"
#include "../regs.h"

#define NG	4
#define ROUNDS	8

static const char *const modename[NG] = { "nearest", "toward zero", "down", "up" };
static volatile double one = 1, ten = 10;
static volatile int done;
static int startmode[NG];
static uint64_t tenth[NG][2];

static void worker(void *arg)
{
	int mode = (int)(uintptr_t)arg;

	startmode[mode] = fpround_get();
	fpround_set(mode);
	for (int i = 0; i < ROUNDS; i++) {
		Gosched();
		if (fpround_get() != mode)
			printf("goroutine in %s: rounding mode %d after Gosched %d\n",
			       modename[mode], fpround_get(), i);
	}
	tenth[mode][0] = float64bits(one / ten);
	tenth[mode][1] = float64bits(-one / ten);
	done++;
}

void main_main(void)
{
	fpround_set(RoundUp);
	for (int mode = 0; mode < NG; mode++)
		go(worker, mode);
	while (done < NG)
		Gosched();
	if (fpround_get() != RoundUp)
		printf("main: rounding mode %d, want up\n", fpround_get());
	fpround_set(RoundNearest);
	for (int mode = 0; mode < NG; mode++)
		printf("started in %s, ran in %s: 1/10 = %lx, -1/10 = %lx\n", modename[startmode[mode]],
		       modename[mode], (unsigned long)tenth[mode][0], (unsigned long)tenth[mode][1]);
}
