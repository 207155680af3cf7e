/* recover in a helper of the deferred function returns nil; the deferred function itself gets the panic. */
#include "crossrt.h"

static void helper(void)
{
	printf("helper recover: %s\n", sprint(recover()).s);
}

static void viahelper(void)
{
	helper();
}

static void direct(void)
{
	printf("direct recover: %s\n", sprint(recover()).s);
}

static void f(void)
{
	DEFER(direct, 0);
	DEFER(viahelper, 0);
	panic("p");
	DEFERRETURN();
}

void main_main(void)
{
	f();
	printf("main\n");
}
