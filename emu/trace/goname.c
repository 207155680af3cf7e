/*
 * Names for a Go program's values that have no symbol.  An interface's data
 * word (a panic's value) points at a static string header, at a read-only
 * constant (panic(42)) or into the heap, whose layout differs by ISA: the
 * string is named by its text, the constant by its value, a heap address as
 * heap+0xoff, which agrees across ISAs as a heap address (norm_archkey).
 */
#include <stdio.h>
#include <string.h>
#include "trace/goname.h"

#define SHOWN 40	/* a longer string is shown by its start */

static bool unnamed(const struct elfimage *img, uint64_t v)
{
	const struct elfsym *s = elf_sym_lookup(img, v);

	return !s || !s->size || v - s->addr >= s->size;
}

static bool name_string(const struct elfimage *img, uint64_t v, char *out, size_t n)
{
	char text[256];

	if (go_string_at(img, v, text, sizeof text) != 0)
		return false;
	if (strlen(text) > SHOWN)
		snprintf(out, n, "gostr:\"%.*s...\"", SHOWN - 3, text);
	else
		snprintf(out, n, "gostr:\"%s\"", text);
	return true;
}

/* A word of a read-only segment that no symbol holds: a constant the compiler made static. */
static bool name_const(const struct elfimage *img, uint64_t v, char *out, size_t n)
{
	for (int i = 0; i < img->nseg; i++) {
		const struct elfseg *sg = &img->seg[i];
		uint64_t w = 0;
		if ((sg->flags & SEG_W) || v < sg->vaddr || v - sg->vaddr + 8 > sg->filesz ||
		    sg->offset + sg->filesz > img->size || elf_sym_lookup(img, v))
			continue;
		const unsigned char *p = img->data + sg->offset + (v - sg->vaddr);
		for (int k = 0; k < 8; k++)
			w |= (uint64_t)p[img->arch->big_endian ? 7 - k : k] << (8 * k);
		snprintf(out, n, "const:0x%llx", (unsigned long long)w);
		return true;
	}
	return false;
}

/* Go's heap arenas: 0x80 hints 1 TB apart from the first (malloc.go). */
static bool name_heap(const struct gorun *go, uint64_t v, char *out, size_t n)
{
	uint64_t base = go->abi->heap;

	if (v < base || v - base >= 0x80ULL << 40)
		return false;
	snprintf(out, n, "heap+0x%llx", (unsigned long long)(v - base));
	return true;
}

bool go_name_value(const struct elfimage *img, const struct gorun *go, uint64_t v, char *out, size_t n)
{
	return (unnamed(img, v) && name_string(img, v, out, n)) || name_const(img, v, out, n) ||
	       name_heap(go, v, out, n);
}
