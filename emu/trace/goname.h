/* Names for a Go program's values that have no symbol. */
#ifndef EMU_GONAME_H
#define EMU_GONAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/elfimage.h"
#include "core/goprobes.h"

/* v named as a static string, a read-only constant or a heap address (true), or not at all. */
bool go_name_value(const struct elfimage *img, const struct gorun *go, uint64_t v, char *out, size_t n);

#endif
