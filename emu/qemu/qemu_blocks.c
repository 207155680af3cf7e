/*
 * Does every probe entry start a translation block?  QEMU ends a block at
 * every branch, call, return and trap, so an entry starts one unless the
 * instruction before it can flow into it: an ordinary instruction, or
 * padding that a conditional branch or a syscall can fall into.  Padding
 * after a call is taken as unreachable, as compilers only put it after
 * calls that do not return.  What cannot be decoded counts as flowing in.
 */
#include <stdio.h>
#include <string.h>
#include <capstone/capstone.h>
#include "core/span.h"
#include "qemu/qemu.h"

enum kind {
	K_FALL,		/* goes on to the next instruction in the same block */
	K_PAD,		/* nop */
	K_END,		/* ends the block, may go on to the next instruction */
	K_CALL,		/* ends the block; the next instruction runs after a return */
	K_STOP,		/* never goes on to the next instruction */
	K_BAD,
};

static bool starts_block(enum kind prev, enum kind last_real)
{
	if (prev == K_END || prev == K_CALL || prev == K_STOP)
		return true;
	return prev == K_PAD && (last_real == K_CALL || last_real == K_STOP);
}

/* The executable, file-backed bytes from lo to addr; addr must be inside a segment. */
static const unsigned char *code_before(const struct elfimage *img, uint64_t addr, uint64_t *lo)
{
	for (int i = 0; i < img->nseg; i++) {
		const struct elfseg *s = &img->seg[i];
		if (!(s->flags & SEG_X) || addr <= s->vaddr || addr > s->vaddr + s->filesz)
			continue;
		if (s->offset + s->filesz > img->size)
			return NULL;
		*lo = s->vaddr;
		return img->data + s->offset + (addr - s->vaddr);
	}
	return NULL;
}

/*
 * Where to start decoding forward: the nearest symbol below addr in its
 * segment.  With none, what lies below is taken as not code (the ELF and
 * program headers share the first segment with .text): 0.
 */
static uint64_t decode_start(const struct elfimage *img, uint64_t addr, uint64_t lo)
{
	size_t off = offsetof(struct elfsym, addr);
	int l = addr ? (int)first_above(img->syms, (size_t)img->nsym, sizeof *img->syms, off, addr - 1) : 0;

	return l > 0 && img->syms[l - 1].addr >= lo ? img->syms[l - 1].addr : 0;
}

static enum kind x86_64_kind(csh cs, const cs_insn *in)
{
	switch (in->id) {
	case X86_INS_NOP:
		return K_PAD;
	case X86_INS_JMP: case X86_INS_LJMP: case X86_INS_RET: case X86_INS_RETF:
	case X86_INS_RETFQ: case X86_INS_IRET: case X86_INS_IRETD: case X86_INS_IRETQ:
	case X86_INS_HLT: case X86_INS_UD0: case X86_INS_UD2: case X86_INS_UD2B:
	case X86_INS_INT3:
		return K_STOP;
	case X86_INS_CALL: case X86_INS_LCALL:
		return K_CALL;
	case X86_INS_SYSCALL: case X86_INS_SYSENTER: case X86_INS_INT: case X86_INS_INT1:
	case X86_INS_INTO:
		return K_END;
	}
	return cs_insn_group(cs, in, X86_GRP_JUMP) ? K_END : K_FALL;
}

static bool x86_64_starts_block(const unsigned char *end, uint64_t from, uint64_t addr)
{
	const uint8_t *code = end - (addr - from);
	size_t size = addr - from;
	uint64_t pc = from;
	enum kind prev = K_BAD, last_real = K_BAD;
	cs_insn *in;
	csh cs;

	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
		return false;
	cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
	in = cs_malloc(cs);
	while (in && cs_disasm_iter(cs, &code, &size, &pc, in)) {
		prev = x86_64_kind(cs, in);
		if (prev != K_PAD)
			last_real = prev;
	}
	if (in)
		cs_free(in, 1);
	cs_close(&cs);
	return pc == addr && starts_block(prev, last_real);
}

static uint32_t load32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static enum kind arm64_kind(uint32_t w)
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
	enum kind prev, k;

	if (addr % 4)
		return false;
	if (addr - lo < 4)
		return true;
	prev = k = arm64_kind(load32(end - back));
	while (k == K_PAD && addr - lo >= back + 4) {
		back += 4;
		k = arm64_kind(load32(end - back));
	}
	return starts_block(prev, k == K_PAD ? K_BAD : k);
}

static enum kind riscv64_kind32(uint32_t w)
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

static enum kind riscv64_kind16(uint32_t h)
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
	enum kind prev = K_BAD, last_real = K_BAD;

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
	return p == end && starts_block(prev, last_real);
}

static bool probe_starts_block(const struct elfimage *img, uint64_t addr)
{
	uint64_t lo, from;
	const unsigned char *end = code_before(img, addr, &lo);

	if (!end || !(from = decode_start(img, addr, lo)))
		return true;
	switch (img->arch->id) {
	case ARCH_X86_64:
		return x86_64_starts_block(end, from, addr);
	case ARCH_ARM64:
		return arm64_starts_block(end, from, addr);
	case ARCH_RISCV64:
		return addr % 2 == 0 && riscv64_starts_block(end, from, addr);
	}
	return false;
}

int qemu_probes_inside_blocks(const struct elfimage *img, const struct probeset *ps,
			      char *names, size_t len)
{
	size_t used = 0;
	int n = 0;

	if (len)
		names[0] = 0;
	for (int i = 0; i < ps->n; i++) {
		if (probe_starts_block(img, ps->addr[i]))
			continue;
		n++;
		if (used < len)
			used += (size_t)snprintf(names + used, len - used, "%s%s", used ? " " : "", ps->name[i]);
	}
	return n;
}
