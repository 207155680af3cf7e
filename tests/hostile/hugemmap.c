/* Mappings larger than the address space. */
#include "hostile.h"

void main_main(void)
{
	report("mmap 1 PiB", __syscall6(SYS_mmap, 0, 1L << 50, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	report("mmap of all but a page", __syscall6(SYS_mmap, 0, -4096L, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	report("mmap of length 0", __syscall6(SYS_mmap, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
}
