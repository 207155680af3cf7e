/*
 * Goexit runs every deferred call and ends the goroutine; main's Goexit ends in deadlock.
 * The expected order assumes the worker runs to its end within main's Gosched, as it
 * does in Go: goexit.env turns sysmon's preemption off so that it always does.
 */
#include "crossrt.h"

static void say(const char *s)
{
	printf("%s\n", s);
}

static void tryrecover(void)
{
	printf("recover in Goexit: %s\n", sprint(recover()).s);
}

static void inner(void)
{
	DEFER(say, "inner deferred");
	DEFER(tryrecover, 0);
	Goexit();
	DEFERRETURN();
}

static void worker(void)
{
	DEFER(say, "worker deferred");
	inner();
	printf("not reached\n");
	DEFERRETURN();
}

void main_main(void)
{
	go(worker, 0);
	Gosched();
	printf("main after worker\n");
	DEFER(say, "main deferred");
	Goexit();
	DEFERRETURN();
}
