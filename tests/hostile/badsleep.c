/* nanosleep with an unreadable request: EFAULT, as Linux says. */
#include "hostile.h"

void main_main(void)
{
	report("nanosleep from an unmapped ts", sys(SYS_nanosleep, LOWADDR, 0, 0, 0));
	report("nanosleep from a kernel address", sys(SYS_nanosleep, KERNADDR, 0, 0, 0));
}
