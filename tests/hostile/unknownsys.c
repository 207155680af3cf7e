/* System calls no engine knows: ENOSYS, and an event in the trace. */
#include "hostile.h"

void main_main(void)
{
	report("syscall 999", sys(999, 0, 0, 0, 0));
	report("syscall 999 again", sys(999, 0, 0, 0, 0));
	report("syscall -1", sys(-1, 0, 0, 0, 0));
}
