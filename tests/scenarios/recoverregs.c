/*
 * Recovery gives back the callee-saved registers.  Each worker keeps 14
 * integer and 14 floating-point values live across calls to f
 * (tests/live.h).  f defers a recover and calls deep, which
 * fills the callee-saved registers with values of its own and panics;
 * the recovery resumes f at deferproc's second return with the registers
 * deferproc saved, and f's epilogue gives the worker back its own.  A
 * register deferproc does not save, or the recovery does not restore,
 * changes the checksums.
 */
#include "../live.h"

#define NG	3
#define ROUNDS	6

static volatile int done, recovered;
static uint64_t isums[NG + 1], fsums[NG + 1];

static void handler(void *arg)
{
	(void)arg;
	if (!isnil(recover()))
		recovered++;
}

/* Values of its own in every callee-saved register, live across a call, then a panic. */
static void deep(uint64_t seed)
{
	uint64_t isum = 0, i = 1;
	double c = 0.125, fsum = 0;
	LIVE(DECL)

	LIVE(STEP)
	Gosched();
	LIVE(SUM)
	panic((intptr_t)(isum ^ float64bits(fsum)));
}

static int f(uint64_t seed)
{
	RESULT(int, r) = 0;

	DEFER(handler, 0);
	deep(seed);
	r = 1;
	DEFERRETURN(r);
}

static void worker(void *arg)
{
	uint64_t seed = (uintptr_t)arg, isum = 0, i;
	double c = seed * 0.5, fsum = 0;
	LIVE(DECL)

	for (i = 1; i <= ROUNDS; i++) {
		if (f(seed * 100 + i) != 0)
			printf("worker %d: f returned normally\n", (int)seed);
		LIVE(STEP)
	}
	LIVE(SUM)
	isums[seed] = isum;
	fsums[seed] = float64bits(fsum);
	done++;
}

void main_main(void)
{
	for (int id = 1; id <= NG; id++)
		go(worker, id);
	while (done < NG)
		Gosched();
	for (int id = 1; id <= NG; id++)
		printf("worker %d: int %lx float %lx\n", id, (unsigned long)isums[id], (unsigned long)fsums[id]);
	printf("%d panics recovered\n", recovered);
}
