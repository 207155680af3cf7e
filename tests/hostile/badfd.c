/* Output to descriptors that are not stdout, stderr or the record is refused. */
#include "hostile.h"

void main_main(void)
{
	static const char msg[] = "should not appear\n";

	report("write to fd 100", sys(SYS_write, 100, (long)msg, sizeof msg - 1, 0));
	report("write to fd -1", sys(SYS_write, -1, (long)msg, sizeof msg - 1, 0));
	report("write to fd 1", sys(SYS_write, 1, (long)"to stdout\n", 10, 0));
}
