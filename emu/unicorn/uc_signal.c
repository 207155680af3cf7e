/*
 * Signals: actions, masks, alternate stacks, sending, and delivery at the
 * points where Linux would return to user mode (after a system call, when
 * a thread is resumed) or at a fault.  The frames themselves are built by
 * uc_sigframe.c.
 */
#include <stdio.h>
#include <string.h>
#include "unicorn/uc.h"

#define LX_SIG_DFL		0
#define LX_SIG_IGN		1
#define LX_SA_SIGINFO	4
#define LX_SA_ONSTACK	0x08000000
#define LX_SA_NODEFER	0x40000000
#define LX_SA_RESETHAND	0x80000000ULL

#define LX_SS_ONSTACK	1
#define LX_SS_DISABLE	2
#define LX_SS_AUTODISARM	(1u << 31)

#define LX_SIG_BLOCK	0
#define LX_SIG_UNBLOCK	1
#define LX_SIG_SETMASK	2

#define BIT(sig)	(1ULL << ((sig) - 1))
#define UNBLOCKABLE	(BIT(LX_SIGKILL) | BIT(LX_SIGSTOP))

static const char *const names[NSIG_LINUX + 1] = {
	[LX_SIGHUP] = "SIGHUP", [LX_SIGINT] = "SIGINT", [LX_SIGQUIT] = "SIGQUIT", [LX_SIGILL] = "SIGILL",
	[LX_SIGTRAP] = "SIGTRAP", [LX_SIGABRT] = "SIGABRT", [LX_SIGBUS] = "SIGBUS", [LX_SIGFPE] = "SIGFPE",
	[LX_SIGKILL] = "SIGKILL", [LX_SIGUSR1] = "SIGUSR1", [LX_SIGSEGV] = "SIGSEGV", [LX_SIGUSR2] = "SIGUSR2",
	[LX_SIGPIPE] = "SIGPIPE", [LX_SIGALRM] = "SIGALRM", [LX_SIGTERM] = "SIGTERM", [16] = "SIGSTKFLT",
	[LX_SIGCHLD] = "SIGCHLD", [LX_SIGCONT] = "SIGCONT", [LX_SIGSTOP] = "SIGSTOP", [20] = "SIGTSTP",
	[21] = "SIGTTIN", [22] = "SIGTTOU", [LX_SIGURG] = "SIGURG", [24] = "SIGXCPU", [25] = "SIGXFSZ",
	[26] = "SIGVTALRM", [27] = "SIGPROF", [LX_SIGWINCH] = "SIGWINCH", [29] = "SIGIO", [30] = "SIGPWR",
	[31] = "SIGSYS",
};

const char *signame(int sig)
{
	static char buf[16];

	if (sig > 0 && sig <= NSIG_LINUX && names[sig])
		return names[sig];
	snprintf(buf, sizeof buf, "SIG%d", sig);
	return buf;
}

/* Signals whose default action is to do nothing (there is no job control to stop). */
static bool default_ignored(int sig)
{
	return sig == LX_SIGCHLD || sig == LX_SIGURG || sig == LX_SIGWINCH || sig == LX_SIGCONT ||
	       (sig >= 19 && sig <= 22);
}

static bool ignored(struct ucrun *r, int sig)
{
	uint64_t h = r->act[sig].handler;

	return h == LX_SIG_IGN || (h == LX_SIG_DFL && default_ignored(sig));
}

/* The kernel's struct sigaction, in words: handler, flags, [restorer,] mask. */
static int sigaction_words(struct ucrun *r)
{
	return r->arch->sa_restorer ? 4 : 3;
}

static void sigaction_decode(struct ucrun *r, const uint64_t *w, struct sigact *a)
{
	a->handler = w[0];
	a->flags = w[1];
	if (!r->arch->sa_restorer) {
		a->restorer = 0;
		a->mask = w[2];
	} else {
		a->restorer = w[2];
		a->mask = w[3];
	}
	a->mask &= ~UNBLOCKABLE;
}

static void sigaction_encode(struct ucrun *r, const struct sigact *a, uint64_t *w)
{
	w[0] = a->handler;
	w[1] = a->flags;
	if (!r->arch->sa_restorer) {
		w[2] = a->mask;
	} else {
		w[2] = a->restorer;
		w[3] = a->mask;
	}
}

