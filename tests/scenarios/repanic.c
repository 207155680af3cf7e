/* A deferred call recovers and panics again: caught outside, then not. */
#include "crossrt.h"

static void again(void)
{
	any r = recover();

	printf("recovered: %s\n", sprint(r).s);
	panic("again");
}

static void outer(void)
{
	printf("outer recover: %s\n", sprint(recover()).s);
}

static void f(void)
{
	DEFER(again, 0);
	panic("boom");
	DEFERRETURN();
}

static void g(void)
{
	DEFER(outer, 0);
	f();
	DEFERRETURN();
}

void main_main(void)
{
	g();
	printf("main\n");
	f();
}
