/* The tokens of qemu's register dump lines, and the dump parser's errors. */
#include <stdio.h>
#include <string.h>
#include "qemu/qemu.h"

int qlog_fail(struct qlog *q, const char *what)
{
	snprintf(q->err, sizeof q->err, "%s log line %llu: %s", q->arch->qemu,
		 (unsigned long long)q->lineno, what);
	return -1;
}

const char *qtok_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

const char *qtok_skip(const char *p, const char *end)
{
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	return p;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

const char *qtok_hex(const char *p, const char *end, bool colon, uint64_t *v)
{
	const char *start = p;
	int d;

	*v = 0;
	while (p < end && (d = hexval((unsigned char)*p)) >= 0) {
		*v = *v << 4 | (uint64_t)d;
		p++;
	}
	if (p == start || p - start > 16)
		return NULL;
	if (p < end && *p != ' ' && *p != '\t' && !(colon && *p == ':'))
		return NULL;
	return p;
}

bool qtok_is(const char *name, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(name, lit, len) == 0;
}

bool qtok_prefix(const char *p, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}
