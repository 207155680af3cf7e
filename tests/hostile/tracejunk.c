/* Garbage written into the runtime's record: the run must end with an error that says so. */
#include "hostile.h"

void main_main(void)
{
	static const char junk[] = "{not a record\n";

	report("write junk to the record", sys(SYS_write, TRACEFD, (long)junk, sizeof junk - 1, 0));
}
