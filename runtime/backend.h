/*
 * The per-ISA backend contract: everything an arch-<isa>/ folder supplies
 * to the runtime core, and the little the core builds on top of it.
 * Runtime code includes this header, never an arch header directly.
 *
 * An arch folder holds encodings only: which instruction, which register,
 * which number, which offset.  Each one has these files, and each file
 * supplies exactly what the comments below give it:
 *
 *	start.S		_start
 *	syscall.h	SYS_* numbers and __syscall6, the trap
 *	os.h		SYS_sched_getaffinity_, SYS_clock_nanosleep_
 *	tls.h		getg, setg, getsp (and gslot where g is a word the
 *			TLS register points at); any constant settls needs
 *	sys.c		settls, gostartcall
 *	gobuf.h		the gobuf's regs[] layout (GOBUF_<fp control>
 *			indexes for gostartcall) and, for assembly,
 *			SAVEREGS and RESTOREREGS, shared by switch.S and
 *			defer.S
 *	switch.S	gogo, gogo_resume, gosave, mcall, systemstack,
 *			systemstack_return, goexit
 *	defer.S		deferproc, deferproc1
 *	clone.S		clone
 *	sigctxt.h	UC_PC, UC_SP, UC_FP, UC_LR and SA_RESTORER if the
 *			kernel's sigaction has sa_restorer
 *	signal.c	sigctxtpushcall, and sigreturn where SA_RESTORER is set
 *	sigpreempt.c	sigctxtpushpreempt
 *	preempt.S	asyncPreempt, asyncPreempt_resume
 *	frame.h		frameparent, frameretpc
 *
 * Register roles (DESIGN.md section 3): every ISA names a pc, sp, frame
 * pointer, link register (x86_64: the word at sp on entry), TLS register,
 * six argument registers (s390x: five), two result registers and its
 * ABI's callee-saved set.  The TLS register points at m->tls and is set once per thread by
 * settls (m0) or clone (every other M); g is the word m->tls[0] (x86_64:
 * %fs:0).  A register the backend reserves for itself is kept out of the
 * compiler's hands with -ffixed-REG in the Makefile's TFLAGS_<isa> (arm64
 * x18, riscv64 t6: asyncPreempt's jump back); riscv64 gp and tp are
 * per-thread and never saved or restored; s390x r12, asyncPreempt's jump
 * back).  On s390x every caller gives its callee a 160-byte register save
 * area at sp, with the backchain word at 0 (-mbackchain): whatever
 * starts code on a fresh stack (_start, clone's child, mcall and
 * systemstack on g0, gostartcall) makes one first.
 *
 * Probe points: gogo_resume, systemstack_return and asyncPreempt_resume
 * are where an engine compares registers after a switch, so each is its
 * own symbol, reached by a jump (a new block under qemu), with every
 * register of the resumed context already in place.
 */
#ifndef CROSSRT_BACKEND_H
#define CROSSRT_BACKEND_H

#include "runtime.h"

/* --- start.S --------------------------------------------------------- */

/*
 * _start: the kernel's entry, on the initial stack (argc, argv, envp,
 * auxv).  Clear the frame pointer and link register, call
 * rt0_go(initial sp) with sp 16-byte aligned; rt0_go returns the top of
 * m0's g0 stack.  Move there, clear every register but sp and the
 * per-thread ones (riscv64 gp, set before anything else, and tp), and
 * call rt0_go1, which does not return.  Snapshots then do not depend on
 * where the kernel put the initial stack.
 */
void _start(void);
uintptr rt0_go(uintptr *sp);
void rt0_go1(void) NORETURN;

/* --- syscall.h and os.h ---------------------------------------------- */

/*
 * syscall.h defines the SYS_* numbers the runtime uses (the kernel's own
 * table, or syscall_generic.h for the asm-generic one) and
 *	long __syscall6(long n, long a, long b, long c, long d, long e, long f);
 * static inline, always inlined: the trap with number n and six
 * arguments in the kernel's registers; returns the kernel's result (a
 * negative errno on failure).  It clobbers nothing but what the kernel
 * does, and memory.  os.h adds the numbers only os.c uses.
 */
#include "syscall.h"
#include "os.h"

/* --- tls.h and sys.c: the TLS register and g ------------------------- */

