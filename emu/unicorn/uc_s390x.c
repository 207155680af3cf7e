/*
 * s390x under Unicorn: register ids, svc, program interruptions, the
 * registers 2.0.1's API cannot reach, and the rt_sigframe
 * (arch/s390/kernel/signal.c): a 160-byte save area with the backchain,
 * svc_insn +160, siginfo +168, ucontext +296 (uc_mcontext +40: psw mask,
 * psw addr, gprs[16] +56, acrs[16] +184, fpc +248, fprs[16] +256;
 * uc_sigmask +384; _sigregs_ext +512), 1320 bytes.
 *
 * Unicorn 2.0.1 reads and writes UC_S390X_REG_A0..A15 as the general
 * registers, and has no id for the FP control register, so a0:a1 (the
 * thread pointer) and fpc are read and written in a saved uc_context,
 * at offsets found when the CPU is set up: a stub of ours sets them to
 * known values with sar and sfpc, then reads back with ear and efpc
 * values written there.  The stub runs before any hook is installed and
 * on a page that is gone before the guest starts.  The CPU runs in
 * supervisor state: the same stub switches on the additional FP
 * registers in control register 0, as Linux does for user space.
 */
#include <string.h>
#include "unicorn/uc.h"
#include "unicorn/uc_fastwrite.h"

#define S(n) UC_S390X_REG_##n
#define REG_TP		UCREG_PSEUDO(0)		/* a0 << 32 | a1 */
#define REG_FPC		UCREG_PSEUDO(1)
#define REG_F(i)	UCREG_PSEUDO(2 + (i))	/* f0-f15 */

#define SZ_FRAME	1320
#define SZ_UC		296
#define SZ_INFO		168
#define SZ_SVC		160
#define UC_SIGMASK	384
#define MC		(SZ_UC + 40)
#define PSW_USER	0x00003f0000000000ULL	/* condition code, program mask */
#define PSW_64BIT	0x0000000180000000ULL	/* EA, BA: as qemu-user and Linux run user code */
#define CR0_FP		0x0000000000060000ULL	/* AFP and vector registers usable */

PAGE_COLLECTION_OVERRIDE(s390x)

/* Where a saved uc_context holds the access registers, fpc and f0 (found by cpu_init). */
static struct {
	size_t acrs, fpc, fprs;		/* f(i) is the 64-bit word at fprs + 16 * i */
	uc_context *ctx;
} cpu;

static uint32_t ctx_get32(size_t off)
{
	uint32_t v;

	memcpy(&v, (const unsigned char *)cpu.ctx + off, 4);
	return v;
}

static void ctx_put32(size_t off, uint32_t v)
{
	memcpy((unsigned char *)cpu.ctx + off, &v, 4);
}

static uint64_t ctx_get64(size_t off)
{
	uint64_t v;

	memcpy(&v, (const unsigned char *)cpu.ctx + off, 8);
	return v;
}

static void ctx_put64(size_t off, uint64_t v)
{
	memcpy((unsigned char *)cpu.ctx + off, &v, 8);
}

/* A pseudo-register in the saved context cpu.ctx. */
static uint64_t ctx_reg(int id)
{
	if (id == REG_TP)
		return (uint64_t)ctx_get32(cpu.acrs) << 32 | ctx_get32(cpu.acrs + 4);
	if (id == REG_FPC)
		return ctx_get32(cpu.fpc);
	return ctx_get64(cpu.fprs + 16 * (size_t)(id - REG_F(0)));
}

static void ctx_set_reg(int id, uint64_t v)
{
	if (id == REG_TP) {
		ctx_put32(cpu.acrs, (uint32_t)(v >> 32));
		ctx_put32(cpu.acrs + 4, (uint32_t)v);
	} else if (id == REG_FPC) {
		ctx_put32(cpu.fpc, (uint32_t)v);
	} else {
		ctx_put64(cpu.fprs + 16 * (size_t)(id - REG_F(0)), v);
	}
}

static uint64_t s390x_pseudo_get(struct ucrun *r, int id)
{
	uc_context_save(r->uc, cpu.ctx);
	return ctx_reg(id);
}

static void s390x_pseudo_set(struct ucrun *r, int id, uint64_t v)
{
	uc_context_save(r->uc, cpu.ctx);
	ctx_set_reg(id, v);
	uc_context_restore(r->uc, cpu.ctx);
}

/*
 * The stub: CR0 |= r6 through the word at r1 (stctg, lg, ogr, stg,
 * lctlg, r7 the scratch), then at STUB_SET sar a0,r2; sar a1,r3; sfpc r4;
 * ldgr f0,r5; ldgr f15,r5, at STUB_GET ear r2,a0; ear r3,a1; efpc r4;
 * lgdr r5,f0, ending at STUB_END.
 */
