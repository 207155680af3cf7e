/*
 * How the guest's areas (uc_mem.c) are mapped in Unicorn.
 *
 * Unicorn 2.0.1 gives each uc_mem_map its own memory region, and both the
 * number of regions it can hold (about 1000 to 4000 by ISA: an assertion,
 * not an error) and the time each map takes (it rebuilds its
 * whole memory map) limit how many there can be.  A guest that gives every
 * goroutine stack its own mapping and guard page has far more.  So guest
 * memory lives in host memory of our own, 1 GiB windows reserved up front
 * and touched lazily, and Unicorn sees it through uc_mem_map_ptr as the
 * fewest regions that keep every page's protection: runs of equal
 * protection, whatever mappings they came from.  PROT_NONE pages are left
 * out, so touching them faults.  Regions are remade around every change;
 * the guest's memory stays where it is.
 *
 * Remaking a big region is slow (Unicorn flushes it page by page), so a new
 * region is merged only with neighbours no bigger than itself (see
 * sync_span), and everything is merged into maximal runs when REGION_SLACK
 * more regions have come.  If that still leaves more than REGION_BUDGET,
 * guard pages (a short PROT_NONE area between two areas of the same
 * protection) are given that protection in Unicorn from then on, with a
 * note: they stop faulting, the rest stays exact.  Past REGION_LIMIT,
 * mapping calls fail with ENOMEM as they do on Linux at vm.max_map_count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "unicorn/uc.h"

#define WIN_SHIFT	30
#define WIN_SIZE	(1ULL << WIN_SHIFT)
#define MAX_WINDOWS	64
#define REGION_BUDGET	256
#define REGION_SLACK	128
#define REGION_LIMIT	768
#define GUARD_MAX	(16 * PAGE)

static struct window *window_find(struct ucrun *r, uint64_t addr)
{
	for (int i = 0; i < r->nwin; i++)
		if (r->win[i].lo == (addr & ~(WIN_SIZE - 1)))
			return &r->win[i];
	return NULL;
}

static struct window *window_get(struct ucrun *r, uint64_t addr)
{
	struct window *w = window_find(r, addr);
	void *p;

	if (w)
		return w;
	if (!r->win)
		r->win = xcalloc(MAX_WINDOWS, sizeof *r->win);
	if (r->nwin == MAX_WINDOWS)
		return NULL;
	p = mmap(NULL, WIN_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	w = &r->win[r->nwin++];
	w->lo = addr & ~(WIN_SIZE - 1);
	w->host = p;
	return w;
}

/* The host bytes behind guest address addr and how many follow in its window; NULL if none. */
unsigned char *backing_host(struct ucrun *r, uint64_t addr, uint64_t *avail)
{
	struct window *w = window_find(r, addr);

	if (!w)
		return NULL;
	*avail = w->lo + WIN_SIZE - addr;
	return w->host + (addr - w->lo);
}

/* Unmapped pages read as zero when mapped again. */
void backing_zero(struct ucrun *r, uint64_t lo, uint64_t hi)
{
	while (lo < hi) {
		uint64_t avail, n;
		unsigned char *h = backing_host(r, lo, &avail);
		n = hi - lo < WIN_SIZE - (lo & (WIN_SIZE - 1)) ? hi - lo : WIN_SIZE - (lo & (WIN_SIZE - 1));
		if (h)
			madvise(h, n, MADV_DONTNEED);
		lo += n;
	}
}

/* Another mapping change may add up to three regions: is there room for it? */
bool backing_room(struct ucrun *r)
{
	return r->nureg + 3 <= REGION_LIMIT;
}

/* Unicorn protection of area i: its own, or its neighbours' for an absorbed guard page. */
static int area_uprot(struct ucrun *r, int i)
{
	const struct span *v = &r->vma[i];

	if (v->prot || !r->absorb_guards || v->hi - v->lo > GUARD_MAX || i == 0 || i + 1 >= r->nvma)
		return v->prot;
	if (r->vma[i - 1].hi != v->lo || r->vma[i + 1].lo != v->hi || r->vma[i - 1].prot != r->vma[i + 1].prot)
		return 0;
	return r->vma[i - 1].prot;
}

