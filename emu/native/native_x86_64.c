/*
 * The native engine, for an x86_64 host: an x86_64 program runs under
 * ptrace, with an int3 at each probe entry.  At a hit the registers (and
 * at xstate probes the FP and vector registers) and the runtime's g, goid
 * and m id are read, then the thread steps over the original instruction
 * and the int3 goes back; a `push %rbp` there is done by the tracer
 * instead.  While a thread steps, the other threads are held stopped so
 * that none can pass the probe unseen.  A thread stopped by a fault keeps
 * its pc for its next sigpanic hit.
 */
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include "engine/engine_proc.h"
#include "layout.h"
#include "native/x86_entry.h"

#if defined(__x86_64__)

bool native_applies(const struct archdesc *a)
{
	return a->e_machine == EM_X86_64;
}

#define INT3 0xcc
#define PUSH_RBP 0x55
#define PUSHFQ 0x9c
#define X86_TF 0x100

struct breakpoint {
	uint64_t addr;
	int probe;
	unsigned char orig;
	unsigned char insn[16];	/* the original instruction bytes there */
};

struct thread {
	pid_t tid;
	int owed_stops;		/* SIGSTOPs sent by us (or the initial one) not yet seen */
	bool held;		/* stopped by us while another thread steps */
	bool has_pending;	/* stopped with an event not yet handled */
	int pending;
	bool has_fault;		/* fault_pc: the pc of its last fault, for its next sigpanic */
	uint64_t fault_pc;
};

struct native {
	const struct run_opts *o;
	const struct probeset *ps;
	struct hitlog *hits;
	pid_t pid;
	int64_t deadline;
	int nbp;
	struct breakpoint bp[MAXPROBES];
	int nthreads, cap;
	struct thread *threads;
	int regidx[32];		/* raw index of each user_regs field below */
	int xlo[16], xhi[16];	/* extended index of each xmm register's halves */
	int mxcsr, fcw;
	int sigpanic;		/* probe index, -1 if none */
	bool done, timed_out;
	int status;
	char err[160];
};

/* The raw register file of arch.c, from struct user_regs_struct. */
static const struct {
	const char *name;
	size_t off;
} userregs[] = {
#define R(n, f) { n, offsetof(struct user_regs_struct, f) }
	R("rax", rax), R("rbx", rbx), R("rcx", rcx), R("rdx", rdx), R("rsi", rsi), R("rdi", rdi),
	R("rbp", rbp), R("rsp", rsp), R("r8", r8), R("r9", r9), R("r10", r10), R("r11", r11),
	R("r12", r12), R("r13", r13), R("r14", r14), R("r15", r15), R("rip", rip),
	R("rflags", eflags), R("fs_base", fs_base),
#undef R
};
#define NUSERREGS ((int)(sizeof userregs / sizeof userregs[0]))

static int peek(pid_t tid, uint64_t addr, uint64_t *v)
{
	long w;

	errno = 0;
	w = ptrace(PTRACE_PEEKDATA, tid, (void *)addr, NULL);
	if (errno)
		return -1;
	*v = (uint64_t)w;
	return 0;
}

static int set_byte(pid_t tid, uint64_t addr, unsigned char b)
{
	uint64_t w;

	if (peek(tid, addr, &w) < 0)
		return -1;
	w = (w & ~(uint64_t)0xff) | b;
	return (int)ptrace(PTRACE_POKEDATA, tid, (void *)addr, (void *)w);
}

static struct thread *thread_find(struct native *n, pid_t tid)
{
	for (int i = 0; i < n->nthreads; i++)
		if (n->threads[i].tid == tid)
			return &n->threads[i];
	return NULL;
}

/* A thread appears either by its clone event or by its first stop, in either order. */
static struct thread *thread_add(struct native *n, pid_t tid, int owed)
{
	struct thread *t = thread_find(n, tid);

	if (t)
		return t;
	if (n->nthreads == n->cap) {
		int cap = n->cap ? 2 * n->cap : 8;
		n->threads = xreallocarray(n->threads, (size_t)cap, sizeof *n->threads);
		n->cap = cap;
	}
	t = &n->threads[n->nthreads++];
	memset(t, 0, sizeof *t);
	t->tid = tid;
	t->owed_stops = owed;
	return t;
}

static void thread_remove(struct native *n, pid_t tid)
{
	struct thread *t = thread_find(n, tid);

	if (t)
		*t = n->threads[--n->nthreads];
}

static void resume(pid_t tid, int sig)
{
	ptrace(PTRACE_CONT, tid, NULL, (void *)(long)sig);
}

