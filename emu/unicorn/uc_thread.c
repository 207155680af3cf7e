/*
 * Guest threads: one uc_context each on the one engine, run in a
 * deterministic round-robin.  A thread runs until its quantum (drawn from
 * the seed) ends or it blocks in futex WAIT or a sleep, yields or exits.
 * Time is virtual: instructions retired, plus the time skipped while every
 * thread slept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unicorn/uc.h"
#include "layout.h"

#define LX_CLONE_VM		0x100
#define LX_CLONE_FS		0x200
#define LX_CLONE_FILES		0x400
#define LX_CLONE_SIGHAND	0x800
#define LX_CLONE_THREAD		0x10000
#define LX_CLONE_SYSVSEM	0x40000
#define LX_CLONE_SETTLS		0x80000
#define LX_CLONE_PARENT_SETTID	0x100000
#define LX_CLONE_CHILD_CLEARTID	0x200000
#define LX_CLONE_DETACHED	0x400000
#define LX_CLONE_CHILD_SETTID	0x1000000

#define LX_FUTEX_WAIT		0
#define LX_FUTEX_WAKE		1
#define LX_FUTEX_WAIT_BITSET	9
#define LX_FUTEX_WAKE_BITSET	10
#define LX_FUTEX_PRIVATE		128
#define LX_FUTEX_CLOCK_REALTIME	256

/* Limits like RLIMIT_NPROC's: each thread costs the host a CPU context; dead ones keep their tid. */
#define MAX_THREADS		4096
#define MAX_TIDS		65536

#define QUANTUM_MIN		10000
#define QUANTUM_SPREAD		20000

struct ucthread *thread_new(struct ucrun *r)
{
	struct ucthread *t = xcalloc(1, sizeof *t);

	if (uc_context_alloc(r->uc, &t->ctx) != UC_ERR_OK) {
		free(t);
		return NULL;
	}
	if (r->nthreads == r->capthreads) {
		r->capthreads = r->capthreads ? 2 * r->capthreads : 16;
		r->threads = xreallocarray(r->threads, (size_t)r->capthreads, sizeof *r->threads);
	}
	if (r->next_tid == 0)
		r->next_tid = GUEST_PID;
	t->tid = r->next_tid++;
	t->state = T_RUNNABLE;
	t->deadline = UINT64_MAX;
	r->threads[r->nthreads++] = t;
	return t;
}

void thread_free_all(struct ucrun *r)
{
	for (int i = 0; i < r->nthreads; i++) {
		if (r->threads[i]->ctx)
			uc_context_free(r->threads[i]->ctx);
		free(r->threads[i]);
	}
	free(r->threads);
	r->threads = NULL;
	r->nthreads = 0;
}

struct ucthread *thread_bytid(struct ucrun *r, int tid)
{
	for (int i = 0; i < r->nthreads; i++)
		if (r->threads[i]->tid == tid && r->threads[i]->state != T_DEAD)
			return r->threads[i];
	return NULL;
}

static int live_threads(struct ucrun *r)
{
	int n = 0;

	for (int i = 0; i < r->nthreads; i++)
		n += r->threads[i]->state != T_DEAD;
	return n;
}

void quantum_start(struct ucrun *r)
{
	if (live_threads(r) > 1)
		r->quantum_end = r->insns + QUANTUM_MIN + rng_next(r) % QUANTUM_SPREAD;
	else
		r->quantum_end = UINT64_MAX;
}

static void save_regs(struct ucrun *r, struct ucthread *t)
{
	uc_context_save(r->uc, t->ctx);
	if (r->ua->private_reg)
		t->private_reg = reg_get(r, r->ua->private_reg);
}

static void load_regs(struct ucrun *r, struct ucthread *t)
{
	uc_context_restore(r->uc, t->ctx);
	if (r->ua->private_reg)
		reg_set(r, r->ua->private_reg, t->private_reg);
}

/* Put t's registers in the engine and give it the result of the call it blocked in. */
static void resume(struct ucrun *r, struct ucthread *t)
{
	if (r->cur != t) {
		if (r->cur) {
			r->cur->cpu_insns += r->insns - r->slice_start;
			if (r->cur->state != T_DEAD) {
				save_regs(r, r->cur);
			} else if (r->cur->ctx) {
				/* an exited thread's registers are never needed again */
				uc_context_free(r->cur->ctx);
				r->cur->ctx = NULL;
			}
		}
		load_regs(r, t);
		r->cur = t;
		r->slice_start = r->insns;
	}
	if (t->has_result) {
		reg_set(r, r->ua->ret, (uint64_t)t->wake_result);
		t->has_result = false;
	}
	quantum_start(r);
}