struct runs {
	struct span *v;
	int n, cap;
};

static void runs_add(struct runs *s, struct span u)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = xreallocarray(s->v, (size_t)s->cap, sizeof *s->v);
	}
	s->v[s->n++] = u;
}

/* Maximal runs of equal Unicorn protection in [lo, hi), split at window boundaries. */
static void compute_runs(struct ucrun *r, uint64_t lo, uint64_t hi, struct runs *out)
{
	struct span cur = { 0, 0, 0 };

	for (int i = span_index(r->vma, r->nvma, lo); i < r->nvma && r->vma[i].lo < hi; i++) {
		uint64_t plo = r->vma[i].lo > lo ? r->vma[i].lo : lo;
		uint64_t phi = r->vma[i].hi < hi ? r->vma[i].hi : hi;
		int p = area_uprot(r, i);
		while (p && plo < phi) {
			uint64_t wend = (plo | (WIN_SIZE - 1)) + 1, end = phi < wend ? phi : wend;
			if (cur.prot == p && cur.hi == plo && (cur.lo >> WIN_SHIFT) == (plo >> WIN_SHIFT)) {
				cur.hi = end;
			} else {
				if (cur.prot)
					runs_add(out, cur);
				cur = (struct span){ plo, end, p };
			}
			plo = end;
		}
		if (!p && cur.prot) {
			runs_add(out, cur);
			cur.prot = 0;
		}
	}
	if (cur.prot)
		runs_add(out, cur);
}

static int map_run(struct ucrun *r, const struct span *u)
{
	struct window *w = window_get(r, u->lo);

	if (!w)
		return -E_NOMEM;
	if (uc_mem_map_ptr(r->uc, u->lo, u->hi - u->lo, (uint32_t)u->prot, w->host + (u->lo - w->lo)) != UC_ERR_OK)
		return -E_NOMEM;
	return 0;
}

static bool same_region(const struct span *a, const struct span *b)
{
	return a->lo == b->lo && a->hi == b->hi && a->prot == b->prot;
}

/*
 * Replace regions [first, first+nold) by the runs.  Unicorn flushes its
 * caches page by page when a region goes, so regions that stay as they
 * are are left alone.
 */
static int replace_regions(struct ucrun *r, int first, int nold, const struct runs *s)
{
	int err = 0, need = r->nureg - nold + s->n, i = first, k = 0;

	while (i < first + nold || k < s->n) {
		const struct span *o = i < first + nold ? &r->ureg[i] : NULL, *n = k < s->n ? &s->v[k] : NULL;
		if (o && n && same_region(o, n)) {
			i++, k++;
		} else if (o && (!n || o->lo <= n->lo)) {
			uc_mem_unmap(r->uc, o->lo, o->hi - o->lo);
			i++;
		} else {
			k++;
		}
	}
	i = first, k = 0;
	while (k < s->n) {
		while (i < first + nold && r->ureg[i].hi <= s->v[k].lo)
			i++;
		if (!(i < first + nold && same_region(&r->ureg[i], &s->v[k])) && map_run(r, &s->v[k]) < 0)
			err = -E_NOMEM;
		k++;
	}
	if (need > r->capureg) {
		r->capureg = need + 64;
		r->ureg = xreallocarray(r->ureg, (size_t)r->capureg, sizeof *r->ureg);
	}
	if (r->nureg > first + nold)
		memmove(&r->ureg[first + s->n], &r->ureg[first + nold],
			(size_t)(r->nureg - first - nold) * sizeof *r->ureg);
	if (s->n)
		memcpy(&r->ureg[first], s->v, (size_t)s->n * sizeof *s->v);
	r->nureg = need;
	return err;
}

