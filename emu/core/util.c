/* Allocation that cannot fail, whole files, growable buffers. */
#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/util.h"

void oom(void)
{
	fprintf(stderr, "crossrt: out of memory\n");
	exit(125);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom();
	return q;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

void *slurp(int fd, size_t *n, bool *mapped)
{
	struct stat st;
	size_t cap = 1 << 16, len = 0;
	char *p, *q;
	ssize_t got;

	*mapped = false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (p != MAP_FAILED) {
			*mapped = true;
			*n = (size_t)st.st_size;
			return p;
		}
	}
	if (!(p = malloc(cap)))
		return NULL;
	for (;;) {
		if (len == cap) {
			if (!(q = realloc(p, cap *= 2))) {
				free(p);
				errno = ENOMEM;
				return NULL;
			}
			p = q;
		}
		got = read(fd, p + len, cap - len);
		if (got == 0)
			break;
		if (got > 0) {
			len += (size_t)got;
		} else if (errno != EINTR) {
			free(p);
			return NULL;
		}
	}
	*n = len;
	return p;
}

void slurp_free(void *p, size_t n, bool mapped)
{
	if (mapped)
		munmap(p, n);
	else
		free(p);
}

void strbuf_add(struct strbuf *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = 0;
}

void strbuf_free(struct strbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

int errorf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}
