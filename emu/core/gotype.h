/*
 * Go's runtime type descriptors (runtime._type), read from a Go program's
 * image: what an interface's type word names, and the value its data word
 * holds where the image has it.
 */
#ifndef EMU_GOTYPE_H
#define EMU_GOTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/elfimage.h"
#include "core/goprobes.h"

/* The name of the type whose descriptor is at typ, in gr's type section ("string", "main.E", "*errors.errorString"): 0, else -1. */
int go_type_name(const struct elfimage *img, const struct gorun *gr, uint64_t typ, char *out, size_t n);

/*
 * The value an interface {typ, data} holds, where the image has it: a
 * constant string's text (*quoted set) or an integer's decimal: 0, else -1.
 */
int go_value(const struct elfimage *img, const struct gorun *gr, uint64_t typ, uint64_t data, char *out, size_t n,
	     bool *quoted);

#endif
