/* Traces side by side at one hit each: the table diff and show print. */
#ifndef EMU_TABLE_H
#define EMU_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include "trace/trace.h"

#define TABLE_MAX 8
#define TABLE_NONE ((size_t)-1)

/*
 * Column k is trace t[k] at its record at[k] (TABLE_NONE: none), headed
 * label[k]: the roles (raw value and name), the runtime's state, and with
 * raw the whole register file.
 */
/* "m#1", or "m?" when the M is unknown (-1); "g#7", "g0" or "g?". */
const char *table_mname(int64_t m, char *buf, size_t n);
const char *table_gname(int64_t g, char *buf, size_t n);

void table_print(struct trace *const *t, int n, const size_t *at, const char *const *label, bool raw);

#endif
