/*
 * The FP part of `qemu-ARCH -d cpu,fpu` dumps (QEMU 7.2), after the
 * registers; 64-bit words, highest first:
 *
 * x86_64   FCW=%04x FSW=... MXCSR=%08x, x87 FPRn lines, then each xmm register
 *          as YMMnn=w3 w2 w1 w0 (the default CPU), ZMMnn= eight words, or
 *          XMMnn=w1 w0 two to a line
 * arm64    FPCR=%08x FPSR=%08x at the end of the PSTATE line; with SVE, P and
 *          FFR lines, then Znn[3-2]=w:w:w:w and [1-0]=w3:w2:w1:w0 (Znn=w1:w0 at
 *          128 bits, Qnn=w1:w0 without SVE)
 * riscv64  fN/NAME %016lx, four to a line; qemu-user shows no fcsr
 *
 * An xmm or v register is the last two words of its lowest 128 bits.  Only a
 * hit at an xstate probe keeps them: it waits until its dump has shown them
 * all, or the dump ends (the next dump, an exec line, the end of the log).
 */
#include <stdio.h>
#include <string.h>
#include "qemu/qemu.h"

#define NVEC 32

static const char *const ctlnames[NARCH][2][2] = {
	[ARCH_X86_64] = { { "MXCSR", "mxcsr" }, { "FCW", "fcw" } },
	[ARCH_ARM64] = { { "FPCR", "fpcr" }, { "FPSR", "fpsr" } },
};

static int words(const struct qlog *q)
{
	int n = 0;

	for (int i = 0; i < NVEC; i++)
		n += (q->xlo[i] >= 0) + (q->xhi[i] >= 0);
	return n + (q->xctl[0] >= 0) + (q->xctl[1] >= 0);
}

int qxlog_init(struct qlog *q)
{
	const struct archdesc *a = q->arch;
	const char *vec = a->id == ARCH_X86_64 ? "xmm" : "v";
	char name[16];

	q->zreg = -1;
	for (int i = 0; i < NVEC; i++) {
		q->xlo[i] = q->xhi[i] = -1;
		if (a->id == ARCH_RISCV64) {
			q->xlo[i] = i < a->nxregs ? i : -1;	/* f0..f31 in order (arch.c) */
			continue;
		}
		snprintf(name, sizeof name, "%s%d.lo", vec, i);
		q->xlo[i] = arch_xregindex(a, name);
		snprintf(name, sizeof name, "%s%d.hi", vec, i);
		q->xhi[i] = arch_xregindex(a, name);
	}
	for (int k = 0; k < 2; k++)
		q->xctl[k] = ctlnames[a->id][k][1] ? arch_xregindex(a, ctlnames[a->id][k][1]) : -1;
	q->xwords = words(q);
	return 0;
}

void qxlog_begin(struct qlog *q, const struct hit *h)
{
	q->xwait = true;
	q->xhit = *h;
	memset(&q->x, 0, sizeof q->x);
	q->xseen = 0;
	q->zreg = -1;
}

int qxlog_end(struct qlog *q, bool cut)
{
	if (!q->xwait)
		return 0;
	if (q->xseen < q->xwords && !cut)
		return qlog_fail(q, "a register dump ends before its FP registers");
	hitlog_add(q->hits, &q->xhit, &q->x);
	q->xwait = false;
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
static int number2(const char *p)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* A vector register's words, blank-separated (x86_64) or by ':' (arm64): the last two. */
static const char *vector(struct qlog *q, int reg, bool colon, const char *p, const char *end)
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

static const char *scalar(struct qlog *q, int i, const char *p, const char *end)
{
	uint64_t v;

	if (!(p = qtok_hex(p, end, false, &v))) {
		qlog_fail(q, "bad FP register value");
		return NULL;
	}
	return set_word(q, i, v) < 0 ? NULL : p;
}

static int ctl(const struct qlog *q, const char *name, size_t len)
{
	for (int k = 0; k < 2; k++)
		if (ctlnames[q->arch->id][k][0] && qtok_is(name, len, ctlnames[q->arch->id][k][0]))
			return k;
	return -1;
}

/* XMMnn, YMMnn, ZMMnn: the register number, else -1. */
static int x86_64_vector(const char *name, size_t len)
{
	if (len != 5 || (name[0] != 'X' && name[0] != 'Y' && name[0] != 'Z') || name[1] != 'M' || name[2] != 'M')
		return -1;
	return number2(name + 3);
}

/*
 * Qnn, Znn, Znn[...] or a continuing [...]: the register number, else -1;
 * *low says whether the token holds quadword 0 ("[1-0]", "[0]", no range).
 */
static int arm64_vector(struct qlog *q, const char *name, size_t len, bool *low)
{
	const char *range = name;
	int reg = q->zreg;

	if (len >= 3 && (name[0] == 'Q' || name[0] == 'Z') && (reg = number2(name + 1)) >= 0)
		range = name + 3;
	else if (len == 0 || name[0] != '[')
		return -1;
	len -= (size_t)(range - name);
	if (len > 0 && range[0] != '[')
		return -1;
	if (range != name && name[0] == 'Z')
		q->zreg = reg;
	*low = len == 0 || (len >= 3 && range[len - 1] == ']' && range[len - 2] == '0' &&
			    (range[len - 3] == '[' || range[len - 3] == '-'));
	return reg;
}

/* fN/NAME, NAME the ABI name arch.c gives fN: N, else -1. */
static int riscv64_register(const struct qlog *q, const char *name, size_t len)
{
	const char *slash = memchr(name, '/', len);
	int n = 0;

	if (!slash || slash - name < 2 || slash - name > 3 || name[0] != 'f')
		return -1;
	for (const char *p = name + 1; p < slash; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (n >= NVEC || q->xlo[n] < 0 ||
	    !qtok_is(slash + 1, len - (size_t)(slash + 1 - name), q->arch->xregnames[q->xlo[n]]))
		return -1;
	return n;
}

static const char *arch_value(struct qlog *q, const char *name, size_t len, const char *p, const char *end)
{
	bool low = false;
	int k, reg;

	if ((k = ctl(q, name, len)) >= 0)
		return scalar(q, q->xctl[k], p, end);
	switch (q->arch->id) {
	case ARCH_X86_64:
		if ((reg = x86_64_vector(name, len)) >= 0)
			return vector(q, reg, false, p, end);
		break;
	case ARCH_ARM64:
		if ((reg = arm64_vector(q, name, len, &low)) >= 0 && low)
			return vector(q, reg, true, p, end);
		break;
	case ARCH_RISCV64:
		if ((reg = riscv64_register(q, name, len)) >= 0)
			return scalar(q, q->xlo[reg], p, end);
		break;
	}
	return qtok_skip(p, end);
}

const char *qxlog_value(struct qlog *q, const char *name, size_t len, const char *p, const char *end)
{
	if (!q->xwait)
		return qtok_skip(p, end);
	if (!(p = arch_value(q, name, len, p, end)))
		return NULL;
	if (q->xseen == q->xwords && qxlog_end(q, false) < 0)
		return NULL;
	return p;
}