static const unsigned char stub[] = {
	0xeb, 0x00, 0x10, 0x00, 0x00, 0x25, 0xe3, 0x70, 0x10, 0x00, 0x00, 0x04,
	0xb9, 0x81, 0x00, 0x76, 0xe3, 0x70, 0x10, 0x00, 0x00, 0x24, 0xeb, 0x00,
	0x10, 0x00, 0x00, 0x2f,
	0xb2, 0x4e, 0x00, 0x02, 0xb2, 0x4e, 0x00, 0x13, 0xb3, 0x84, 0x00, 0x40,
	0xb3, 0xc1, 0x00, 0x05, 0xb3, 0xc1, 0x00, 0xf5,
	0xb2, 0x4f, 0x00, 0x20, 0xb2, 0x4f, 0x00, 0x31, 0xb3, 0x8c, 0x00, 0x40,
	0xb3, 0xcd, 0x00, 0x50,
};
#define STUB_SET	28
#define STUB_GET	48
#define STUB_END	64
#define STUB_DATA	0x800
#define NSTUB		4		/* r2-r5 in and out */

static int stub_run(struct ucrun *r, uint64_t at, int from, int to, const uint64_t *in, uint64_t *out)
{
	for (int i = 0; i < NSTUB; i++)
		reg_set(r, S(R2) + i, in ? in[i] : 0);
	if (uc_emu_start(r->uc, at + (uint64_t)from, at + (uint64_t)to, 0, 0) != UC_ERR_OK ||
	    uc_pc(r) != at + (uint64_t)to)
		return -1;
	for (int i = 0; i < NSTUB; i++) {
		if (out)
			out[i] = reg_get(r, S(R2) + i);
		reg_set(r, S(R2) + i, 0);
	}
	uc_context_save(r->uc, cpu.ctx);
	return 0;
}

#define NCAND 8

/* Up to NCAND offsets where the saved context holds v0 (then v1, if pair) as host words of width bytes. */
static size_t candidates(size_t size, int width, uint64_t v0, bool pair, uint32_t v1, size_t *off)
{
	size_t k = 0;

	for (size_t i = 0; i + 8 <= size && k < NCAND; i += (size_t)width) {
		uint64_t w = width == 8 ? ctx_get64(i) : ctx_get32(i);
		if (w == v0 && (!pair || ctx_get32(i + 4) == v1))
			off[k++] = i;
	}
	return k;
}

/* The first offset of both lists, or 0 (the context's header is never one). */
static size_t common(const size_t *x, size_t nx, const size_t *y, size_t ny)
{
	for (size_t i = 0; i < nx; i++)
		for (size_t j = 0; j < ny; j++)
			if (x[i] == y[j])
				return x[i];
	return 0;
}

static bool listed(const size_t *x, size_t nx, size_t off)
{
	for (size_t i = 0; i < nx; i++)
		if (x[i] == off)
			return true;
	return false;
}

/* Run the stub with v (a0, a1, fpc, f0 = f15): where the context holds each. */
static int stub_find(struct ucrun *r, uint64_t at, int from, const uint64_t *v, size_t size,
		     size_t (*off)[NCAND], size_t *n)
{
	if (stub_run(r, at, from, STUB_GET, v, NULL) < 0)
		return -1;
	n[0] = candidates(size, 4, v[0], true, (uint32_t)v[1], off[0]);
	n[1] = candidates(size, 4, v[2], false, 0, off[1]);
	n[2] = candidates(size, 8, v[3], false, 0, off[2]);
	return 0;
}

static int find_offsets(struct ucrun *r, uint64_t at)
{
	static const uint64_t v1[NSTUB] = { 0x5eed0a00, 0x5eed0a01, 0x40000002, 0x5eedf00000000001 };
	static const uint64_t v2[NSTUB] = { 0x0a005eed, 0x0a015eed, 0x10000001, 0x0000f0005eed0002 };
	static const uint64_t v3[NSTUB] = { 0x600d0a00, 0x600d0a01, 0x20000003, 0x600df00000000003 };
	size_t size = uc_context_size(r->uc), o1[3][NCAND], o2[3][NCAND], n1[3], n2[3];
	uint64_t back[NSTUB];

	if (stub_find(r, at, 0, v1, size, o1, n1) < 0 || stub_find(r, at, STUB_SET, v2, size, o2, n2) < 0)
		return -1;
	cpu.acrs = common(o1[0], n1[0], o2[0], n2[0]);
	cpu.fpc = common(o1[1], n1[1], o2[1], n2[1]);
	cpu.fprs = common(o1[2], n1[2], o2[2], n2[2]);
	if (!cpu.acrs || !cpu.fpc || !cpu.fprs || !listed(o2[2], n2[2], cpu.fprs + 16 * 15))
		return -1;
	/* written in the context, read back by the CPU */
	uc_context_save(r->uc, cpu.ctx);
	ctx_set_reg(REG_TP, v3[0] << 32 | v3[1]);
	ctx_set_reg(REG_FPC, v3[2]);
	ctx_set_reg(REG_F(0), v3[3]);
	uc_context_restore(r->uc, cpu.ctx);
	if (stub_run(r, at, STUB_GET, STUB_END, NULL, back) < 0 || memcmp(back, v3, sizeof back))
		return -1;
	uc_context_save(r->uc, cpu.ctx);
	for (int id = REG_TP; id <= REG_F(15); id++)
		ctx_set_reg(id, 0);
	uc_context_restore(r->uc, cpu.ctx);
	return 0;
}

