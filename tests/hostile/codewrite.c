/* A store into the program's own code faults. */
#include "hostile.h"

void main_main(void)
{
	printf("writing to code\n");
	*(volatile long *)(uintptr_t)main_main = 0;
	printf("code written\n");
}
