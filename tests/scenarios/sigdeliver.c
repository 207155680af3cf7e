/*
 * A program's own handlers for synchronous signals: each fault must arrive
 * with Linux's siginfo, and the handler's rewrite of the context must take
 * effect when it returns through rt_sigreturn.  The handler sends the
 * thread to resume(), which prints what the handler saw and starts the
 * next fault; nothing returns to the faulting code.
 */
#include "crossrt.h"
#include "backend.h"

#define SIGILL		4
#define SIGSEGV		11
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define ILL_ILLOPC	1
#define ILL_ILLOPN	2
#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4
#define MAP_PRIVATE	2
#define MAP_ANONYMOUS	0x20
#define PAGESIZE	4096

/*
 * What the ISA's Linux reports, where its sigctxt.h says otherwise: by
 * default a SIGSEGV's exact address, and for an undefined instruction a
 * pc on the instruction itself.
 */
#ifndef SIGSEGV_ADDRMASK
#define SIGSEGV_ADDRMASK	(~(uintptr_t)0)
#endif
#ifndef SIGILL_PCSKIP
#define SIGILL_PCSKIP		0
#endif

void exit(int code) __attribute__((noreturn));

struct siginfo {
	int32_t signo, errno_, code, pad;
	uintptr_t addr;
};

struct fault {
	const char *name;
	void (*cause)(void);
	int signo, code;
};

static volatile uintptr_t want;	/* the address the fault must report */
static int step;
static volatile struct {
	int sig, signo, code;
	uintptr_t addr, pc;
} seen;

static uintptr_t page(int prot)
{
	long p = __syscall6(SYS_mmap, 0, PAGESIZE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p < 0 && p > -4096) {
		printf("mmap: errno %ld\n", -p);
		exit(1);
	}
	return (uintptr_t)p;
}

static void unmapped(void)
{
	uintptr_t p = page(PROT_READ | PROT_WRITE);

	__syscall6(SYS_munmap, (long)p, PAGESIZE, 0, 0, 0, 0);
	want = p + 0x10;
	*(volatile char *)want = 1;
}

static void readonly(void)
{
	want = page(PROT_READ) + 0x28;
	*(volatile long *)want = 1;
}

/*
 * One word that is undefined on every ISA here: on x86_64 0x1f (pop %ds)
 * is invalid in 64-bit mode, on arm64 it is udf #0x1f, on riscv64 its low
 * bits announce a 48-bit instruction, which no extension defines; on
 * s390x, big-endian, its first halfword is opcode 0, which is undefined.
 */
static void illegal(void)
{
	uintptr_t p = page(PROT_READ | PROT_WRITE | PROT_EXEC);

	*(volatile uint32_t *)p = 0x0000001f;
	want = p;
	((void (*)(void))p)();
}

/* Linux says ILL_ILLOPN for x86's #UD and ILL_ILLOPC for arm64's and riscv64's undefined instructions. */
static const struct fault faults[] = {
	{ "unmapped write", unmapped, SIGSEGV, SEGV_MAPERR },
	{ "read-only write", readonly, SIGSEGV, SEGV_ACCERR },
	{ "illegal instruction", illegal, SIGILL, ILL_ILLOPC },
};

static void resume(void);

static void handler(int sig, void *info, void *uc)
{
	struct siginfo *si = info;

	seen.sig = sig;
	seen.signo = si->signo;
	seen.code = si->code;
	seen.addr = si->addr;
	seen.pc = sigctxtpc(uc);
	sigctxtpushcall(uc, (uintptr_t)resume);
}

static bool codeok(const struct fault *f)
{
	if (f->signo == SIGILL)
		return seen.code == ILL_ILLOPC || seen.code == ILL_ILLOPN;
	return seen.code == f->code;
}

static void check(const struct fault *f)
{
	uintptr_t addr = f->signo == SIGSEGV ? want & SIGSEGV_ADDRMASK : want;

	printf("%s: ", f->name);
	if (seen.sig == f->signo && seen.signo == f->signo)
		printf("signo ok");
	else
		printf("signo %d (siginfo %d), want %d", seen.sig, seen.signo, f->signo);
	if (codeok(f))
		printf(", si_code ok");
	else
		printf(", si_code %d, want %d", seen.code, f->code);
	if (seen.addr == addr)
		printf(", si_addr ok");
	else
		printf(", si_addr 0x%lx, want 0x%lx", (unsigned long)seen.addr, (unsigned long)addr);
	if (f->signo == SIGILL && seen.pc != want + SIGILL_PCSKIP)
		printf(", pc 0x%lx, want 0x%lx", (unsigned long)seen.pc, (unsigned long)(want + SIGILL_PCSKIP));
	printf("\n");
}

static void next(void)
{
	if (step == (int)LEN(faults)) {
		printf("all resumed\n");
		exit(0);
	}
	seen.sig = 0;
	if (setsig(faults[step].signo, handler) != 0) {
		printf("rt_sigaction failed\n");
		exit(1);
	}
	faults[step].cause();
	printf("%s: no signal\n", faults[step].name);
	exit(1);
}

/* Entered from the handler's rewritten context, on the faulting goroutine's stack. */
static void resume(void)
{
	check(&faults[step]);
	step++;
	next();
}

void main_main(void)
{
	next();
}
