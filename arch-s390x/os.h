/* s390x system call numbers the thread and scheduler code needs beyond syscall.h. */
#ifndef ARCH_OS_H
#define ARCH_OS_H

#define SYS_sched_getaffinity_	240
#define SYS_clock_nanosleep_	262

#endif
