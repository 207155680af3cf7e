/*
 * Go executables without symbols: .gopclntab's function table and
 * .go.buildinfo's release, from small tables built here in either byte
 * order, and malformed ones (cut short, a bad magic, offsets out of
 * range); the layout a release without DWARF gets; and the first
 * instructions of Go's functions that the native engine does itself.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "core/gobuildinfo.h"
#include "core/gopclntab.h"
#include "core/goprobes.h"
#include "native/x86_entry.h"

enum { NAMES = 0x48, FUNCTAB = 0x60, TABSIZE = FUNCTAB + 0x14 + 16 };
#define TEXT 0x401000ull

struct tab {
	unsigned char b[TABSIZE];
	bool big;
};

static void put(struct tab *t, size_t off, uint64_t v, int size)
{
	for (int i = 0; i < size; i++)
		t->b[off + (size_t)(t->big ? size - 1 - i : i)] = (unsigned char)(v >> (8 * i));
}

/* Two functions: main.a at TEXT (0x20 bytes) and runtime.gogo after it (0x30). */
static void build(struct tab *t, bool big)
{
	memset(t, 0, sizeof *t);
	t->big = big;
	put(t, 0, 0xfffffff0u, 4);
	t->b[6] = 1;
	t->b[7] = 8;
	put(t, 8, 2, 8);			/* nfunc */
	put(t, 8 + 2 * 8, TEXT, 8);		/* textStart */
	put(t, 8 + 3 * 8, NAMES, 8);		/* funcnameOffset */
	put(t, 8 + 7 * 8, FUNCTAB, 8);		/* pclnOffset */
	memcpy(t->b + NAMES, "main.a\0runtime.gogo", 20);
	put(t, FUNCTAB, 0, 4);
	put(t, FUNCTAB + 4, 0x14, 4);
	put(t, FUNCTAB + 8, 0x20, 4);
	put(t, FUNCTAB + 12, 0x1c, 4);
	put(t, FUNCTAB + 16, 0x50, 4);		/* the end of the text */
	put(t, FUNCTAB + 0x14, 0, 4);		/* _func: entryOff, nameOff */
	put(t, FUNCTAB + 0x18, 0, 4);
	put(t, FUNCTAB + 0x1c, 0x20, 4);
	put(t, FUNCTAB + 0x20, 7, 4);
}

static void free_syms(struct elfsym *s, int n)
{
	for (int i = 0; i < n; i++)
		free(s[i].name);
	free(s);
}

static void check_funcs(bool big)
{
	struct tab t;
	struct elfsym *s;
	int n;
	char err[160] = "";

	build(&t, big);
	assert_int_equal(gopclntab_syms(t.b, sizeof t.b, big, &s, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].name, "main.a");
	assert_int_equal(s[0].addr, TEXT);
	assert_int_equal(s[0].size, 0x20);
	assert_true(s[0].func);
	assert_string_equal(s[1].name, "runtime.gogo");
	assert_int_equal(s[1].addr, TEXT + 0x20);
	assert_int_equal(s[1].size, 0x30);
	free_syms(s, n);
}

static void pclntab_little(void **state)
{
	(void)state;
	check_funcs(false);
}

static void pclntab_big(void **state)
{
	(void)state;
	check_funcs(true);
}

/* The table as damaged by damage, cut to n bytes, must be refused with a reason holding why. */
static void refused(void (*damage)(struct tab *), size_t n, const char *why)
{
	struct tab t;
	struct elfsym *s = (struct elfsym *)1;
	int count = -1;
	char err[160] = "";

	build(&t, false);
	if (damage)
		damage(&t);
	assert_int_equal(gopclntab_syms(t.b, n, false, &s, &count, err, sizeof err), -1);
	assert_null(s);
	assert_int_equal(count, 0);
	if (!strstr(err, why))
		fail_msg("\"%s\" does not say \"%s\"", err, why);
}

static void bad_magic(struct tab *t) { put(t, 0, 0xfffffffbu, 4); }
static void bad_ptrsize(struct tab *t) { t->b[7] = 4; }
static void functab_out(struct tab *t) { put(t, 8 + 7 * 8, TABSIZE - 8, 8); }
static void names_out(struct tab *t) { put(t, 8 + 3 * 8, TABSIZE, 8); }
static void too_many(struct tab *t) { put(t, 8, 1ull << 40, 8); }
static void funcoff_out(struct tab *t) { put(t, FUNCTAB + 12, 0xfffffff0u, 4); }
static void nameoff_out(struct tab *t) { put(t, FUNCTAB + 0x20, 0x7fffffff, 4); }
static void out_of_order(struct tab *t) { put(t, FUNCTAB + 16, 0x10, 4); }

static void pclntab_malformed(void **state)
{
	(void)state;
	refused(NULL, 0, "truncated header");
	refused(NULL, 40, "truncated header");
	refused(bad_magic, TABSIZE, "magic 0xfffffffb");
	refused(bad_ptrsize, TABSIZE, "pointer size 4");
	refused(NULL, FUNCTAB + 10, "does not fit");
	refused(functab_out, TABSIZE, "does not fit");
	refused(names_out, TABSIZE, "past its end");
	refused(too_many, TABSIZE, "does not fit");
	refused(funcoff_out, TABSIZE, "function 1");
	refused(nameoff_out, TABSIZE, "function 1");
	refused(out_of_order, TABSIZE, "not in address order");
}

/* A .go.buildinfo of Go 1.18 and later: the version inline after the header. */
static size_t buildinfo(unsigned char *b, const char *version)
{
	size_t n = strlen(version);

	memset(b, 0, 64);
	memcpy(b, "\xff Go buildinf:", 14);
	b[14] = 8;
	b[15] = 2;
	b[32] = (unsigned char)n;
	memcpy(b + 33, version, n);
	b[33 + n] = 0;	/* modinfo, empty */
	return 34 + n;
}

