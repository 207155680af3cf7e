/* x86_64 signal backend: the restorer, and Go's pushCall for sigpanic. */
#include "backend.h"

__asm__(".text\n"
	".globl sigreturn\n"
	".type sigreturn, @function\n"
	"sigreturn:\n"
	"	mov $15, %eax\n"	/* SYS_rt_sigreturn */
	"	syscall\n"
	"	hlt\n"
	".size sigreturn, .-sigreturn\n");

/*
 * Make the interrupted code call target: push its pc as the return
 * address and go to target, with the stack aligned as at a call.
 */
void sigctxtpushcall(void *uc, uintptr target)
{
	uintptr sp = *ucreg(uc, UC_SP);

	if (sp & 15)
		*(uintptr *)(sp -= 8) = 0;
	sp -= 8;
	*(uintptr *)sp = *ucreg(uc, UC_PC);
	*ucreg(uc, UC_SP) = sp;
	*ucreg(uc, UC_PC) = target;
}