static void discard_pending(struct ucrun *r, int sig)
{
	for (int i = 0; i < r->nthreads; i++)
		r->threads[i]->pending &= ~BIT(sig);
}

int64_t sys_rt_sigaction(struct ucrun *r, int sig, uint64_t act, uint64_t oact, uint64_t size)
{
	uint64_t w[4] = { 0 };
	struct sigact na;

	if (size != 8 || sig < 1 || sig > NSIG_LINUX)
		return -E_INVAL;
	if (act && (sig == LX_SIGKILL || sig == LX_SIGSTOP))
		return -E_INVAL;
	if (act) {
		if (vm_read_words(r, act, w, sigaction_words(r)) < 0)
			return -E_FAULT;
		sigaction_decode(r, w, &na);
	}
	if (oact) {
		sigaction_encode(r, &r->act[sig], w);
		if (vm_write_words(r, oact, w, sigaction_words(r)) < 0)
			return -E_FAULT;
	}
	if (act) {
		r->act[sig] = na;
		if (ignored(r, sig))
			discard_pending(r, sig);
	}
	return 0;
}

int64_t sys_rt_sigprocmask(struct ucrun *r, int how, uint64_t set, uint64_t oset, uint64_t size)
{
	struct ucthread *t = r->cur;
	uint64_t old = t->sigmask, s = 0;

	if (size != 8)
		return -E_INVAL;
	if (set) {
		if (vm_read64(r, set, &s) < 0)
			return -E_FAULT;
		if (how != LX_SIG_BLOCK && how != LX_SIG_UNBLOCK && how != LX_SIG_SETMASK)
			return -E_INVAL;
	}
	if (oset && vm_write64(r, oset, old) < 0)
		return -E_FAULT;
	if (set) {
		if (how == LX_SIG_BLOCK)
			t->sigmask |= s;
		else if (how == LX_SIG_UNBLOCK)
			t->sigmask &= ~s;
		else
			t->sigmask = s;
		t->sigmask &= ~UNBLOCKABLE;
	}
	return 0;
}

static bool on_altstack(const struct ucthread *t, uint64_t sp)
{
	return t->ss_size && sp > t->ss_sp && sp - t->ss_sp <= t->ss_size;
}

static int altstack_flags(const struct ucthread *t, uint64_t sp)
{
	if (!t->ss_size || (t->ss_flags & LX_SS_DISABLE))
		return LX_SS_DISABLE;
	return (on_altstack(t, sp) ? LX_SS_ONSTACK : 0) | (t->ss_flags & (int)LX_SS_AUTODISARM);
}

static uint64_t min_sigstack(struct ucrun *r)
{
	return (uint64_t)r->arch->minsigstksz;
}

/* stack_t: ss_sp +0, ss_flags +8, ss_size +16 */
int64_t sys_sigaltstack(struct ucrun *r, uint64_t ss, uint64_t oss)
{
	struct ucthread *t = r->cur;
	uint64_t sp = reg_get(r, r->ua->sp), ss_sp, ss_size;
	unsigned char o[24] = { 0 };
	int flags;

	isa_put64(r->arch, o, t->ss_size ? t->ss_sp : 0);
	isa_put32(r->arch, o + 8, (uint32_t)altstack_flags(t, sp));
	isa_put64(r->arch, o + 16, t->ss_size);
	if (ss) {
		unsigned char b[24];
		if (vm_read(r, ss, b, sizeof b) < 0)
			return -E_FAULT;
		if (on_altstack(t, sp))
			return -E_PERM;
		ss_sp = isa_get64(r->arch, b);
		flags = (int)isa_get32(r->arch, b + 8);
		ss_size = isa_get64(r->arch, b + 16);
		if (flags & ~(LX_SS_DISABLE | LX_SS_ONSTACK | (int)LX_SS_AUTODISARM))
			return -E_INVAL;
		if (flags & LX_SS_DISABLE) {
			t->ss_sp = t->ss_size = 0;
			t->ss_flags = LX_SS_DISABLE;
		} else {
			if (ss_size < min_sigstack(r))
				return -E_NOMEM;
			t->ss_sp = ss_sp;
			t->ss_size = ss_size;
			t->ss_flags = flags & (int)LX_SS_AUTODISARM;
		}
	}
	if (oss && vm_write(r, oss, o, sizeof o) < 0)
		return -E_FAULT;
	return 0;
}

