/* The list of ISAs (CROSSRT_ISAS, from arches.mk) and the lookups in it. */
#include <string.h>
#include "isa/isa.h"
#include "isa/sysnr.h"

const char *const role_names[NROLES] = {
	"pc", "sp", "fp", "lr", "tls", "g", "a0", "a1", "a2", "a3", "a4", "a5", "r0", "r1",
};

#define ISA(n) &isa_##n,
static const struct archdesc *const arches[NARCH] = { CROSSRT_ISAS };
#undef ISA

const struct archdesc *arch_byname(const char *name)
{
	if (!name)
		return NULL;
	for (int i = 0; i < NARCH; i++)
		if (!strcmp(arches[i]->name, name) || (arches[i]->alias && !strcmp(arches[i]->alias, name)))
			return arches[i];
	return NULL;
}

const struct archdesc *arch_bymachine(uint16_t e_machine)
{
	for (int i = 0; i < NARCH; i++)
		if (arches[i]->e_machine == e_machine)
			return arches[i];
	return NULL;
}

const struct archdesc *arch_byid(int id)
{
	return id >= 0 && id < NARCH ? arches[id] : NULL;
}

int arch_regindex(const struct archdesc *a, const char *regname)
{
	for (int i = 0; i < a->nregs; i++)
		if (!strcmp(a->regnames[i], regname))
			return i;
	return -1;
}

int arch_xregindex(const struct archdesc *a, const char *xregname)
{
	for (int i = 0; i < a->nxregs; i++)
		if (!strcmp(a->xregnames[i], xregname))
			return i;
	return -1;
}

int sysnr_lookup(const struct sysnr *t, int64_t nr)
{
	for (; t->sys != NSYS; t++)
		if (t->nr == nr)
			return (int)t->sys;
	return -1;
}

/* Guest memory, byte by byte: the same code on any host. */
static uint64_t get(const struct archdesc *a, const void *p, int n)
{
	const unsigned char *b = p;
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)b[a->big_endian ? n - 1 - i : i] << 8 * i;
	return v;
}

static void put(const struct archdesc *a, void *p, uint64_t v, int n)
{
	unsigned char *b = p;

	for (int i = 0; i < n; i++)
		b[a->big_endian ? n - 1 - i : i] = (unsigned char)(v >> 8 * i);
}

uint16_t isa_get16(const struct archdesc *a, const void *p) { return (uint16_t)get(a, p, 2); }
uint32_t isa_get32(const struct archdesc *a, const void *p) { return (uint32_t)get(a, p, 4); }
uint64_t isa_get64(const struct archdesc *a, const void *p) { return get(a, p, 8); }
void isa_put16(const struct archdesc *a, void *p, uint16_t v) { put(a, p, v, 2); }
void isa_put32(const struct archdesc *a, void *p, uint32_t v) { put(a, p, v, 4); }
void isa_put64(const struct archdesc *a, void *p, uint64_t v) { put(a, p, v, 8); }
