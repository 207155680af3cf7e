/*
 * The FP part of `qemu-ARCH -d cpu,fpu` dumps (QEMU 7.2), after the
 * registers; 64-bit words, highest first.  The FP control words are named
 * by qisa ctl, the vector and FP registers recognized by qisa xvalue (each
 * ISA's format is in its qemu_<isa>.c).
 *
 * A vector register is the last two words of its lowest 128 bits.  Only a
 * hit at an xstate probe keeps them: it waits until its dump has shown them
 * all, or the dump ends (the next dump, an exec line, the end of the log).
 */
#include <stdio.h>
#include <string.h>
#include "qemu/qemu.h"

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
	const struct qisa *qi = q->isa;

	q->zreg = -1;
	for (int i = 0; i < NVEC; i++)
		q->xlo[i] = q->xhi[i] = -1;
	qi->xinit(q);
	for (int k = 0; k < 2; k++)
		q->xctl[k] = qi->ctl[k][1] ? arch_xregindex(a, qi->ctl[k][1]) : -1;
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

static int ctl(const struct qlog *q, const char *name, size_t len)
{
	for (int k = 0; k < 2; k++)
		if (q->isa->ctl[k][0] && qtok_is(name, len, q->isa->ctl[k][0]))
			return k;
	return -1;
}

static const char *arch_value(struct qlog *q, const char *name, size_t len, const char *p, const char *end)
{
	int k;

	if ((k = ctl(q, name, len)) >= 0)
		return qxlog_scalar(q, q->xctl[k], p, end);
	return q->isa->xvalue(q, name, len, p, end);
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
