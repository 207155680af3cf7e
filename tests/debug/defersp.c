/* A deferred call's saved sp points off the goroutine's stack; the next defer notices. */
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
	printf("defer sp = stack.lo - 64\n");
	getg()->_defer->buf.sp = getg()->stack.lo - 64;
	DEFER(nop, 0);
	printf("not reached\n");
	DEFERRETURN();
}

void main_main(void)
{
	f();
}