/* Make sig pending for t; a thread blocked in the kernel is woken with -EINTR. */
static void queue_signal(struct ucrun *r, struct ucthread *t, const struct siginfo_lite *info)
{
	int sig = info->signo;

	if (!(t->sigmask & BIT(sig)) && ignored(r, sig))
		return;
	t->pending |= BIT(sig);
	t->info[sig] = *info;
	if ((t->state == T_FUTEX || t->state == T_SLEEP) && !(t->sigmask & BIT(sig)))
		thread_interrupt(r, t);
}

/* A process-directed signal goes to the first thread that does not block it. */
static struct ucthread *pick_receiver(struct ucrun *r, int sig)
{
	struct ucthread *first = NULL;

	for (int i = 0; i < r->nthreads; i++) {
		struct ucthread *t = r->threads[i];
		if (t->state == T_DEAD)
			continue;
		if (!first)
			first = t;
		if (!(t->sigmask & BIT(sig)))
			return t;
	}
	return first;
}

int64_t sys_kill(struct ucrun *r, int tgid, int tid, int sig, bool thread)
{
	struct siginfo_lite info = { .signo = sig, .code = thread ? LX_SI_TKILL : LX_SI_USER,
				     .pid = GUEST_PID, .uid = GUEST_UID };
	struct ucthread *t;

	if (sig < 0 || sig > NSIG_LINUX || (thread && (tgid <= 0 || tid <= 0)))
		return -E_INVAL;
	if (tgid != GUEST_PID && !(!thread && (tgid == 0 || tgid == -1)))
		return -E_SRCH;
	t = thread ? thread_bytid(r, tid) : pick_receiver(r, sig);
	if (!t)
		return -E_SRCH;
	if (sig == 0)
		return 0;
	queue_signal(r, t, &info);
	return 0;
}

/* Keep the context a signal interrupts at pc, to check what its rt_sigreturn restores. */
static void sigpre_push(struct ucrun *r, struct ucthread *t, uint64_t pc)
{
	struct sigpre *p;

	if (t->nsigpre == SIGPRE_DEPTH) {	/* handlers that never returned: the oldest goes */
		memmove(t->sigpre, t->sigpre + 1, sizeof t->sigpre[0] * (SIGPRE_DEPTH - 1));
		t->nsigpre--;
	}
	p = &t->sigpre[t->nsigpre++];
	regs_read(r, p->regs);
	p->regs[r->arch->role_reg[R_PC]] = pc;
	xstate_read(r, &p->x);
}

