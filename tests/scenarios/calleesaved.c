/*
 * Goroutines keep 14 integer and 14 floating-point values live across
 * every Gosched (tests/live.h).  The other goroutines run in between with
 * different values in the same registers, so a register the context
 * switch does not preserve changes the checksums.
 */
#include "../live.h"

#define NG	4
#define ROUNDS	12

static volatile int done;
static volatile uint64_t rounds[NG + 1];	/* in memory: a lost register cannot hang the loop */
static uint64_t isums[NG + 1], fsums[NG + 1];

static void worker(void *arg)
{
	uint64_t id = (uintptr_t)arg, seed = id, isum = 0, i;
	double c = id * 0.5, fsum = 0;
	LIVE(DECL)

	while (rounds[id] < ROUNDS) {
		Gosched();
		i = rounds[id] + 1;
		rounds[id] = i;
		i += id << 4;
		LIVE(STEP)
	}
	LIVE(SUM)
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
