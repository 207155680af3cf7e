/* A fault at an address that is not a nil dereference is fatal, not a panic. */
#include "crossrt.h"

static volatile uintptr_t addr = 0xdead0000;

void main_main(void)
{
	printf("main\n");
	*(volatile long *)addr = 1;
}
