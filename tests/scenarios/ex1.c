/* ex1: a deferred call panics again; the outer recover gets the newer panic. */
#include "crossrt.h"

static void catch(const char *funcname)
{
	any r = recover();

	if (!isnil(r))
		printf("%s recover: %s\n", funcname, sprint(r).s);
}

static void m(void)
{
	panic("m panic");
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
