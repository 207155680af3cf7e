/*
 * A string pool: an open-addressing hash table of pointers into big
 * blocks.  A trace's normalized values repeat (a few thousand distinct
 * among millions), so a record keeps pointers instead of fixed buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/strpool.h"

#define BLOCK (1 << 20)

struct block {
	struct block *next;
	size_t used, cap;
	char data[];
};

struct slot {
	const char *s;
	uint32_t len;
	uint32_t hash;
};

struct strpool {
	struct slot *tab;
	size_t mask;		/* table size - 1, a power of two */
	size_t count;
	struct block *blocks;
};

/* Eight bytes a step: short strings by the million, so the hash must be cheap. */
static uint32_t hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	return (uint32_t)(h ^ h >> 32);
}

struct strpool *strpool_new(void)
{
	struct strpool *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	p->mask = 1023;
	if (!(p->tab = calloc(p->mask + 1, sizeof *p->tab))) {
		free(p);
		return NULL;
	}
	return p;
}

static struct slot *find(struct slot *tab, size_t mask, const char *s, size_t n, uint32_t h)
{
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct slot *e = &tab[i];
		if (!e->s || (e->hash == h && e->len == n && !memcmp(e->s, s, n)))
			return e;
	}
}

static int grow(struct strpool *p)
{
	size_t mask = 2 * p->mask + 1;
	struct slot *tab = calloc(mask + 1, sizeof *tab);

	if (!tab)
		return -1;
	for (size_t i = 0; i <= p->mask; i++)
		if (p->tab[i].s)
			*find(tab, mask, p->tab[i].s, p->tab[i].len, p->tab[i].hash) = p->tab[i];
	free(p->tab);
	p->tab = tab;
	p->mask = mask;
	return 0;
}

static char *store(struct strpool *p, const char *s, size_t n)
{
	struct block *b = p->blocks;
	char *d;

	if (!b || b->cap - b->used < n + 1) {
		size_t cap = n + 1 > BLOCK ? n + 1 : BLOCK;
		if (!(b = malloc(sizeof *b + cap)))
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = p->blocks;
		p->blocks = b;
	}
	d = b->data + b->used;
	memcpy(d, s, n);
	d[n] = 0;
	b->used += n + 1;
	return d;
}

const char *strpool_intern(struct strpool *p, const char *s, size_t n)
{
	uint32_t h = hash(s, n);
	struct slot *e;

	if (n > UINT32_MAX)
		return NULL;
	e = find(p->tab, p->mask, s, n, h);
	if (e->s)
		return e->s;
	if (2 * (p->count + 1) > p->mask + 1) {
		if (grow(p) != 0)
			return NULL;
		e = find(p->tab, p->mask, s, n, h);
	}
	if (!(e->s = store(p, s, n)))
		return NULL;
	e->len = (uint32_t)n;
	e->hash = h;
	p->count++;
	return e->s;
}

size_t strpool_count(const struct strpool *p)
{
	return p->count;
}

void strpool_free(struct strpool *p)
{
	if (!p)
		return;
	while (p->blocks) {
		struct block *b = p->blocks;
		p->blocks = b->next;
		free(b);
	}
	free(p->tab);
	free(p);
}
