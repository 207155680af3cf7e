/* Output to fd 4, the lowest descriptor a process has not been given. */
#include "hostile.h"

void main_main(void)
{
	static const char msg[] = "should not appear\n";

	report("write to fd 4", sys(SYS_write, 4, (long)msg, sizeof msg - 1, 0));
}