static uint64_t region_size(const struct span *u)
{
	return u->hi - u->lo;
}

/* Region n can be merged with run u next to it: same protection, same window, and no bigger. */
static bool mergeable(const struct span *n, const struct span *u)
{
	return n->prot == u->prot && (n->lo >> WIN_SHIFT) == (u->lo >> WIN_SHIFT) &&
	       region_size(n) <= region_size(u);
}

/*
 * Remake the regions over [lo, hi), widened to the regions it cuts into.
 * With merge, a neighbouring region no bigger than the run next to it is
 * taken in too, again and again: as in a binary counter, a growing area
 * keeps O(log n) regions and each page is remade O(log n) times.
 */
static int sync_span(struct ucrun *r, uint64_t lo, uint64_t hi, bool merge)
{
	struct runs s = { 0 };
	int first, last, err;

	for (;;) {
		first = last = span_index(r->ureg, r->nureg, lo);
		if (first < r->nureg && r->ureg[first].lo < lo)
			lo = r->ureg[first].lo;
		while (last < r->nureg && r->ureg[last].lo < hi) {
			if (r->ureg[last].hi > hi)
				hi = r->ureg[last].hi;
			last++;
		}
		s.n = 0;
		compute_runs(r, lo, hi, &s);
		if (!merge || s.n == 0)
			break;
		if (first > 0 && r->ureg[first - 1].hi == lo && s.v[0].lo == lo &&
		    mergeable(&r->ureg[first - 1], &s.v[0]))
			lo = r->ureg[first - 1].lo;
		else if (last < r->nureg && r->ureg[last].lo == hi && s.v[s.n - 1].hi == hi &&
			 mergeable(&r->ureg[last], &s.v[s.n - 1]))
			hi = r->ureg[last].hi;
		else
			break;
	}
	err = replace_regions(r, first, last - first, &s);
	free(s.v);
	return err;
}

/* Make every region a maximal run again; absorb guard pages if that is still too many. */
static int compact(struct ucrun *r)
{
	int err = sync_span(r, 0, r->ua->task_size, false);

	if (!err && !r->absorb_guards && r->nureg > REGION_BUDGET) {
		r->absorb_guards = true;
		char detail[96];
		snprintf(detail, sizeof detail, "more than %d separately protected areas: "
			 "guard pages between areas no longer fault", REGION_BUDGET);
		uc_event(r, "guard-pages", detail);
		err = sync_span(r, 0, r->ua->task_size, false);
	}
	r->compact_at = r->nureg + REGION_SLACK > REGION_BUDGET ? r->nureg + REGION_SLACK : REGION_BUDGET;
	return err;
}

/*
 * The areas changed over [lo, hi): bring Unicorn's regions up to date.
 * New regions are merged only with neighbours no bigger than themselves
 * (remaking a big region costs a flush of each of its pages); compact()
 * merges everything when there are too many.  An absorbed guard page's
 * protection depends on the areas on either side, so a guard next to the
 * change is remade too.
 */
int backing_sync(struct ucrun *r, uint64_t lo, uint64_t hi)
{
	const struct span *v;
	int err;

	if (r->absorb_guards) {
		if (lo && (v = span_find(r->vma, r->nvma, lo - 1)) && !v->prot)
			lo = v->lo;
		if ((v = span_find(r->vma, r->nvma, hi)) && !v->prot)
			hi = v->hi;
	}
	err = sync_span(r, lo, hi, true);
	if (!err && r->nureg > (r->compact_at ? r->compact_at : REGION_BUDGET))
		err = compact(r);
	return err;
}

void backing_free(struct ucrun *r)
{
	for (int i = 0; i < r->nwin; i++)
		munmap(r->win[i].host, WIN_SIZE);
	free(r->win);
	free(r->ureg);
	r->win = NULL;
	r->ureg = NULL;
	r->nwin = r->nureg = r->capureg = 0;
	r->absorb_guards = false;
}