static struct breakpoint *breakpoint_at(struct native *n, uint64_t addr)
{
	for (int i = 0; i < n->nbp; i++)
		if (n->bp[i].addr == addr)
			return &n->bp[i];
	return NULL;
}

static int insert_breakpoints(struct native *n, const struct probeset *ps)
{
	for (int i = 0; i < ps->n; i++) {
		struct breakpoint *b = &n->bp[n->nbp];
		uint64_t w, w2;

		if (breakpoint_at(n, ps->addr[i]))
			continue;
		if (peek(n->pid, ps->addr[i], &w) < 0 || peek(n->pid, ps->addr[i] + 8, &w2) < 0 ||
		    set_byte(n->pid, ps->addr[i], INT3) < 0) {
			snprintf(n->err, sizeof n->err, "cannot set a breakpoint at %s (0x%llx): %s",
				 ps->name[i], (unsigned long long)ps->addr[i], strerror(errno));
			return -1;
		}
		b->addr = ps->addr[i];
		b->probe = i;
		b->orig = (unsigned char)w;
		memcpy(b->insn, &w, 8);
		memcpy(b->insn + 8, &w2, 8);
		n->nbp++;
	}
	return 0;
}

/* Wait for the next event of any thread: 1, or 0 when time is up, -1 on error. */
static int next_event(struct native *n, pid_t *tid, int *status)
{
	sigset_t chld;

	for (int i = 0; i < n->nthreads; i++) {
		struct thread *t = &n->threads[i];
		if (t->has_pending) {
			t->has_pending = false;
			*tid = t->tid;
			*status = t->pending;
			return 1;
		}
	}
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	for (;;) {
		struct timespec ts;
		int left;

		*tid = waitpid(-1, status, __WALL | WNOHANG);
		if (*tid > 0)
			return 1;
		if (*tid < 0 && errno != EINTR) {
			snprintf(n->err, sizeof n->err, "waitpid: %s", strerror(errno));
			return -1;
		}
		if (*tid < 0)
			continue;
		left = proc_remaining_ms(n->deadline);
		if (left == 0)
			return 0;
		ts.tv_sec = left / 1000;
		ts.tv_nsec = (long)(left % 1000) * 1000000;
		sigtimedwait(&chld, NULL, left < 0 ? NULL : &ts);
	}
}