void thread_wake(struct ucthread *t, int64_t result)
{
	t->epfd = 0;
	t->state = T_RUNNABLE;
	t->deadline = UINT64_MAX;
	t->wake_result = result;
	t->has_result = true;
}

/* A blocked thread is interrupted (by a signal): its call returns -EINTR. */
void thread_interrupt(struct ucrun *r, struct ucthread *t)
{
	uint64_t now = vclock_ns(r), left, ts[2];

	if (t->state == T_SLEEP && t->sleep_rem) {
		left = t->deadline > now ? t->deadline - now : 0;
		ts[0] = left / NS, ts[1] = left % NS;
		vm_write_words(r, t->sleep_rem, ts, 2);
	}
	thread_wake(t, -E_INTR);
}

static void wake_expired(struct ucrun *r)
{
	uint64_t now = vclock_ns(r);

	for (int i = 0; i < r->nthreads; i++) {
		struct ucthread *t = r->threads[i];
		if ((t->state == T_FUTEX || t->state == T_SLEEP) && t->deadline <= now)
			thread_wake(t, t->state == T_FUTEX ? -E_TIMEDOUT : 0);
	}
}

static uint64_t earliest_deadline(struct ucrun *r)
{
	uint64_t d = UINT64_MAX;

	for (int i = 0; i < r->nthreads; i++) {
		struct ucthread *t = r->threads[i];
		if ((t->state == T_FUTEX || t->state == T_SLEEP) && t->deadline < d)
			d = t->deadline;
	}
	return d;
}

/* The next runnable thread after the current one in creation order, the current one last. */
static struct ucthread *next_runnable(struct ucrun *r, bool others_first)
{
	int start = 0, n = r->nthreads;

	for (int i = 0; i < n; i++)
		if (r->threads[i] == r->cur)
			start = i + 1;
	for (int k = 0; k < n; k++) {
		struct ucthread *t = r->threads[(start + k) % n];
		if (t->state == T_RUNNABLE && (t != r->cur || !others_first))
			return t;
	}
	if (r->cur && r->cur->state == T_RUNNABLE)
		return r->cur;
	return NULL;
}

/*
 * Pick the thread to run next and load it.  When nobody can run, virtual
 * time jumps to the earliest deadline; with none, the guest is deadlocked
 * and the run ends.  Returns -1 when the run has ended.
 */
int sched_next(struct ucrun *r)
{
	struct ucthread *t;

	for (;;) {
		wake_expired(r);
		t = next_runnable(r, true);
		if (t)
			break;
		uint64_t d = earliest_deadline(r);
		if (d == UINT64_MAX) {
			run_end(r, EXIT_BUDGET, "timeout: every thread is blocked forever (deadlock)");
			return -1;
		}
		r->vskew += d - vclock_ns(r);
	}
	resume(r, t);
	return 0;
}

/* The current thread keeps running unless its quantum is over or it cannot run. */
bool sched_wanted(struct ucrun *r)
{
	return !r->cur || r->cur->state != T_RUNNABLE || r->insns >= r->quantum_end;
}

void sys_yield(struct ucrun *r)
{
	reg_set(r, r->ua->ret, 0);
	r->quantum_end = r->insns;	/* give the others a turn */
}

void thread_block(struct ucrun *r, enum tstate st, uint64_t deadline)
{
	struct ucthread *t = r->cur;

	t->state = st;
	t->deadline = deadline;
	t->wait_seq = r->wait_seq++;
}

/* The runtime's contract for a new M (layout.h): its TLS is its m, whose tls[0] is a g whose m it is. */
static bool own_tls(struct ucrun *r, uint64_t tls)
{
	uint64_t g, m;

	return vm_read64(r, tls, &g) == 0 && g && vm_read64(r, g + G_M, &m) == 0 && m + M_TLS == tls;
}

