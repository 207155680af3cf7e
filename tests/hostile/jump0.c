/* A call through a nil function pointer. */
#include "hostile.h"

static void (*volatile fn)(void);

void main_main(void)
{
	printf("calling nil\n");
	fn();
	printf("returned\n");
}