static int s390x_cpu_init(struct ucrun *r)
{
	uint64_t at = r->ua->task_size - PAGE;
	int err;

	reg_set(r, S(PSWM), PSW_64BIT);
	if (!cpu.ctx && uc_context_alloc(r->uc, &cpu.ctx) != UC_ERR_OK)
		return -1;
	if (uc_mem_map(r->uc, at, PAGE, UC_PROT_ALL) != UC_ERR_OK)
		return -1;
	err = uc_mem_write(r->uc, at, stub, sizeof stub) == UC_ERR_OK ? 0 : -1;
	reg_set(r, S(R1), at + STUB_DATA);
	reg_set(r, S(R6), CR0_FP);
	if (err == 0)
		err = find_offsets(r, at);
	for (int i = 0; i <= 7; i++)
		reg_set(r, S(R0) + i, 0);
	uc_mem_unmap(r->uc, at, PAGE);
	return err;
}

static bool s390x_syscall_intr(uint32_t intno)
{
	return intno == 2;		/* EXCP_SVC */
}

/* svc 0 takes the number from r1, svc N (N < 256) is call N; the pc is past the svc. */
static int64_t s390x_syscall_number(struct ucrun *r)
{
	unsigned char b[2];

	if (vm_peek(r, uc_pc(r) - 2, b, 2) < 0 || b[1] == 0)
		return (int64_t)reg_get(r, S(R1));
	return b[1];
}

/* The instruction's length, from the two high bits of its first byte. */
static uint64_t insn_len(unsigned char b0)
{
	return b0 < 0x40 ? 2 : b0 < 0xc0 ? 4 : 6;
}

/* d, dr, dl, dlr, dlg, dlgr, dsg, dsgr, dsgf, dsgfr */
static bool is_divide(const unsigned char *b)
{
	if (b[0] == 0x1d || b[0] == 0x5d)
		return true;
	if (b[0] == 0xb9)
		return b[1] == 0x0d || b[1] == 0x1d || b[1] == 0x87 || b[1] == 0x97;
	if (b[0] == 0xe3)
		return b[5] == 0x0d || b[5] == 0x1d || b[5] == 0x87 || b[5] == 0x97;
	return false;
}

/*
 * A program interruption (EXCP_PGM), the pc on the instruction (a fetch
 * from an unmapped page arrives here too).  Its interruption code is not
 * readable: the instruction says which it was.
 * Linux reports the PSW past the instruction (suppression) and si_addr
 * on it.
 */
static void s390x_exception(struct ucrun *r, uint32_t intno, uint64_t pc)
{
	unsigned char b[6] = { 0 };
	uint64_t next;

	if (intno != 3) {
		fault_set(r, LX_SIGSEGV, LX_SEGV_ACCERR, pc, 0, pc);
		return;
	}
	if (!vm_ok(r, pc, 2, UC_PROT_EXEC) || vm_peek(r, pc, b, 2) < 0) {
		/* an instruction fetch from where there is no code: its page */
		fault_set(r, LX_SIGSEGV, vm_find(r, pc) ? LX_SEGV_ACCERR : LX_SEGV_MAPERR, pc, pc & ~(PAGE - 1), pc);
		return;
	}
	next = pc + insn_len(b[0]);
	if (insn_len(b[0]) > 2)
		vm_peek(r, pc, b, (size_t)insn_len(b[0]));
	if (is_divide(b))
		fault_set(r, LX_SIGFPE, LX_FPE_INTDIV, pc, pc, next);
	else
		fault_set(r, LX_SIGILL, LX_ILL_ILLOPC, pc, pc, next);
}

