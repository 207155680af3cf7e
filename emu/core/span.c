/* The one binary search over sorted arrays, and spans of memory. */
#include <string.h>
#include "core/span.h"

size_t first_above(const void *base, size_t n, size_t size, size_t off, uint64_t x)
{
	const unsigned char *p = base;
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t key;

		memcpy(&key, p + mid * size + off, sizeof key);
		if (key <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int span_index(const struct span *s, int n, uint64_t addr)
{
	return (int)first_above(s, (size_t)n, sizeof *s, offsetof(struct span, hi), addr);
}

const struct span *span_find(const struct span *s, int n, uint64_t addr)
{
	int i = span_index(s, n, addr);

	return i < n && s[i].lo <= addr ? &s[i] : NULL;
}
