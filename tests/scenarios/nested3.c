/* Three nested panics, each raised by a call deferred during the one before: recovered outside, then not. */
#include "crossrt.h"

static void catch(const char *funcname)
{
	any r = recover();

	if (!isnil(r))
		printf("%s recover: %s\n", funcname, sprint(r).s);
}

static void k(void)
{
	panic("k panic");
}

static void h(void)
{
	DEFER(k, 0);
	panic("h panic");
	DEFERRETURN();
}

static void g(void)
{
	DEFER(h, 0);
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
	g();
}
