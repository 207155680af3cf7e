/*
 * Stream parser for `qemu-ARCH -d cpu,fpu` register dumps (QEMU 7.2):
 *
 * x86_64   RAX=%016lx RBX=... (4 per line) ... RIP=%016lx RFL=%08x [flags] ...
 *          FS =sel base limit flags            (one line per segment)
 * arm64     PC=%016lx X00=%016lx ... X30=... SP=%016lx / PSTATE=%08x ...
 * riscv64   pc       %016lx / x0/zero  %016lx x1/ra  %016lx ... x31/t6 ...
 *
 * A dump starts with its first register (RAX, PC, pc) and is complete once
 * every register the arch's raw file takes from it has been seen; the FP
 * registers that follow are qemu_xlog.c's.  With -d exec, "Trace" lines
 * precede dumps and "Stopped execution" lines undo them.
 */
#include <stdio.h>
#include <string.h>
#include "qemu/qemu.h"

static const char *const x86_64_dumpnames[][2] = {
	{ "RAX", "rax" }, { "RBX", "rbx" }, { "RCX", "rcx" }, { "RDX", "rdx" },
	{ "RSI", "rsi" }, { "RDI", "rdi" }, { "RBP", "rbp" }, { "RSP", "rsp" },
	{ "R8", "r8" }, { "R9", "r9" }, { "R10", "r10" }, { "R11", "r11" },
	{ "R12", "r12" }, { "R13", "r13" }, { "R14", "r14" }, { "R15", "r15" },
	{ "RIP", "rip" }, { "RFL", "rflags" },
};
#define NX86 ((int)(sizeof x86_64_dumpnames / sizeof x86_64_dumpnames[0]))

#define RETRACT_WINDOW 4096

#define IDX_UNKNOWN (-1)
#define IDX_FS (-2)	/* x86_64 segment line: the base is the second field */

static int regindex(struct qlog *q, const char *name, int *idx)
{
	*idx = arch_regindex(q->arch, name);
	if (*idx < 0 || *idx >= 64) {
		snprintf(q->err, sizeof q->err, "%s has no register %s", q->arch->name, name);
		return -1;
	}
	q->need |= 1ULL << *idx;
	return 0;
}

static int init_x86_64(struct qlog *q)
{
	for (int i = 0; i < NX86; i++)
		if (regindex(q, x86_64_dumpnames[i][1], &q->xidx[i]) < 0)
			return -1;
	q->first = q->xidx[0];
	q->known = HIT_TLS;
	return regindex(q, "fs_base", &q->fs);
}

static int init_arm64(struct qlog *q)
{
	char name[16];

	for (int i = 0; i <= 30; i++) {
		snprintf(name, sizeof name, "x%d", i);
		if (regindex(q, name, &q->xidx[i]) < 0)
			return -1;
	}
	if (regindex(q, "sp", &q->sp) < 0 || regindex(q, "pc", &q->pc) < 0 ||
	    regindex(q, "pstate", &q->pstate) < 0)
		return -1;
	/* The dump has no TPIDR_EL0: the normalizer takes the TLS from the runtime's record. */
	q->first = q->pc;
	q->known = 0;
	return 0;
}

/* arch.c orders riscv64 as pc, then x1..x31 at their own numbers. */
static int init_riscv64(struct qlog *q)
{
	if (regindex(q, "pc", &q->pc) < 0)
		return -1;
	if (q->arch->nregs != 32 || q->pc != 0) {
		snprintf(q->err, sizeof q->err, "riscv64 raw registers are not pc, x1..x31");
		return -1;
	}
	for (int i = 1; i <= 31; i++) {
		q->xidx[i] = i;
		q->need |= 1ULL << i;
	}
	q->first = q->pc;
	q->known = HIT_TLS;
	return 0;
}

