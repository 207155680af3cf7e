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

static uint64_t load(const unsigned char *p, int size, bool big)
{
	uint64_t v = 0;

	for (int i = 0; i < size; i++)
		v |= (uint64_t)p[big ? size - 1 - i : i] << (8 * i);
	return v;
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

int go_type_name(const struct elfimage *img, uint64_t typ, char *out, size_t n)
{
	bool big = img->arch->big_endian;
	uint64_t types, len = 0;
	const unsigned char *t = type_at(img, typ, &types), *name;
	int shift = 0, i = 1;

	if (!t || !(name = bytes_at(img, types + (uint32_t)load(t + TYPE_STR, 4, big), 1 + 10)))
		return -1;
	do {		/* the varint length; its bytes are in the image if 11 are */
		len |= (uint64_t)(name[i] & 0x7f) << shift;
		shift += 7;
	} while (name[i++] & 0x80 && i < 11);
	if (name[i - 1] & 0x80 || !(name = bytes_at(img, types + (uint32_t)load(t + TYPE_STR, 4, big) + (uint64_t)i, len)))
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
	bool big = img->arch->big_endian;
	uint64_t types;
	const unsigned char *t = type_at(img, typ, &types), *v;
	int kind, size;

	if (!t)
		return -1;
	kind = t[TYPE_KIND] & KIND_MASK;
	size = (int)load(t + TYPE_SIZE, 8, big);
	*quoted = kind == KIND_STRING;
	if (kind == KIND_STRING)
		return go_string_at(img, data, out, n);
	if (kind < KIND_INT || kind > KIND_UINTPTR || (size != 1 && size != 2 && size != 4 && size != 8) ||
	    !(v = bytes_at(img, data, (uint64_t)size)))
		return -1;
	uint64_t w = load(v, size, big);
	if (kind <= KIND_INT64) {	/* signed: extend from size bytes */
		uint64_t sign = 1ull << (8 * size - 1);
		snprintf(out, n, "%lld", (long long)((w ^ sign) - sign));
	} else {
		snprintf(out, n, "%llu", (unsigned long long)w);
	}
	return 0;
}
