/*
 * The function table, for tracebacks.  The program cannot read its own
 * ELF symbol table (it is not loaded), so the build fills this reserved
 * section after linking (runtime/functab.sh): "hexaddr name\0" entries
 * sorted by address, zero padded.  Before that it is all zero and
 * functions have no names.
 */
#include "panic.h"

#define FUNCTABSIZE (32 * 1024)	/* functab.sh knows this size */

__attribute__((section(".functab"), used, aligned(8)))
static const char functab[FUNCTABSIZE];

static const char *parsehex(const char *s, uintptr *v)
{
	uintptr x = 0;

	for (;; s++) {
		if (*s >= '0' && *s <= '9')
			x = x * 16 + (uintptr)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			x = x * 16 + (uintptr)(*s - 'a' + 10);
		else
			break;
	}
	*v = x;
	return s;
}

/* The name of the function containing pc, and its entry; NULL if unknown. */
const char *funcname(uintptr pc, uintptr *entry)
{
	const char *s = functab, *end, *name = NULL;

	/* The table is written after compiling: never fold its zeros. */
	__asm__("" : "+r"(s));
	end = s + FUNCTABSIZE;
	while (s < end && *s) {
		uintptr addr;

		s = parsehex(s, &addr);
		if (addr > pc || *s != ' ')
			break;
		*entry = addr;
		name = ++s;
		while (s < end && *s)
			s++;
		s++;
	}
	return name;
}
