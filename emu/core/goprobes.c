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
 * (without cgo) on amd64 only.
 */
static const struct goabi abis[] = {
#define ISA(n) [isa_index_##n] = GOABI_##n,
#define GOABI_x86_64 { { 16, 7, 6, MEM, 18, 14, 0, 1, 2, 5, 4, 8, 0, 1 }, -8, true }
#define GOABI_arm64 { { 32, 31, 29, 30, NONE, 28, 0, 1, 2, 3, 4, 5, 0, 1 }, 0, false }
#define GOABI_riscv64 { { 0, 2, NONE, 1, NONE, 27, 10, 11, 12, 13, 14, 15, 10, 11 }, 0, false }
#define GOABI_s390x { { 16, 15, NONE, 14, NONE, 13, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE }, 0, false }
	CROSSRT_ISAS
#undef ISA
};

bool go_is_exec(const struct elfimage *img)
{
	return elf_sym_byname(img, "runtime.buildVersion") != NULL;
}

static const unsigned char *image_at(const struct elfimage *img, uint64_t vaddr, uint64_t n)
{
	return elf_bytes(img, vaddr, n);
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

static uint32_t word32(const unsigned char *p, bool big)
{
	return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
		   : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/*
 * go1.19's _type on 64-bit: tflag at 0x14, str (a nameOff from
 * runtime.types) at 0x28.  A name is a flags byte, a varint length and
 * the bytes; tflagExtraStar says the name has a '*' that is not the type's.
 */
enum { TYPE_TFLAG = 0x14, TYPE_STR = 0x28, TYPE_SIZE = 0x30, TFLAG_EXTRASTAR = 1 << 1 };

int go_type_name(const struct elfimage *img, const struct gorun *gr, uint64_t addr, char *out, size_t n)
{
	const unsigned char *t, *name;
	uint64_t len = 0, at, start;
	int shift = 0;

	if (addr < gr->types || addr >= gr->etypes || gr->etypes - addr < TYPE_SIZE ||
	    !(t = image_at(img, addr, TYPE_SIZE)))
		return -1;
	at = start = gr->types + word32(t + TYPE_STR, img->arch->big_endian);
	for (int i = 1; i <= 4; i++, shift += 7) {	/* the flags byte, then the varint */
		if (!(name = image_at(img, at + (uint64_t)i, 1)))
			return -1;
		len |= (uint64_t)(*name & 0x7f) << shift;
		if (!(*name & 0x80)) {
			at += (uint64_t)i + 1;
			break;
		}
	}
	if (at == start)
		return -1;
	if (t[TYPE_TFLAG] & TFLAG_EXTRASTAR && len > 0)
		at++, len--;
	if (len == 0 || len >= n || !(name = image_at(img, at, len)))
		return -1;
	for (uint64_t i = 0; i < len; i++)
		if (name[i] < 0x20 || name[i] >= 0x7f || name[i] == '"' || name[i] == '\\')
			return -1;
	memcpy(out, name, len);
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
	const struct elfsym *types, *etypes;

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
	types = elf_sym_byname(img, "runtime.types");
	etypes = elf_sym_byname(img, "runtime.etypes");
	if (types && etypes && types->addr < etypes->addr) {
		gr->types = types->addr;
		gr->etypes = etypes->addr;
	}
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
