/* The log of probe hits an engine keeps. */
#include <string.h>
#include <stdlib.h>
#include "core/hit.h"
#include "core/util.h"

void hitlog_add(struct hitlog *l, const struct hit *h)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->hits = xreallocarray(l->hits, l->cap, sizeof *l->hits);
	}
	l->hits[l->n++] = *h;
}

void hitlog_free(struct hitlog *l)
{
	free(l->hits);
	memset(l, 0, sizeof *l);
}
