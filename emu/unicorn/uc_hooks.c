/*
 * What the engine reports from inside a run: every instruction (counted
 * by the first code hook, which also keeps fault pcs exact), probe entries,
 * system call instructions, CPU exceptions and bad memory accesses.  Hooks
 * only record and stop; the work is done after uc_emu_start returns.
 */
#include <string.h>
#include "unicorn/uc.h"
#include "layout.h"

static int go_read(void *ctx, uint64_t addr, uint64_t *v)
{
	return vm_read64(ctx, addr, v);
}

/* Guest memory as the hit sees it; unmapped or unreadable words are simply unknown. */
static void hit_memory(struct ucrun *r, struct hit *h)
{
	const struct archdesc *a = r->arch;
	uint64_t tls = h->regs[a->role_reg[R_TLS]], goid, mp, mid;

	h->known |= HIT_TLS;
	if (vm_read64(r, h->regs[a->role_reg[R_SP]], &h->lr_mem) == 0)
		h->known |= HIT_LR;
	if (r->ps->isgo) {
		go_hit(&r->ps->go, tls, go_read, r, h);
		return;
	}
	if (vm_read64(r, tls, &h->gptr) != 0)
		return;
	h->known |= HIT_G;
	if (h->gptr == 0 || vm_read64(r, h->gptr + G_GOID, &goid) != 0)
		return;
	h->goid = (int64_t)goid;
	h->m = -1;
	if (vm_read64(r, h->gptr + G_M, &mp) == 0 && mp && vm_read64(r, mp + M_ID, &mid) == 0)
		h->m = (int64_t)mid;
	h->known |= HIT_GOID;
}

static uint64_t probe_bit(uint64_t addr)
{
	return (addr >> 1) % PROBE_FILTER_BITS;
}

/* What the thread's last signal or clone left for its next hit to report (facts' sig, from, clone). */
static void hit_signal(struct ucrun *r, struct hit *h)
{
	struct ucthread *t = r->cur;

	if (t->has_sig) {
		h->known |= HIT_SIG;
		h->sig = t->sig;
		h->sigreg = t->sigreg;
		t->has_sig = false;
	}
	if (t->has_intr_link) {
		h->known |= HIT_INTRLINK;
		h->intr_link = t->intr_link;
		t->has_intr_link = false;
	}
	if (t->has_clone) {
		h->known |= HIT_CLONE;
		h->clone_own = t->clone_own;
		t->has_clone = false;
	}
	if (t->has_fault && h->probe >= 0 && !strcmp(r->ps->name[h->probe], "sigpanic")) {
		h->known |= HIT_FAULT;
		h->fault_pc = t->fault_pc;
		t->has_fault = false;
	}
}

/* A probe's entry is about to run: capture the registers and what they point to. */
static void probe_hit(struct ucrun *r, uint64_t addr)
{
	int probe = probes_find(r->ps, addr);
	struct hit h;

	if (probe < 0)
		return;
	memset(&h, 0, sizeof h);
	h.probe = probe;
	regs_read(r, h.regs);
	h.regs[r->arch->role_reg[R_PC]] = addr;
	h.known |= HIT_INSNS;
	h.insns = r->insns - 1;	/* hook_count has counted this entry already */
	hit_memory(r, &h);
	hit_signal(r, &h);
	if (r->ps->xstate[probe]) {
		struct xstate x;

		xstate_read(r, &x);
		hitlog_add(r->hits, &h, &x);
	} else {
		hitlog_add(r->hits, &h, NULL);
	}
}

/*
 * The first code hook: counts every instruction and notes its pc (so fault
 * pcs are exact), stops the engine at r->stop_at, and spots probe entries.
 * Probes are looked up here rather than given a hook each: Unicorn walks
 * the whole list of code hooks at every instruction, so each extra hook
 * costs every instruction, not just the probe's.
 */
static void hook_count(uc_engine *uc, uint64_t addr, uint32_t size, void *data)
{
	struct ucrun *r = data;

	(void)size;
	if (r->insns >= r->stop_at && (!r->ua->stop_at_blocks || r->replaying)) {
		/* stopped before this instruction runs: it is counted when the run resumes */
		r->stop = STOP_LIMIT;
		r->stop_pc = addr;
		uc_emu_stop(uc);
		return;
	}
	if (r->nctr && !r->replaying && counter_site(r, addr)) {
		/* a counter read: the engine does it (counter_exec) */
		r->stop = STOP_COUNTER;
		r->stop_pc = addr;
		uc_emu_stop(uc);
		return;
	}
	if (r->insns >= r->stop_at)
		r->stop_pending = true;
	r->insns++;
	r->last_pc = addr;
	if (!r->replaying && r->probe_filter[probe_bit(addr) / 64] & 1ULL << probe_bit(addr) % 64)
		probe_hit(r, addr);
}

/* A block starts (installed for ucarch stop_at_blocks): the limit's stop, if one is due. */
static void hook_block(uc_engine *uc, uint64_t addr, uint32_t size, void *data)
{
	struct ucrun *r = data;

	(void)size;
	if (!r->stop_pending)
		return;
	r->stop_pending = false;
	r->stop = STOP_LIMIT;
	r->stop_pc = addr;
	uc_emu_stop(uc);
}

