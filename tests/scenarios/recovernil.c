/* recover outside a panic returns nil, in a deferred call too. */
#include "crossrt.h"

static void deferred(void)
{
	printf("deferred recover: %s\n", sprint(recover()).s);
}

static void f(void)
{
	DEFER(deferred, 0);
	printf("recover: %s\n", sprint(recover()).s);
	DEFERRETURN();
}

void main_main(void)
{
	f();
	printf("main\n");
}
