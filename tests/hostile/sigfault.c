/*
 * A SIGSEGV handler that faults itself.  The runtime's handlers run on the
 * alternate stack with SA_NODEFER, so each fault stacks another frame there
 * until one does not fit: then Linux kills the process with SIGSEGV.
 */
#include "hostile.h"
#include "backend.h"

static volatile uintptr_t bad = LOWADDR;

static void handler(int sig, void *info, void *uc)
{
	(void)sig, (void)info, (void)uc;
	*(volatile long *)bad = 2;
}

void main_main(void)
{
	report("rt_sigaction", setsig(SIGSEGV, handler));
	printf("faulting\n");
	*(volatile long *)bad = 1;
	printf("survived\n");
}