int qlog_init(struct qlog *q, const struct archdesc *a, const struct probeset *ps,
	      uint64_t entry, struct hitlog *hits)
{
	memset(q, 0, sizeof *q);
	q->arch = a;
	q->ps = ps;
	q->entry = entry;
	q->hits = hits;
	switch (a->id) {
	case ARCH_X86_64:
		return init_x86_64(q) < 0 ? -1 : qxlog_init(q);
	case ARCH_ARM64:
		return init_arm64(q) < 0 ? -1 : qxlog_init(q);
	case ARCH_RISCV64:
		return init_riscv64(q) < 0 ? -1 : qxlog_init(q);
	}
	snprintf(q->err, sizeof q->err, "no qemu log format for %s", a->name);
	return -1;
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

static int x86_64_index(struct qlog *q, const char *name, size_t len)
{
	if (len == 2 && name[0] == 'F' && name[1] == 'S')
		return IDX_FS;
	if (len < 2 || len > 3 || name[0] != 'R')
		return IDX_UNKNOWN;
	for (int i = 0; i < NX86; i++) {
		const char *n = x86_64_dumpnames[i][0];
		if ((n[2] != 0) == (len == 3) && n[1] == name[1] && (len == 2 || n[2] == name[2]))
			return q->xidx[i];
	}
	return IDX_UNKNOWN;
}

static int arm64_index(struct qlog *q, const char *name, size_t len)
{
	if (len == 3 && name[0] == 'X' && name[1] >= '0' && name[1] <= '3' &&
	    name[2] >= '0' && name[2] <= '9') {
		int n = (name[1] - '0') * 10 + (name[2] - '0');
		return n <= 30 ? q->xidx[n] : IDX_UNKNOWN;
	}
	if (qtok_is(name, len, "SP"))
		return q->sp;
	if (qtok_is(name, len, "PC"))
		return q->pc;
	if (qtok_is(name, len, "PSTATE"))
		return q->pstate;
	return IDX_UNKNOWN;
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
		idx = q->arch->id == ARCH_X86_64 ? x86_64_index(q, name, len) : arm64_index(q, name, len);
		if (idx == IDX_UNKNOWN) {
			if (!(p = qxlog_value(q, name, len, p, end)))
				return -1;
			continue;
		}
		if (idx == IDX_FS) {
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

/* x86_64: only these lines hold registers of the raw file or the extended state. */
static bool x86_64_wanted(const char *p, const char *end)
{
	static const char *const prefixes[] = {
		"RAX=", "RSI=", "R8 =", "R12=", "RIP=", "FS =", "FCW=", "XMM", "YMM", "ZMM",
	};

	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (qtok_prefix(p, end, prefixes[i]))
			return true;
	return false;
}

static int riscv64_index(struct qlog *q, const char *name, size_t len)
{
	int n = 0;
	size_t i;

	if (qtok_is(name, len, "pc"))
		return q->pc;
	if (len < 3 || name[0] != 'x')
		return IDX_UNKNOWN;
	for (i = 1; i < len && i < 3 && name[i] >= '0' && name[i] <= '9'; i++)
		n = n * 10 + (name[i] - '0');
	if (i == 1 || i >= len || name[i] != '/' || n > 31)
		return IDX_UNKNOWN;
	return n == 0 ? IDX_UNKNOWN : q->xidx[n];
}

/* Lines of "NAME VALUE" pairs. */
static int parse_pairs(struct qlog *q, const char *p, const char *end)
{
	while ((p = qtok_space(p, end)) < end) {
		const char *name = p;
		uint64_t v;
		int idx;

		p = qtok_skip(p, end);
		idx = riscv64_index(q, name, (size_t)(p - name));
		if (idx == IDX_UNKNOWN) {
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
	switch (q->arch->id) {
	case ARCH_X86_64:
		return x86_64_wanted(p, end) ? parse_assignments(q, p, end) : 0;
	case ARCH_ARM64:
		return parse_assignments(q, p, end);
	default:
		return parse_pairs(q, p, end);
	}
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
