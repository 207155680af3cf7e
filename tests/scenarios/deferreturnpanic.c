/* A call deferred at a normal return panics; an earlier deferred call of the same function recovers. */
#include "crossrt.h"

static void catch(volatile int *r)
{
	printf("f recover: %s\n", sprint(recover()).s);
	*r = 7;
}

static void boom(void)
{
	panic("in deferreturn");
}

static int f(void)
{
	RESULT(int, r) = 0;
	DEFER(catch, &r);
	DEFER(boom, 0);
	printf("f body\n");
	r = 1;
	DEFERRETURN(r);
}

void main_main(void)
{
	printf("f returned %d\n", f());
}
