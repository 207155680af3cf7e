/* ELF loading: an image built byte by byte, malformed variants of it, and a real scenario binary. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libgen.h>
#include <unistd.h>
#include <cmocka.h>
#include <elf.h>
#include "core/elfimage.h"
#include "core/goprobes.h"

/*
 * The image: headers and code in one R+X segment, data in an R+W one,
 * then .symtab, .strtab, .shstrtab and the section headers.
 */
enum {
	PHDR_ROOM = 17,		/* room for a table of 17, to go past ELF_MAXSEG */
	TEXT_OFF = 0x400,
	TEXT_SIZE = 0x100,
	DATA_OFF = 0x500,
	DATA_FILESZ = 0x20,
	SYM_OFF = 0x520,
	NSYMS = 12,
	STR_OFF = SYM_OFF + NSYMS * sizeof(Elf64_Sym),
	STR_SIZE = 0x80,
	SHSTR_OFF = STR_OFF + STR_SIZE,
	SHSTR_SIZE = 0x40,
	SH_OFF = SHSTR_OFF + SHSTR_SIZE,
	NSECT = 6,
	IMAGE_SIZE = SH_OFF + NSECT * sizeof(Elf64_Shdr),
};

#define TEXT_VADDR 0x400000ull
#define ENTRY (TEXT_VADDR + TEXT_OFF)
#define DATA_VADDR 0x401500ull
#define DATA_MEMSZ 0x100

struct image {
	_Alignas(8) unsigned char b[IMAGE_SIZE];
};

static Elf64_Ehdr *ehdr(struct image *im)
{
	return (Elf64_Ehdr *)im->b;
}

static Elf64_Phdr *phdr(struct image *im, int i)
{
	return (Elf64_Phdr *)(im->b + sizeof(Elf64_Ehdr)) + i;
}

static Elf64_Shdr *shdr(struct image *im, int i)
{
	return (Elf64_Shdr *)(im->b + SH_OFF) + i;
}

static Elf64_Sym *sym(struct image *im, int i)
{
	return (Elf64_Sym *)(im->b + SYM_OFF) + i;
}

static size_t add_string(struct image *im, size_t base, size_t *used, const char *s)
{
	size_t at = *used;

	strcpy((char *)im->b + base + at, s);
	*used += strlen(s) + 1;
	return at;
}

static void add_symbol(struct image *im, int i, size_t *strused, const char *name, uint64_t addr,
		       uint64_t size, int type, int bind, int shndx)
{
	Elf64_Sym *s = sym(im, i);

	s->st_name = (Elf64_Word)(name ? add_string(im, STR_OFF, strused, name) : 0);
	s->st_value = addr;
	s->st_size = size;
	s->st_info = (unsigned char)ELF64_ST_INFO(bind, type);
	s->st_shndx = (Elf64_Section)shndx;
}

static void set_load(Elf64_Phdr *p, uint64_t off, uint64_t vaddr, uint64_t filesz, uint64_t memsz, int flags)
{
	p->p_type = PT_LOAD;
	p->p_offset = off;
	p->p_vaddr = p->p_paddr = vaddr;
	p->p_filesz = filesz;
	p->p_memsz = memsz;
	p->p_flags = (Elf64_Word)flags;
	p->p_align = 0x1000;
}

static void set_section(struct image *im, int i, size_t *shused, const char *name, int type, uint64_t flags,
			uint64_t addr, uint64_t off, uint64_t size, int link, int info, uint64_t entsize)
{
	Elf64_Shdr *s = shdr(im, i);

	s->sh_name = (Elf64_Word)add_string(im, SHSTR_OFF, shused, name);
	s->sh_type = (Elf64_Word)type;
	s->sh_flags = flags;
	s->sh_addr = addr;
	s->sh_offset = off;
	s->sh_size = size;
	s->sh_link = (Elf64_Word)link;
	s->sh_info = (Elf64_Word)info;
	s->sh_addralign = 8;
	s->sh_entsize = entsize;
}

