/*
 * Go's function table, .gopclntab (Go 1.18 and later): the functions a
 * stripped Go executable still names, for probes and symbols.
 */
#ifndef EMU_GOPCLNTAB_H
#define EMU_GOPCLNTAB_H

#include <stdbool.h>
#include <stddef.h>
#include "core/elfimage.h"

/*
 * The n bytes of tab (big: the program is big-endian) as function
 * symbols, one per function with its size up to the next one's entry, in
 * a new array *syms of *nsym (free each name and the array).  0, or -1
 * with a one-line reason.
 */
int gopclntab_syms(const unsigned char *tab, size_t n, bool big, struct elfsym **syms, int *nsym,
		   char *err, size_t errlen);

#endif
