/* main receives from a channel no one sends on: Go's deadlock error. */
#include "crossrt.h"

void main_main(void)
{
	chan c = makechan(sizeof(int), 0);
	int v;

	printf("waiting\n");
	chanrecv1(c, &v);
}
