/*
 * Does every probe entry start a translation block?  QEMU ends a block at
 * every branch, call, return and trap, so an entry starts one unless the
 * instruction before it can flow into it: an ordinary instruction, or
 * padding that a conditional branch or a syscall can fall into.  Padding
 * after a call is taken as unreachable, as compilers only put it after
 * calls that do not return.  What cannot be decoded counts as flowing in.
 * How each ISA's instructions end blocks is its qemu_<isa>.c's.
 */
#include <stdio.h>
#include <string.h>
#include "core/span.h"
#include "qemu/qemu.h"

/* The executable, file-backed bytes from lo to addr; addr must be inside a segment. */
static const unsigned char *code_before(const struct elfimage *img, uint64_t addr, uint64_t *lo)
{
	for (int i = 0; i < img->nseg; i++) {
		const struct elfseg *s = &img->seg[i];
		if (!(s->flags & SEG_X) || addr <= s->vaddr || addr > s->vaddr + s->filesz)
			continue;
		if (s->offset + s->filesz > img->size)
			return NULL;
		*lo = s->vaddr;
		return img->data + s->offset + (addr - s->vaddr);
	}
	return NULL;
}

/*
 * Where to start decoding forward: the nearest symbol below addr in its
 * segment.  With none, what lies below is taken as not code (the ELF and
 * program headers share the first segment with .text): 0.
 */
static uint64_t decode_start(const struct elfimage *img, uint64_t addr, uint64_t lo)
{
	size_t off = offsetof(struct elfsym, addr);
	int l = addr ? (int)first_above(img->syms, (size_t)img->nsym, sizeof *img->syms, off, addr - 1) : 0;

	return l > 0 && img->syms[l - 1].addr >= lo ? img->syms[l - 1].addr : 0;
}

static bool probe_starts_block(const struct elfimage *img, uint64_t addr)
{
	uint64_t lo, from;
	const unsigned char *end = code_before(img, addr, &lo);

	if (!end || !(from = decode_start(img, addr, lo)))
		return true;
	return qisa_get(img->arch->id)->starts_block(end, from, addr);
}

int qemu_probes_inside_blocks(const struct elfimage *img, const struct probeset *ps,
			      char *names, size_t len)
{
	size_t used = 0;
	int n = 0;

	if (len)
		names[0] = 0;
	for (int i = 0; i < ps->n; i++) {
		if (probe_starts_block(img, ps->addr[i]))
			continue;
		n++;
		if (used < len)
			used += (size_t)snprintf(names + used, len - used, "%s%s", used ? " " : "", ps->name[i]);
	}
	return n;
}
