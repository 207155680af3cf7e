/* Sorted arrays searched by address: the one binary search, and spans of memory. */
#ifndef EMU_SPAN_H
#define EMU_SPAN_H

#include <stddef.h>
#include <stdint.h>

/*
 * The index of the first of n elements (size bytes each) whose key, the
 * uint64_t at offset off in it, is above x; n if none.  The keys must not
 * decrease.
 */
size_t first_above(const void *base, size_t n, size_t size, size_t off, uint64_t x);

/* [lo, hi) with a protection (PROT_* = UC_PROT_*): a guest's area, a Unicorn region. */
struct span {
	uint64_t lo, hi;
	int prot;
};

/* In sorted, disjoint spans: the index of the first with hi > addr (n if none), the one holding addr. */
int span_index(const struct span *s, int n, uint64_t addr);
const struct span *span_find(const struct span *s, int n, uint64_t addr);

#endif