static void stop_syscall(struct ucrun *r)
{
	r->stop = STOP_SYSCALL;
	uc_emu_stop(r->uc);
}

static void hook_syscall_insn(uc_engine *uc, void *data)
{
	(void)uc;
	stop_syscall(data);
}

void fault_set(struct ucrun *r, int signo, int code, uint64_t pc, uint64_t addr, uint64_t ctx_pc)
{
	r->fault.signo = signo;
	r->fault.code = code;
	r->fault.pc = pc;
	r->fault.addr = addr;
	r->fault.ctx_pc = ctx_pc;
	r->stop = STOP_FAULT;
	uc_emu_stop(r->uc);
}

static void hook_intr(uc_engine *uc, uint32_t intno, void *data)
{
	struct ucrun *r = data;
	uint64_t pc;

	(void)uc;
	if (r->ua->syscall_intr && r->ua->syscall_intr(intno)) {
		stop_syscall(r);
		return;
	}
	pc = uc_pc(r);
	r->fault.memtype = -1;
	r->ua->exception(r, intno, pc);
}

static bool hook_mem_invalid(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
			     int64_t value, void *data)
{
	struct ucrun *r = data;

	(void)uc, (void)size, (void)value;
	r->fault.memtype = (int)type;
	r->fault.addr = addr;
	r->stop = STOP_FAULT;
	return false;
}

static void memory_fault(struct ucrun *r, uint64_t pc)
{
	struct ucfault *f = &r->fault;
	int t = f->memtype;
	bool fetch = t == UC_MEM_FETCH_UNMAPPED || t == UC_MEM_FETCH_PROT;
	bool prot = t == UC_MEM_READ_PROT || t == UC_MEM_WRITE_PROT || t == UC_MEM_FETCH_PROT;

	/* PROT_NONE areas are not mapped in Unicorn at all: they are what the guest's list says */
	if (vm_find(r, f->addr))
		prot = true;
	f->signo = LX_SIGSEGV;
	f->code = prot ? LX_SEGV_ACCERR : LX_SEGV_MAPERR;
	/* the counting hook ran for a faulting access; a failed fetch never got that far */
	f->pc = fetch ? pc : r->last_pc;
	if (r->ua->segv_addr_mask)
		f->addr &= r->ua->segv_addr_mask;
}

/* A fault seen by uc_emu_start's result rather than by an exception hook. */
static void fault_from_error(struct ucrun *r, uc_err err)
{
	struct ucfault *f = &r->fault;
	uint64_t pc = uc_pc(r);

	if (r->stop == STOP_FAULT) {
		memory_fault(r, pc);
	} else if (err == UC_ERR_INSN_INVALID && r->ua->breakpoint && r->ua->breakpoint(r, pc)) {
		f->signo = LX_SIGTRAP, f->code = LX_TRAP_BRKPT, f->pc = pc, f->addr = pc;
	} else if (err == UC_ERR_INSN_INVALID) {
		f->signo = LX_SIGILL, f->code = LX_ILL_ILLOPC, f->pc = pc, f->addr = pc;
	} else if (err == UC_ERR_OK && pc == 0) {
		/* reached the `until' address: a jump to 0 */
		f->signo = LX_SIGSEGV, f->code = LX_SEGV_MAPERR, f->pc = 0, f->addr = 0;
	} else {
		/* the CPU halted (x86 hlt) or Unicorn gave up: a general protection fault */
		f->signo = LX_SIGSEGV, f->code = LX_SI_KERNEL, f->pc = r->last_pc, f->addr = 0;
	}
	f->ctx_pc = f->pc;
}

/* Turn how the engine stopped into r->fault, with the faulting instruction's pc. */
void fault_from_stop(struct ucrun *r, uc_err err)
{
	struct ucfault *f = &r->fault;

	if (!(r->stop == STOP_FAULT && f->memtype < 0))
		fault_from_error(r, err);
	/* a fault (not a trap) leaves its instruction unfinished: it is not retired */
	if (f->pc == r->last_pc && f->ctx_pc == f->pc && r->insns > 0)
		r->insns--;
	r->stop = STOP_FAULT;
}

int hooks_install(struct ucrun *r)
{
	uc_hook h;
	uc_err e;

	for (int i = 0; i < r->ps->n; i++)
		r->probe_filter[probe_bit(r->ps->addr[i]) / 64] |= 1ULL << probe_bit(r->ps->addr[i]) % 64;
	e = uc_hook_add(r->uc, &h, UC_HOOK_CODE, hook_count, r, 1, 0);
	if (e == UC_ERR_OK && r->ua->stop_at_blocks)
		e = uc_hook_add(r->uc, &h, UC_HOOK_BLOCK, hook_block, r, 1, 0);
	if (e == UC_ERR_OK && r->ua->syscall_insn)
		e = uc_hook_add(r->uc, &h, UC_HOOK_INSN, hook_syscall_insn, r, 1, 0, r->ua->syscall_insn);
	if (e == UC_ERR_OK)
		e = uc_hook_add(r->uc, &h, UC_HOOK_INTR, hook_intr, r, 1, 0);
	if (e == UC_ERR_OK)
		e = uc_hook_add(r->uc, &h, UC_HOOK_MEM_INVALID, hook_mem_invalid, r, 1, 0);
	return e == UC_ERR_OK ? 0 : -1;
}
