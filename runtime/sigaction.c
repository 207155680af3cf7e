/*
 * setsig: rt_sigaction with the flags every handler of the runtime
 * wants.  The kernel's struct sigaction differs by ISA only in whether
 * it has sa_restorer; an arch that has it defines SA_RESTORER in its
 * sigctxt.h and supplies sigreturn (as musl's ksigaction.h does).
 */
#include "backend.h"

#define SA_SIGINFO	0x4
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000

#ifdef SA_RESTORER
#define SA_FLAGS	(SA_SIGINFO | SA_ONSTACK | SA_RESTORER | SA_RESTART | SA_NODEFER)
#else
#define SA_FLAGS	(SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_NODEFER)
#endif

struct sigactiont {
	void (*handler)(int, void *, void *);
	unsigned long flags;
#ifdef SA_RESTORER
	void (*restorer)(void);
#endif
	uint64_t mask;
};

int setsig(int sig, void (*fn)(int, void *, void *))
{
	struct sigactiont sa = {
		.handler = fn,
		.flags = SA_FLAGS,
#ifdef SA_RESTORER
		.restorer = sigreturn,
#endif
		.mask = SIGSET_ASYNC,
	};

	return (int)__syscall6(SYS_rt_sigaction, sig, (long)&sa, 0, sizeof sa.mask, 0, 0);
}
