/* Host stand-in for the arch os.h: the runtime sources under test make no raw system calls. */
#ifndef ARCH_OS_H
#define ARCH_OS_H
#endif
