/*
 * riscv64 signal backend: the kernel's sigaction has no sa_restorer; a
 * handler returns through the kernel's (or the emulator's) trampoline.
 * sigpanic is "called" through ra.
 */
#include "runtime.h"
#include "syscall.h"
#include "sigctxt.h"

#define SA_SIGINFO	0x4
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000

struct sigactiont {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	uint64_t mask;
};

int setsig(int sig, void (*fn)(int, void *, void *))
{
	struct sigactiont sa = {
		.handler = fn,
		.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_NODEFER,
		.mask = SIGSET_ASYNC,
	};

	return (int)__syscall6(SYS_rt_sigaction, sig, (long)&sa, 0, sizeof sa.mask, 0, 0);
}

/* Make the interrupted code call target: ra = its pc, pc = target. */
void sigctxtpushcall(void *uc, uintptr target)
{
	*ucreg(uc, UC_RA) = *ucreg(uc, UC_PC);
	*ucreg(uc, UC_PC) = target;
}
