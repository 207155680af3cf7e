/* The local run queue's head moved past its tail; the next runqput to the ring notices. */
#include "crossrt.h"
#include "panic.h"
#include "backend.h"

static void idle(void *arg)
{
	(void)arg;
}

void main_main(void)
{
	struct p *pp = getg()->m->p;

	printf("runqhead = runqtail + 1\n");
	pp->runqhead = pp->runqtail + 1;
	go(idle, 0);	/* to runnext */
	go(idle, 0);	/* kicks the first to the ring */
	printf("not reached\n");
}
