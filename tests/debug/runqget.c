/* The local run queue's tail moved more than its length past its head; the scheduler's runqget notices. */
#include "crossrt.h"
#include "panic.h"
#include "backend.h"

void main_main(void)
{
	struct p *pp = getg()->m->p;

	printf("runqtail = runqhead + len(runq) + 1\n");
	pp->runqtail = pp->runqhead + RUNQSIZE + 1;
	Gosched();
	printf("not reached\n");
}
