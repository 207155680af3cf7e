/* ex2: a call deferred during a panic defers a recover, which is not called by the panic: nil. */
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
