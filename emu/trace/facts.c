/* ISA-neutral facts of probe hits (facts.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/facts.h"
#include "core/util.h"

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

/* A save resumes with sp as it will be after the save's return: past the return address where it is in memory. */
static uint64_t sp_after_return(const struct facts *f, const struct trace_rec *r)
{
	return r->role[R_SP] + (f->arch->role_reg[R_LR] == ROLE_FROM_MEMORY ? 8 : 0);
}

static int nfp(const struct hit *h)
{
	return (h->known & HIT_FCALLEE) ? h->nfcallee : 0;
}

static void save(struct facts *f, const struct hit *h, const struct trace_rec *r)
{
	struct gsaves *gs = saves_of(f, r->role[R_G]);
	uint64_t sp = sp_after_return(f, r);
	int k = 0;

	while (k < gs->n && gs->s[k].sp != sp)
		k++;
	if (k == FACTS_PERG) {		/* the oldest goes */
		memmove(gs->s, gs->s + 1, sizeof gs->s[0] * (FACTS_PERG - 1));
		k = FACTS_PERG - 1;
	} else if (k == gs->n) {
		gs->n++;
	}
	gs->s[k].sp = sp;
	for (int i = 0; i < f->arch->ncallee && i < FACTS_MAXCS; i++)
		gs->s[k].cs[i] = r->regs[f->arch->callee[i]];
	gs->s[k].nfp = nfp(h);
	memcpy(gs->s[k].fp, h->fcallee, sizeof gs->s[k].fp);
}

static const char *fpname(const struct archdesc *a, int i)
{
	static const char *const arm64[] = { "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15" };
	static const char *const riscv64[] = {
		"fs0", "fs1", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11",
	};

	if (a->id == ARCH_ARM64 && i < 8)
		return arm64[i];
	return a->id == ARCH_RISCV64 && i < 12 ? riscv64[i] : "fp?";
}

/* The first callee-saved register whose value s does not hold, or NULL. */
static const char *lost(const struct archdesc *a, const struct save *s, const struct hit *h,
			const struct trace_rec *r)
{
	for (int i = 0; i < a->ncallee && i < FACTS_MAXCS; i++)
		if (s->cs[i] != r->regs[a->callee[i]])
			return a->regnames[a->callee[i]];
	for (int i = 0; i < s->nfp && i < nfp(h); i++)
		if (s->fp[i] != h->fcallee[i])
			return fpname(a, i);
	return NULL;
}

static void resume(struct facts *f, const struct hit *h, const struct trace_rec *r, char *out, size_t n)
{
	struct gsaves *gs = saves_of(f, r->role[R_G]);
	const char *reg;
	int k = 0;

	while (k < gs->n && gs->s[k].sp != r->role[R_SP])
		k++;
	if (k == gs->n) {
		snprintf(out, n, "cs=new");
		return;
	}
	if ((reg = lost(f->arch, &gs->s[k], h, r)) != NULL)
		snprintf(out, n, "cs=lost:%s", reg);
	else
		snprintf(out, n, "cs=kept");
	gs->s[k] = gs->s[--gs->n];
}

/* x86_64 enters a function with the return address pushed on a 16-byte aligned sp; the others with sp aligned. */
static bool misaligned(const struct facts *f, const struct trace_rec *r)
{
	return (sp_after_return(f, r) & 15) != 0;
}

static bool called(const struct facts *f, int probe)
{
	return probe != f->resume && probe != f->goexit && probe != f->preempt && probe != f->preempt_resume;
}

void facts_hit(struct facts *f, const struct hit *h, const struct trace_rec *r, char *out, size_t n)
{
	int probe = h->probe;
	bool g_known = (r->role_known & (1u << R_G)) && r->role[R_G];
	size_t len;

	out[0] = 0;
	if (g_known && (probe == f->mcall || probe == f->deferproc))
		save(f, h, r);
	else if (g_known && probe == f->resume)
		resume(f, h, r, out, n);
	else if (g_known && probe == f->goexit)
		saves_of(f, r->role[R_G])->n = 0;
	len = strlen(out);
	if (called(f, probe) && misaligned(f, r))
		snprintf(out + len, n - len, "%ssp=misaligned", len ? " " : "");
}