static void save_sigregs(struct ucrun *r, const struct sigdelivery *d, unsigned char *mc)
{
	uint64_t tp;

	uc_context_save(r->uc, cpu.ctx);
	tp = ctx_reg(REG_TP);
	put64(r, mc + 0, reg_get(r, S(PSWM)));
	put64(r, mc + 8, d->pc);
	for (int i = 0; i < 16; i++)
		put64(r, mc + 16 + 8 * i, reg_get(r, S(R0) + i));
	put32(r, mc + 144, (uint32_t)(tp >> 32));
	put32(r, mc + 148, (uint32_t)tp);
	for (int i = 2; i < 16; i++)
		put32(r, mc + 144 + 4 * i, ctx_get32(cpu.acrs + 4 * (size_t)i));
	put32(r, mc + 208, (uint32_t)ctx_reg(REG_FPC));
	for (int i = 0; i < 16; i++)
		put64(r, mc + 216 + 8 * i, ctx_reg(REG_F(i)));
}

/* svc 173 (rt_sigreturn), then two bytes never reached */
static const uint32_t s390x_sigtramp[] = { 0x0aad0000 };

static int s390x_push(struct ucrun *r, const struct sigdelivery *d)
{
	unsigned char fr[SZ_FRAME];
	uint64_t frame = (frame_base(d, 0) - SZ_FRAME) & ~7ULL;
	bool restorer = d->act->flags & LX_SA_RESTORER;

	if (!frame_fits(d, frame))
		return -1;
	memset(fr, 0, sizeof fr);
	put64(r, fr, d->sp);			/* the backchain */
	if (!restorer)
		put16(r, fr + SZ_SVC, 0x0aad);	/* svc 173 (rt_sigreturn) */
	siginfo_encode(r, d->info, fr + SZ_INFO);
	ucontext_common(r, d, fr + SZ_UC, 0, UC_SIGMASK);
	save_sigregs(r, d, fr + MC);
	if (vm_write(r, frame, fr, sizeof fr) < 0)
		return -1;
	reg_set(r, S(R2), (uint64_t)d->sig);
	reg_set(r, S(R3), frame + SZ_INFO);
	reg_set(r, S(R4), frame + SZ_UC);
	reg_set(r, S(R5), 0);
	/* the vdso's rt_sigreturn, as Linux gives it, not the svc in the frame: a stack need not be executable */
	reg_set(r, S(R14), restorer ? d->act->restorer : sigpage_get(r));
	reg_set(r, S(R15), frame);
	uc_set_pc(r, d->act->handler);
	return 0;
}

static int s390x_pop(struct ucrun *r, uint64_t *mask)
{
	unsigned char fr[SZ_FRAME];
	uint64_t frame = reg_get(r, S(R15));
	const unsigned char *mc = fr + MC;
	uint64_t pswm = reg_get(r, S(PSWM));

	if (vm_read(r, frame, fr, sizeof fr) < 0)
		return -1;
	reg_set(r, S(PSWM), (pswm & ~PSW_USER) | (get64(r, mc + 0) & PSW_USER));
	uc_set_pc(r, get64(r, mc + 8));
	for (int i = 0; i < 16; i++)
		reg_set(r, S(R0) + i, get64(r, mc + 16 + 8 * i));
	uc_context_save(r->uc, cpu.ctx);
	for (int i = 0; i < 16; i++) {
		ctx_set_reg(REG_F(i), get64(r, mc + 216 + 8 * i));
		ctx_put32(cpu.acrs + 4 * (size_t)i, get32(r, mc + 144 + 4 * i));
	}
	ctx_set_reg(REG_FPC, get32(r, mc + 208));
	uc_context_restore(r->uc, cpu.ctx);
	*mask = get64(r, fr + SZ_UC + UC_SIGMASK);
	return 0;
}

const struct ucarch uc_s390x = {
	.arch = UC_ARCH_S390X, .mode = UC_MODE_BIG_ENDIAN,
	.pc = S(PC), .sp = S(R15), .tls = REG_TP, .nr = S(R1), .ret = S(R2),
	.arg = { S(R2), S(R3), S(R4), S(R5), S(R6), S(R7) },
	.nhit = 19,
	.hit = { S(R0), S(R1), S(R2), S(R3), S(R4), S(R5), S(R6), S(R7), S(R8), S(R9),
		 S(R10), S(R11), S(R12), S(R13), S(R14), S(R15), S(PC), S(PSWM), REG_TP },
	.vec = REG_F(0), .nvec = 16, .veclen = 8, .nctl = 1, .ctl = { REG_FPC },
	.task_size = 0x20000000000000ULL,
	.stack_base = 0x4000000000ULL,
	.stop_at_blocks = true,
	.cpu_init = s390x_cpu_init,
	.pseudo_get = s390x_pseudo_get, .pseudo_set = s390x_pseudo_set,
	.syscall_intr = s390x_syscall_intr,
	.syscall_resume = 2,
	.syscall_number = s390x_syscall_number,
	.exception = s390x_exception,
	.segv_addr_mask = ~(PAGE - 1),
	.sigframe_push = s390x_push, .sigframe_pop = s390x_pop,
	.sigtramp = s390x_sigtramp, .nsigtramp = 1, .sigtramp_lazy = true,
};
