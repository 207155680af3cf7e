/*
 * Go executables.  Their probe points are Go's runtime functions, named
 * exactly (runtime.gogo, never a local label gogo); g is Go's g register
 * and the g/m fields a hit reads come from a table keyed by Go's release,
 * read from runtime.buildVersion.
 */
#include <stdio.h>
#include <string.h>
#include "core/goprobes.h"

#define MEM ROLE_FROM_MEMORY
#define NONE ROLE_NONE

/* runtime2.go's g and m on 64-bit ISAs, checked with gdb on go1.19.8 (amd64, arm64, riscv64). */
static const struct golayout layouts[] = {
	{ "go1.19", 0x0, 0x8, 0x20, 0x28, 0x30, 0x98, 0xe8 },
};

/*
 * By crossrt's ISA index: archdesc's role_reg for Go code (indices into
 * the ISA's raw registers, isa/ARCH.c).  amd64: g in R14 in ABIInternal code (and always
 * at fs_base-8), arguments in RAX RBX RCX RDI RSI R8; arm64: g in R28,
 * arguments in R0..; riscv64: g in X27, arguments in X10..; s390x: g in
 * R13, and Go 1.19 passes arguments on the stack there (ABI0): none.
 * Go keeps a frame pointer on amd64 and arm64 only, and a thread pointer
 * (without cgo) on amd64 only.  Its heap grows from 0x00c0<<32, on arm64
 * from 0x0040<<32 (mallocinit's arena hints on linux).
 */
static const struct goabi abis[] = {
#define ISA(n) [isa_index_##n] = GOABI_##n,
#define GOABI_x86_64 { { 16, 7, 6, MEM, 18, 14, 0, 1, 2, 5, 4, 8, 0, 1 }, -8, true, 0xc000000000 }
#define GOABI_arm64 { { 32, 31, 29, 30, NONE, 28, 0, 1, 2, 3, 4, 5, 0, 1 }, 0, false, 0x4000000000 }
#define GOABI_riscv64 { { 0, 2, NONE, 1, NONE, 27, 10, 11, 12, 13, 14, 15, 10, 11 }, 0, false, 0xc000000000 }
#define GOABI_s390x { { 16, 15, NONE, 14, NONE, 13, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE }, 0, false, 0xc000000000 }
	CROSSRT_ISAS
#undef ISA
};

bool go_is_exec(const struct elfimage *img)
{
	return elf_sym_byname(img, "runtime.buildVersion") != NULL;
}

/* n bytes of the program's initialised data at vaddr, or NULL. */
static const unsigned char *image_at(const struct elfimage *img, uint64_t vaddr, uint64_t n)
{
	for (int i = 0; i < img->nseg; i++) {
		const struct elfseg *s = &img->seg[i];
		if (vaddr >= s->vaddr && vaddr - s->vaddr <= s->filesz && n <= s->filesz - (vaddr - s->vaddr) &&
		    s->offset + s->filesz <= img->size)
			return img->data + s->offset + (vaddr - s->vaddr);
	}
	return NULL;
}

static uint64_t word(const unsigned char *p, bool big)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v |= (uint64_t)p[big ? 7 - i : i] << (8 * i);
	return v;
}

int go_string_at(const struct elfimage *img, uint64_t addr, char *out, size_t n)
{
	const unsigned char *hdr = image_at(img, addr, 16), *text;
	uint64_t len;

	if (!hdr)
		return -1;
	len = word(hdr + 8, img->arch->big_endian);
	if (len == 0 || len >= n || !(text = image_at(img, word(hdr, img->arch->big_endian), len)))
		return -1;
	for (uint64_t i = 0; i < len; i++)
		if (text[i] < 0x20 || text[i] >= 0x7f || text[i] == '"' || text[i] == '\\')
			return -1;
	memcpy(out, text, len);
	out[len] = 0;
	return 0;
}

/* runtime.buildVersion: a Go string. */
static int build_version(const struct elfimage *img, char *out, size_t n)
{
	const struct elfsym *s = elf_sym_byname(img, "runtime.buildVersion");

	return s ? go_string_at(img, s->addr, out, n) : -1;
}

/* "go1.19" matches go1.19 and go1.19.8, not go1.190. */
static bool release_is(const char *version, const char *release)
{
	size_t n = strlen(release);

	return !strncmp(version, release, n) && (version[n] == 0 || version[n] == '.');
}

int go_resolve(const struct elfimage *img, struct gorun *gr, char *err, size_t errlen)
{
	memset(gr, 0, sizeof *gr);
	if (build_version(img, gr->version, sizeof gr->version) != 0) {
		snprintf(err, errlen, "a Go executable whose runtime.buildVersion cannot be read");
		return -1;
	}
	for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
		if (release_is(gr->version, layouts[i].version))
			gr->layout = &layouts[i];
	if (!gr->layout) {
		snprintf(err, errlen, "built by Go %s: crossrt knows the runtime layout of go1.19 only", gr->version);
		return -1;
	}
	gr->abi = &abis[img->arch->id];
	return 0;
}

void go_hit(const struct gorun *go, uint64_t tls, go_read_fn *read, void *ctx, struct hit *h)
{
	const struct golayout *l = go->layout;
	uint64_t goid, mp, mid;

	if (go->abi->has_tls_g) {
		if (read(ctx, tls + (uint64_t)go->abi->g_tls, &h->gptr) != 0)
			return;
	} else {
		h->gptr = h->regs[go->abi->role_reg[R_G]];
	}
	h->known |= HIT_G;
	if (h->gptr == 0 || read(ctx, h->gptr + l->g_goid, &goid) != 0)
		return;
	h->goid = (int64_t)goid;
	h->m = -1;
	if (read(ctx, h->gptr + l->g_m, &mp) == 0 && mp && read(ctx, mp + l->m_id, &mid) == 0)
		h->m = (int64_t)mid;
	h->known |= HIT_GOID;
	if (read(ctx, h->gptr + l->g_stack_lo, &h->stack_lo) == 0 &&
	    read(ctx, h->gptr + l->g_stack_hi, &h->stack_hi) == 0)
		h->known |= HIT_GSTACK;
}
