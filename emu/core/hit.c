/* The log of probe hits an engine keeps. */
#include <string.h>
#include <stdlib.h>
#include "core/hit.h"
#include "core/util.h"

void hitlog_add(struct hitlog *l, const struct hit *h, const struct xstate *x)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->hits = xreallocarray(l->hits, l->cap, sizeof *l->hits);
	}
	l->hits[l->n] = *h;
	l->hits[l->n].xs = -1;
	if (x) {
		if (l->nxs == l->capxs) {
			l->capxs = l->capxs ? 2 * l->capxs : 256;
			l->xs = xreallocarray(l->xs, l->capxs, sizeof *l->xs);
		}
		l->xs[l->nxs] = *x;
		l->hits[l->n].xs = (int32_t)l->nxs++;
	}
	l->n++;
}

const struct xstate *hitlog_xstate(const struct hitlog *l, const struct hit *h)
{
	return h->xs >= 0 && (size_t)h->xs < l->nxs ? &l->xs[h->xs] : NULL;
}

void hitlog_free(struct hitlog *l)
{
	free(l->hits);
	free(l->xs);
	memset(l, 0, sizeof *l);
}
