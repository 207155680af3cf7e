/* Mappings of 256 MiB, each touched, until mmap refuses: the engine must say no before the host runs out. */
#include "hostile.h"

#define CHUNK	(256L << 20)
#define MAXCHUNKS	64	/* 16 GiB: past any limit of the engine's */

void main_main(void)
{
	long p = 0;
	int n;

	for (n = 0; n < MAXCHUNKS; n++) {
		p = __syscall6(SYS_mmap, 0, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p < 0 && p > -4096)
			break;
		*(volatile char *)p = 1;
		*(volatile char *)(p + CHUNK - 1) = 1;
	}
	printf("mapped %d chunks of 256 MiB\n", n);
	report("last mmap", p);
}
