/* s390x: make a signalled goroutine call asyncPreempt at its interrupted pc. */
#include "backend.h"

/*
 * The interrupted r15's save area may hold a frameless function's saved
 * registers: below it, a new 160-byte save area for asyncPreempt (its
 * backchain the interrupted r15) and a slot with the interrupted r14 at
 * 160.  r14 = the interrupted pc.
 */
void sigctxtpushpreempt(void *uc, uintptr target)
{
	uintptr sp = *ucreg(uc, UC_SP) - 168;

	((uintptr *)sp)[0] = *ucreg(uc, UC_SP);
	((uintptr *)sp)[20] = *ucreg(uc, UC_LR);
	*ucreg(uc, UC_SP) = sp;
	*ucreg(uc, UC_LR) = *ucreg(uc, UC_PC);
	*ucreg(uc, UC_PC) = target;
}
