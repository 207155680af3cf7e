/* x86_64: make a signalled goroutine call asyncPreempt at its interrupted pc. */
#include "backend.h"

/*
 * Skip the 128-byte red zone the interrupted function may be using, then
 * push the resume pc as a call would; asyncPreempt returns with ret $128.
 */
void sigctxtpushpreempt(void *uc, uintptr target)
{
	uintptr sp = *ucreg(uc, UC_SP) - 128 - 8;

	*(uintptr *)sp = *ucreg(uc, UC_PC);
	*ucreg(uc, UC_SP) = sp;
	*ucreg(uc, UC_PC) = target;
}
