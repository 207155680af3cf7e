/*
 * --inject-fault N: the first instruction from the Nth on (as the counting
 * hook numbers them) that accesses memory faults as if the page it touched
 * were unmapped.  From N on the guest runs one instruction per slice with
 * its registers saved before it; a memory hook, present for the whole run
 * because Unicorn only routes accesses through hooks in blocks translated
 * after the hook exists, notes the first access and the old contents of
 * every store.  Between slices the instruction is undone and the fault is
 * delivered like any other.
 */
#include <stdio.h>
#include <string.h>
#include "unicorn/uc.h"

static void note_store(struct ucinject *in, struct ucrun *r, uint64_t addr, int size)
{
	struct memundo *u;

	if (in->nundo >= INJECT_UNDO || size <= 0 || (size_t)size > sizeof u->old) {
		in->nundo = INJECT_UNDO + 1;	/* cannot be undone */
		return;
	}
	u = &in->undo[in->nundo++];
	u->addr = addr;
	u->size = size;
	if (vm_peek(r, addr, u->old, (size_t)size) < 0)
		u->size = 0;			/* nothing there: the store cannot land */
}

static void hook_access(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
			void *data)
{
	struct ucrun *r = data;
	struct ucinject *in = &r->inj;

	(void)uc, (void)value;
	if (!in->armed)
		return;
	if (!in->hit) {
		in->hit = true;
		in->insn = r->insns;
		in->access_pc = r->last_pc;
		in->addr = addr;
		in->write = type == UC_MEM_WRITE;
	}
	if (type == UC_MEM_WRITE && in->nundo <= INJECT_UNDO)
		note_store(in, r, addr, size);
}

int inject_setup(struct ucrun *r)
{
	struct ucinject *in = &r->inj;
	uc_hook h;

	in->at = r->o->inject_fault;
	in->nil = r->o->inject_nil;
	if (!in->at)
		return 0;
	if (uc_context_alloc(r->uc, &in->ctx) != UC_ERR_OK)
		return -1;
	return uc_hook_add(r->uc, &h, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, hook_access, r, 1, 0) ==
	       UC_ERR_OK ? 0 : -1;
}

/* Where the next slice must stop: before instruction `at', then after every instruction. */
uint64_t inject_bound(struct ucrun *r, uint64_t stop_at)
{
	struct ucinject *in = &r->inj;
	uint64_t next = r->insns + 1;

	if (!in->at || in->done)
		return stop_at;
	in->armed = next >= in->at;
	if (!in->armed)
		return in->at - 1 < stop_at ? in->at - 1 : stop_at;
	uc_context_save(r->uc, in->ctx);
	in->pc = uc_pc(r);
	in->insn0 = r->insns;
	in->nundo = 0;
	return next < stop_at ? next : stop_at;
}

/*
 * Where the engine stops only at blocks (ucarch stop_at_blocks), a slice
 * is a block: run it again up to the accessing instruction, stopping
 * exactly there.  The registers are then exact but for the condition
 * code, which Unicorn may not have stored: only the signal frame's PSW
 * mask can show it.
 */
static int replay_to_access(struct ucrun *r)
{
	struct ucinject *in = &r->inj;
	uc_err err;

	if (in->insn - 1 == in->insn0)
		return 0;
	r->insns = in->insn0;
	r->stop_at = in->insn - 1;
	r->stop = STOP_NONE;
	r->replaying = true;
	err = uc_run_guest(r, in->pc, 0);
	r->replaying = false;
	if (err != UC_ERR_OK || r->stop != STOP_LIMIT || r->stop_pc != in->access_pc)
		return -1;
	uc_set_pc(r, in->access_pc);
	in->pc = in->access_pc;
	return 0;
}

/* After a slice: if its instruction touched memory, undo it and make r->fault the injected fault. */
bool inject_taken(struct ucrun *r)
{
	struct ucinject *in = &r->inj;
	struct ucfault *f = &r->fault;

	if (!in->hit || in->done)
		return false;
	in->done = true;
	in->armed = false;
	if (in->nundo > INJECT_UNDO) {
		run_end(r, EXIT_ENGINE_ERROR, "error: the injected fault's instruction cannot be undone");
		return true;
	}
	for (int i = in->nundo; i-- > 0;)
		if (in->undo[i].size)
			vm_poke(r, in->undo[i].addr, in->undo[i].old, (size_t)in->undo[i].size);
	uc_context_restore(r->uc, in->ctx);
	if (r->ua->stop_at_blocks && replay_to_access(r) < 0) {
		run_end(r, EXIT_ENGINE_ERROR, "error: cannot run up to the injected fault's instruction");
		return true;
	}
	r->insns = in->insn - 1;		/* a faulting instruction is not retired */
	r->last_pc = in->pc;
	memset(f, 0, sizeof *f);
	f->signo = LX_SIGSEGV;
	f->code = LX_SEGV_MAPERR;
	f->pc = f->ctx_pc = in->pc;
	f->addr = in->nil ? in->addr & (PAGE - 1) : in->addr;
	if (r->ua->segv_addr_mask)
		f->addr &= r->ua->segv_addr_mask;
	in->siaddr = f->addr;
	f->memtype = in->write ? UC_MEM_WRITE_UNMAPPED : UC_MEM_READ_UNMAPPED;
	r->stop = STOP_FAULT;
	return true;
}

/* Say in the run's reason where the fault went, or that the run ended first. */
void inject_note(struct ucrun *r)
{
	struct ucinject *in = &r->inj;
	char *s = r->res->reason;
	size_t n = strlen(s);

	if (!in->at)
		return;
	if (in->hit)
		snprintf(s + n, sizeof r->res->reason - n, "; injected %s insn %llu pc 0x%llx addr 0x%llx",
			 in->write ? "write" : "read", (unsigned long long)in->insn, (unsigned long long)in->pc,
			 (unsigned long long)in->siaddr);
	else
		snprintf(s + n, sizeof r->res->reason - n, "; no access to inject a fault into from insn %llu",
			 (unsigned long long)in->at);
}

void inject_free(struct ucrun *r)
{
	if (r->inj.ctx)
		uc_context_free(r->inj.ctx);
}
