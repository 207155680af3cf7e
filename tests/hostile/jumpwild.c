/* A jump to an address nothing is mapped at. */
#include "hostile.h"

static volatile uintptr_t target = 0x7e0000000000UL;

void main_main(void)
{
	printf("jumping\n");
	((void (*)(void))target)();
	printf("returned\n");
}