static void add_symbols(struct image *im)
{
	size_t used = 1;

	add_symbol(im, 1, &used, "local_lbl", ENTRY + 0x90, 0, STT_NOTYPE, STB_LOCAL, 1);
	add_symbol(im, 2, &used, "main_fn", ENTRY, 0x40, STT_FUNC, STB_GLOBAL, 1);
	add_symbol(im, 3, &used, "helper", ENTRY + 0x40, 0x10, STT_FUNC, STB_LOCAL, 1);
	add_symbol(im, 4, &used, "label", ENTRY + 0x80, 0, STT_NOTYPE, STB_GLOBAL, 1);
	add_symbol(im, 5, &used, "outer", ENTRY + 0xa0, 0x40, STT_FUNC, STB_GLOBAL, 1);
	add_symbol(im, 6, &used, "inner", ENTRY + 0xb0, 0x8, STT_OBJECT, STB_GLOBAL, 1);
	add_symbol(im, 7, &used, "counter", DATA_VADDR, 8, STT_OBJECT, STB_GLOBAL, 2);
	add_symbol(im, 8, &used, "_end", DATA_VADDR + DATA_MEMSZ, 0, STT_NOTYPE, STB_GLOBAL, 2);
	add_symbol(im, 9, &used, "undefined", 0, 0, STT_FUNC, STB_GLOBAL, SHN_UNDEF);
	add_symbol(im, 10, &used, "main_alias", ENTRY, 0x40, STT_FUNC, STB_GLOBAL, 1);
	add_symbol(im, 11, &used, NULL, ENTRY + 0x10, 4, STT_FUNC, STB_GLOBAL, 1);
	assert_true(used <= STR_SIZE);
}

