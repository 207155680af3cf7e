/*
 * The CPU's counters read from virtual time.  Unicorn reads the host's
 * (x86 rdtsc, rdtscp) or has none (riscv64 rdtime raises an illegal
 * instruction), and a guest that seeds its scheduler from them, as Go's
 * runtime seeds fastrand from cputicks, would differ from run to run.
 * The loader finds every place in the executable segments whose bytes
 * are such a read (ucarch counter); the counting hook stops the engine
 * before one runs, and the engine does the read itself: the time counter
 * is the virtual clock in ns (a 1 GHz time base), a cycle or retired-
 * instruction counter the instruction count.
 */
#include <stdlib.h>
#include "core/util.h"
#include "unicorn/uc.h"

static uint64_t ctr_bit(uint64_t addr)
{
	return addr % CTR_FILTER_BITS;
}

static void site_add(struct ucrun *r, uint64_t addr)
{
	if (r->nctr == r->capctr) {
		r->capctr = r->capctr ? 2 * r->capctr : 16;
		r->ctr = xrealloc(r->ctr, (size_t)r->capctr * sizeof *r->ctr);
	}
	r->ctr[r->nctr++] = addr;
	r->ctr_filter[ctr_bit(addr) / 64] |= 1ULL << ctr_bit(addr) % 64;
}

/* Every offset of the executable segments, in address order: the sites stay sorted. */
void counters_scan(struct ucrun *r)
{
	const struct elfimage *img = r->img;

	if (!r->ua->counter)
		return;
	for (int s = 0; s < img->nseg; s++) {
		const struct elfseg *g = &img->seg[s];
		const unsigned char *p = img->data + g->offset;

		if (!(g->flags & SEG_X))
			continue;
		for (uint64_t off = 0; off < g->filesz; off += (uint64_t)r->ua->counter_align)
			if (r->ua->counter(r, p + off, (size_t)(g->filesz - off), false) > 0)
				site_add(r, g->vaddr + off);
	}
}

bool counter_site(struct ucrun *r, uint64_t addr)
{
	size_t lo = 0, hi = (size_t)r->nctr;

	if (addr == r->ctr_pass) {
		r->ctr_pass = 0;
		return false;
	}
	if (!(r->ctr_filter[ctr_bit(addr) / 64] & 1ULL << ctr_bit(addr) % 64))
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->ctr[mid] == addr)
			return true;
		if (r->ctr[mid] < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* The engine stopped before a counter read at r->stop_pc: do it, and go on past it. */
void counter_exec(struct ucrun *r)
{
	unsigned char b[16];
	uint64_t pc = r->stop_pc;
	int len;

	if (vm_peek(r, pc, b, sizeof b) < 0 && vm_peek(r, pc, b, 4) < 0)
		return;
	if ((len = r->ua->counter(r, b, sizeof b, true)) <= 0) {
		r->ctr_pass = pc;	/* no longer a counter read (the guest rewrote it): let it run */
		return;
	}
	r->insns++;
	r->last_pc = pc;
	uc_set_pc(r, pc + (uint64_t)len);
}

void counters_free(struct ucrun *r)
{
	free(r->ctr);
}
