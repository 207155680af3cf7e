/*
 * runtime._type as go1.19 lays it out on 64-bit ISAs (runtime/type.go,
 * unchanged since go1.14): size 0x0, tflag 0x14, kind 0x17, str 0x28, a
 * nameOff from the module's types section (the linker's runtime.types).
 * A name is a flags byte, a varint length and the bytes; with tflag's
 * extraStar the text begins with a '*' that is not the type's.
 */
#include <stdio.h>
#include <string.h>
#include "core/goprobes.h"
#include "core/gotype.h"
#include "isa/isa.h"

enum {
	TYPE_SIZE = 0x0, TYPE_TFLAG = 0x14, TYPE_KIND = 0x17, TYPE_STR = 0x28, TYPE_LEN = 0x30,
	TFLAG_EXTRASTAR = 1 << 1,
	KIND_MASK = 0x1f, KIND_INT = 2, KIND_INT64 = 6, KIND_UINTPTR = 12, KIND_STRING = 24,
};

/* n bytes of the image's file-backed data at vaddr, or NULL. */
static const unsigned char *bytes_at(const struct elfimage *img, uint64_t vaddr, uint64_t n)
{
	for (int i = 0; i < img->nseg; i++) {
		const struct elfseg *s = &img->seg[i];
		if (vaddr >= s->vaddr && vaddr - s->vaddr <= s->filesz && n <= s->filesz - (vaddr - s->vaddr) &&
		    s->offset + s->filesz <= img->size)
			return img->data + s->offset + (vaddr - s->vaddr);
	}
	return NULL;
}

/* An unsigned integer of size bytes in the guest's byte order. */
static uint64_t load(const struct elfimage *img, const unsigned char *p, int size)
{
	switch (size) {
	case 1: return p[0];
	case 2: return isa_get16(img->arch, p);
	case 4: return isa_get32(img->arch, p);
	default: return isa_get64(img->arch, p);
	}
}

/* The descriptor at typ, if it lies in the types section. */
static const unsigned char *type_at(const struct elfimage *img, uint64_t typ, uint64_t *types)
{
	const struct elfsym *lo = elf_sym_byname(img, "runtime.types");
	const struct elfsym *hi = elf_sym_byname(img, "runtime.etypes");

	if (!lo || !hi || typ < lo->addr || typ + TYPE_LEN > hi->addr)
		return NULL;
	*types = lo->addr;
	return bytes_at(img, typ, TYPE_LEN);
}

/* The text of the name at addr: a flags byte, the length as a varint, the bytes. */
static const unsigned char *name_text(const struct elfimage *img, uint64_t addr, uint64_t *len)
{
	const unsigned char *p;
	uint64_t i = 1;

	*len = 0;
	for (int shift = 0; shift < 64; shift += 7, i++) {
		if (!(p = bytes_at(img, addr + i, 1)))
			return NULL;
		*len |= (uint64_t)(*p & 0x7f) << shift;
		if (!(*p & 0x80))
			return bytes_at(img, addr + i + 1, *len);
	}
	return NULL;
}

int go_type_name(const struct elfimage *img, uint64_t typ, char *out, size_t n)
{
	uint64_t types, len;
	const unsigned char *t = type_at(img, typ, &types), *name;

	if (!t || !(name = name_text(img, types + load(img, t + TYPE_STR, 4), &len)))
		return -1;
	if ((t[TYPE_TFLAG] & TFLAG_EXTRASTAR) && len > 0 && name[0] == '*') {
		name++;
		len--;
	}
	if (len == 0 || len >= n)
		return -1;
	for (uint64_t k = 0; k < len; k++)
		if (name[k] < 0x21 || name[k] >= 0x7f)
			return -1;
	memcpy(out, name, len);
	out[len] = 0;
	return 0;
}

int go_value(const struct elfimage *img, uint64_t typ, uint64_t data, char *out, size_t n, bool *quoted)
{
	uint64_t types;
	const unsigned char *t = type_at(img, typ, &types), *v;
	int kind, size;

	if (!t)
		return -1;
	kind = t[TYPE_KIND] & KIND_MASK;
	size = (int)load(img, t + TYPE_SIZE, 8);
	*quoted = kind == KIND_STRING;
	if (kind == KIND_STRING)
		return go_string_at(img, data, out, n);
	if (kind < KIND_INT || kind > KIND_UINTPTR || (size != 1 && size != 2 && size != 4 && size != 8) ||
	    !(v = bytes_at(img, data, (uint64_t)size)))
		return -1;
	uint64_t w = load(img, v, size);
	if (kind <= KIND_INT64) {	/* signed: extend from size bytes */
		uint64_t sign = 1ull << (8 * size - 1);
		snprintf(out, n, "%lld", (long long)((w ^ sign) - sign));
	} else {
		snprintf(out, n, "%llu", (unsigned long long)w);
	}
	return 0;
}
