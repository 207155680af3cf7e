/* What every module shares: allocation that cannot fail, whole files, growable buffers. */
#ifndef EMU_UTIL_H
#define EMU_UTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Out of memory: say so and exit 125, the status of an engine error. */
_Noreturn void oom(void);

/* Writes the message into err (when it has room) and returns -1: `return errorf(err, errlen, "...", ...)`. */
int errorf(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* p grown to n elements of size, with the product checked. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);

/*
 * A file's bytes: mapped when it is a regular file, else read.  NULL with
 * errno set on error (ENOMEM included: a file's size is the input's to
 * choose, so running out is an error, not oom()).
 */
void *slurp(int fd, size_t *n, bool *mapped);
void slurp_free(void *p, size_t n, bool mapped);

struct strbuf {
	char *p;
	size_t n;
	size_t cap;
};

void strbuf_add(struct strbuf *b, const void *p, size_t n);
void strbuf_free(struct strbuf *b);

#endif
