/* An unrecovered panic in any goroutine ends the program. */
#include "crossrt.h"

static void say(const char *s)
{
	printf("%s\n", s);
}

static void worker(void)
{
	DEFER(say, "worker deferred");
	panic("in goroutine");
	DEFERRETURN();
}

void main_main(void)
{
	printf("main\n");
	go(worker, 0);
	for (;;)
		Gosched();
}
