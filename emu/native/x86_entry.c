/*
 * Go's amd64 functions open with a stack check and its setup, so these
 * cover every runtime.* probe of Go 1.19 but morestack:
 *
 *	cmp  d(base), reg	49 3b 66 10	cmp 0x10(%r14),%rsp (the stack check)
 *	lea  d(base), reg	4c 8d 64 24 98	lea -0x68(%rsp),%r12 (a large frame's check)
 *	mov  d(base), reg	48 8b 5c 24 08	mov 0x8(%rsp),%rbx (ABI0 arguments)
 *	mov  reg, reg		48 89 c2
 *	sub  $imm, reg		48 83 ec 18	sub $0x18,%rsp (a NOSPLIT frame)
 *
 * all 64-bit (REX.W) with a register or base+displacement operand (a SIB
 * byte only as base without index).  Anything else is stepped.
 */
#include <stdbool.h>
#include <stddef.h>
#include "native/x86_entry.h"

#define REX_W 8
#define REX_R 4
#define REX_B 1
#define FLAGS_ARITH 0x8d5	/* CF PF AF ZF SF OF */

struct operand {
	bool is_reg;
	int reg;		/* the ModRM reg field, with REX.R */
	int rm;			/* the register, or the base of the address */
	int64_t disp;
	size_t len;		/* ModRM, SIB and displacement bytes */
};

/* x86's register number to its place in user_regs_struct. */
static uint64_t *reg(struct user_regs_struct *r, int n)
{
	uint64_t *const regs[16] = {
		(uint64_t *)&r->rax, (uint64_t *)&r->rcx, (uint64_t *)&r->rdx, (uint64_t *)&r->rbx,
		(uint64_t *)&r->rsp, (uint64_t *)&r->rbp, (uint64_t *)&r->rsi, (uint64_t *)&r->rdi,
		(uint64_t *)&r->r8, (uint64_t *)&r->r9, (uint64_t *)&r->r10, (uint64_t *)&r->r11,
		(uint64_t *)&r->r12, (uint64_t *)&r->r13, (uint64_t *)&r->r14, (uint64_t *)&r->r15,
	};
	return regs[n];
}

static int64_t signed_le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return n == 1 ? (int8_t)v : (int32_t)v;
}

/* The ModRM operand at p (n bytes): false if its form is not one done here. */
static bool modrm(const unsigned char *p, size_t n, int rex, struct operand *o)
{
	int mod, rm, dsize;
	size_t at = 1;

	if (n < 1)
		return false;
	mod = p[0] >> 6;
	rm = p[0] & 7;
	o->reg = ((p[0] >> 3) & 7) | (rex & REX_R ? 8 : 0);
	o->is_reg = mod == 3;
	o->disp = 0;
	if (mod == 3) {
		o->rm = rm | (rex & REX_B ? 8 : 0);
		o->len = 1;
		return true;
	}
	if (mod == 0 || (rm == 4 && (n < 2 || p[1] != 0x24)))	/* no RIP-relative, no index */
		return false;
	if (rm == 4)
		at = 2;
	dsize = mod == 1 ? 1 : 4;
	if (n < at + (size_t)dsize)
		return false;
	o->rm = rm | (rex & REX_B ? 8 : 0);
	o->disp = signed_le(p + at, dsize);
	o->len = at + (size_t)dsize;
	return true;
}

static int parity_even(uint64_t v)
{
	v &= 0xff;
	v ^= v >> 4;
	v ^= v >> 2;
	v ^= v >> 1;
	return !(v & 1);
}

/* rflags after a - b, as cmp and sub set them. */
static uint64_t sub_flags(uint64_t flags, uint64_t a, uint64_t b)
{
	uint64_t d = a - b;

	flags &= ~(uint64_t)FLAGS_ARITH;
	flags |= (a < b) | (uint64_t)parity_even(d) << 2 | (((a ^ b ^ d) >> 4) & 1) << 4 |
		 (uint64_t)(d == 0) << 6 | (d >> 63) << 7 | (((a ^ b) & (a ^ d)) >> 63) << 11;
	return flags;
}

/* The r/m operand's value: 0, or -1 if its memory cannot be read. */
static int rm_value(struct user_regs_struct *r, const struct operand *o, x86_read_fn *read, void *ctx, uint64_t *v)
{
	if (o->is_reg) {
		*v = *reg(r, o->rm);
		return 0;
	}
	return read(ctx, *reg(r, o->rm) + (uint64_t)o->disp, v);
}

size_t x86_entry_do(const unsigned char *insn, size_t n, struct user_regs_struct *r, x86_read_fn *read, void *ctx)
{
	struct operand o;
	uint64_t v;
	int rex;
	size_t len;

	if (n < 3 || (insn[0] & 0xf0) != 0x40 || !(insn[0] & REX_W))
		return 0;
	rex = insn[0] & 0xf;
	if (!modrm(insn + 2, n - 2, rex, &o))
		return 0;
	len = 2 + o.len;
	switch (insn[1]) {
	case 0x3b:	/* cmp r/m, reg */
		if (rm_value(r, &o, read, ctx, &v) < 0)
			return 0;
		r->eflags = sub_flags(r->eflags, *reg(r, o.reg), v);
		break;
	case 0x8b:	/* mov r/m, reg */
		if (rm_value(r, &o, read, ctx, &v) < 0)
			return 0;
		*reg(r, o.reg) = v;
		break;
	case 0x89:	/* mov reg, reg */
		if (!o.is_reg)
			return 0;
		*reg(r, o.rm) = *reg(r, o.reg);
		break;
	case 0x8d:	/* lea */
		if (o.is_reg)
			return 0;
		*reg(r, o.reg) = *reg(r, o.rm) + (uint64_t)o.disp;
		break;
	case 0x83:	/* sub $imm8, reg */
	case 0x81:	/* sub $imm32, reg */
		if (!o.is_reg || (o.reg & 7) != 5 || n < len + (insn[1] == 0x83 ? 1 : 4))
			return 0;
		v = (uint64_t)signed_le(insn + len, insn[1] == 0x83 ? 1 : 4);
		len += insn[1] == 0x83 ? 1 : 4;
		r->eflags = sub_flags(r->eflags, *reg(r, o.rm), v);
		*reg(r, o.rm) -= v;
		break;
	default:
		return 0;
	}
	r->rip += len;
	return len;
}
