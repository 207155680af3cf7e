/* What the files of crossrt debug share: how they say what went wrong. */
#include <stdarg.h>
#include <stdio.h>
#include "cmd/dbg.h"

int dbg_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("crossrt debug: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 2;
}
