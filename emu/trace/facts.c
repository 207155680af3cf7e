/* ISA-neutral facts of probe hits (facts.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/facts.h"
#include "core/util.h"

/* What a save is resumed by: gogo_resume, systemstack_return, asyncPreempt_resume. */
enum { SAVE_CALL, SAVE_SSTACK, SAVE_PREEMPT };

static int probe_index(const struct probeset *ps, const char *name)
{
	for (int i = 0; i < ps->n; i++)
		if (!strcmp(ps->name[i], name))
			return i;
	return -1;
}

void facts_init(struct facts *f, const struct archdesc *a, const struct probeset *ps)
{
	memset(f, 0, sizeof *f);
	f->arch = a;
	f->mcall = probe_index(ps, "mcall");
	f->deferproc = probe_index(ps, "deferproc");
	f->resume = probe_index(ps, "gogo_resume");
	f->goexit = probe_index(ps, "goexit");
	f->preempt = probe_index(ps, "asyncPreempt");
	f->preempt_resume = probe_index(ps, "asyncPreempt_resume");
	f->sstack = probe_index(ps, "systemstack");
	f->sstack_return = probe_index(ps, "systemstack_return");
	f->mstart = probe_index(ps, "mstart");
	f->sigpanic = probe_index(ps, "sigpanic");
}

void facts_free(struct facts *f)
{
	free(f->tab);
	memset(f, 0, sizeof *f);
}

static size_t slot_of(const struct gsaves *tab, size_t mask, uint64_t g)
{
	size_t i = (size_t)((g >> 4) * 0x9e3779b97f4a7c15ull) & mask;

	while (tab[i].g && tab[i].g != g)
		i = (i + 1) & mask;
	return i;
}

/* The saves of goroutine g, created empty when absent. */
static struct gsaves *saves_of(struct facts *f, uint64_t g)
{
	size_t i;

	if (2 * (f->used + 1) > f->mask + 1) {
		size_t mask = f->mask ? 2 * f->mask + 1 : 255;
		struct gsaves *tab = xcalloc(mask + 1, sizeof *tab);
		for (size_t k = 0; f->tab && k <= f->mask; k++)
			if (f->tab[k].g)
				tab[slot_of(tab, mask, f->tab[k].g)] = f->tab[k];
		free(f->tab);
		f->tab = tab;
		f->mask = mask;
	}
	i = slot_of(f->tab, f->mask, g);
	if (!f->tab[i].g) {
		f->tab[i].g = g;
		f->used++;
	}
	return &f->tab[i];
}

static bool lr_in_memory(const struct archdesc *a)
{
	return a->role_reg[R_LR] == ROLE_FROM_MEMORY;
}

/* The sp a save's resume has: past the return address in memory for a call, at the jump back for a preemption. */
static uint64_t resume_sp(const struct facts *f, int kind, uint64_t sp)
{
	if (kind == SAVE_CALL && lr_in_memory(f->arch))
		return sp + 8;
	if (kind == SAVE_PREEMPT)
		return sp + (uint64_t)f->arch->preempt_push;
	return sp;
}

static void save(struct facts *f, int kind, const struct hit *h, const struct xstate *x,
		 const struct trace_rec *r)
{
	struct gsaves *gs = saves_of(f, r->role[R_G]);
	uint64_t sp = resume_sp(f, kind, r->role[R_SP]);
	struct save *s;
	int k = 0;

	while (k < gs->n && (gs->s[k].sp != sp || gs->s[k].kind != kind))
		k++;
	if (k == FACTS_PERG) {		/* the oldest goes */
		memmove(gs->s, gs->s + 1, sizeof gs->s[0] * (FACTS_PERG - 1));
		k = FACTS_PERG - 1;
	} else if (k == gs->n) {
		gs->n++;
	}
	s = &gs->s[k];
	s->kind = kind;
	s->sp = sp;
	memcpy(s->regs, h->regs, sizeof s->regs);
	s->lr_mem = h->lr_mem;
	s->has_lr_mem = (h->known & HIT_LR) != 0;
	if (kind == SAVE_PREEMPT && (h->known & HIT_INTRLINK)) {
		s->lr_mem = h->intr_link;	/* what the signal interrupted, not what the rewrite stored */
		s->has_lr_mem = true;
	}
	s->has_x = x != NULL;
	if (x)
		s->x = *x;
}

/* The save of kind that a resume at sp matches, removed from the table into out; false if none. */
static bool take(struct facts *f, int kind, const struct trace_rec *r, struct save *out)
{
	struct gsaves *gs = saves_of(f, r->role[R_G]);

	for (int k = 0; k < gs->n; k++) {
		if (gs->s[k].kind == kind && gs->s[k].sp == r->role[R_SP]) {
			*out = gs->s[k];
			gs->s[k] = gs->s[--gs->n];
			return true;
		}
	}
	return false;
}

