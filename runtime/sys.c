/* Raw system calls through the arch backend's syscall.h. */
#include "runtime.h"
#include "backend.h"

void exit(int code)
{
	for (;;)
		__syscall6(SYS_exit_group, code, 0, 0, 0, 0, 0);
}

intptr write1(int fd, const void *p, uintptr n)
{
	return __syscall6(SYS_write, fd, (long)p, (long)n, 0, 0, 0);
}

void *mmap(void *addr, uintptr n, int prot, int flags, int fd, intptr off)
{
	return (void *)__syscall6(SYS_mmap, (long)addr, (long)n, prot, flags, fd, off);
}

int munmap(void *addr, uintptr n)
{
	return (int)__syscall6(SYS_munmap, (long)addr, (long)n, 0, 0, 0, 0);
}