static bool among(const int *v, int n, int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/*
 * What rt_sigreturn restored against the context the signal interrupted:
 * all of it, or all but a call injected at the interrupted pc (pc, sp and
 * the return address: a register, or on the new stack).
 */
static void sigreturn_check(struct ucrun *r, struct ucthread *t)
{
	const struct archdesc *a = r->arch;
	int pc = a->role_reg[R_PC], sp = a->role_reg[R_SP], link = a->role_reg[R_LR];
	uint64_t regs[MAXREGS], ret = 0;
	struct xstate x;
	struct sigpre *p;
	bool call;

	if (t->nsigpre == 0)
		return;
	p = &t->sigpre[--t->nsigpre];
	regs_read(r, regs);
	xstate_read(r, &x);
	call = regs[pc] != p->regs[pc];
	t->has_sig = true;
	t->sig = call ? SIG_CALL : SIG_KEPT;
	if (call) {
		/* the injected call's return address: a register, or pushed on the new stack */
		if (link >= 0)
			ret = regs[link];
		else if (vm_read64(r, regs[sp], &ret) != 0)
			ret = ~p->regs[pc];
		if (ret != p->regs[pc]) {
			t->sig = SIG_BADCALL;
			return;
		}
		if (link >= 0) {
			t->has_intr_link = true;
			t->intr_link = p->regs[link];
		}
	}
	for (int i = 0; i < a->nregs; i++) {
		uint64_t mask = i == a->flags ? a->flagsmask : ~0ull;

		if (i == pc || (call && (i == sp || i == link)) || among(a->threadregs, a->nthreadregs, i))
			continue;
		if ((regs[i] ^ p->regs[i]) & mask) {
			t->sig = SIG_LOST;
			t->sigreg = (int16_t)i;
			return;
		}
	}
	for (int i = 0; i < a->nxregs; i++) {
		if (xstate_has(&x, i) && xstate_has(&p->x, i) && x.w[i] != p->x.w[i]) {
			t->sig = SIG_LOST;
			t->sigreg = (int16_t)(MAXREGS + i);
			return;
		}
	}
}

/* Set up the handler's frame on the thread's stack (or its alternate stack). */
static bool deliver(struct ucrun *r, const struct siginfo_lite *info, uint64_t pc, const struct ucfault *f)
{
	struct ucthread *t = r->cur;
	int sig = info->signo;
	struct sigact *a = &r->act[sig];
	uint64_t sp = reg_get(r, r->ua->sp);
	struct sigdelivery d = {
		.sig = sig, .info = info, .act = a, .pc = pc, .oldmask = t->sigmask,
		.sp = sp, .fault = f, .ss_sp = t->ss_sp, .ss_size = t->ss_size,
		.ss_flags = altstack_flags(t, sp),
	};

	if ((a->flags & LX_SA_ONSTACK) && !(d.ss_flags & LX_SS_DISABLE) && !on_altstack(t, sp))
		d.stack_top = t->ss_sp + t->ss_size;
	sigpre_push(r, t, pc);
	if (r->ua->sigframe_push(r, &d) < 0) {
		t->nsigpre--;
		return false;
	}
	if (f) {
		t->has_fault = true;
		t->fault_pc = f->pc;
	}
	t->sigmask |= a->mask;
	if (!(a->flags & LX_SA_NODEFER))
		t->sigmask |= BIT(sig);
	t->sigmask &= ~UNBLOCKABLE;
	if (a->flags & LX_SA_RESETHAND) {
		a->handler = LX_SIG_DFL;
		a->flags &= ~(uint64_t)LX_SA_SIGINFO;
	}
	if ((t->ss_flags & (int)LX_SS_AUTODISARM) && (d.ss_flags & LX_SS_DISABLE) == 0) {
		t->ss_sp = t->ss_size = 0;
		t->ss_flags = LX_SS_DISABLE;
	}
	return true;
}

/* A frame could not be written: Linux kills the process with SIGSEGV. */
static void frame_failed(struct ucrun *r, uint64_t pc)
{
	run_end(r, EXIT_GUEST_FAULT, "fault: SIGSEGV at pc 0x%llx addr 0x%llx (cannot write the signal frame)",
		(unsigned long long)pc, (unsigned long long)reg_get(r, r->ua->sp));
}

/* The current thread faulted (r->fault): run its handler if it has one that can run. */
bool signal_fault(struct ucrun *r)
{
	const struct ucfault *f = &r->fault;
	struct siginfo_lite info = { .signo = f->signo, .code = f->code, .addr = f->addr };
	uint64_t h = r->act[f->signo].handler;

	/* a blocked or ignored synchronous signal kills, as force_sig_fault does */
	if (h == LX_SIG_DFL || h == LX_SIG_IGN || (r->cur->sigmask & BIT(f->signo)))
		return false;
	if (!deliver(r, &info, f->ctx_pc, f)) {
		frame_failed(r, f->ctx_pc);
		return true;
	}
	return true;
}

/* Deliver one pending, unblocked signal to the current thread, or take its default action. */
void signal_deliver_pending(struct ucrun *r)
{
	struct ucthread *t = r->cur;
	uint64_t ready = t->pending & ~t->sigmask, pc;
	struct siginfo_lite info;
	int sig;

	if (!ready)
		return;
	sig = __builtin_ctzll(ready) + 1;
	t->pending &= ~BIT(sig);
	info = t->info[sig];
	if (ignored(r, sig))
		return;
	if (r->act[sig].handler == LX_SIG_DFL) {
		run_end(r, 128 + sig, "killed: %s", signame(sig));
		return;
	}
	pc = uc_pc(r);
	if (!deliver(r, &info, pc, NULL))
		frame_failed(r, pc);
}

void sys_rt_sigreturn(struct ucrun *r)
{
	uint64_t mask;

	if (r->ua->sigframe_pop(r, &mask) < 0) {
		run_end(r, EXIT_GUEST_FAULT, "fault: SIGSEGV at pc 0x%llx addr 0x%llx (bad signal frame)",
			(unsigned long long)r->last_pc, (unsigned long long)reg_get(r, r->ua->sp));
		return;
	}
	r->cur->sigmask = mask & ~UNBLOCKABLE;
	sigreturn_check(r, r->cur);
}

int signal_setup(struct ucrun *r)
{
	return sigframe_setup(r);
}
