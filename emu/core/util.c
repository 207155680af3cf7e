/* Growable buffers shared by the engines. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "engine/engine.h"

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (!q) {
		fprintf(stderr, "crossrt: out of memory\n");
		exit(EXIT_ENGINE_ERROR);
	}
	return q;
}

void hitlog_add(struct hitlog *l, const struct hit *h)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->hits = xrealloc(l->hits, l->cap * sizeof *l->hits);
	}
	l->hits[l->n++] = *h;
}

void hitlog_free(struct hitlog *l)
{
	free(l->hits);
	memset(l, 0, sizeof *l);
}

void strbuf_add(struct strbuf *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = 0;
}

void strbuf_free(struct strbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}