/* Extended word i differs under mask, where both ends captured it. */
static bool xdiffers(const struct save *s, const struct xstate *x, int i, uint64_t mask)
{
	return s->has_x && xstate_has(&s->x, i) && xstate_has(x, i) && ((s->x.w[i] ^ x->w[i]) & mask);
}

/* The first register a callee keeps that the resume does not hold, or NULL. */
static const char *lost_callee(const struct archdesc *a, const struct save *s, const struct hit *h,
			       const struct xstate *x)
{
	for (int i = 0; i < a->ncallee; i++)
		if (s->regs[a->callee[i]] != h->regs[a->callee[i]])
			return a->regnames[a->callee[i]];
	for (int i = 0; i < a->nfpcallee; i++)
		if (xdiffers(s, x, a->fpcallee[i], ~0ull))
			return a->xregnames[a->fpcallee[i]];
	for (int i = 0; i < a->nfpctl; i++)
		if (xdiffers(s, x, a->fpctl[i], a->fpctl_kept[i]))
			return a->xregnames[a->fpctl[i]];
	return NULL;
}

static bool among(const int *v, int n, int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/*
 * The first register of the interrupted code that asyncPreempt does not
 * give back, or NULL.  The jump back must go to the interrupted pc, which
 * asyncPreempt was entered with as its return address; where that is a
 * register, the interrupted code's own return address must come back too:
 * as the engine saw it interrupted (Unicorn), or else as the rewrite left
 * it at the entry's sp (sigpreempt.c) where the engine reads memory.
 */
static const char *lost_preempt(const struct archdesc *a, const struct save *s, const struct hit *h,
				const struct xstate *x)
{
	int pc = a->role_reg[R_PC], sp = a->role_reg[R_SP];

	if (a->preempt_jump >= 0 && h->regs[a->preempt_jump] != s->regs[a->preempt_link])
		return "pc";
	if (a->preempt_jump < 0 && (h->known & HIT_LR) && s->has_lr_mem && h->lr_mem != s->lr_mem)
		return "pc";
	if (a->preempt_link >= 0 && s->has_lr_mem && h->regs[a->preempt_link] != s->lr_mem)
		return a->regnames[a->preempt_link];
	for (int i = 0; i < a->nregs; i++) {
		uint64_t mask = i == a->flags ? a->flagsmask : ~0ull;

		if (i == pc || i == sp || i == a->preempt_link || i == a->preempt_jump ||
		    among(a->threadregs, a->nthreadregs, i))
			continue;
		if ((s->regs[i] ^ h->regs[i]) & mask)
			return a->regnames[i];
	}
	for (int i = 0; i < a->nxregs; i++)
		if (xdiffers(s, x, i, ~0ull))
			return a->xregnames[i];
	return NULL;
}

static void resume(struct facts *f, int kind, const struct hit *h, const struct xstate *x,
		   const struct trace_rec *r, char *out, size_t n)
{
	const char *key = kind == SAVE_PREEMPT ? "regs" : "cs";
	const char *reg;
	struct save s;

	if (!take(f, kind, r, &s))
		snprintf(out, n, "%s=new", key);
	else if ((reg = kind == SAVE_PREEMPT ? lost_preempt(f->arch, &s, h, x) : lost_callee(f->arch, &s, h, x)))
		snprintf(out, n, "%s=lost:%s", key, reg);
	else
		snprintf(out, n, "%s=kept", key);
}

/* At mstart: does the TLS register name the M whose g0 stack this is ("m#1" and "g0@m#1:top-0x40")? */
static void tls_fact(const struct trace_rec *r, char *out, size_t n)
{
	const char *tls = r->norm[R_TLS], *sp = r->norm[R_SP];
	size_t len = strlen(tls);

	if (!(r->role_known & (1u << R_TLS)) || !(r->role_known & (1u << R_SP)))
		return;
	if (strncmp(sp, "g0@", 3) == 0 && strncmp(sp + 3, tls, len) == 0 && sp[3 + len] == ':')
		snprintf(out, n, "tls=own");
	else
		snprintf(out, n, "tls=other");
}

/* At sigpanic: is its return address the faulting instruction? */
static void from_fact(const struct hit *h, const struct trace_rec *r, char *out, size_t n)
{
	if (!(h->known & HIT_FAULT) || !(r->role_known & (1u << R_LR)))
		return;
	snprintf(out, n, "from=%s", r->role[R_LR] == h->fault_pc ? "fault" : "other");
}

/* On the thread's first hit after a clone: did the child get its own M's TLS? */
static void clone_fact(const struct hit *h, char *out, size_t n)
{
	if (h->known & HIT_CLONE)
		snprintf(out, n, "clone=%s", h->clone_own ? "own" : "other");
}

static void sig_fact(const struct archdesc *a, const struct hit *h, char *out, size_t n)
{
	static const char *const what[] = { "kept", "call", "lost", "badcall" };

	if (!(h->known & HIT_SIG) || h->sig > SIG_BADCALL)
		return;
	if (h->sig != SIG_LOST)
		snprintf(out, n, "sig=%s", what[h->sig]);
	else if (h->sigreg >= 0 && h->sigreg < a->nregs)
		snprintf(out, n, "sig=lost:%s", a->regnames[h->sigreg]);
	else if (h->sigreg >= MAXREGS && h->sigreg - MAXREGS < a->nxregs)
		snprintf(out, n, "sig=lost:%s", a->xregnames[h->sigreg - MAXREGS]);
	else
		snprintf(out, n, "sig=lost:?");
}

/* At a function's entry sp is aligned as the ABI keeps it, or was before the call pushed the return address. */
static bool misaligned(const struct facts *f, const struct trace_rec *r)
{
	return (resume_sp(f, SAVE_CALL, r->role[R_SP]) & (uint64_t)(f->arch->stack_align - 1)) != 0;
}

static bool called(const struct facts *f, int probe)
{
	return probe != f->resume && probe != f->goexit && probe != f->preempt && probe != f->preempt_resume;
}

/* Append one fact to out, space-separated. */
static void add(char *out, size_t n, const char *fact)
{
	size_t len = strlen(out);

	if (fact[0] && len + 1 < n)
		snprintf(out + len, n - len, "%s%s", len ? " " : "", fact);
}

void facts_hit(struct facts *f, const struct hit *h, const struct xstate *x, const struct trace_rec *r,
	       char *out, size_t n)
{
	int probe = h->probe;
	bool g_known = (r->role_known & (1u << R_G)) && r->role[R_G];
	char one[96];

	out[0] = 0;
	one[0] = 0;
	if (g_known && (probe == f->mcall || probe == f->deferproc))
		save(f, SAVE_CALL, h, x, r);
	else if (g_known && probe == f->sstack)
		save(f, SAVE_SSTACK, h, x, r);
	else if (g_known && probe == f->preempt)
		save(f, SAVE_PREEMPT, h, x, r);
	else if (g_known && probe == f->resume)
		resume(f, SAVE_CALL, h, x, r, one, sizeof one);
	else if (g_known && probe == f->sstack_return)
		resume(f, SAVE_SSTACK, h, x, r, one, sizeof one);
	else if (g_known && probe == f->preempt_resume)
		resume(f, SAVE_PREEMPT, h, x, r, one, sizeof one);
	else if (g_known && probe == f->goexit)
		saves_of(f, r->role[R_G])->n = 0;
	else if (probe == f->mstart)
		tls_fact(r, one, sizeof one);
	else if (probe == f->sigpanic)
		from_fact(h, r, one, sizeof one);
	add(out, n, one);
	one[0] = 0;
	sig_fact(f->arch, h, one, sizeof one);
	add(out, n, one);
	one[0] = 0;
	clone_fact(h, one, sizeof one);
	add(out, n, one);
	if (called(f, probe) && misaligned(f, r))
		add(out, n, "sp=misaligned");
}

/* The value of fact key in facts ("cs=kept sp=misaligned"), into out; "" if absent. */
static void fact_value(const char *facts, const char *key, char *out, size_t n)
{
	size_t klen = strlen(key);

	out[0] = 0;
	for (const char *p = facts; p && *p; p = strchr(p, ' '), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
			size_t len = strcspn(p + klen + 1, " ");
			if (len >= n)
				len = n - 1;
			memcpy(out, p + klen + 1, len);
			out[len] = 0;
			return;
		}
	}
	/* sp=misaligned is a flag: absent means aligned */
}

static bool named(const char *keys, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = keys; p && *p; p = strchr(p, ' '), p = p ? p + 1 : NULL)
		if (strncmp(p, key, klen) == 0 && (p[klen] == ' ' || p[klen] == 0))
			return true;
	return false;
}

bool facts_agree(const char *a, const char *b, const char *keys_a, const char *keys_b)
{
	char key[16], va[64], vb[64];

	if (!strcmp(a, b))
		return true;
	for (const char *k = FACTS_KEYS; *k; k += strspn(k, " ")) {
		size_t len = strcspn(k, " ");

		snprintf(key, sizeof key, "%.*s", (int)len, k);
		k += len;
		if (!named(keys_a, key) || !named(keys_b, key))
			continue;
		fact_value(a, key, va, sizeof va);
		fact_value(b, key, vb, sizeof vb);
		if (strcmp(va, vb))
			return false;
	}
	return true;
}
