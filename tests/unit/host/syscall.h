/* Host stand-in for the arch syscall.h: runtime sources under test make no raw system calls. */
#ifndef ARCH_SYSCALL_H
#define ARCH_SYSCALL_H
#endif
