/* A running goroutine marked idle: no such edge in Go's g state machine. */
#include "crossrt.h"
#include "panic.h"
#include "backend.h"

void main_main(void)
{
	printf("casgstatus Grunning -> Gidle\n");
	casgstatus(getg(), Grunning, Gidle);
	printf("not reached\n");
}
