/* A Go executable's g/m layout as its DWARF describes runtime.g and runtime.m. */
#ifndef EMU_GODWARF_H
#define EMU_GODWARF_H

#include <stddef.h>
#include "core/elfimage.h"
#include "core/golayout.h"

/*
 * The offsets of struct golayout from the program's DWARF (libdw, which
 * inflates SHF_COMPRESSED and .zdebug sections): 0; 1 if the program has
 * no DWARF or no runtime.g and runtime.m in it; -1 with a one-line reason
 * if they lack a field.
 */
int go_dwarf_layout(const struct elfimage *img, struct golayout *l, char *err, size_t errlen);

#endif
