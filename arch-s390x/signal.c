/*
 * s390x signal backend: the restorer, and sigpanic "called" through r14.
 * sigpanic stores its registers in the interrupted r15's save area,
 * which the interrupted code's callees own, and never returns.
 */
#include "backend.h"

__asm__(".text\n"
	".globl sigreturn\n"
	".type sigreturn, @function\n"
	"sigreturn:\n"
	"	svc 173\n"	/* SYS_rt_sigreturn */
	"	.word 0\n"
	".size sigreturn, .-sigreturn\n");

/* Make the interrupted code call target: r14 = its pc, pc = target. */
void sigctxtpushcall(void *uc, uintptr target)
{
	*ucreg(uc, UC_LR) = *ucreg(uc, UC_PC);
	*ucreg(uc, UC_PC) = target;
}