int64_t sys_clone(struct ucrun *r, uint64_t flags, uint64_t stack, uint64_t ptid, uint64_t ctid, uint64_t tls)
{
	const uint64_t thread = LX_CLONE_VM | LX_CLONE_THREAD | LX_CLONE_SIGHAND;
	const uint64_t known = thread | LX_CLONE_FS | LX_CLONE_FILES | LX_CLONE_SYSVSEM | LX_CLONE_SETTLS |
			       LX_CLONE_PARENT_SETTID | LX_CLONE_CHILD_CLEARTID | LX_CLONE_DETACHED |
			       LX_CLONE_CHILD_SETTID;
	const struct ucarch *ua = r->ua;
	uint64_t old_sp, old_tls;
	struct ucthread *t;

	if ((flags & thread) != thread || (flags & ~known & ~0xffULL))
		return -E_INVAL;	/* threads only: there is no fork */
	if (live_threads(r) >= MAX_THREADS || r->nthreads >= MAX_TIDS) {
		if (!r->thread_limit_noted) {
			char detail[80];
			snprintf(detail, sizeof detail, "%d live, %d in all: clone → EAGAIN", MAX_THREADS, MAX_TIDS);
			uc_event(r, "thread-limit", detail);
		}
		r->thread_limit_noted = true;
		return -E_AGAIN;
	}
	if ((flags & LX_CLONE_PARENT_SETTID) && !vm_ok(r, ptid, 4, UC_PROT_WRITE))
		return -E_FAULT;
	if ((flags & LX_CLONE_CHILD_SETTID) && !vm_ok(r, ctid, 4, UC_PROT_WRITE))
		return -E_FAULT;
	if (!(t = thread_new(r)))
		return -E_NOMEM;
	/* the child starts as a copy of the parent, after the syscall, returning 0 */
	old_sp = reg_get(r, ua->sp);
	old_tls = reg_get(r, ua->tls);
	reg_set(r, ua->ret, 0);
	if (stack)
		reg_set(r, ua->sp, stack);
	if (flags & LX_CLONE_SETTLS)
		reg_set(r, ua->tls, tls);
	save_regs(r, t);
	reg_set(r, ua->sp, old_sp);
	reg_set(r, ua->tls, old_tls);
	t->sigmask = r->cur->sigmask;
	r->cur->has_clone = true;
	r->cur->clone_own = (flags & LX_CLONE_SETTLS) && tls != old_tls && own_tls(r, tls);
	if (flags & LX_CLONE_PARENT_SETTID)
		vm_write32(r, ptid, (uint32_t)t->tid);
	if (flags & LX_CLONE_CHILD_SETTID)
		vm_write32(r, ctid, (uint32_t)t->tid);
	if (flags & LX_CLONE_CHILD_CLEARTID)
		t->clear_tid = ctid;
	/* the parent runs on; a new quantum starts now that there are several threads */
	if (r->quantum_end == UINT64_MAX)
		quantum_start(r);
	return t->tid;
}

void sys_exit_thread(struct ucrun *r, int status)
{
	struct ucthread *t = r->cur;

	if (t->clear_tid && vm_write32(r, t->clear_tid, 0) == 0)
		futex_wake(r, t->clear_tid, 1, ~0u);
	t->state = T_DEAD;
	if (live_threads(r) == 0)
		run_end(r, status & 0xff, "exit");
}

/* Wake up to n threads waiting on uaddr, in the order they started waiting. */
int futex_wake(struct ucrun *r, uint64_t uaddr, int n, uint32_t bits)
{
	int woken = 0;

	while (woken < n) {
		struct ucthread *first = NULL;
		for (int i = 0; i < r->nthreads; i++) {
			struct ucthread *t = r->threads[i];
			if (t->state == T_FUTEX && t->wait_addr == uaddr && (t->wait_bits & bits) &&
			    (!first || t->wait_seq < first->wait_seq))
				first = t;
		}
		if (!first)
			break;
		thread_wake(first, 0);
		woken++;
	}
	return woken;
}

/* A timespec from the guest, in ns; -EFAULT or -EINVAL. */
static int64_t read_timespec(struct ucrun *r, uint64_t p, uint64_t *ns)
{
	uint64_t w[2];
	int64_t ts[2];

	if (vm_read_words(r, p, w, 2) < 0)
		return -E_FAULT;
	ts[0] = (int64_t)w[0], ts[1] = (int64_t)w[1];
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= (int64_t)NS)
		return -E_INVAL;
	*ns = (uint64_t)ts[0] > UINT64_MAX / NS - 1 ? UINT64_MAX / 2 : (uint64_t)ts[0] * NS + (uint64_t)ts[1];
	return 0;
}

