/*
 * The end of an unrecovered panic or a throw, printed as Go prints it:
 * the panic chain oldest first, the signal that caused it, then the
 * goroutine's stack.  Exit status 2.
 */
#include "panic.h"
#include "backend.h"

const char *signame(uintptr sig)
{
	switch (sig) {
	case 4:
		return "SIGILL: illegal instruction";
	case 7:
		return "SIGBUS: bus error";
	case 8:
		return "SIGFPE: floating-point exception";
	case 11:
		return "SIGSEGV: segmentation violation";
	}
	return NULL;
}

static void printpanics(struct _panic *p)
{
	if (p->link) {
		printpanics(p->link);
		if (!p->link->goexit)
			printstring("\t");
	}
	if (p->goexit)
		return;
	printstring("panic: ");
	printpanicval(p->arg);
	if (p->recovered)
		printstring(" [recovered]");
	printnl();
}

/* False when a panic is already being printed: only one report. */
static bool startpanic(struct m *mp)
{
	switch (mp->dying++) {
	case 0:
		return true;
	case 1:
		printstring("panic during panic\n");
		return false;
	case 2:
		printstring("stack trace unavailable\n");
		/* fall through */
	default:
		exit(4);
	}
}

/*
 * The signal line and the stack of gp: the callers of the function whose
 * frame is fp, after the function at pc if pc is not 0.
 */
static void dopanic(struct g *gp, uintptr pc, uintptr fp)
{
	const char *name;
	uintptr entry = 0;

	if (gp->sig != 0) {
		if ((name = signame(gp->sig)) != NULL)
			print("[signal %s", name);
		else
			print("[signal 0x%lx", (unsigned long)gp->sig);
		print(" code=0x%lx addr=0x%lx pc=0x%lx]\n", (unsigned long)gp->sigcode0,
		      (unsigned long)gp->sigcode1, (unsigned long)gp->sigpc);
	}
	if (gp == gp->m->g0 || gp == gp->m->gsignal)
		return;
	print("\ngoroutine %ld [running]:\n", (long)gp->goid);
	if (pc != 0 && (name = funcname(pc, &entry)) != NULL)
		print("%s()\n\tpc=0x%lx %s+0x%lx\n", name, (unsigned long)pc, name, (unsigned long)(pc - entry));
	traceback(fp, gp);
}

PROBE void fatalpanic(struct _panic *msgs)
{
	struct g *gp = getg();

	if (startpanic(gp->m) && msgs)
		printpanics(msgs);
	dopanic(gp, 0, (uintptr)__builtin_frame_address(0));
	exit(2);
}

/* After throw has printed "fatal error: ...". */
PROBE void fatalthrow(void)
{
	struct g *gp = getg();

	if (startpanic(gp->m))
		dopanic(gp, 0, (uintptr)__builtin_frame_address(0));
	exit(2);
}

/*
 * A fault that sigpanic has no stack to run for (a guard page, the end
 * of the stack): reported from the signal handler, in Go's words for a
 * fault that is not a nil dereference.
 */
void sigfault(struct g *gp, uintptr fp)
{
	print("unexpected fault address 0x%lx\n", (unsigned long)gp->sigcode1);
	print("fatal error: fault\n");
	if (startpanic(gp->m))
		dopanic(gp, gp->sigpc, fp);
	exit(2);
}
