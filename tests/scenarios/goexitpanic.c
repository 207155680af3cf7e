/* A call deferred by Goexit panics and a later one recovers: Goexit goes on. */
#include "crossrt.h"

static void say(const char *s)
{
	printf("%s\n", s);
}

static void catch(void)
{
	printf("recovered: %s\n", sprint(recover()).s);
}

static void boom(void)
{
	panic("panic during Goexit");
}

static void worker(void)
{
	DEFER(say, "worker deferred");
	DEFER(catch, 0);
	DEFER(boom, 0);
	Goexit();
	printf("not reached\n");
	DEFERRETURN();
}

void main_main(void)
{
	go(worker, 0);
	Gosched();
	printf("main\n");
}
