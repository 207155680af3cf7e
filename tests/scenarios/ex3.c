/* ex3: a nested panic recovered inside the deferred call, then the first one outside. */
#include "crossrt.h"

static void catch(const char *funcname)
{
	any r = recover();

	if (!isnil(r))
		printf("%s recover: %s\n", funcname, sprint(r).s);
}

static void m(void)
{
	DEFER(catch, "m");
	panic("m panic");
	DEFERRETURN();
}

static void g(void)
{
	DEFER(m, 0);
	panic("g panic");
	DEFERRETURN();
}

static void f(void)
{
	DEFER(catch, "f");
	g();
	DEFERRETURN();
}

void main_main(void)
{
	f();
	printf("main\n");
}
