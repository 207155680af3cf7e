/*
 * Go executables.  Their probe points are Go's runtime functions, named
 * exactly (runtime.gogo, never a local label gogo); g is Go's g register
 * and the g/m fields a hit reads come from a table keyed by Go's release,
 * read from runtime.buildVersion.
 */
#include <stdio.h>
#include <string.h>
#include "core/gobuildinfo.h"
#include "core/godwarf.h"
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
	return img->gobuildinfo.size || elf_sym_byname(img, "runtime.buildVersion") != NULL;
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

/* runtime.buildVersion, or where it is stripped the release .go.buildinfo names. */
static int build_version(const struct elfimage *img, char *out, size_t n, char *err, size_t errlen)
{
	const struct elfsym *s = elf_sym_byname(img, "runtime.buildVersion");
	struct gobuildinfo bi;

	if (s && go_string_at(img, s->addr, out, n) == 0)
		return 0;
	if (img->gobuildinfo.size == 0) {
		snprintf(err, errlen, "a Go executable whose runtime.buildVersion cannot be read");
		return -1;
	}
	if (go_buildinfo_parse(img->data + img->gobuildinfo.offset, img->gobuildinfo.size, &bi, err, errlen) != 0)
		return -1;
	if (bi.version[0]) {
		snprintf(out, n, "%s", bi.version);
		return 0;
	}
	if (go_string_at(img, bi.version_ptr, out, n) == 0)
		return 0;
	snprintf(err, errlen, ".go.buildinfo: the version at 0x%llx cannot be read", (unsigned long long)bi.version_ptr);
	return -1;
}

/* "go1.19" matches go1.19 and go1.19.8, not go1.190. */
static bool release_is(const char *version, const char *release)
{
	size_t n = strlen(release);

	return !strncmp(version, release, n) && (version[n] == 0 || version[n] == '.');
}

/* crossrt's table's entry for the release, or NULL. */
static const struct golayout *table_layout(const char *version)
{
	for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
		if (release_is(version, layouts[i].version))
			return &layouts[i];
	return NULL;
}

int go_resolve(const struct elfimage *img, struct gorun *gr, char *err, size_t errlen)
{
	const struct elfsym *types, *etypes;
	int rc;

	memset(gr, 0, sizeof *gr);
	if (build_version(img, gr->version, sizeof gr->version, err, errlen) != 0)
		return -1;
	gr->abi = &abis[img->arch->id];
	types = elf_sym_byname(img, "runtime.types");
	etypes = elf_sym_byname(img, "runtime.etypes");
	if (types && etypes && types->addr < etypes->addr) {
		gr->types = types->addr;
		gr->etypes = etypes->addr;
	}
	if ((rc = go_dwarf_layout(img, &gr->dwarf, err, errlen)) < 0)
		return -1;
	if (rc == 0) {
		gr->dwarf.version = gr->version;
		gr->layout = &gr->dwarf;
		snprintf(gr->layout_from, sizeof gr->layout_from, "DWARF");
		return 0;
	}
	if (!(gr->layout = table_layout(gr->version))) {
		snprintf(err, errlen, "built by Go %s without DWARF: crossrt knows the runtime layout of go1.19 only",
			 gr->version);
		return -1;
	}
	snprintf(gr->layout_from, sizeof gr->layout_from, "the %s table", gr->layout->version);
	return 0;
}

/*
 * Argument word k at a function's entry: in ABIInternal's register, or
 * where ABI0 passes it (s390x, and what mcall passes its fn there): on
 * the stack past the return address (amd64) or the caller's saved-link
 * slot (the link-register ISAs), at sp+8+8k.
 */
static int go_arg(const struct gorun *go, const struct hit *h, int k, go_read_fn *read, void *ctx, uint64_t *v)
{
	int reg = go->abi->role_reg[R_A0 + k];

	if (reg != ROLE_NONE) {
		*v = h->regs[reg];
		return 0;
	}
	return read(ctx, h->regs[go->abi->role_reg[R_SP]] + 8 + 8 * (uint64_t)k, v);
}

/*
 * g._defer and g._panic, the heads of the chains gopanic walks; recovery
 * runs on g0 (through mcall) with the goroutine it recovers as argument,
 * whose chains are read instead.  At gopanic, its argument: the panic value.
 */
static void go_chain(const struct gorun *go, go_read_fn *read, void *ctx, struct hit *h)
{
	uint64_t gp = h->gptr;

	if (h->probe == go->recovery_probe && go_arg(go, h, 0, read, ctx, &gp) != 0)
		return;
	if (gp && read(ctx, gp + go->layout->g_defer, &h->gdefer) == 0 &&
	    read(ctx, gp + go->layout->g_panic, &h->gpanic) == 0)
		h->known |= HIT_GCHAIN;
	if (h->probe == go->panic_probe && go_arg(go, h, 0, read, ctx, &h->goval[0]) == 0 &&
	    go_arg(go, h, 1, read, ctx, &h->goval[1]) == 0)
		h->known |= HIT_GOVAL;
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
	go_chain(go, read, ctx, h);
	if (read(ctx, h->gptr + l->g_stack_lo, &h->stack_lo) == 0 &&
	    read(ctx, h->gptr + l->g_stack_hi, &h->stack_hi) == 0)
		h->known |= HIT_GSTACK;
}
