/* Two deferred calls of one frame linked into a cycle; the next defer notices. */
#include "crossrt.h"
#include "panic.h"
#include "backend.h"

static void nop(void *arg)
{
	(void)arg;
}

static void f(void)
{
	DEFER(nop, 0);
	DEFER(nop, 0);
	printf("older defer's link = newer defer\n");
	getg()->_defer->link->link = getg()->_defer;
	DEFER(nop, 0);
	printf("not reached\n");
	DEFERRETURN();
}

void main_main(void)
{
	f();
}
