/*
 * A guest that closes the runtime's record descriptor and puts stdout in
 * its place: the trace must stay well-formed.
 */
#include "hostile.h"

static void worker(void *ch)
{
	int v = 1;

	chansend1(ch, &v);
}

void main_main(void)
{
	chan c = makechan(sizeof(int), 0);
	int v;

	report("close the record", sys(SYS_close, TRACEFD, 0, 0, 0));
	report("dup3 stdout over it", sys(SYS_dup3, 1, TRACEFD, 0, 0));
	go(worker, c);
	chanrecv1(c, &v);
	printf("received %d\n", v);
}
