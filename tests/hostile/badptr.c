/* Wild pointers handed to system calls come back as EFAULT, never a crash. */
#include "hostile.h"

void main_main(void)
{
	long code = (long)main_main;	/* mapped, not writable */

	report("write from an unmapped buffer", sys(SYS_write, 1, LOWADDR, 8, 0));
	report("write from a kernel address", sys(SYS_write, 1, KERNADDR, 8, 0));
	report("futex on an unmapped word", sys(SYS_futex, LOWADDR, FUTEX_WAIT, 0, 0));
	report("rt_sigaction from an unmapped act", sys(SYS_rt_sigaction, SIGUSR1, LOWADDR, 0, 8));
	report("rt_sigaction into code", sys(SYS_rt_sigaction, SIGUSR1, 0, code, 8));
	report("rt_sigprocmask from an unmapped set", sys(SYS_rt_sigprocmask, 0, LOWADDR, 0, 8));
	report("sigaltstack from an unmapped ss", sys(SYS_sigaltstack, KERNADDR, 0, 0, 0));
	report("clock_gettime into an unmapped ts", sys(SYS_clock_gettime, 1, LOWADDR, 0, 0));
	report("clock_gettime into code", sys(SYS_clock_gettime, 1, code, 0, 0));
	report("mmap fixed in the kernel's half",
	       __syscall6(SYS_mmap, KERNADDR, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	printf("still running\n");
}
