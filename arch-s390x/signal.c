/*
 * s390x signal backend: sigaction with a restorer; sigpanic is "called"
 * through r14.  It stores its registers in the interrupted r15's save
 * area, which the interrupted code's callees own, and never returns.
 */
#include "runtime.h"
#include "syscall.h"
#include "sigctxt.h"

#define SA_SIGINFO	0x4
#define SA_ONSTACK	0x08000000
#define SA_RESTORER	0x04000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000

struct sigactiont {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

void sigreturn(void);
__asm__(".text\n"
	".globl sigreturn\n"
	".type sigreturn, @function\n"
	"sigreturn:\n"
	"	svc 173\n"	/* SYS_rt_sigreturn */
	"	.word 0\n"
	".size sigreturn, .-sigreturn\n");

int setsig(int sig, void (*fn)(int, void *, void *))
{
	struct sigactiont sa = {
		.handler = fn,
		.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTORER | SA_RESTART | SA_NODEFER,
		.restorer = sigreturn,
		.mask = SIGSET_ASYNC,
	};

	return (int)__syscall6(SYS_rt_sigaction, sig, (long)&sa, 0, sizeof sa.mask, 0, 0);
}

/* Make the interrupted code call target: r14 = its pc, pc = target. */
void sigctxtpushcall(void *uc, uintptr target)
{
	*ucreg(uc, UC_LR) = *ucreg(uc, UC_PC);
	*ucreg(uc, UC_PC) = target;
}
