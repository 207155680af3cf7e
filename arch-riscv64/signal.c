/* riscv64 signal backend: sigpanic is "called" through ra. */
#include "backend.h"

/* Make the interrupted code call target: ra = its pc, pc = target. */
void sigctxtpushcall(void *uc, uintptr target)
{
	*ucreg(uc, UC_LR) = *ucreg(uc, UC_PC);
	*ucreg(uc, UC_PC) = target;
}
