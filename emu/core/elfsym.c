/*
 * Symbol lookup in a loaded image: the symbol an address falls in, as a
 * reader of the program would name it, and a symbol by name.
 */
#include <string.h>
#include "core/elfimage.h"
#include "core/span.h"

static bool contains(const struct elfsym *s, uint64_t addr)
{
	return addr >= s->addr && addr - s->addr < s->size;
}

static bool in_segment_with(const struct elfimage *img, uint64_t label, uint64_t addr)
{
	if (img->nseg == 0)
		return true;
	for (int i = 0; i < img->nseg; i++) {
		const struct elfseg *s = &img->seg[i];
		if (label >= s->vaddr && label - s->vaddr < s->memsz &&
		    addr >= s->vaddr && addr - s->vaddr < s->memsz)
			return true;
	}
	return false;
}

/* Index of the last symbol at or below addr, or -1. */
static int last_at_or_below(const struct elfimage *img, uint64_t addr)
{
	return (int)first_above(img->syms, (size_t)img->nsym, sizeof *img->syms, offsetof(struct elfsym, addr), addr) - 1;
}

/*
 * Scanning down from the nearest symbol, the first container found starts
 * closest to addr; a function beats an object, and among aliases at one
 * address the sort order (functions, then larger, then by name) decides.
 */
static const struct elfsym *sized_container(const struct elfimage *img, int i, uint64_t addr)
{
	const struct elfsym *best = NULL;

	for (int j = i; j >= 0; j--) {
		const struct elfsym *s = &img->syms[j];
		if (img->sym_reach && img->sym_reach[j] <= addr)
			break;
		if (best && best->func && s->addr != best->addr)
			break;
		if (!s->size || !contains(s, addr))
			continue;
		if (!best || (s->func && !best->func) || (s->func == best->func && s->addr == best->addr))
			best = s;
	}
	return best;
}

/* A size-0 label covers addresses up to the next symbol, within its segment. */
static const struct elfsym *nearest_label(const struct elfimage *img, int i, uint64_t addr)
{
	const struct elfsym *best = NULL;
	uint64_t at = img->syms[i].addr;

	for (int j = i; j >= 0 && img->syms[j].addr == at; j--) {
		const struct elfsym *s = &img->syms[j];
		if (s->size == 0 && (!best || s->func || !best->func))
			best = s;
	}
	if (best && !in_segment_with(img, best->addr, addr))
		return NULL;
	return best;
}

const struct elfsym *elf_sym_lookup(const struct elfimage *img, uint64_t addr)
{
	const struct elfsym *s;
	int i = last_at_or_below(img, addr);

	if (i < 0)
		return NULL;
	s = sized_container(img, i, addr);
	return s ? s : nearest_label(img, i, addr);
}

const struct elfsym *elf_sym_byname(const struct elfimage *img, const char *name)
{
	const struct elfsym *found = NULL;

	for (int i = 0; i < img->nsym; i++) {
		const struct elfsym *s = &img->syms[i];
		if (strcmp(s->name, name) != 0)
			continue;
		if (s->func)
			return s;
		if (!found)
			found = s;
	}
	return found;
}

const unsigned char *elf_bytes(const struct elfimage *img, uint64_t vaddr, uint64_t n)
{
	for (int i = 0; i < img->nseg; i++) {
		const struct elfseg *s = &img->seg[i];
		if (vaddr >= s->vaddr && vaddr - s->vaddr <= s->filesz && n <= s->filesz - (vaddr - s->vaddr) &&
		    s->offset + s->filesz <= img->size)
			return img->data + s->offset + (vaddr - s->vaddr);
	}
	return NULL;
}
