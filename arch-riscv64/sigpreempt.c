/* riscv64: make a signalled goroutine call asyncPreempt at its interrupted pc. */
#include "backend.h"

/* Save ra in a 16-byte slot below sp and make the interrupted pc the return address. */
void sigctxtpushpreempt(void *uc, uintptr target)
{
	uintptr sp = *ucreg(uc, UC_SP) - 16;

	*(uintptr *)sp = *ucreg(uc, UC_LR);
	*ucreg(uc, UC_SP) = sp;
	*ucreg(uc, UC_LR) = *ucreg(uc, UC_PC);
	*ucreg(uc, UC_PC) = target;
}
