/*
 * s390x under qemu-user: its `-d cpu,fpu` dump (QEMU 7.2) and how its
 * instructions end translation blocks.
 *
 *   PSW=mask %016lx addr %016lx cc %02x    (the mask holds the condition code)
 *   R00=%016lx, four to a line, to R15
 *   V00=%016lx%016lx, two to a line, to V31 (f0-f15 are the high halves of v0-v15)
 *
 * The dump has neither the access registers (a0:a1, the thread pointer:
 * the normalizer takes it from the runtime's record) nor fpc.
 */
#include <stdio.h>
#include <string.h>
#include "qemu/qemu.h"

#define NFPR 16

/* isa/s390x.c orders the raw registers as r0..r15, pc, pswm, tp. */
static int init_s390x(struct qlog *q)
{
	if (qlog_regindex(q, "pc", &q->pc) < 0 || qlog_regindex(q, "pswm", &q->pstate) < 0)
		return -1;
	for (int i = 0; i < 16; i++) {
		char name[8];

		snprintf(name, sizeof name, "r%d", i);
		if (qlog_regindex(q, name, &q->xidx[i]) < 0)
			return -1;
	}
	q->first = q->pstate;
	return 0;
}

/* "PSW=mask M addr A cc C": the dump's first line, pswm and pc. */
static int s390x_psw(struct qlog *q, const char *p, const char *end, int idx[QOWN_MAX], uint64_t v[QOWN_MAX])
{
	uint64_t mask, addr;

	if (!qtok_prefix(p, end, "PSW=mask "))
		return 0;
	p = qtok_space(p + 9, end);
	if (!(p = qtok_hex(p, end, false, &mask)) || !qtok_prefix(p = qtok_space(p, end), end, "addr ") ||
	    !(p = qtok_hex(qtok_space(p + 5, end), end, false, &addr)))
		return qlog_fail(q, "bad PSW line");
	idx[0] = q->pstate, v[0] = mask;
	idx[1] = q->pc, v[1] = addr;
	return 2;
}

static int s390x_index(struct qlog *q, const char *name, size_t len)
{
	int n;

	if (len != 3 || name[0] != 'R' || (n = qxlog_number2(name + 1)) < 0 || n > 15)
		return QIDX_UNKNOWN;
	return q->xidx[n];
}

/* f0..f15 in order (isa/s390x.c) */
static void s390x_xinit(struct qlog *q)
{
	for (int i = 0; i < NFPR; i++)
		q->xlo[i] = i;
}

/* Vnn=32 hex digits: f(nn) is the first 16 for nn < 16. */
static const char *s390x_xvalue(struct qlog *q, const char *name, size_t len, const char *p, const char *end)
{
	int n;

	if (len != 3 || name[0] != 'V' || (n = qxlog_number2(name + 1)) < 0 || n >= NFPR)
		return qtok_skip(p, end);
	if (end - p < 32) {
		qlog_fail(q, "bad FP register value");
		return NULL;
	}
	return qxlog_scalar(q, q->xlo[n], p, p + 16) ? qtok_skip(p + 16, end) : NULL;
}

/* The length of the instruction starting with byte b0, from its two high bits. */
static int insn_len(unsigned char b0)
{
	return b0 < 0x40 ? 2 : b0 < 0xc0 ? 4 : 6;
}

/* A branch on mask m: never (padding), always, or maybe. */
static enum blockkind on_mask(unsigned m)
{
	return m == 0 ? K_PAD : m == 15 ? K_STOP : K_END;
}

/* A relative branch (halfwords in the 16 or 32 bits at 2) to the next instruction: QEMU goes on in the block. */
static bool to_next(const unsigned char *b, int len)
{
	int64_t off = len == 4 ? (int16_t)(b[2] << 8 | b[3]) :
		      (int32_t)((uint32_t)b[2] << 24 | (uint32_t)b[3] << 16 | (uint32_t)b[4] << 8 | b[5]);

	return 2 * off == len;
}

static enum blockkind s390x_kind(const unsigned char *b)
{
	unsigned op = b[0], r1 = b[1] >> 4, r2 = b[1] & 15, lo4 = b[1] & 15;

	if ((op == 0xa7 || op == 0xc0) && lo4 == 4 && to_next(b, insn_len(op)))
		return K_FALL;				/* brc, brcl to the next instruction */

	switch (op) {
	case 0x00:					/* invalid: zero fill */
		return K_STOP;
	case 0x07:					/* bcr */
		return r2 ? on_mask(r1) : K_FALL;
	case 0x47:					/* bc */
		return on_mask(r1);
	case 0x05:					/* balr */
	case 0x0d:					/* basr */
		return r2 ? K_CALL : K_FALL;
	case 0x45:					/* bal */
	case 0x4d:					/* bas */
		return K_CALL;
	case 0x06:					/* bctr */
		return r2 ? K_END : K_FALL;
	case 0x0a:					/* svc */
	case 0x46:					/* bct */
	case 0x84: case 0x85: case 0x86: case 0x87:	/* brxh brxle bxh bxle */
		return K_END;
	case 0xa7:
		if (lo4 == 4)				/* brc */
			return on_mask(r1);
		if (lo4 == 5)				/* bras */
			return K_CALL;
		return lo4 == 6 || lo4 == 7 ? K_END : K_FALL;	/* brct brctg */
	case 0xc0:
		if (lo4 == 4)				/* brcl */
			return on_mask(r1);
		return lo4 == 5 ? K_CALL : K_FALL;	/* brasl */
	case 0xb9:
		return b[1] == 0x46 ? K_END : K_FALL;	/* bctgr */
	case 0xe3:
		return b[5] == 0x46 ? K_END : K_FALL;	/* bctg */
	case 0xeb:
		return b[5] == 0x44 || b[5] == 0x45 ? K_END : K_FALL;	/* bxhg bxleg */
	case 0xec:					/* compare and branch */
		switch (b[5]) {
		case 0x44: case 0x45: case 0x64: case 0x65: case 0x76: case 0x77: case 0x7c:
		case 0x7d: case 0x7e: case 0x7f: case 0xe4: case 0xe5: case 0xf6: case 0xf7:
		case 0xfc: case 0xfd: case 0xfe: case 0xff:
			return K_END;
		}
		return K_FALL;
	}
	return K_FALL;
}

static bool s390x_starts_block(const unsigned char *end, uint64_t from, uint64_t addr)
{
	const unsigned char *p = end - (addr - from);
	enum blockkind prev = K_BAD, last_real = K_BAD;

	if (addr % 2 || from % 2)
		return false;
	while (p < end) {
		int n = insn_len(p[0]);

		if (end - p < n)
			return false;
		prev = s390x_kind(p);
		if (prev != K_PAD)
			last_real = prev;
		p += n;
	}
	return block_starts(prev, last_real);
}

const struct qisa qemu_s390x = {
	.tls_in_dump = false,
	.init = init_s390x,
	.own_line = s390x_psw,
	.index = s390x_index,
	.xinit = s390x_xinit,
	.xvalue = s390x_xvalue,
	.starts_block = s390x_starts_block,
};