static void buildinfo_inline(void **state)
{
	unsigned char b[64];
	struct gobuildinfo bi;
	char err[160] = "";
	size_t n = buildinfo(b, "go1.19.8");

	(void)state;
	assert_int_equal(go_buildinfo_parse(b, n, &bi, err, sizeof err), 0);
	assert_string_equal(bi.version, "go1.19.8");
	assert_int_equal(bi.version_ptr, 0);
}

static void buildinfo_pointers(void **state)
{
	unsigned char b[64];
	struct gobuildinfo bi;
	char err[160] = "";

	(void)state;
	buildinfo(b, "");
	b[15] = 1;	/* big-endian, pointers */
	memcpy(b + 16, "\0\0\0\0\0\x52\x00\x10", 8);
	assert_int_equal(go_buildinfo_parse(b, 32, &bi, err, sizeof err), 0);
	assert_string_equal(bi.version, "");
	assert_int_equal(bi.version_ptr, 0x520010);
	assert_true(bi.big);
}

static void buildinfo_refused(const unsigned char *b, size_t n, const char *why)
{
	struct gobuildinfo bi;
	char err[160] = "";

	assert_int_equal(go_buildinfo_parse(b, n, &bi, err, sizeof err), -1);
	if (!strstr(err, why))
		fail_msg("\"%s\" does not say \"%s\"", err, why);
}

static void buildinfo_malformed(void **state)
{
	unsigned char b[64];
	size_t n = buildinfo(b, "go1.19.8");

	(void)state;
	buildinfo_refused(b, 31, "truncated header");
	buildinfo_refused(b, 36, "past the section's end");
	b[32] = 0x80;		/* a varint that never ends */
	buildinfo_refused(b, 33, "past the section's end");
	b[32] = 0;
	buildinfo_refused(b, n, "of 0 bytes");
	b[32] = 8;
	b[35] = '\n';
	buildinfo_refused(b, n, "not printable");
	b[14] = 3;
	buildinfo_refused(b, n, "pointer size 3");
	b[1] = 'g';
	buildinfo_refused(b, n, "bad magic");
	buildinfo(b, "");
	b[15] = 0;
	buildinfo_refused(b, 32, "no version");
}

/* A program that is .go.buildinfo alone: no DWARF, so the release's table or an error naming it. */
static int resolve(const char *version, struct gorun *gr, char *err, size_t errlen)
{
	unsigned char b[64];
	struct elfimage img;

	memset(&img, 0, sizeof img);
	img.arch = arch_byname("x86_64");
	img.data = b;
	img.size = buildinfo(b, version);
	img.gobuildinfo.size = img.size;
	return go_resolve(&img, gr, err, errlen);
}

static void layout_by_release(void **state)
{
	struct gorun gr;
	char err[160] = "";

	(void)state;
	assert_int_equal(resolve("go1.19.8", &gr, err, sizeof err), 0);
	assert_string_equal(gr.version, "go1.19.8");
	assert_string_equal(gr.layout_from, "the go1.19 table");
	assert_int_equal(gr.layout->g_goid, 0x98);
	assert_int_equal(resolve("go1.21.0", &gr, err, sizeof err), -1);
	assert_string_equal(err, "built by Go go1.21.0 without DWARF: crossrt knows the runtime layout of go1.19 only");
}

static int mem_read(void *ctx, uint64_t addr, uint64_t *v)
{
	const uint64_t *m = ctx;

	if (addr != 0x1010)
		return -1;
	*v = *m;
	return 0;
}

/* cmp 0x10(%r14),%rsp: the flags of rsp - stackguard0, as the CPU sets them. */
static void x86_stack_check(void **state)
{
	static const unsigned char cmp[] = { 0x49, 0x3b, 0x66, 0x10 }, sub[] = { 0x48, 0x83, 0xec, 0x18 };
	struct user_regs_struct r;
	uint64_t guard = 0x2000;

	(void)state;
	memset(&r, 0, sizeof r);
	r.r14 = 0x1000;
	r.rsp = 0x1000;		/* below the guard: CF and SF set, jbe taken */
	r.rip = 0x400000;
	r.eflags = 0x202 | 0x40;
	assert_int_equal(x86_entry_do(cmp, sizeof cmp, &r, mem_read, &guard), 4);
	assert_int_equal(r.rip, 0x400004);
	assert_int_equal(r.eflags, 0x202 | 0x1 | 0x4 | 0x80);
	r.rsp = 0x2000;		/* equal: ZF and PF */
	x86_entry_do(cmp, sizeof cmp, &r, mem_read, &guard);
	assert_int_equal(r.eflags, 0x202 | 0x40 | 0x4);
	r.r14 = 0;		/* unreadable: left to a step */
	assert_int_equal(x86_entry_do(cmp, sizeof cmp, &r, mem_read, &guard), 0);
	r.rsp = 0x1017;		/* sub $0x18: 0x1017 - 0x18 = 0xfff, a borrow from bit 4, PF (eight ones) */
	assert_int_equal(x86_entry_do(sub, sizeof sub, &r, mem_read, &guard), 4);
	assert_int_equal(r.rsp, 0xfff);
	assert_int_equal(r.eflags, 0x202 | 0x4 | 0x10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pclntab_little),
		cmocka_unit_test(pclntab_big),
		cmocka_unit_test(pclntab_malformed),
		cmocka_unit_test(buildinfo_inline),
		cmocka_unit_test(buildinfo_pointers),
		cmocka_unit_test(buildinfo_malformed),
		cmocka_unit_test(layout_by_release),
		cmocka_unit_test(x86_stack_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
