/*
 * Recovery gives back the callee-saved registers.  Each worker keeps 14
 * integer and 14 floating-point values live across calls to f, more than
 * any ABI has callee-saved registers, so the compiler keeps them in all
 * of those and spills the rest.  f defers a recover and calls deep, which
 * fills the callee-saved registers with values of its own and panics;
 * the recovery resumes f at deferproc's second return with the registers
 * deferproc saved, and f's epilogue gives the worker back its own.  A
 * register deferproc does not save, or the recovery does not restore,
 * changes the checksums.
 */
#include "crossrt.h"

#define NG	3
#define ROUNDS	6

#define EACH(X) X(0, 1, 3) X(1, 2, 5) X(2, 3, 7) X(3, 4, 9) X(4, 5, 11) \
	X(5, 6, 13) X(6, 7, 15) X(7, 8, 17) X(8, 9, 19) X(9, 10, 21) \
	X(10, 11, 23) X(11, 12, 25) X(12, 13, 27) X(13, 0, 29)

#define DECL(k, n, m)	uint64_t a##k = seed * 1000 + k; double f##k = seed + k * 0.25;
#define STEP(k, n, m)	a##k = a##k * m + (a##n ^ i); f##k = f##k * 0.75 + f##n * c;
#define SUM(k, n, m)	isum = isum * 31 + a##k; fsum += f##k;

static volatile int done, recovered;
static uint64_t isums[NG + 1], fsums[NG + 1];

static uint64_t float64bits(double d)
{
	union { double d; uint64_t u; } x = { d };
	return x.u;
}

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
	EACH(DECL)

	EACH(STEP)
	Gosched();
	EACH(SUM)
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
	EACH(DECL)

	for (i = 1; i <= ROUNDS; i++) {
		if (f(seed * 100 + i) != 0)
			printf("worker %d: f returned normally\n", (int)seed);
		EACH(STEP)
	}
	EACH(SUM)
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
