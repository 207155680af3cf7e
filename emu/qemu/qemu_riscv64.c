/*
 * riscv64 under qemu-user: its `-d cpu,fpu` dump (QEMU 7.2) and how its
 * instructions end translation blocks.
 *
 *   pc       %016lx / x0/zero  %016lx x1/ra  %016lx ... x31/t6 ...
 *   fN/NAME %016lx, four to a line; qemu-user shows no fcsr
 */
#include <stdio.h>
#include <string.h>
#include "qemu/qemu.h"

/* isa/riscv64.c orders the raw registers as pc, then x1..x31 at their own numbers. */
static int init_riscv64(struct qlog *q)
{
	if (qlog_regindex(q, "pc", &q->pc) < 0)
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
	return 0;
}

static int riscv64_index(struct qlog *q, const char *name, size_t len)
{
	int n = 0;
	size_t i;

	if (qtok_is(name, len, "pc"))
		return q->pc;
	if (len < 3 || name[0] != 'x')
		return QIDX_UNKNOWN;
	for (i = 1; i < len && i < 3 && name[i] >= '0' && name[i] <= '9'; i++)
		n = n * 10 + (name[i] - '0');
	if (i == 1 || i >= len || name[i] != '/' || n > 31)
		return QIDX_UNKNOWN;
	return n == 0 ? QIDX_UNKNOWN : q->xidx[n];
}

/* f0..f31 in order (isa/riscv64.c) */
static void riscv64_xinit(struct qlog *q)
{
	for (int i = 0; i < NVEC; i++)
		q->xlo[i] = i < q->arch->nxregs ? i : -1;
}

/* fN/NAME, NAME the ABI name isa/riscv64.c gives fN: N, else -1. */
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

static const char *riscv64_xvalue(struct qlog *q, const char *name, size_t len, const char *p, const char *end)
{
	int reg = riscv64_register(q, name, len);

	return reg >= 0 ? qxlog_scalar(q, q->xlo[reg], p, end) : qtok_skip(p, end);
}

static uint32_t load32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static enum blockkind riscv64_kind32(uint32_t w)
{
	uint32_t rd = (w >> 7) & 31;

	if (w == 0x00000013)				/* nop */
		return K_PAD;
	switch (w & 0x7f) {
	case 0x6f:					/* jal */
	case 0x67:					/* jalr */
		return rd == 0 ? K_STOP : K_CALL;
	case 0x63:					/* branches */
		return K_END;
	case 0x73:
		if (w == 0x00000073)			/* ecall */
			return K_END;
		return w == 0x00100073 ? K_STOP : K_FALL;	/* ebreak */
	}
	return K_FALL;
}

static enum blockkind riscv64_kind16(uint32_t h)
{
	uint32_t f3 = h >> 13, rs1 = (h >> 7) & 31, rs2 = (h >> 2) & 31;

	if (h == 0x0001)				/* c.nop */
		return K_PAD;
	if (h == 0)					/* illegal, zero fill */
		return K_STOP;
	if ((h & 3) == 1 && f3 == 5)			/* c.j */
		return K_STOP;
	if ((h & 3) == 1 && f3 >= 6)			/* c.beqz c.bnez */
		return K_END;
	if ((h & 3) == 2 && f3 == 4 && rs2 == 0) {
		if (!(h & 0x1000))			/* c.jr */
			return rs1 ? K_STOP : K_FALL;
		return rs1 ? K_CALL : K_STOP;		/* c.jalr, c.ebreak */
	}
	return K_FALL;
}

static bool riscv64_starts_block(const unsigned char *end, uint64_t from, uint64_t addr)
{
	const unsigned char *p = end - (addr - from);
	enum blockkind prev = K_BAD, last_real = K_BAD;

	while (end - p >= 2) {	/* a symbol at an odd address leaves one byte over */
		uint32_t h = (uint32_t)p[0] | (uint32_t)p[1] << 8;
		if ((h & 3) != 3) {
			prev = riscv64_kind16(h);
			p += 2;
		} else if ((h & 0x1c) != 0x1c && end - p >= 4) {
			prev = riscv64_kind32(load32(p));
			p += 4;
		} else {
			return false;
		}
		if (prev != K_PAD)
			last_real = prev;
	}
	return p == end && block_starts(prev, last_real);
}

static bool riscv64_block(const unsigned char *end, uint64_t from, uint64_t addr)
{
	return addr % 2 == 0 && riscv64_starts_block(end, from, addr);
}

const struct qisa qemu_riscv64 = {
	.tls_in_dump = true,
	.init = init_riscv64,
	.pairs = true,
	.index = riscv64_index,
	.xinit = riscv64_xinit,
	.xvalue = riscv64_xvalue,
	.starts_block = riscv64_block,
};
