/* Deferred calls run last in, first out, each function's own at its return. */
#include "crossrt.h"

static void say(const char *s)
{
	printf("%s\n", s);
}

static void fdeferred(void *i)
{
	printf("f deferred %d\n", (int)(uintptr_t)i);
}

static void g(void)
{
	DEFER(say, "g deferred 1");
	DEFER(say, "g deferred 2");
	printf("g body\n");
	DEFERRETURN();
}

static void f(void)
{
	for (int i = 0; i < 4; i++)
		DEFER(fdeferred, i);
	g();
	printf("f body\n");
	DEFERRETURN();
}

void main_main(void)
{
	f();
	printf("main\n");
}
