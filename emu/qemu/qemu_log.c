/*
 * Stream parser for `qemu-ARCH -d cpu,fpu` register dumps (QEMU 7.2), each
 * ISA's format in its qemu_<isa>.c: lines of NAME=VALUE or of NAME VALUE
 * pairs, the register names that of the ISA.
 *
 * A dump starts with its first register (qlog's first) and is complete once
 * every register the arch's raw file takes from it has been seen; the FP
 * registers that follow are qemu_xlog.c's.  With -d exec, "Trace" lines
 * precede dumps and "Stopped execution" lines undo them.
 */
#include <stdio.h>
#include <string.h>
#include "qemu/qemu.h"

#define RETRACT_WINDOW 4096

int qlog_init(struct qlog *q, const struct archdesc *a, const struct probeset *ps,
	      uint64_t entry, struct hitlog *hits)
{
	memset(q, 0, sizeof *q);
	q->arch = a;
	q->ps = ps;
	q->entry = entry;
	q->hits = hits;
	q->isa = qisa_get(a->id);
	q->known = q->isa->tls_in_dump ? HIT_TLS : 0;
	return q->isa->init(q) < 0 ? -1 : qxlog_init(q);
}

static void dump_complete(struct qlog *q)
{
	uint64_t pc = q->regs[q->arch->role_reg[R_PC]];
	int probe;

	q->have = 0;
	if (pc == q->entry)
		q->entry_seen = true;
	probe = probes_find(q->ps, pc);
	if (probe >= 0) {
		struct hit h;

		memset(&h, 0, sizeof h);
		h.probe = probe;
		h.known = q->known;
		memcpy(h.regs, q->regs, sizeof h.regs);
		if (q->ps->xstate[probe])
			qxlog_begin(q, &h);
		else
			hitlog_add(q->hits, &h, NULL);
	}
}

static int set_reg(struct qlog *q, int idx, uint64_t v)
{
	uint64_t bit = 1ULL << idx;

	if (idx == q->first && q->have)
		return qlog_fail(q, "a register dump begins before the previous one is complete");
	if (idx != q->first && !q->have)
		return qlog_fail(q, "register outside a register dump");
	if (idx == q->first && qxlog_end(q, false) < 0)
		return -1;
	if (q->have & bit)
		return qlog_fail(q, "register repeated within one dump");
	q->regs[idx] = v;
	q->have |= bit;
	if (q->have == q->need)
		dump_complete(q);
	return 0;
}

/* Lines of NAME=VALUE tokens, with spaces allowed before '=' ("R8 =", " SP="). */
static int parse_assignments(struct qlog *q, const char *p, const char *end)
{
	while ((p = qtok_space(p, end)) < end) {
		const char *name = p, *eq;
		uint64_t v;
		size_t len;
		int idx;

		while (p < end && *p != ' ' && *p != '\t' && *p != '=')
			p++;
		len = (size_t)(p - name);
		eq = qtok_space(p, end);
		if (eq == end || *eq != '=') {
			p = eq;
			continue;
		}
		p = eq + 1;
		idx = q->isa->index(q, name, len);
		if (idx == QIDX_UNKNOWN) {
			if (!(p = qxlog_value(q, name, len, p, end)))
				return -1;
			continue;
		}
		if (idx == QIDX_SEGBASE) {
			p = qtok_space(qtok_skip(p, end), end);
			idx = q->fs;
		}
		if (!(p = qtok_hex(p, end, false, &v)))
			return qlog_fail(q, "bad register value");
		if (set_reg(q, idx, v) < 0)
			return -1;
	}
	return 0;
}

/* Lines of "NAME VALUE" pairs. */
static int parse_pairs(struct qlog *q, const char *p, const char *end)
{
	while ((p = qtok_space(p, end)) < end) {
		const char *name = p;
		uint64_t v;
		int idx;

		p = qtok_skip(p, end);
		idx = q->isa->index(q, name, (size_t)(p - name));
		if (idx == QIDX_UNKNOWN) {
			if (!(p = qxlog_value(q, name, (size_t)(p - name), qtok_space(p, end), end)))
				return -1;
			continue;
		}
		p = qtok_space(p, end);
		if (!(p = qtok_hex(p, end, false, &v)))
			return qlog_fail(q, "bad register value");
		if (set_reg(q, idx, v) < 0)
			return -1;
	}
	return 0;
}

/*
 * "Stopped execution of TB chain before HOSTPTR [PC] SYMBOL": a block was
 * dumped, then left before its first instruction for an exit request (a
 * signal, another thread's exclusive section); it runs, and is dumped,
 * again later.  Drop the latest hit at PC.  With several threads entering
 * the same probe at that moment, that may be another thread's dump.
 */
static int stopped_block(struct qlog *q, const char *p, const char *end)
{
	const char *lb = memchr(p, '[', (size_t)(end - p)), *rb;
	struct hitlog *l = q->hits;
	int pcidx = q->arch->role_reg[R_PC];
	uint64_t pc;
	size_t i, floor;

	if (!lb || !(rb = memchr(lb, ']', (size_t)(end - lb))) || qtok_hex(lb + 1, rb, false, &pc) != rb)
		return qlog_fail(q, "bad \"Stopped execution\" line");
	floor = l->n > RETRACT_WINDOW ? l->n - RETRACT_WINDOW : 0;
	for (i = l->n; i-- > floor;) {
		if (l->hits[i].regs[pcidx] == pc) {
			memmove(&l->hits[i], &l->hits[i + 1], (l->n - i - 1) * sizeof l->hits[0]);
			l->n--;
			break;
		}
	}
	return 0;
}

static int parse_line(struct qlog *q, const char *p, const char *end)
{
	q->lineno++;
	if (qtok_prefix(p, end, "Trace "))
		return qxlog_end(q, false);
	if (qtok_prefix(p, end, "Stopped execution of TB chain before "))
		return qxlog_end(q, false) < 0 ? -1 : stopped_block(q, p, end);
	if (q->isa->wanted && !q->isa->wanted(p, end))
		return 0;
	return q->isa->pairs ? parse_pairs(q, p, end) : parse_assignments(q, p, end);
}

int qlog_feed(struct qlog *q, const char *buf, size_t n)
{
	while (n > 0) {
		const char *nl = memchr(buf, '\n', n);
		size_t len = nl ? (size_t)(nl - buf) : n;
		int rc;

		if (q->partial + len >= sizeof q->line) {
			q->lineno++;
			return qlog_fail(q, "line too long");
		}
		if (!nl) {
			memcpy(q->line + q->partial, buf, len);
			q->partial += len;
			return 0;
		}
		if (q->partial) {
			memcpy(q->line + q->partial, buf, len);
			rc = parse_line(q, q->line, q->line + q->partial + len);
			q->partial = 0;
		} else {
			rc = parse_line(q, buf, buf + len);
		}
		if (rc < 0)
			return -1;
		buf += len + 1;
		n -= len + 1;
	}
	return 0;
}

int qlog_finish(struct qlog *q, bool killed)
{
	if (q->partial && !killed) {
		q->lineno++;
		return qlog_fail(q, "the log ends inside a line");
	}
	q->partial = 0;
	if (q->have && !killed)
		return qlog_fail(q, "the log ends inside a register dump");
	q->have = 0;
	return qxlog_end(q, killed);
}
