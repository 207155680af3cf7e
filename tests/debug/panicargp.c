/* A panic's argp points off the goroutine's stack; recover notices. */
#include "crossrt.h"
#include "panic.h"
#include "backend.h"

static void catch(void *arg)
{
	(void)arg;
	printf("panic argp = stack.hi + 64\n");
	getg()->_panic->argp = getg()->stack.hi + 64;
	recover();
	printf("not reached\n");
}

static void f(void)
{
	DEFER(catch, 0);
	panic("boom");
	DEFERRETURN();
}

void main_main(void)
{
	f();
}