static uint64_t deadline_after(struct ucrun *r, uint64_t ns)
{
	uint64_t now = vclock_ns(r);

	return now + ns < now ? UINT64_MAX - 1 : now + ns;
}

/* An absolute time on a clock, as a virtual deadline. */
static uint64_t deadline_at(bool realtime, uint64_t abs)
{
	uint64_t base = realtime ? EPOCH_S * NS : BOOT_NS;

	return abs > base ? abs - base : 0;
}

static void set_ret(struct ucrun *r, int64_t v)
{
	reg_set(r, r->ua->ret, (uint64_t)v);
}

static int64_t futex_wait(struct ucrun *r, uint64_t uaddr, uint32_t val, uint32_t bits,
			  uint64_t timeout, bool absolute, bool realtime)
{
	uint64_t deadline = UINT64_MAX, ns;
	uint32_t cur;
	int64_t err;

	if (vm_read32(r, uaddr, &cur) < 0)
		return -E_FAULT;
	if (timeout) {
		if ((err = read_timespec(r, timeout, &ns)) < 0)
			return err;
		deadline = absolute ? deadline_at(realtime, ns) : deadline_after(r, ns);
	}
	if (cur != val)
		return -E_AGAIN;
	r->cur->wait_addr = uaddr;
	r->cur->wait_bits = bits;
	thread_block(r, T_FUTEX, deadline);
	return 0;
}

/* futex: private and shared are the same here, as there is one process. */
int64_t sys_futex(struct ucrun *r, uint64_t uaddr, int op, uint32_t val, uint64_t timeout,
		  uint64_t uaddr2, uint32_t val3)
{
	int cmd = op & ~(LX_FUTEX_PRIVATE | LX_FUTEX_CLOCK_REALTIME);
	bool realtime = op & LX_FUTEX_CLOCK_REALTIME;
	int64_t ret;

	(void)uaddr2;
	if (uaddr & 3) {
		ret = -E_INVAL;
	} else if (cmd == LX_FUTEX_WAIT) {
		ret = futex_wait(r, uaddr, val, ~0u, timeout, false, realtime);
	} else if (cmd == LX_FUTEX_WAIT_BITSET) {
		ret = val3 ? futex_wait(r, uaddr, val, val3, timeout, true, realtime) : -E_INVAL;
	} else if (cmd == LX_FUTEX_WAKE) {
		ret = futex_wake(r, uaddr, (int)(val > 0x7fffffff ? 0x7fffffff : val), ~0u);
	} else if (cmd == LX_FUTEX_WAKE_BITSET) {
		ret = val3 ? futex_wake(r, uaddr, (int)(val > 0x7fffffff ? 0x7fffffff : val), val3) : -E_INVAL;
	} else {
		ret = -E_NOSYS;
	}
	if (r->cur->state == T_RUNNABLE)
		set_ret(r, ret);
	return ret;
}

static int64_t sleep_until(struct ucrun *r, uint64_t deadline, uint64_t rem)
{
	r->cur->sleep_rem = rem;
	thread_block(r, T_SLEEP, deadline);
	return 0;
}

int64_t sys_nanosleep(struct ucrun *r, uint64_t req, uint64_t rem)
{
	uint64_t ns;
	int64_t err = read_timespec(r, req, &ns);

	if (err < 0) {
		set_ret(r, err);
		return err;
	}
	return sleep_until(r, deadline_after(r, ns), rem);
}

int64_t sys_clock_nanosleep(struct ucrun *r, int clk, int flags, uint64_t req, uint64_t rem)
{
	bool realtime = clk == 0 || clk == 5, monotonic = clk == 1 || clk == 4 || clk == 7;
	uint64_t ns;
	int64_t err;

	if (!realtime && !monotonic)
		err = -E_INVAL;
	else
		err = read_timespec(r, req, &ns);
	if (err < 0) {
		set_ret(r, err);
		return err;
	}
	if (flags & 1)	/* TIMER_ABSTIME: no remainder is written */
		return sleep_until(r, deadline_at(realtime, ns), 0);
	return sleep_until(r, deadline_after(r, ns), rem);
}
