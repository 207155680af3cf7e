/* g0's saved sp points off g0's stack; the next mcall (Gosched) would switch to it. */
#include "crossrt.h"
#include "panic.h"
#include "backend.h"

void main_main(void)
{
	struct g *g0 = getg()->m->g0;

	printf("g0 sched.sp = stack.hi + 4096\n");
	g0->sched.sp = g0->stack.hi + 4096;
	Gosched();
	printf("not reached\n");
}
