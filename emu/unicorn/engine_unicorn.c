/*
 * The Unicorn engine: a Linux user mode of our own (DESIGN.md section 6).
 * The guest runs in slices of uc_emu_start; hooks only record why they
 * stopped it, and the system call, fault, thread switch or limit is dealt
 * with here between slices.  Everything the guest can observe (addresses,
 * time, randomness, scheduling) follows from the program, the seed and
 * the budget, so two runs give identical hits and output.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "unicorn/uc.h"

#define DEFAULT_BUDGET	2000000000ULL
#define WALLCHECK	(1ULL << 24)	/* instructions between looks at the host clock */
#define UNTIL		0		/* never a valid pc: reaching it is a jump to 0 */

static uint64_t host_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void end_with_fault(struct ucrun *r)
{
	const struct ucfault *f = &r->fault;
	uint64_t h = r->act[f->signo].handler;

	run_end(r, EXIT_GUEST_FAULT, "fault: %s at pc 0x%llx addr 0x%llx (%s)", signame(f->signo),
		(unsigned long long)f->pc, (unsigned long long)f->addr,
		h == 0 ? "no handler" : h == 1 ? "ignored" : "blocked");
}

/* The counting hook stopped the engine: budget, host clock or end of quantum. */
static void at_limit(struct ucrun *r)
{
	if (r->insns >= r->budget) {
		run_end(r, EXIT_BUDGET, "budget: %llu instructions", (unsigned long long)r->budget);
		return;
	}
	if (r->insns >= r->next_wallcheck) {
		r->next_wallcheck = r->insns + WALLCHECK;
		if (r->wall_deadline_ns && host_ns() >= r->wall_deadline_ns)
			run_end(r, EXIT_BUDGET, "timeout: %d s wall-clock limit", r->o->timeout_s);
	}
}

static uint64_t min3(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* Run the current thread until a hook stops it, and deal with why. */
static void run_slice(struct ucrun *r)
{
	uc_err err;

	r->stop_at = inject_bound(r, min3(r->budget, r->quantum_end, r->next_wallcheck));
	if (r->insns >= r->stop_at) {
		at_limit(r);
		return;
	}
	r->stop = STOP_NONE;
	r->stop_pending = false;
	r->fault.memtype = -1;
	err = uc_run_guest(r, uc_pc(r), UNTIL);
	if (inject_taken(r)) {
		if (!r->done && !signal_fault(r))
			end_with_fault(r);
	} else if (err == UC_ERR_OK && r->stop == STOP_SYSCALL) {
		if (r->ua->syscall_resume)
			uc_set_pc(r, uc_pc(r) + (uint64_t)r->ua->syscall_resume);
		syscall_handle(r);
	} else if (err == UC_ERR_OK && r->stop == STOP_COUNTER) {
		counter_exec(r);
	} else if (err == UC_ERR_OK && r->stop == STOP_LIMIT) {
		if (r->ua->stop_at_blocks)
			uc_set_pc(r, r->stop_pc);	/* the pc Unicorn holds may be an earlier block's */
		at_limit(r);
	} else {
		fault_from_stop(r, err);
		if (!signal_fault(r))
			end_with_fault(r);
	}
}

static void run_loop(struct ucrun *r)
{
	while (!r->done) {
		if (sched_wanted(r) && sched_next(r) < 0)
			break;
		signal_deliver_pending(r);
		if (r->done || sched_wanted(r))
			continue;
		run_slice(r);
	}
}

static int setup(struct ucrun *r, char *err, size_t errlen)
{
	uc_err e = uc_open(r->ua->arch, r->ua->mode, &r->uc);

	if (e != UC_ERR_OK) {
		snprintf(err, errlen, "uc_open: %s", uc_strerror(e));
		return -1;
	}
	if (load_program(r, err, errlen) < 0)
		return -1;
	counters_scan(r);
	if (hooks_install(r) < 0 || inject_setup(r) < 0) {
		snprintf(err, errlen, "cannot install hooks");
		return -1;
	}
	if (!(r->cur = thread_new(r))) {
		snprintf(err, errlen, "cannot create the main thread");
		return -1;
	}
	if (signal_setup(r) < 0) {
		snprintf(err, errlen, "cannot map the signal trampoline");
		return -1;
	}
	quantum_start(r);
	return 0;
}

int engine_unicorn_run(const struct run_opts *o, const struct elfimage *img,
		       const struct probeset *ps, struct hitlog *hits,
		       struct strbuf *records, struct run_result *res)
{
	struct ucrun *r;
	char err[96] = "";
	int ret = 0;

	memset(res, 0, sizeof *res);
	res->tls_in_regs = true;
	res->g_from_memory = true;
	if (!img->arch || (o->arch && o->arch != img->arch) || !ucarch_get(img->arch->id)) {
		res->exit_status = EXIT_ENGINE_ERROR;
		snprintf(res->reason, sizeof res->reason, "error: program is not for %s",
			 o->arch ? o->arch->name : "this arch");
		return -1;
	}
	r = xcalloc(1, sizeof *r);
	r->arch = img->arch;
	r->ua = ucarch_get(img->arch->id);
	r->o = o, r->img = img, r->ps = ps;
	r->hits = hits, r->records = records, r->res = res;
	r->budget = o->budget ? o->budget : DEFAULT_BUDGET;
	r->next_wallcheck = WALLCHECK;
	r->rng = o->seed ^ 0x63726f7373727475ULL;
	rlimit_init(r);
	if (o->timeout_s > 0)
		r->wall_deadline_ns = host_ns() + (uint64_t)o->timeout_s * 1000000000ULL;

	if (setup(r, err, sizeof err) < 0) {
		res->exit_status = EXIT_ENGINE_ERROR;
		snprintf(res->reason, sizeof res->reason, "error: unicorn: %s", err);
		ret = -1;
	} else {
		run_loop(r);
		inject_note(r);
		res->insns_known = true;
		res->insns = r->insns;
	}
	thread_free_all(r);
	inject_free(r);
	counters_free(r);
	if (r->uc)
		uc_close(r->uc);
	vm_free_all(r);
	free(r);
	return ret;
}
