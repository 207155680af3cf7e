/*
 * Unicorn 2.0.1 finds the region of every slow-path access (every store,
 * as uc_fastwrite.c says, and every TLB miss) with memory_mapping(): a
 * binary search over all the mapped regions, behind a one-entry cache
 * that nothing ever updates; ~15% of bench/fib's time on x86_64.
 * libunicorn.so.2 calls it through its PLT, so this definition (exported
 * by the Makefile) takes its place: a cache by page in front of the
 * library's own search.  Regions change only through uc_mem_map,
 * uc_mem_unmap and uc_mem_protect, which the engine calls between slices
 * (system calls are served after uc_emu_start returns), so the cache is
 * used only inside uc_run_guest and each run starts it empty.  Regions
 * are whole pages, so a page's region is the region of each of its bytes.
 */
#include <dlfcn.h>
#include "unicorn/uc.h"

#define MAPCACHE	1024	/* pages, direct-mapped */
#define PAGE_SHIFT	12

struct mapent {
	uint64_t page, gen;
	void *mr;
};

static struct {
	uc_engine *uc;		/* the engine running, NULL between runs */
	uint64_t gen;		/* entries of an older run are empty */
	struct mapent e[MAPCACHE];
} mc;

void *memory_mapping(uc_engine *uc, uint64_t addr);
void *memory_mapping(uc_engine *uc, uint64_t addr)
{
	static void *(*real)(uc_engine *, uint64_t);
	uint64_t page = addr >> PAGE_SHIFT;
	struct mapent *e = &mc.e[page % MAPCACHE];
	void *mr;

	if (uc == mc.uc && e->gen == mc.gen && e->page == page)
		return e->mr;
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "memory_mapping");
	mr = real(uc, addr);
	if (uc == mc.uc && mr)
		e->page = page, e->gen = mc.gen, e->mr = mr;
	return mr;
}

uc_err uc_run_guest(struct ucrun *r, uint64_t begin, uint64_t until)
{
	uc_err err;

	mc.uc = r->uc;
	mc.gen++;
	err = uc_emu_start(r->uc, begin, until, 0, 0);
	mc.uc = NULL;
	return err;
}
