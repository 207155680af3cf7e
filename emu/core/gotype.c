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
static const unsigned char *type_at(const struct elfimage *img, const struct gorun *gr, uint64_t typ)
{
	if (typ < gr->types || typ >= gr->etypes || gr->etypes - typ < TYPE_LEN)
		return NULL;
	return elf_bytes(img, typ, TYPE_LEN);
}

/* The text of the name at addr: a flags byte, the length as a varint, the bytes. */
static const unsigned char *name_text(const struct elfimage *img, uint64_t addr, uint64_t *len)
{
	const unsigned char *p;
	uint64_t i = 1;

	*len = 0;
	for (int shift = 0; shift < 64; shift += 7, i++) {
		if (!(p = elf_bytes(img, addr + i, 1)))
			return NULL;
		*len |= (uint64_t)(*p & 0x7f) << shift;
		if (!(*p & 0x80))
			return elf_bytes(img, addr + i + 1, *len);
	}
	return NULL;
}

int go_type_name(const struct elfimage *img, const struct gorun *gr, uint64_t typ, char *out, size_t n)
{
	uint64_t len;
	const unsigned char *t = type_at(img, gr, typ), *name;

	if (!t || !(name = name_text(img, gr->types + load(img, t + TYPE_STR, 4), &len)))
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

int go_value(const struct elfimage *img, const struct gorun *gr, uint64_t typ, uint64_t data, char *out, size_t n,
	     bool *quoted)
{
	const unsigned char *t = type_at(img, gr, typ), *v;
	int kind, size;

	if (!t)
		return -1;
	kind = t[TYPE_KIND] & KIND_MASK;
	size = (int)load(img, t + TYPE_SIZE, 8);
	*quoted = kind == KIND_STRING;
	if (kind == KIND_STRING)
		return go_string_at(img, data, out, n);
	if (kind < KIND_INT || kind > KIND_UINTPTR || (size != 1 && size != 2 && size != 4 && size != 8) ||
	    !(v = elf_bytes(img, data, (uint64_t)size)))
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
