/*
 * arm64 under qemu-user: its `-d cpu,fpu` dump (QEMU 7.2) and how its
 * instructions end translation blocks.
 *
 *    PC=%016lx X00=%016lx ... X30=... SP=%016lx / PSTATE=%08x ...
 *   FPCR=%08x FPSR=%08x at the end of the PSTATE line; with SVE, P and
 *   FFR lines, then Znn[3-2]=w:w:w:w and [1-0]=w3:w2:w1:w0 (Znn=w1:w0 at
 *   128 bits, Qnn=w1:w0 without SVE)
 */
#include <stdio.h>
#include "qemu/qemu.h"

static int init_arm64(struct qlog *q)
{
	char name[16];

	for (int i = 0; i <= 30; i++) {
		snprintf(name, sizeof name, "x%d", i);
		if (qlog_regindex(q, name, &q->xidx[i]) < 0)
			return -1;
	}
	if (qlog_regindex(q, "sp", &q->sp) < 0 || qlog_regindex(q, "pc", &q->pc) < 0 ||
	    qlog_regindex(q, "pstate", &q->pstate) < 0)
		return -1;
	/* The dump has no TPIDR_EL0: the normalizer takes the TLS from the runtime's record. */
	q->first = q->pc;
	return 0;
}

static int arm64_index(struct qlog *q, const char *name, size_t len)
{
	if (len == 3 && name[0] == 'X' && name[1] >= '0' && name[1] <= '3' &&
	    name[2] >= '0' && name[2] <= '9') {
		int n = (name[1] - '0') * 10 + (name[2] - '0');
		return n <= 30 ? q->xidx[n] : QIDX_UNKNOWN;
	}
	if (qtok_is(name, len, "SP"))
		return q->sp;
	if (qtok_is(name, len, "PC"))
		return q->pc;
	if (qtok_is(name, len, "PSTATE"))
		return q->pstate;
	return QIDX_UNKNOWN;
}

/*
 * Qnn, Znn, Znn[...] or a continuing [...]: the register number, else -1;
 * *low says whether the token holds quadword 0 ("[1-0]", "[0]", no range).
 */
static int arm64_vector(struct qlog *q, const char *name, size_t len, bool *low)
{
	const char *range = name;
	int reg = q->zreg;

	if (len >= 3 && (name[0] == 'Q' || name[0] == 'Z') && (reg = qxlog_number2(name + 1)) >= 0)
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

static void arm64_xinit(struct qlog *q)
{
	char name[16];

	for (int i = 0; i < NVEC; i++) {
		snprintf(name, sizeof name, "v%d.lo", i);
		q->xlo[i] = arch_xregindex(q->arch, name);
		snprintf(name, sizeof name, "v%d.hi", i);
		q->xhi[i] = arch_xregindex(q->arch, name);
	}
}

static const char *arm64_xvalue(struct qlog *q, const char *name, size_t len, const char *p, const char *end)
{
	bool low = false;
	int reg = arm64_vector(q, name, len, &low);

	return reg >= 0 && low ? qxlog_vector(q, reg, true, p, end) : qtok_skip(p, end);
}

static uint32_t load32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static enum blockkind arm64_kind(uint32_t w)
{
	if (w == 0xd503201f)				/* nop */
		return K_PAD;
	if ((w & 0xffff0000) == 0)			/* udf, zero fill */
		return K_STOP;
	if ((w & 0xfc000000) == 0x14000000)		/* b */
		return K_STOP;
	if ((w & 0xfc000000) == 0x94000000)		/* bl */
		return K_CALL;
	if ((w & 0xff000010) == 0x54000000 ||		/* b.cond */
	    (w & 0x7c000000) == 0x34000000)		/* cbz cbnz tbz tbnz */
		return K_END;
	if ((w & 0xfe000000) == 0xd6000000)		/* br blr ret eret and their pac forms */
		return ((w >> 21) & 7) == 1 ? K_CALL : K_STOP;
	if ((w & 0xffe0001f) == 0xd4000001)		/* svc */
		return K_END;
	if ((w & 0xffe0001f) == 0xd4200000 || (w & 0xffe0001f) == 0xd4400000)	/* brk hlt */
		return K_STOP;
	return K_FALL;
}

/* Fixed-size instructions: walk back over padding. */
static bool arm64_starts_block(const unsigned char *end, uint64_t lo, uint64_t addr)
{
	uint64_t back = 4;
	enum blockkind prev, k;

	if (addr % 4)
		return false;
	if (addr - lo < 4)
		return true;
	prev = k = arm64_kind(load32(end - back));
	while (k == K_PAD && addr - lo >= back + 4) {
		back += 4;
		k = arm64_kind(load32(end - back));
	}
	return block_starts(prev, k == K_PAD ? K_BAD : k);
}

const struct qisa qemu_arm64 = {
	.init = init_arm64,
	.index = arm64_index,
	.ctl = { { "FPCR", "fpcr" }, { "FPSR", "fpsr" } },
	.xinit = arm64_xinit,
	.xvalue = arm64_xvalue,
	.starts_block = arm64_starts_block,
};
