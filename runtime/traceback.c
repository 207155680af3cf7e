/*
 * Tracebacks by frame pointers (every function keeps one), named through
 * the function table the build writes into the program.
 */
#include "panic.h"
#include "backend.h"

#define MAXFRAMES 100

static bool onstack(struct g *gp, uintptr fp)
{
	return fp > gp->stack.lo && fp <= gp->stack.hi;
}

/*
 * Print the callers of the function whose frame is fp, newest first, up
 * to the goroutine's first function.  The gopanic that is reporting is
 * not shown; older gopanic frames are, as Go shows them.  A return
 * address is looked up one byte back, inside its call; the pc that
 * sigpanic "returns" to is the faulting instruction itself.
 */
void traceback(uintptr fp, struct g *gp)
{
	uintptr callee = 0;
	int n;

	for (n = 0; n < MAXFRAMES && fp != 0 && onstack(gp, fp); n++) {
		uintptr pc = frameretpc(fp), entry = 0;
		const char *name = funcname(callee == (uintptr)sigpanic ? pc : pc - 1, &entry);

		fp = frameparent(fp);
		callee = entry;
		if (pc == 0 || pc == (uintptr)goexit)
			break;
		if (n == 0 && entry == (uintptr)gopanic)
			continue;
		if (name)
			print("%s()\n\tpc=0x%lx %s+0x%lx\n", name, (unsigned long)pc, name,
			      (unsigned long)(pc - entry));
		else
			print("?()\n\tpc=0x%lx\n", (unsigned long)pc);
	}
	if (n == MAXFRAMES)
		printstring("...additional frames elided...\n");
}
