/*
 * The tokens of qemu's register dump lines, the values they hold, and the
 * dump parser's errors: what the parser and qemu_<isa>.c share.
 */
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

int qlog_regindex(struct qlog *q, const char *name, int *idx)
{
	*idx = arch_regindex(q->arch, name);
	if (*idx < 0 || *idx >= 64) {
		snprintf(q->err, sizeof q->err, "%s has no register %s", q->arch->name, name);
		return -1;
	}
	q->need |= 1ULL << *idx;
	return 0;
}

static int set_word(struct qlog *q, int i, uint64_t v)
{
	if (i < 0)
		return 0;
	if (xstate_has(&q->x, i))
		return qlog_fail(q, "FP register repeated within one dump");
	xstate_set(&q->x, i, v);
	q->xseen++;
	return 0;
}

/* Two decimal digits. */
int qxlog_number2(const char *p)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* A vector register's words, blank-separated or by ':' (colon): the last two. */
const char *qxlog_vector(struct qlog *q, int reg, bool colon, const char *p, const char *end)
{
	uint64_t hi = 0, lo = 0, v;
	const char *next;
	int n = 0;

	for (;;) {
		if (!colon)
			p = qtok_space(p, end);
		if (n == 8 || !(next = qtok_hex(p, end, colon, &v)))
			break;
		hi = lo, lo = v;
		p = next;
		n++;
		if (colon && (p == end || *p != ':'))
			break;
		if (colon)
			p++;
	}
	if (n < 2 || (colon && p < end && *p != ' ' && *p != '\t')) {
		qlog_fail(q, "bad FP register value");
		return NULL;
	}
	if (reg >= 0 && reg < NVEC && (set_word(q, q->xlo[reg], lo) < 0 || set_word(q, q->xhi[reg], hi) < 0))
		return NULL;
	return p;
}

const char *qxlog_scalar(struct qlog *q, int i, const char *p, const char *end)
{
	uint64_t v;

	if (!(p = qtok_hex(p, end, false, &v))) {
		qlog_fail(q, "bad FP register value");
		return NULL;
	}
	return set_word(q, i, v) < 0 ? NULL : p;
}
