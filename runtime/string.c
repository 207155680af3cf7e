/* The memory and string functions the compiler may call. */
#include "runtime.h"

/*
 * Word at a time where both ends allow it.  The loops must not be turned
 * back into calls of the functions they implement.
 */
#define NOLIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))

typedef uint64_t __attribute__((__may_alias__)) word;

NOLIBCALL void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;
	uint64_t w = 0x0101010101010101ULL * (unsigned char)c;

	while (n && ((uintptr)p & 7)) {
		*p++ = (unsigned char)c;
		n--;
	}
	for (; n >= 8; n -= 8, p += 8)
		*(word *)(void *)p = w;
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

NOLIBCALL void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if ((((uintptr)dp ^ (uintptr)sp) & 7) == 0) {
		while (n && ((uintptr)dp & 7)) {
			*dp++ = *sp++;
			n--;
		}
		for (; n >= 8; n -= 8, dp += 8, sp += 8)
			*(word *)(void *)dp = *(const word *)(const void *)sp;
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}

NOLIBCALL void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp < sp)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (size_t)(p - s);
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *(const unsigned char *)a - *(const unsigned char *)b;
}
