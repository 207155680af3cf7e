/* ex4: recover in the panicking function's own deferred call; it returns normally. */
#include "crossrt.h"

static void catch(const char *funcname)
{
	any r = recover();

	if (!isnil(r))
		printf("%s recover: %s\n", funcname, sprint(r).s);
}

static void f(void)
{
	DEFER(catch, "f");
	panic("f panic");
	printf("f continue\n");
	DEFERRETURN();
}

void main_main(void)
{
	f();
	printf("main\n");
}
