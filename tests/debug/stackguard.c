/* stackguard0 is neither stack.lo + StackGuard nor stackPreempt; the next switch notices. */
#include "crossrt.h"
#include "panic.h"
#include "backend.h"

void main_main(void)
{
	printf("stackguard0 = stack.lo\n");
	getg()->stackguard0 = getg()->stack.lo;
	Gosched();
	printf("not reached\n");
}