/*
 * tls.h, static inline and always inlined, usable from any stack:
 *	struct g *getg(void);	the current g, one load through the TLS register
 *	void setg(struct g *gp);	store gp where getg finds it
 *	uintptr_t getsp(void);	the current sp
 * The loads and stores are volatile: a signal handler and the code it
 * interrupts see the same g.
 */
#include "tls.h"

/* Point this thread's TLS register at tls (m->tls); throw on failure. */
void settls(uintptr *tls);

/* --- switch.S, gobuf.h: the context switch --------------------------- */

/*
 * A gobuf (layout.h) holds sp, pc, g, ctxt, lr, bp and regs[]: the ABI's
 * callee-saved registers other than the frame pointer, then the FP
 * control state (x86_64 mxcsr and the x87 control word, arm64 fpcr,
 * riscv64 fcsr), in the order gobuf.h gives.  gogo is musl's longjmp:
 * the runtime's C code keeps values in callee-saved registers across a
 * switch, so every one is saved and restored, not only sp and pc.
 */

/*
 * Restore buf: g into the TLS slot, sp, bp, regs[], lr (where the ISA
 * has one), then put ctxt in the first argument register and jump to
 * buf->pc through gogo_resume.  Runs on any stack; never returns.
 */
void gogo(struct gobuf *buf) NORETURN;
void gogo_resume(void);

/*
 * Record the caller's context in buf: pc = the return address, sp as
 * after the return, bp, regs[], lr = 0, g = getg().
 */
void gosave(struct gobuf *buf);

/*
 * On a goroutine's stack: save the caller's context in g->sched as
 * gosave does, switch to m->g0 (TLS slot and g0->sched.sp, frame
 * pointer 0) and call fn(g).  fn must not return (badmcall2); mcall on
 * g0 is a bug (badmcall).
 */
void mcall(void (*fn)(struct g *));
void badmcall(void) NORETURN;
void badmcall2(void) NORETURN;

/*
 * Run fn(arg) on g0's stack and come back, from any stack: if already
 * on g0 or gsignal, a tail call.  Otherwise push a frame, keep g and sp
 * in callee-saved registers (saved in that frame), switch g and sp to
 * g0, call fn(arg), switch back and return through systemstack_return.
 */
void systemstack(void (*fn)(void *), void *arg);
void systemstack_return(void);

/* A goroutine's first function returns here: call goexit1. */
void goexit(void);

/*
 * Make buf start fn(arg) as if called from buf->pc: the return address
 * pushed (x86_64) or in lr, ctxt = arg, and the FP control state a new
 * thread starts with (round to nearest, no traps).
 */
void gostartcall(struct gobuf *buf, void (*fn)(void *), void *arg);

/* --- defer.S --------------------------------------------------------- */

/*
 * int deferproc(fn, arg) is setjmp for a deferred call, on its caller's
 * stack.  It calls newdefer(fn, arg, its caller's frame pointer)
 * (panic.h) with a frame of its own, so tracebacks and recover's frame
 * check see the caller; then fills the returned gobuf as gosave would,
 * except that pc = deferproc1 and ctxt = the return address, and
 * returns 0.  After a recover, recovery gogo's that gobuf (the probes
 * see gogo_resume with pc = deferproc1): deferproc1 moves ctxt aside
 * and "returns" 1 to it, with every callee-saved register as the
 * caller had it when deferproc first returned.
 */
int deferproc(void (*fn)(void *), void *arg) __attribute__((returns_twice));
void deferproc1(void);

/* --- the stack check ------------------------------------------------- */

/*
 * The function-entry check: sp against g->stackguard0, which is also
 * the cooperative preemption request (stackPreempt).  It runs after the
 * frame is allocated, so frames are bounded by -Wframe-larger-than and
 * STACKGUARD covers them.  Written once on getg() and getsp(), it
 * compiles to what a hand-encoded check would be: g loaded through the
 * TLS register (one instruction on x86_64 and riscv64, two on arm64), sp,
 * the guard, a compare and a branch.  That is why getg must be a single
 * load where the ISA allows one.  morestack runs on the goroutine's
 * stack, in the STACKGUARD bytes left.
 */
#include "stackcheck.h"

/* --- clone.S --------------------------------------------------------- */

