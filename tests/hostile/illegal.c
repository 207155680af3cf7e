/* An undefined instruction, executed from a page the program wrote it to. */
#include "hostile.h"

void main_main(void)
{
	long p = __syscall6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	/* undefined on all three ISAs: see tests/scenarios/sigdeliver.c */
	*(volatile uint32_t *)p = 0x0000001f;
	printf("executing\n");
	((void (*)(void))p)();
	printf("returned\n");
}
