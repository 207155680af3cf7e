/* A guest that never ends: only the engine's budget or time limit stops it. */
#include "hostile.h"

void main_main(void)
{
	volatile unsigned long n = 0;

	printf("looping\n");
	for (;;)
		n++;
}