/*
 * Start a thread: a raw clone(2) with flags, a new stack, no parent or
 * child tid, and tls as the new thread's TLS register, in the argument
 * order of this ISA's kernel (x86_64 flags, stack, ptid, ctid, tls;
 * arm64 and riscv64 flags, stack, ptid, tls, ctid; s390x stack, flags,
 * ptid, ctid, tls).  fn and arg travel
 * on the child's stack: the child clears its frame pointer and link
 * register, calls fn(arg), and exits the thread if fn returns.  The
 * parent returns the kernel's result.
 */
long clone(unsigned long flags, void *stack, void *tls, void (*fn)(void *), void *arg);

/* --- sigctxt.h, signal.c, sigpreempt.c: signal contexts -------------- */

/*
 * sigctxt.h defines the ucontext offsets of the interrupted pc, sp,
 * frame pointer and link register: UC_PC, UC_SP, UC_FP, UC_LR (on
 * x86_64 the return address is on the stack; UC_LR is not defined).
 * If the kernel's struct sigaction has sa_restorer, it also defines
 * SA_RESTORER (the flag's value) and signal.c supplies sigreturn, the
 * restorer a handler returns into: the rt_sigreturn system call, which
 * does not return.  Without it (riscv64) the kernel returns through its
 * own trampoline.  Everything else about sigaction is in setsig
 * (sigaction.c), written once.  Where the kernel reports a fault other
 * than at the faulting byte and instruction, sigctxt.h says so for the
 * tests that check it: SIGSEGV_ADDRMASK (the bits of si_addr the kernel
 * reports; s390x: the page) and SIGILL_PCSKIP (how far past an illegal
 * instruction the context's pc is; s390x: its length).
 */
#include "sigctxt.h"

#if !defined(UC_PC) || !defined(UC_SP) || !defined(UC_FP)
#error "the arch sigctxt.h must define UC_PC, UC_SP and UC_FP"
#endif

#ifdef SA_RESTORER
void sigreturn(void);
#endif

static inline uintptr *ucreg(void *uc, int off)
{
	return (uintptr *)((char *)uc + off);
}

static inline uintptr sigctxtpc(void *uc)
{
	return *ucreg(uc, UC_PC);
}

/*
 * Install fn for sig: SA_SIGINFO on the alternate stack, restarting
 * system calls, sig not blocked in its own handler, every other signal
 * but the synchronous ones blocked (SIGSET_ASYNC).  Returns the
 * kernel's result.
 */
int setsig(int sig, void (*fn)(int, void *, void *));

/*
 * Make the interrupted code seem to have called target at its pc, as
 * Go's pushCall does for sigpanic: the return address is the faulting
 * pc, so tracebacks and recover see the faulting frame as the caller.
 * x86_64 pushes it (keeping the 16-byte alignment of a call); an ISA
 * with a link register sets it.  Runs on gsignal.
 */
void sigctxtpushcall(void *uc, uintptr target);

/*
 * The same for asyncPreempt, which must give back every register: the
 * interrupted code may be using the red zone (x86_64: skip 128 bytes,
 * asyncPreempt returns with ret $128), its link register (save it in
 * a 16-byte slot below sp, where asyncPreempt reloads it) or the save
 * area at sp (s390x: a new 160-byte area and the link register's slot
 * 168 bytes below sp).  Runs on
 * gsignal.
 */
void sigctxtpushpreempt(void *uc, uintptr target);

/* --- preempt.S ------------------------------------------------------- */

/*
 * Entered as sigctxtpushpreempt arranged, on the goroutine's stack:
 * save every register the interrupted code may hold (integer, flags,
 * FP/SIMD and their control and status), call asyncPreempt2, restore
 * them all and jump back through asyncPreempt_resume.
 */
void asyncPreempt(void);
void asyncPreempt_resume(void);
void asyncPreempt2(void);

/* --- frame.h --------------------------------------------------------- */

/*
 * Every function keeps a frame pointer (-fno-omit-frame-pointer).
 * frame.h, static inline:
 *	uintptr_t frameparent(uintptr_t fp);	the caller's frame pointer
 *	uintptr_t frameretpc(uintptr_t fp);	where fp's function returns to
 * A frame pointer or return address of 0 ends the walk (_start, clone
 * and mcall clear them), as does a return to goexit.
 */
#include "frame.h"

#endif
