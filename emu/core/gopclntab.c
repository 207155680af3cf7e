/*
 * .gopclntab as Go 1.18-1.20 lay it out (runtime/symtab.go's pcHeader,
 * read as debug/gosym reads it):
 *
 *	magic uint32 (0xfffffff0 for 1.18-1.19, 0xfffffff1 for 1.20), pad1, pad2,
 *	minLC, ptrSize uint8, then eight words of ptrSize bytes: nfunc, nfiles,
 *	textStart, funcnameOffset, cuOffset, filetabOffset, pctabOffset,
 *	pclnOffset.
 *
 * At pclnOffset the functab: nfunc pairs {entryoff, funcoff uint32} and a
 * last entryoff, the end of the text; entryoff is from textStart, funcoff
 * from pclnOffset to the function's _func, whose second uint32 (nameOff)
 * is its name's offset in the NUL-terminated names at funcnameOffset.
 * Every field is in the program's byte order and every offset is checked
 * against the table's size before it is followed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/gopclntab.h"
#include "core/util.h"

#define GO118_MAGIC 0xfffffff0u
#define GO120_MAGIC 0xfffffff1u
#define HDR_WORDS 8

struct pcln {
	const unsigned char *tab;
	size_t n;
	bool big;
	uint64_t nfunc, text, names, functab;
};

static uint64_t uint_at(const struct pcln *p, uint64_t off, int size)
{
	uint64_t v = 0;

	for (int i = 0; i < size; i++)
		v |= (uint64_t)p->tab[off + (uint64_t)(p->big ? size - 1 - i : i)] << (8 * i);
	return v;
}

/* [off, off+len) lies within the table. */
static bool within(const struct pcln *p, uint64_t off, uint64_t len)
{
	return off <= p->n && len <= p->n - off;
}

static int read_header(struct pcln *p, char *err, size_t errlen)
{
	uint32_t magic;
	uint64_t w[HDR_WORDS];

	if (p->n < 8)
		return errorf(err, errlen, ".gopclntab: truncated header (%zu bytes)", p->n);
	magic = (uint32_t)uint_at(p, 0, 4);
	if (magic != GO118_MAGIC && magic != GO120_MAGIC)
		return errorf(err, errlen, ".gopclntab: magic 0x%08x is not Go 1.18-1.20's", magic);
	if (p->tab[4] || p->tab[5] || p->tab[7] != 8)
		return errorf(err, errlen, ".gopclntab: bad header (pad %d %d, pointer size %d)", p->tab[4], p->tab[5],
			    p->tab[7]);
	if (!within(p, 8, 8 * HDR_WORDS))
		return errorf(err, errlen, ".gopclntab: truncated header (%zu bytes)", p->n);
	for (int i = 0; i < HDR_WORDS; i++)
		w[i] = uint_at(p, 8 + 8 * (uint64_t)i, 8);
	p->nfunc = w[0];
	p->text = w[2];
	p->names = w[3];
	p->functab = w[7];
	if (p->names >= p->n)
		return errorf(err, errlen, ".gopclntab: function names at 0x%llx, past its end (0x%zx)",
			    (unsigned long long)p->names, p->n);
	if (p->nfunc == 0 || p->nfunc > p->n / 8 || !within(p, p->functab, (2 * p->nfunc + 1) * 4))
		return errorf(err, errlen, ".gopclntab: a function table of %llu at 0x%llx does not fit in 0x%zx bytes",
			    (unsigned long long)p->nfunc, (unsigned long long)p->functab, p->n);
	return 0;
}

/* Function i's name, NUL-terminated inside the table, or NULL. */
static const char *func_name(const struct pcln *p, uint64_t i)
{
	uint64_t funcoff = uint_at(p, p->functab + 8 * i + 4, 4), f = p->functab + funcoff, name;

	if (!within(p, f, 8))
		return NULL;
	name = p->names + uint_at(p, f + 4, 4);
	if (name >= p->n || !memchr(p->tab + name, 0, p->n - name) || !p->tab[name])
		return NULL;
	return (const char *)p->tab + name;
}

static int add_funcs(const struct pcln *p, struct elfsym *s, int *nsym, char *err, size_t errlen)
{
	for (uint64_t i = 0; i < p->nfunc; i++) {
		uint64_t entry = uint_at(p, p->functab + 8 * i, 4), next = uint_at(p, p->functab + 8 * i + 8, 4);
		const char *name = func_name(p, i);

		if (!name)
			return errorf(err, errlen, ".gopclntab: function %llu: its _func or name is out of range",
				    (unsigned long long)i);
		if (next < entry)
			return errorf(err, errlen, ".gopclntab: function %llu (%s) is not in address order",
				    (unsigned long long)i, name);
		s[i].addr = p->text + entry;
		s[i].size = next - entry;
		s[i].func = true;
		if (!(s[i].name = strdup(name)))
			return errorf(err, errlen, "out of memory");
		*nsym = (int)i + 1;
	}
	return 0;
}

int gopclntab_syms(const unsigned char *tab, size_t n, bool big, struct elfsym **syms, int *nsym,
		   char *err, size_t errlen)
{
	struct pcln p = { .tab = tab, .n = n, .big = big };
	struct elfsym *s;

	*syms = NULL;
	*nsym = 0;
	if (read_header(&p, err, errlen) < 0)
		return -1;
	if (!(s = calloc(p.nfunc, sizeof *s)))
		return errorf(err, errlen, "out of memory");
	if (add_funcs(&p, s, nsym, err, errlen) < 0) {
		for (int i = 0; i < *nsym; i++)
			free(s[i].name);
		free(s);
		*nsym = 0;
		return -1;
	}
	*syms = s;
	return 0;
}
