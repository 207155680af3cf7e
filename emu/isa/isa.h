/* The ISAs of CROSSRT_ISAS: lookups, and guest memory in each one's byte order. */
#ifndef EMU_ISA_H
#define EMU_ISA_H

#include "isa/archdesc.h"

extern const char *const role_names[NROLES];

const struct archdesc *arch_byname(const char *name);
const struct archdesc *arch_bymachine(uint16_t e_machine);
const struct archdesc *arch_byid(int id);
int arch_regindex(const struct archdesc *a, const char *regname);
int arch_xregindex(const struct archdesc *a, const char *xregname);

/* Guest memory in the ISA's byte order. */
uint16_t isa_get16(const struct archdesc *a, const void *p);
uint32_t isa_get32(const struct archdesc *a, const void *p);
uint64_t isa_get64(const struct archdesc *a, const void *p);
void isa_put16(const struct archdesc *a, void *p, uint16_t v);
void isa_put32(const struct archdesc *a, void *p, uint32_t v);
void isa_put64(const struct archdesc *a, void *p, uint64_t v);

#endif
