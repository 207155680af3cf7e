/*
 * x86_64 under qemu-user: its `-d cpu,fpu` dump (QEMU 7.2) and how its
 * instructions end translation blocks.
 *
 *   RAX=%016lx RBX=... (4 per line) ... RIP=%016lx RFL=%08x [flags] ...
 *   FS =sel base limit flags            (one line per segment)
 *   FCW=%04x FSW=... MXCSR=%08x, x87 FPRn lines, then each xmm register
 *   as YMMnn=w3 w2 w1 w0 (the default CPU), ZMMnn= eight words, or
 *   XMMnn=w1 w0 two to a line
 */
#include <stdio.h>
#include <capstone/capstone.h>
#include "qemu/qemu.h"

static const char *const x86_64_dumpnames[][2] = {
	{ "RAX", "rax" }, { "RBX", "rbx" }, { "RCX", "rcx" }, { "RDX", "rdx" },
	{ "RSI", "rsi" }, { "RDI", "rdi" }, { "RBP", "rbp" }, { "RSP", "rsp" },
	{ "R8", "r8" }, { "R9", "r9" }, { "R10", "r10" }, { "R11", "r11" },
	{ "R12", "r12" }, { "R13", "r13" }, { "R14", "r14" }, { "R15", "r15" },
	{ "RIP", "rip" }, { "RFL", "rflags" },
};
#define NX86 ((int)(sizeof x86_64_dumpnames / sizeof x86_64_dumpnames[0]))

static int init_x86_64(struct qlog *q)
{
	for (int i = 0; i < NX86; i++)
		if (qlog_regindex(q, x86_64_dumpnames[i][1], &q->xidx[i]) < 0)
			return -1;
	q->first = q->xidx[0];
	return qlog_regindex(q, "fs_base", &q->fs);
}

static int x86_64_index(struct qlog *q, const char *name, size_t len)
{
	if (len == 2 && name[0] == 'F' && name[1] == 'S')
		return QIDX_SEGBASE;
	if (len < 2 || len > 3 || name[0] != 'R')
		return QIDX_UNKNOWN;
	for (int i = 0; i < NX86; i++) {
		const char *n = x86_64_dumpnames[i][0];
		if ((n[2] != 0) == (len == 3) && n[1] == name[1] && (len == 2 || n[2] == name[2]))
			return q->xidx[i];
	}
	return QIDX_UNKNOWN;
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

/* XMMnn, YMMnn, ZMMnn: the register number, else -1. */
static int x86_64_vector(const char *name, size_t len)
{
	if (len != 5 || (name[0] != 'X' && name[0] != 'Y' && name[0] != 'Z') || name[1] != 'M' || name[2] != 'M')
		return -1;
	return qxlog_number2(name + 3);
}

static void x86_64_xinit(struct qlog *q)
{
	char name[16];

	for (int i = 0; i < NVEC; i++) {
		snprintf(name, sizeof name, "xmm%d.lo", i);
		q->xlo[i] = arch_xregindex(q->arch, name);
		snprintf(name, sizeof name, "xmm%d.hi", i);
		q->xhi[i] = arch_xregindex(q->arch, name);
	}
}

static const char *x86_64_xvalue(struct qlog *q, const char *name, size_t len, const char *p, const char *end)
{
	int reg = x86_64_vector(name, len);

	return reg >= 0 ? qxlog_vector(q, reg, false, p, end) : qtok_skip(p, end);
}

static enum blockkind x86_64_kind(csh cs, const cs_insn *in)
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
	enum blockkind prev = K_BAD, last_real = K_BAD;
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
	return pc == addr && block_starts(prev, last_real);
}

const struct qisa qemu_x86_64 = {
	.tls_in_dump = true,
	.init = init_x86_64,
	.wanted = x86_64_wanted,
	.index = x86_64_index,
	.ctl = { { "MXCSR", "mxcsr" }, { "FCW", "fcw" } },
	.xinit = x86_64_xinit,
	.xvalue = x86_64_xvalue,
	.starts_block = x86_64_starts_block,
};