static int wait_thread(pid_t tid, int *status)
{
	while (waitpid(tid, status, __WALL) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

/* An event seen outside the main loop is handled there later. */
static void keep_pending(struct native *n, pid_t tid, int status)
{
	struct thread *t = thread_add(n, tid, 0);

	t->has_pending = true;
	t->pending = status;
}

/* Stop every other running thread; the ones we stop are marked held. */
static void hold_others(struct native *n, pid_t self)
{
	for (int i = 0; i < n->nthreads; i++) {
		struct thread *t = &n->threads[i];
		int st;

		if (t->tid == self || t->has_pending || t->held)
			continue;
		if (syscall(SYS_tgkill, n->pid, t->tid, SIGSTOP) < 0)
			continue;
		t->owed_stops++;
		if (wait_thread(t->tid, &st) < 0)
			continue;
		if (WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP && (st >> 16) == 0) {
			t->owed_stops--;
			t->held = true;
		} else {
			t->has_pending = true;
			t->pending = st;
		}
	}
}

static void release_others(struct native *n)
{
	for (int i = 0; i < n->nthreads; i++) {
		if (n->threads[i].held) {
			n->threads[i].held = false;
			resume(n->threads[i].tid, 0);
		}
	}
}

static void read_runtime(pid_t tid, const struct user_regs_struct *r, struct hit *h)
{
	uint64_t goid, mp, mid = (uint64_t)-1;

	if (peek(tid, r->rsp, &h->lr_mem) == 0)
		h->known |= HIT_LR;
	if (peek(tid, r->fs_base, &h->gptr) < 0)
		return;
	h->known |= HIT_G;
	if (peek(tid, h->gptr + G_GOID, &goid) < 0 || peek(tid, h->gptr + G_M, &mp) < 0)
		return;
	if (mp && peek(tid, mp + M_ID, &mid) < 0)
		return;
	h->goid = (int64_t)goid;
	h->m = (int64_t)mid;
	h->known |= HIT_GOID;
}

static int go_peek(void *ctx, uint64_t addr, uint64_t *v)
{
	return peek(*(pid_t *)ctx, addr, v) < 0 ? -1 : 0;
}

static void fill_hit(struct native *n, struct thread *t, const struct user_regs_struct *r,
		     const struct breakpoint *b, struct hit *h)
{
	memset(h, 0, sizeof *h);
	h->probe = b->probe;
	h->known = HIT_TLS;
	for (int i = 0; i < NUSERREGS; i++)
		h->regs[n->regidx[i]] = *(const uint64_t *)((const char *)r + userregs[i].off);
	if (n->ps->isgo) {
		if (peek(t->tid, r->rsp, &h->lr_mem) == 0)
			h->known |= HIT_LR;
		go_hit(&n->ps->go, r->fs_base, go_peek, &t->tid, h);
	} else {
		read_runtime(t->tid, r, h);
	}
	if (t->has_fault && b->probe == n->sigpanic) {
		h->known |= HIT_FAULT;
		h->fault_pc = t->fault_pc;
		t->has_fault = false;
	}
}

/* The FP and vector registers and the FP control words (archdesc xregs). */
static const struct xstate *read_xstate(const struct native *n, pid_t tid, struct xstate *x)
{
	struct user_fpregs_struct fp;

	memset(x, 0, sizeof *x);
	if (ptrace(PTRACE_GETFPREGS, tid, NULL, &fp) < 0)
		return x;
	for (int i = 0; i < 16; i++) {
		const uint32_t *w = &fp.xmm_space[4 * i];
		xstate_set(x, n->xlo[i], w[0] | (uint64_t)w[1] << 32);
		xstate_set(x, n->xhi[i], w[2] | (uint64_t)w[3] << 32);
	}
	xstate_set(x, n->mxcsr, fp.mxcsr);
	xstate_set(x, n->fcw, fp.cwd);
	return x;
}

/*
 * The instruction itself faulted (a signal from the kernel, not a kill):
 * it counts as run, as under QEMU and Unicorn, and the thread's next
 * sigpanic should return to pc.
 */
static bool faulted(struct thread *t, int sig, uint64_t pc)
{
	siginfo_t si;

	if (sig != SIGSEGV && sig != SIGBUS && sig != SIGILL && sig != SIGFPE)
		return false;
	if (ptrace(PTRACE_GETSIGINFO, t->tid, NULL, &si) < 0 || si.si_code <= 0)
		return false;
	t->has_fault = true;
	t->fault_pc = pc;
	return true;
}

/* Put the int3 back through any thread still there. */
static void rearm(struct native *n, pid_t tid, const struct breakpoint *b)
{
	if (set_byte(tid, b->addr, INT3) == 0)
		return;
	for (int i = 0; i < n->nthreads; i++)
		if (set_byte(n->threads[i].tid, b->addr, INT3) == 0)
			return;
}

/*
 * Run the probe's first instruction with the original byte back in place.
 * Returns 0 when it ran or faulted (*sig is then the fault); otherwise *sig
 * is a signal that came first (the thread is still at the probe and will
 * hit it again) or the thread is gone.
 */
static int step_over(struct native *n, struct thread *t, const struct breakpoint *b, int *sig)
{
	pid_t tid = t->tid;
	int st, rc = -1;

	*sig = 0;
	if (set_byte(tid, b->addr, b->orig) < 0)
		return -1;
	while (ptrace(PTRACE_SINGLESTEP, tid, NULL, NULL) == 0 && wait_thread(tid, &st) == 0) {
		if (!WIFSTOPPED(st)) {
			keep_pending(n, tid, st);
			break;
		}
		if ((st >> 16) != 0)
			continue;
		if (WSTOPSIG(st) == SIGTRAP) {
			rc = 0;
			break;
		}
		if (WSTOPSIG(st) == SIGSTOP && t->owed_stops > 0) {
			t->owed_stops--;
			continue;
		}
		*sig = WSTOPSIG(st);
		if (faulted(t, *sig, b->addr))
			rc = 0;
		break;
	}
	rearm(n, tid, b);
	return rc;
}

/*
 * `push %rbp` opens most probed functions, `pushfq` asyncPreempt: doing
 * them here saves the step, and a stepped pushfq would push the trap flag
 * the step sets, which the matching popfq would then raise in the guest.
 * process_vm_writev, unlike PTRACE_POKEDATA, fails on a page the guest
 * cannot write (a stack guard), and then the real push faults in a step.
 */
static bool push_here(pid_t tid, struct user_regs_struct *r, const struct breakpoint *b)
{
	uint64_t v = b->orig == PUSH_RBP ? r->rbp : r->eflags & ~(uint64_t)X86_TF;
	struct iovec local = { &v, sizeof v }, remote = { (void *)(r->rsp - 8), sizeof v };

	if ((b->orig != PUSH_RBP && b->orig != PUSHFQ) ||
	    process_vm_writev(tid, &local, 1, &remote, 1, 0) != (ssize_t)sizeof v)
		return false;
	r->rsp -= 8;
	r->rip = b->addr + 1;
	return true;
}

static void on_breakpoint(struct native *n, struct thread *t, struct user_regs_struct *r,
			  const struct breakpoint *b)
{
	pid_t tid = t->tid;
	const struct xstate *xs = NULL;
	struct xstate x;
	struct hit h;
	int sig;

	r->rip = b->addr;
	fill_hit(n, t, r, b, &h);
	if (n->ps->xstate[b->probe])
		xs = read_xstate(n, tid, &x);
	if (push_here(tid, r, b) ||
	    (n->ps->isgo && x86_entry_do(b->insn, sizeof b->insn, r, go_peek, &tid))) {
		if (ptrace(PTRACE_SETREGS, tid, NULL, r) == 0)
			hitlog_add(n->hits, &h, xs);
		resume(tid, 0);
		return;
	}
	if (ptrace(PTRACE_SETREGS, tid, NULL, r) < 0)
		return;
	if (n->nthreads > 1)
		hold_others(n, tid);
	if (step_over(n, t, b, &sig) == 0)
		hitlog_add(n->hits, &h, xs);
	t = thread_find(n, tid);
	if (t && !t->has_pending)
		resume(tid, sig);
	release_others(n);
}

static void on_stop(struct native *n, pid_t tid, int st)
{
	struct thread *t = thread_add(n, tid, 1);
	int sig = WSTOPSIG(st), event = st >> 16;
	struct user_regs_struct r;
	const struct breakpoint *b;
	unsigned long msg;

	if (sig == SIGTRAP && event == PTRACE_EVENT_CLONE) {
		if (ptrace(PTRACE_GETEVENTMSG, tid, NULL, &msg) == 0)
			thread_add(n, (pid_t)msg, 1);
		resume(tid, 0);
		return;
	}
	if (event != 0) {
		resume(tid, 0);
		return;
	}
	if (sig == SIGSTOP && t->owed_stops > 0) {
		t->owed_stops--;
		resume(tid, 0);
		return;
	}
	if (ptrace(PTRACE_GETREGS, tid, NULL, &r) < 0) {
		resume(tid, sig);
		return;
	}
	if (sig == SIGTRAP && (b = breakpoint_at(n, r.rip - 1)) != NULL) {
		on_breakpoint(n, t, &r, b);
		return;
	}
	faulted(t, sig, r.rip);
	resume(tid, sig);
}

static void on_event(struct native *n, pid_t tid, int st)
{
	if (WIFSTOPPED(st)) {
		on_stop(n, tid, st);
		return;
	}
	thread_remove(n, tid);
	if (tid == n->pid) {
		n->status = st;
		n->done = true;
	}
}

/* After a kill: reap until the first thread's status arrives. */
static void reap_all(struct native *n)
{
	pid_t tid;
	int st;

	while (!n->done) {
		tid = waitpid(-1, &st, __WALL);
		if (tid < 0 && errno == EINTR)
			continue;
		if (tid < 0)
			break;
		if (tid == n->pid && !WIFSTOPPED(st))
			n->done = true;
	}
}

static int trace(struct native *n)
{
	pid_t tid;
	int st, rc;

	while (!n->done) {
		rc = next_event(n, &tid, &st);
		if (rc <= 0) {
			proc_kill_group(n->pid);
			n->timed_out = rc == 0;
			reap_all(n);
			return rc;
		}
		on_event(n, tid, st);
	}
	return 0;
}

/* The child stops at its first instruction after execve. */
static int attach(struct native *n, const struct probeset *ps)
{
	long opts = PTRACE_O_EXITKILL | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC;
	int st;

	while (waitpid(n->pid, &st, __WALL) < 0)
		if (errno != EINTR) {
			snprintf(n->err, sizeof n->err, "waitpid: %s", strerror(errno));
			return -1;
		}
	if (!WIFSTOPPED(st)) {
		n->done = true;
		snprintf(n->err, sizeof n->err, "the program ended before it was traced (status 0x%x)", st);
		return -1;
	}
	if (WSTOPSIG(st) != SIGTRAP) {
		snprintf(n->err, sizeof n->err, "the program did not stop after execve (signal %d)", WSTOPSIG(st));
		return -1;
	}
	thread_add(n, n->pid, 0);
	if (ptrace(PTRACE_SETOPTIONS, n->pid, NULL, (void *)opts) < 0) {
		snprintf(n->err, sizeof n->err, "ptrace(PTRACE_SETOPTIONS): %s", strerror(errno));
		return -1;
	}
	if (insert_breakpoints(n, ps) < 0)
		return -1;
	resume(n->pid, 0);
	return 0;
}

static int start(struct native *n, int recfd)
{
	struct spawn sp;

	memset(&sp, 0, sizeof sp);
	sp.path = n->o->prog;
	sp.argv = n->o->argv;
	sp.envp = (char *const *)n->o->envp;
	sp.recfd = recfd;
	sp.traceme = true;
	sp.no_aslr = true;
	n->pid = proc_spawn(&sp, n->err, sizeof n->err);
	return n->pid < 0 ? -1 : 0;
}

static int trace_program(struct native *n, const struct probeset *ps, int recfd)
{
	n->deadline = proc_deadline(n->o->timeout_s);
	if (start(n, recfd) < 0)
		return -1;
	if (attach(n, ps) < 0) {
		if (!n->done) {
			proc_kill_group(n->pid);
			reap_all(n);
		}
		return -1;
	}
	return trace(n);
}

static int run(struct native *n, const struct probeset *ps, struct strbuf *records, struct run_result *res)
{
	int recfd = proc_record_file(n->err, sizeof n->err), rc;

	if (recfd < 0)
		return proc_fail(res, "%s", n->err);
	rc = trace_program(n, ps, recfd);
	if (rc == 0)
		rc = proc_read_records(recfd, records, n->err, sizeof n->err);
	close(recfd);
	if (rc < 0)
		return proc_fail(res, "%s", n->err);
	if (n->timed_out)
		proc_set_timeout(res);
	else
		proc_set_status(res, n->status);
	return 0;
}

static int xstate_indices(struct native *n, const struct archdesc *a)
{
	char name[16];

	for (int i = 0; i < 16; i++) {
		snprintf(name, sizeof name, "xmm%d.lo", i);
		n->xlo[i] = arch_xregindex(a, name);
		snprintf(name, sizeof name, "xmm%d.hi", i);
		n->xhi[i] = arch_xregindex(a, name);
		if (n->xlo[i] < 0 || n->xhi[i] < 0)
			return -1;
	}
	n->mxcsr = arch_xregindex(a, "mxcsr");
	n->fcw = arch_xregindex(a, "fcw");
	return n->mxcsr < 0 || n->fcw < 0 ? -1 : 0;
}

int engine_native_run(const struct run_opts *o, const struct elfimage *img, const struct probeset *ps,
		      struct hitlog *hits, struct strbuf *records, struct run_result *res)
{
	struct sigchld_state sc;
	struct native n;
	int rc;

	(void)img;
	res->insns_known = false;
	res->insns = 0;
	res->tls_in_regs = true;
	res->g_from_memory = true;
	if (!native_applies(o->arch))
		return proc_fail(res, "native engine runs x86_64 only");
	memset(&n, 0, sizeof n);
	n.o = o;
	n.ps = ps;
	n.hits = hits;
	for (int i = 0; i < NUSERREGS; i++)
		if ((n.regidx[i] = arch_regindex(o->arch, userregs[i].name)) < 0)
			return proc_fail(res, "x86_64 has no register %s", userregs[i].name);
	if (xstate_indices(&n, o->arch) < 0)
		return proc_fail(res, "x86_64 has no extended state xmm0-15, mxcsr, fcw");
	n.sigpanic = -1;
	for (int i = 0; i < ps->n; i++)
		if (!strcmp(ps->name[i], "sigpanic") || !strcmp(ps->name[i], "runtime.sigpanic"))
			n.sigpanic = i;
	proc_sigchld_default(&sc, true);
	rc = run(&n, ps, records, res);
	proc_sigchld_restore(&sc);
	free(n.threads);
	return rc;
}

#else

bool native_applies(const struct archdesc *a)
{
	(void)a;
	return false;
}

int engine_native_run(const struct run_opts *o, const struct elfimage *img, const struct probeset *ps,
		      struct hitlog *hits, struct strbuf *records, struct run_result *res)
{
	(void)o, (void)img, (void)ps, (void)hits, (void)records;
	return proc_fail(res, "native engine runs x86_64 only");
}

#endif