static void add_sections(struct image *im)
{
	size_t used = 1;

	set_section(im, 1, &used, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, ENTRY, TEXT_OFF, TEXT_SIZE, 0, 0, 0);
	set_section(im, 2, &used, ".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, DATA_VADDR, DATA_OFF, DATA_FILESZ, 0, 0, 0);
	set_section(im, 3, &used, ".symtab", SHT_SYMTAB, 0, 0, SYM_OFF, NSYMS * sizeof(Elf64_Sym), 4, 2, sizeof(Elf64_Sym));
	set_section(im, 4, &used, ".strtab", SHT_STRTAB, 0, 0, STR_OFF, STR_SIZE, 0, 0, 0);
	set_section(im, 5, &used, ".shstrtab", SHT_STRTAB, 0, 0, SHSTR_OFF, SHSTR_SIZE, 0, 0, 0);
}

static void build(struct image *im)
{
	Elf64_Ehdr *e = ehdr(im);

	memset(im, 0, sizeof *im);
	memcpy(e->e_ident, ELFMAG, SELFMAG);
	e->e_ident[EI_CLASS] = ELFCLASS64;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = ET_EXEC;
	e->e_machine = EM_X86_64;
	e->e_version = EV_CURRENT;
	e->e_entry = ENTRY;
	e->e_phoff = sizeof(Elf64_Ehdr);
	e->e_shoff = SH_OFF;
	e->e_ehsize = sizeof(Elf64_Ehdr);
	e->e_phentsize = sizeof(Elf64_Phdr);
	e->e_phnum = 3;
	e->e_shentsize = sizeof(Elf64_Shdr);
	e->e_shnum = NSECT;
	e->e_shstrndx = 5;
	set_load(phdr(im, 0), 0, TEXT_VADDR, TEXT_OFF + TEXT_SIZE, TEXT_OFF + TEXT_SIZE, PF_R | PF_X);
	set_load(phdr(im, 1), DATA_OFF, DATA_VADDR, DATA_FILESZ, DATA_MEMSZ, PF_R | PF_W);
	phdr(im, 2)->p_type = PT_GNU_STACK;
	phdr(im, 2)->p_flags = PF_R | PF_W;
	memset(im->b + TEXT_OFF, 0x90, TEXT_SIZE);
	memset(im->b + DATA_OFF, 0xab, DATA_FILESZ);
	add_symbols(im);
	add_sections(im);
}

static int load(const struct image *im, size_t n, struct elfimage *img, char *err, size_t errlen)
{
	unsigned char *exact = malloc(n ? n : 1);	/* no slack: over-reads show under ASan */
	int rc;

	memcpy(exact, im->b, n);
	err[0] = 0;
	rc = elf_load_mem(exact, n, img, err, errlen);
	free(exact);
	return rc;
}

static void expect_error(const struct image *im, size_t n, const char *why, const char *what)
{
	struct elfimage img;
	char err[256];

	memset(&img, 0x5a, sizeof img);
	if (load(im, n, &img, err, sizeof err) == 0) {
		elf_free(&img);
		fail_msg("%s: loaded, want \"%s\"", what, why);
	}
	if (!err[0] || !strstr(err, why) || strchr(err, '\n'))
		fail_msg("%s: got \"%s\", want \"%s\"", what, err, why);
	assert_null(img.data);
	assert_null(img.syms);
	assert_int_equal(img.nsym, 0);
}

static void valid_image(void **state)
{
	struct image im;
	struct elfimage img;
	char err[256];

	(void)state;
	build(&im);
	if (load(&im, sizeof im.b, &img, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_ptr_equal(img.arch, arch_byname("x86_64"));
	assert_int_equal(img.entry, ENTRY);
	assert_int_equal(img.phdr_vaddr, TEXT_VADDR + sizeof(Elf64_Ehdr));
	assert_int_equal(img.phnum, 3);
	assert_int_equal(img.phentsize, sizeof(Elf64_Phdr));
	assert_int_equal(img.nseg, 2);
	assert_int_equal(img.seg[0].vaddr, TEXT_VADDR);
	assert_int_equal(img.seg[0].filesz, TEXT_OFF + TEXT_SIZE);
	assert_int_equal(img.seg[0].flags, SEG_R | SEG_X);
	assert_int_equal(img.seg[1].vaddr, DATA_VADDR);
	assert_int_equal(img.seg[1].offset, DATA_OFF);
	assert_int_equal(img.seg[1].filesz, DATA_FILESZ);
	assert_int_equal(img.seg[1].memsz, DATA_MEMSZ);
	assert_int_equal(img.seg[1].flags, SEG_R | SEG_W);
	assert_int_equal(img.size, sizeof im.b);
	assert_memory_equal(img.data, im.b, sizeof im.b);

	/* kept: FUNC and OBJECT of any binding, global NOTYPE; sorted by address */
	static const char *const order[] = {
		"main_alias", "main_fn", "helper", "label", "outer", "inner", "counter", "_end",
	};
	assert_int_equal(img.nsym, 8);
	for (int i = 0; i < img.nsym; i++) {
		assert_string_equal(img.syms[i].name, order[i]);
		if (i)
			assert_true(img.syms[i - 1].addr <= img.syms[i].addr);
	}
	assert_true(elf_sym_byname(&img, "helper")->func);
	assert_false(elf_sym_byname(&img, "counter")->func);
	assert_int_equal(elf_sym_byname(&img, "outer")->size, 0x40);
	assert_null(elf_sym_byname(&img, "local_lbl"));
	assert_null(elf_sym_byname(&img, "undefined"));
	assert_null(elf_sym_byname(&img, "nothing"));
	elf_free(&img);
	assert_null(img.data);
}

static const char *lookup(const struct elfimage *img, uint64_t addr)
{
	const struct elfsym *s = elf_sym_lookup(img, addr);

	return s ? s->name : "(none)";
}

static void symbol_lookup(void **state)
{
	struct image im;
	struct elfimage img;
	char err[256];

	(void)state;
	build(&im);
	if (load(&im, sizeof im.b, &img, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_string_equal(lookup(&img, ENTRY - 1), "(none)");
	assert_string_equal(lookup(&img, ENTRY), "main_alias");
	assert_string_equal(lookup(&img, ENTRY + 0x3f), "main_alias");
	assert_string_equal(lookup(&img, ENTRY + 0x40), "helper");
	assert_string_equal(lookup(&img, ENTRY + 0x4f), "helper");
	/* past helper, before the label: nothing */
	assert_string_equal(lookup(&img, ENTRY + 0x50), "(none)");
	/* a size-0 label covers up to the next symbol; a local one is not kept */
	assert_string_equal(lookup(&img, ENTRY + 0x80), "label");
	assert_string_equal(lookup(&img, ENTRY + 0x94), "label");
	assert_string_equal(lookup(&img, ENTRY + 0x9f), "label");
	/* an object inside a function: the function wins, also past the object */
	assert_string_equal(lookup(&img, ENTRY + 0xa0), "outer");
	assert_string_equal(lookup(&img, ENTRY + 0xb4), "outer");
	assert_string_equal(lookup(&img, ENTRY + 0xc0), "outer");
	assert_string_equal(lookup(&img, ENTRY + 0xe0), "(none)");
	assert_string_equal(lookup(&img, DATA_VADDR + 7), "counter");
	assert_string_equal(lookup(&img, DATA_VADDR + 8), "(none)");
	/* _end lies past its segment: it labels nothing */
	assert_string_equal(lookup(&img, DATA_VADDR + DATA_MEMSZ), "(none)");
	assert_string_equal(lookup(&img, 0x7ffff000), "(none)");
	assert_string_equal(lookup(&img, UINT64_MAX), "(none)");
	assert_string_equal(lookup(&img, 0), "(none)");
	elf_free(&img);
}

/* Hand-built images (no segments, no sym_reach) take the same answers. */
static void lookup_hand_built(void **state)
{
	struct elfsym syms[] = {
		{ 0x1000, 0x100, (char *)"big", true },
		{ 0x1010, 0x10, (char *)"small", false },
		{ 0x1200, 0, (char *)"tail", false },
	};
	struct elfimage img = { .nsym = 3, .syms = syms };

	(void)state;
	assert_string_equal(lookup(&img, 0x1014), "big");
	assert_string_equal(lookup(&img, 0x1050), "big");
	assert_string_equal(lookup(&img, 0x1100), "(none)");
	assert_string_equal(lookup(&img, 0x1300), "tail");
	assert_string_equal(lookup(&img, 0xfff), "(none)");
	assert_ptr_equal(elf_sym_byname(&img, "small"), &syms[1]);
}

static void phdr_segment(void **state)
{
	struct image im;
	struct elfimage img;
	char err[256];

	(void)state;
	build(&im);
	phdr(&im, 2)->p_type = PT_PHDR;
	phdr(&im, 2)->p_vaddr = TEXT_VADDR + 0x48;
	if (load(&im, sizeof im.b, &img, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(img.phdr_vaddr, TEXT_VADDR + 0x48);
	elf_free(&img);

	/* the headers in no segment: no AT_PHDR to give */
	build(&im);
	phdr(&im, 0)->p_offset = TEXT_OFF;
	phdr(&im, 0)->p_vaddr = ENTRY;
	phdr(&im, 0)->p_filesz = phdr(&im, 0)->p_memsz = TEXT_SIZE;
	if (load(&im, sizeof im.b, &img, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(img.phdr_vaddr, 0);
	assert_int_equal(img.seg[0].vaddr, ENTRY);
	elf_free(&img);
}

static void other_machines(void **state)
{
	static const struct { int machine; const char *arch; } m[] = {
		{ EM_AARCH64, "arm64" }, { EM_RISCV, "riscv64" }, { EM_X86_64, "x86_64" },
	};
	struct image im;
	struct elfimage img;
	char err[256];

	(void)state;
	for (int i = 0; i < 3; i++) {
		build(&im);
		ehdr(&im)->e_machine = (Elf64_Half)m[i].machine;
		if (load(&im, sizeof im.b, &img, err, sizeof err) != 0)
			fail_msg("%s", err);
		assert_string_equal(img.arch->name, m[i].arch);
		elf_free(&img);
	}
}

static void stripped(void **state)
{
	struct image im;
	struct elfimage img;
	char err[256];

	(void)state;
	build(&im);
	ehdr(&im)->e_shoff = 0;
	ehdr(&im)->e_shnum = 0;
	if (load(&im, sizeof im.b, &img, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(img.nsym, 0);
	assert_null(elf_sym_lookup(&img, ENTRY));
	assert_null(elf_sym_byname(&img, "main_fn"));
	elf_free(&img);

	build(&im);
	shdr(&im, 3)->sh_type = SHT_PROGBITS;
	if (load(&im, sizeof im.b, &img, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(img.nsym, 0);
	elf_free(&img);
}

typedef void mutation(struct image *);

static void bad_magic(struct image *im) { im->b[1] = 'X'; }
static void class32(struct image *im) { im->b[EI_CLASS] = ELFCLASS32; }
/* A big-endian header (type and machine as such) for a little-endian ISA. */
static void big_endian(struct image *im)
{
	uint16_t type = ehdr(im)->e_type, machine = ehdr(im)->e_machine;
	unsigned char *t = im->b + offsetof(Elf64_Ehdr, e_type), *m = im->b + offsetof(Elf64_Ehdr, e_machine);

	im->b[EI_DATA] = ELFDATA2MSB;
	t[0] = (unsigned char)(type >> 8), t[1] = (unsigned char)type;
	m[0] = (unsigned char)(machine >> 8), m[1] = (unsigned char)machine;
}
static void bad_data(struct image *im) { im->b[EI_DATA] = 3; }
static void bad_version(struct image *im) { im->b[EI_VERSION] = 2; }
static void dyn(struct image *im) { ehdr(im)->e_type = ET_DYN; }
static void relocatable(struct image *im) { ehdr(im)->e_type = ET_REL; }
static void arm32(struct image *im) { ehdr(im)->e_machine = EM_ARM; }
static void no_phdrs(struct image *im) { ehdr(im)->e_phnum = 0; }
static void phentsize(struct image *im) { ehdr(im)->e_phentsize = 32; }
static void phoff_past_end(struct image *im) { ehdr(im)->e_phoff = IMAGE_SIZE - 100; }
static void phoff_wraps(struct image *im) { ehdr(im)->e_phoff = UINT64_MAX - 8; }
static void phnum_huge(struct image *im) { ehdr(im)->e_phnum = 60000; }
static void filesz_over_memsz(struct image *im) { phdr(im, 1)->p_filesz = DATA_MEMSZ + 1; }
static void seg_past_eof(struct image *im) { phdr(im, 1)->p_offset = IMAGE_SIZE - 8; }
static void seg_offset_wraps(struct image *im) { phdr(im, 1)->p_offset = UINT64_MAX - 4; }
static void vaddr_wraps(struct image *im) { phdr(im, 1)->p_vaddr = UINT64_MAX - 0x10; }
static void entry_in_data(struct image *im) { ehdr(im)->e_entry = DATA_VADDR; }
static void entry_nowhere(struct image *im) { ehdr(im)->e_entry = 0x10; }
static void code_not_exec(struct image *im) { phdr(im, 0)->p_flags = PF_R; }
static void no_loads(struct image *im) { phdr(im, 0)->p_type = phdr(im, 1)->p_type = PT_NOTE; }
static void interp(struct image *im) { phdr(im, 2)->p_type = PT_INTERP; }
static void dynamic(struct image *im) { phdr(im, 2)->p_type = PT_DYNAMIC; }
static void overlap(struct image *im) { phdr(im, 1)->p_vaddr = ENTRY + 0x80; }
static void shoff_past_end(struct image *im) { ehdr(im)->e_shoff = IMAGE_SIZE - 10; }
static void shnum_huge(struct image *im) { ehdr(im)->e_shnum = 200; }
static void shentsize(struct image *im) { ehdr(im)->e_shentsize = 40; }
static void symtab_past_end(struct image *im) { shdr(im, 3)->sh_size = 0x10000 * sizeof(Elf64_Sym); }
static void symtab_entsize(struct image *im) { shdr(im, 3)->sh_entsize = 16; }
static void symtab_no_strtab(struct image *im) { shdr(im, 3)->sh_link = 0; }
static void symtab_link_range(struct image *im) { shdr(im, 3)->sh_link = 99; }
static void symtab_link_not_str(struct image *im) { shdr(im, 3)->sh_link = 1; }
static void strtab_past_end(struct image *im) { shdr(im, 4)->sh_offset = IMAGE_SIZE; }
static void sym_name_out(struct image *im) { sym(im, 2)->st_name = 0x7fff; }

static void too_many_segments(struct image *im)
{
	ehdr(im)->e_phnum = PHDR_ROOM;
	for (int i = 2; i < PHDR_ROOM; i++)
		set_load(phdr(im, i), 0, 0x800000 + (uint64_t)i * 0x1000, 0, 0x10, PF_R);
}

static void malformed(void **state)
{
	static const struct {
		const char *name;
		mutation *change;
		const char *why;
	} cases[] = {
		{ "bad magic", bad_magic, "not an ELF file" },
		{ "32-bit", class32, "not a 64-bit ELF file" },
		{ "big-endian", big_endian, "big-endian ELF file for x86_64" },
		{ "byte order", bad_data, "bad ELF byte order 3" },
		{ "ELF version", bad_version, "unsupported ELF version" },
		{ "ET_DYN", dyn, "ET_DYN (PIE or shared object)" },
		{ "ET_REL", relocatable, "not an executable (e_type 1)" },
		{ "machine", arm32, "unsupported machine 40" },
		{ "no program headers", no_phdrs, "no program headers" },
		{ "phentsize", phentsize, "bad program header size" },
		{ "phdrs past end", phoff_past_end, "truncated program header table" },
		{ "phoff wraps", phoff_wraps, "truncated program header table" },
		{ "phnum huge", phnum_huge, "truncated program header table" },
		{ "filesz > memsz", filesz_over_memsz, "segment 1: file size 0x101 exceeds memory size 0x100" },
		{ "segment past EOF", seg_past_eof, "segment 1 extends past end of file" },
		{ "segment offset wraps", seg_offset_wraps, "segment 1 extends past end of file" },
		{ "vaddr wraps", vaddr_wraps, "segment 1: address range overflows" },
		{ "entry in data", entry_in_data, "entry point 0x401500 is not in an executable segment" },
		{ "entry nowhere", entry_nowhere, "entry point 0x10 is not in an executable segment" },
		{ "code not executable", code_not_exec, "is not in an executable segment" },
		{ "zero segments", no_loads, "no loadable segments" },
		{ "PT_INTERP", interp, "dynamically linked (PT_INTERP)" },
		{ "PT_DYNAMIC", dynamic, "dynamically linked (PT_DYNAMIC)" },
		{ "overlap", overlap, "segment 1 overlaps an earlier segment" },
		{ "too many segments", too_many_segments, "more than 16 loadable segments" },
		{ "shdrs past end", shoff_past_end, "truncated section header table" },
		{ "shnum huge", shnum_huge, "truncated section header table" },
		{ "shentsize", shentsize, "bad section header size" },
		{ "symtab past end", symtab_past_end, "symbol table extends past end of file" },
		{ "symtab entsize", symtab_entsize, "bad symbol table entry size" },
		{ "symtab without strtab", symtab_no_strtab, "symbol table has no string table" },
		{ "symtab link range", symtab_link_range, "symbol table has no string table" },
		{ "symtab link not strtab", symtab_link_not_str, "symbol table has no string table" },
		{ "strtab past end", strtab_past_end, "symbol string table extends past end of file" },
		{ "symbol name offset", sym_name_out, "symbol 2: bad name offset" },
	};
	struct image im;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		build(&im);
		cases[i].change(&im);
		expect_error(&im, sizeof im.b, cases[i].why, cases[i].name);
	}
}

/* Every prefix fails (the section headers come last) and none crashes. */
static void truncated(void **state)
{
	struct image im;

	(void)state;
	build(&im);
	expect_error(&im, 0, "not an ELF file", "prefix");
	expect_error(&im, 3, "not an ELF file", "prefix");
	expect_error(&im, 40, "truncated ELF header", "prefix");
	expect_error(&im, 100, "truncated program header table", "prefix");
	expect_error(&im, DATA_OFF + 4, "segment 1 extends past end of file", "prefix");
	expect_error(&im, SH_OFF + 8, "truncated section header table", "prefix");
	for (size_t n = 0; n < sizeof im.b; n++)
		expect_error(&im, n, "", "prefix");
}

/* Random damage: loads or errors, never a crash or a leak. */
static void damaged(void **state)
{
	struct image im;
	unsigned seed = 777;
	int loaded = 0;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		struct elfimage img;
		char err[256];

		build(&im);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245 + 12345;
			/* mostly the headers and tables, where the structure is */
			size_t at = (seed >> 8) % 4 ? (seed >> 8) % (sizeof(Elf64_Ehdr) + 3 * sizeof(Elf64_Phdr))
						    : SYM_OFF + (seed >> 8) % (IMAGE_SIZE - SYM_OFF);
			im.b[at] = (unsigned char)(seed >> 20);
		}
		if (load(&im, sizeof im.b, &img, err, sizeof err) == 0) {
			loaded++;
			for (uint64_t a = ENTRY - 4; a < ENTRY + TEXT_SIZE; a += 7)
				elf_sym_lookup(&img, a);
			elf_free(&img);
		} else {
			assert_true(err[0] != 0);
		}
	}
	assert_true(loaded > 0);
}

static void file_errors(void **state)
{
	struct elfimage img;
	char err[256];

	(void)state;
	assert_int_equal(elf_load("/nonexistent/prog", &img, err, sizeof err), -1);
	assert_non_null(strstr(err, "No such file"));
	assert_null(img.data);
	assert_int_equal(elf_load("/", &img, err, sizeof err), -1);
	assert_int_equal(elf_load("/dev/null", &img, err, sizeof err), -1);
	assert_string_equal(err, "not an ELF file");
}

/* build/x86_64/tests/gosched3 from the repository root or from next to this test. */
static int find_gosched3(char *path, size_t cap)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	snprintf(path, cap, "build/x86_64/tests/gosched3");
	if (access(path, R_OK) == 0)
		return 0;
	if (n > 0) {
		self[n] = 0;
		snprintf(path, cap, "%s/../../x86_64/tests/gosched3", dirname(self));
		if (access(path, R_OK) == 0)
			return 0;
	}
	return -1;
}

/*
 * A stripped Go executable: the image with .symtab's bytes holding a
 * .gopclntab (runtime.gogo at the entry, 0x40 bytes, then main.main, 0x20)
 * and .strtab's a .go.buildinfo of go1.19.8.
 */
static void put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void put64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static void build_go(struct image *im)
{
	unsigned char *t = im->b + SYM_OFF, *bi = im->b + STR_OFF;
	size_t used = 1;
	enum { NAMES = 0x48, FTAB = 0x60 };

	build(im);
	memset(t, 0, NSYMS * sizeof(Elf64_Sym));
	memset(bi, 0, STR_SIZE);
	memset(im->b + SHSTR_OFF, 0, SHSTR_SIZE);
	put32(t, 0xfffffff0u);
	t[6] = 1, t[7] = 8;
	put64(t + 8, 2);
	put64(t + 8 + 2 * 8, ENTRY);
	put64(t + 8 + 3 * 8, NAMES);
	put64(t + 8 + 7 * 8, FTAB);
	memcpy(t + NAMES, "runtime.gogo\0main.main", 23);
	put32(t + FTAB, 0), put32(t + FTAB + 4, 0x14);
	put32(t + FTAB + 8, 0x40), put32(t + FTAB + 12, 0x1c);
	put32(t + FTAB + 16, 0x60);
	put32(t + FTAB + 0x14, 0), put32(t + FTAB + 0x18, 0);
	put32(t + FTAB + 0x1c, 0x40), put32(t + FTAB + 0x20, 13);
	memcpy(bi, "\xff Go buildinf:\x08\x02", 16);
	bi[32] = 8;
	memcpy(bi + 33, "go1.19.8", 8);
	set_section(im, 1, &used, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, ENTRY, TEXT_OFF, TEXT_SIZE, 0, 0, 0);
	set_section(im, 2, &used, ".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, DATA_VADDR, DATA_OFF, DATA_FILESZ, 0, 0, 0);
	set_section(im, 3, &used, ".gopclntab", SHT_PROGBITS, SHF_ALLOC, 0, SYM_OFF, FTAB + 0x24, 0, 0, 0);
	set_section(im, 4, &used, ".go.buildinfo", SHT_PROGBITS, SHF_ALLOC, 0, STR_OFF, 42, 0, 0, 0);
	set_section(im, 5, &used, ".shstrtab", SHT_STRTAB, 0, 0, SHSTR_OFF, SHSTR_SIZE, 0, 0, 0);
}

static void stripped_go(void **state)
{
	struct image im;
	struct elfimage img;
	struct gorun gr;
	char err[256];

	(void)state;
	build_go(&im);
	assert_int_equal(load(&im, sizeof im.b, &img, err, sizeof err), 0);
	assert_true(img.syms_from_pclntab);
	assert_int_equal(img.nsym, 2);
	assert_int_equal(elf_sym_byname(&img, "runtime.gogo")->addr, ENTRY);
	assert_string_equal(elf_sym_lookup(&img, ENTRY + 0x50)->name, "main.main");
	assert_null(elf_sym_lookup(&img, ENTRY + 0x60));
	assert_true(go_is_exec(&img));
	assert_int_equal(go_resolve(&img, &gr, err, sizeof err), 0);
	assert_string_equal(gr.version, "go1.19.8");
	assert_string_equal(gr.layout_from, "the go1.19 table");
	elf_free(&img);

	build_go(&im);
	im.b[SYM_OFF] = 0xfb;
	expect_error(&im, sizeof im.b, "a Go executable without symbols: .gopclntab: magic 0xfffffffb", "bad magic");
	build_go(&im);
	shdr(&im, 3)->sh_size = IMAGE_SIZE;
	expect_error(&im, sizeof im.b, "section .gopclntab is not in the file or extends past its end", "past the file");
	build_go(&im);
	put64(im.b + SYM_OFF + 8, 1000);
	expect_error(&im, sizeof im.b, ".gopclntab: a function table of 1000", "nfunc out of range");
}

static void real_program(void **state)
{
	static const char *const funcs[] = { "newproc", "schedule", "gogo" };
	struct elfimage img;
	char path[4200], err[256];

	(void)state;
	if (find_gosched3(path, sizeof path) < 0)
		skip();
	if (elf_load(path, &img, err, sizeof err) != 0)
		fail_msg("%s: %s", path, err);
	assert_string_equal(img.arch->name, "x86_64");
	assert_true(img.nseg >= 1);
	assert_true(img.phdr_vaddr != 0);
	for (int i = 0; i < 3; i++) {
		const struct elfsym *s = elf_sym_byname(&img, funcs[i]);

		assert_non_null(s);
		assert_true(s->func);
		assert_true(s->size > 3);
		assert_ptr_equal(elf_sym_lookup(&img, s->addr), s);
		assert_ptr_equal(elf_sym_lookup(&img, s->addr + 3), s);
		assert_ptr_equal(elf_sym_lookup(&img, s->addr + s->size - 1), s);
	}
	for (int i = 1; i < img.nsym; i++)
		assert_true(img.syms[i - 1].addr <= img.syms[i].addr);
	elf_free(&img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_image),
		cmocka_unit_test(symbol_lookup),
		cmocka_unit_test(lookup_hand_built),
		cmocka_unit_test(phdr_segment),
		cmocka_unit_test(other_machines),
		cmocka_unit_test(stripped),
		cmocka_unit_test(malformed),
		cmocka_unit_test(truncated),
		cmocka_unit_test(damaged),
		cmocka_unit_test(file_errors),
		cmocka_unit_test(stripped_go),
		cmocka_unit_test(real_program),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
