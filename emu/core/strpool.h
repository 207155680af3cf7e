/* Interned strings: each distinct string stored once, compared by pointer where that is enough. */
#ifndef EMU_STRPOOL_H
#define EMU_STRPOOL_H

#include <stddef.h>

struct strpool;

struct strpool *strpool_new(void);
/* The pooled copy of s[0..n), NUL-terminated; NULL when out of memory. */
const char *strpool_intern(struct strpool *p, const char *s, size_t n);
size_t strpool_count(const struct strpool *p);
void strpool_free(struct strpool *p);

#endif
