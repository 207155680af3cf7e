/* arm64 signal backend: the restorer; sigpanic is "called" through the link register. */
#include "backend.h"

__asm__(".text\n"
	".globl sigreturn\n"
	".type sigreturn, %function\n"
	"sigreturn:\n"
	"	mov x8, #139\n"	/* SYS_rt_sigreturn */
	"	svc #0\n"
	"	udf #0\n"
	".size sigreturn, .-sigreturn\n");

/* Make the interrupted code call target: lr = its pc, pc = target. */
void sigctxtpushcall(void *uc, uintptr target)
{
	*ucreg(uc, UC_LR) = *ucreg(uc, UC_PC);
	*ucreg(uc, UC_PC) = target;
}
