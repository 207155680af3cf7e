/*
 * runtime.g and runtime.m from DWARF.  Go writes its types as top-level
 * entries of its compile units, so only those are scanned; a field's
 * offset is its constant DW_AT_data_member_location, and g.stack's lo and
 * hi add the offsets of runtime.stack's fields (g.stack's type is Go's
 * typedef of that structure: peeled).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include "core/godwarf.h"

/* The top-level structure type named name, in any compile unit. */
static bool find_struct(Dwarf *dw, const char *name, Dwarf_Die *out)
{
	Dwarf_Off off = 0, next;
	size_t hsize;

	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu, d;
		const char *n;

		if (dwarf_offdie(dw, off + hsize, &cu) && dwarf_child(&cu, &d) == 0) {
			do {
				if (dwarf_tag(&d) == DW_TAG_structure_type && (n = dwarf_diename(&d)) &&
				    !strcmp(n, name)) {
					*out = d;
					return true;
				}
			} while (dwarf_siblingof(&d, &d) == 0);
		}
		off = next;
	}
	return false;
}

/* The member named name of the structure s: its offset, and its type in *type if asked. */
static bool member(Dwarf_Die *s, const char *name, unsigned *offset, Dwarf_Die *type)
{
	Dwarf_Die d;
	Dwarf_Attribute a;
	Dwarf_Word w;
	const char *n;

	if (dwarf_child(s, &d) != 0)
		return false;
	do {
		if (dwarf_tag(&d) != DW_TAG_member || !(n = dwarf_diename(&d)) || strcmp(n, name) != 0)
			continue;
		if (!dwarf_attr(&d, DW_AT_data_member_location, &a) || dwarf_formudata(&a, &w) != 0 || w > 0xffff)
			return false;
		*offset = (unsigned)w;
		return !type || (dwarf_attr(&d, DW_AT_type, &a) && dwarf_formref_die(&a, type) &&
				 dwarf_peel_type(type, type) == 0);
	} while (dwarf_siblingof(&d, &d) == 0);
	return false;
}

static int read_layout(Dwarf *dw, struct golayout *l, char *err, size_t errlen)
{
	Dwarf_Die g, m, stack;
	unsigned at, lo, hi;
	const char *missing = NULL;

	if (!find_struct(dw, "runtime.g", &g) || !find_struct(dw, "runtime.m", &m))
		return 1;
	if (!member(&g, "stack", &at, &stack) || !member(&stack, "lo", &lo, NULL) || !member(&stack, "hi", &hi, NULL))
		missing = "runtime.g.stack's lo and hi";
	else if (!member(&g, "_panic", &l->g_panic, NULL) || !member(&g, "_defer", &l->g_defer, NULL))
		missing = "runtime.g's _panic and _defer";
	else if (!member(&g, "m", &l->g_m, NULL) || !member(&g, "goid", &l->g_goid, NULL))
		missing = "runtime.g's m and goid";
	else if (!member(&m, "id", &l->m_id, NULL))
		missing = "runtime.m's id";
	if (missing) {
		snprintf(err, errlen, "the program's DWARF has no %s", missing);
		return -1;
	}
	l->g_stack_lo = at + lo;
	l->g_stack_hi = at + hi;
	return 0;
}

int go_dwarf_layout(const struct elfimage *img, struct golayout *l, char *err, size_t errlen)
{
	Elf *e;
	Dwarf *dw;
	int rc = 1;

	elf_version(EV_CURRENT);
	if (!(e = elf_memory((char *)img->data, img->size)))
		return 1;
	if ((dw = dwarf_begin_elf(e, DWARF_C_READ, NULL)) != NULL) {
		rc = read_layout(dw, l, err, errlen);
		dwarf_end(dw);
	}
	elf_end(e);
	return rc;
}
