/*
 * Goroutines keep 14 integer and 14 floating-point values live across
 * every Gosched: more than any of the ABIs has callee-saved registers,
 * so the compiler puts them in all of those registers and spills the
 * rest.  The other goroutines run in between with different values in
 * the same registers, so a register the context switch does not
 * preserve changes the checksums.  The doubles stay dyadic rationals
 * with few bits: every result is exact on every ISA.
 */
#include "crossrt.h"

#define NG	4
#define ROUNDS	12

/* k, the next index (wrapping) and the integer multiplier */
#define EACH(X) X(0, 1, 3) X(1, 2, 5) X(2, 3, 7) X(3, 4, 9) X(4, 5, 11) \
	X(5, 6, 13) X(6, 7, 15) X(7, 8, 17) X(8, 9, 19) X(9, 10, 21) \
	X(10, 11, 23) X(11, 12, 25) X(12, 13, 27) X(13, 0, 29)

#define DECL(k, n, m)	uint64_t a##k = id * 1000 + k; double f##k = id + k * 0.25;
#define STEP(k, n, m)	a##k = a##k * m + (a##n ^ i); f##k = f##k * 0.75 + f##n * c;
#define SUM(k, n, m)	isum = isum * 31 + a##k; fsum += f##k;

static volatile int done;
static volatile uint64_t rounds[NG + 1];	/* in memory: a lost register cannot hang the loop */
static uint64_t isums[NG + 1], fsums[NG + 1];

static uint64_t float64bits(double d)
{
	union { double d; uint64_t u; } x = { d };
	return x.u;
}

static void worker(void *arg)
{
	uint64_t id = (uintptr_t)arg, isum = 0, i;
	double c = id * 0.5, fsum = 0;
	EACH(DECL)

	while (rounds[id] < ROUNDS) {
		Gosched();
		i = rounds[id] + 1;
		rounds[id] = i;
		i += id << 4;
		EACH(STEP)
	}
	EACH(SUM)
	isums[id] = isum;
	fsums[id] = float64bits(fsum);
	done++;
}

void main_main(void)
{
	for (int id = 1; id <= NG; id++)
		go(worker, id);
	while (done < NG)
		Gosched();
	for (int id = 1; id <= NG; id++)
		printf("goroutine %d: int %lx float %lx\n", id,
		       (unsigned long)isums[id], (unsigned long)fsums[id]);
}
