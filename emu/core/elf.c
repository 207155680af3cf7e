/* Loading and validating static ELF executables with libelf. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gelf.h>
#include <libelf.h>
#include "core/elfimage.h"
#include "core/gopclntab.h"
#include "core/util.h"

/* a + b, or false when it wraps. */
static bool add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
	*sum = a + b;
	return *sum >= a;
}

/* [off, off+len) lies within a file of n bytes. */
static bool in_file(uint64_t off, uint64_t len, size_t n)
{
	uint64_t end;

	return add_ok(off, len, &end) && end <= n;
}

static int check_ident(const unsigned char *p, size_t n, char *err, size_t errlen)
{
	if (n < EI_NIDENT || memcmp(p, ELFMAG, SELFMAG) != 0)
		return errorf(err, errlen, "not an ELF file");
	if (p[EI_CLASS] != ELFCLASS64)
		return errorf(err, errlen, "not a 64-bit ELF file (class %d)", p[EI_CLASS]);
	if (p[EI_DATA] != ELFDATA2LSB && p[EI_DATA] != ELFDATA2MSB)
		return errorf(err, errlen, "bad ELF byte order %d", p[EI_DATA]);
	if (p[EI_VERSION] != EV_CURRENT)
		return errorf(err, errlen, "unsupported ELF version %d", p[EI_VERSION]);
	if (n < sizeof(Elf64_Ehdr))
		return errorf(err, errlen, "truncated ELF header");
	return 0;
}

/* An n-byte field of the file, in its byte order (EI_DATA). */
static uint64_t field(const unsigned char *file, const unsigned char *p, int n)
{
	bool msb = file[EI_DATA] == ELFDATA2MSB;
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[msb ? n - 1 - i : i] << 8 * i;
	return v;
}

#define FIELD(p, type, member) field(p, p + offsetof(type, member), (int)sizeof(((type *)0)->member))

/* The header as stored, checked before libelf sees the file. */
static void raw_ehdr(const unsigned char *p, Elf64_Ehdr *eh)
{
	memcpy(eh->e_ident, p, EI_NIDENT);
	eh->e_type = (Elf64_Half)FIELD(p, Elf64_Ehdr, e_type);
	eh->e_machine = (Elf64_Half)FIELD(p, Elf64_Ehdr, e_machine);
	eh->e_version = (Elf64_Word)FIELD(p, Elf64_Ehdr, e_version);
	eh->e_entry = FIELD(p, Elf64_Ehdr, e_entry);
	eh->e_phoff = FIELD(p, Elf64_Ehdr, e_phoff);
	eh->e_shoff = FIELD(p, Elf64_Ehdr, e_shoff);
	eh->e_flags = (Elf64_Word)FIELD(p, Elf64_Ehdr, e_flags);
	eh->e_ehsize = (Elf64_Half)FIELD(p, Elf64_Ehdr, e_ehsize);
	eh->e_phentsize = (Elf64_Half)FIELD(p, Elf64_Ehdr, e_phentsize);
	eh->e_phnum = (Elf64_Half)FIELD(p, Elf64_Ehdr, e_phnum);
	eh->e_shentsize = (Elf64_Half)FIELD(p, Elf64_Ehdr, e_shentsize);
	eh->e_shnum = (Elf64_Half)FIELD(p, Elf64_Ehdr, e_shnum);
	eh->e_shstrndx = (Elf64_Half)FIELD(p, Elf64_Ehdr, e_shstrndx);
}

static int check_ehdr(const Elf64_Ehdr *eh, size_t n, struct elfimage *img, char *err, size_t errlen)
{
	if (eh->e_type == ET_DYN)
		return errorf(err, errlen, "ET_DYN (PIE or shared object): need a static non-PIE executable");
	if (eh->e_type != ET_EXEC)
		return errorf(err, errlen, "not an executable (e_type %d)", eh->e_type);
	img->arch = arch_bymachine(eh->e_machine);
	if (!img->arch)
		return errorf(err, errlen, "unsupported machine %d (not an ISA of arches.mk)", eh->e_machine);
	if ((eh->e_ident[EI_DATA] == ELFDATA2MSB) != img->arch->big_endian)
		return errorf(err, errlen, "%s-endian ELF file for %s", img->arch->big_endian ? "little" : "big",
			    img->arch->name);
	if (eh->e_phnum == 0)
		return errorf(err, errlen, "no program headers");
	if (eh->e_phnum == PN_XNUM)
		return errorf(err, errlen, "too many program headers");
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return errorf(err, errlen, "bad program header size %d", eh->e_phentsize);
	if (!in_file(eh->e_phoff, (uint64_t)eh->e_phnum * eh->e_phentsize, n))
		return errorf(err, errlen, "truncated program header table");
	img->entry = eh->e_entry;
	img->phnum = eh->e_phnum;
	img->phentsize = eh->e_phentsize;
	return 0;
}

/* The number of sections, after checking that their headers lie within the file. */
static int check_section_table(const unsigned char *p, const Elf64_Ehdr *eh, size_t n, size_t *nsec,
			       char *err, size_t errlen)
{
	uint64_t count = eh->e_shnum;

	*nsec = 0;
	if (eh->e_shoff == 0)
		return 0;
	if (eh->e_shentsize != sizeof(Elf64_Shdr))
		return errorf(err, errlen, "bad section header size %d", eh->e_shentsize);
	if (!in_file(eh->e_shoff, sizeof(Elf64_Shdr), n))
		return errorf(err, errlen, "truncated section header table");
	/* With SHN_LORESERVE sections or more, e_shnum is 0 and the count is in section 0. */
	if (count == 0)
		count = field(p, p + eh->e_shoff + offsetof(Elf64_Shdr, sh_size), 8);
	if (count > n / sizeof(Elf64_Shdr) || !in_file(eh->e_shoff, count * sizeof(Elf64_Shdr), n))
		return errorf(err, errlen, "truncated section header table");
	*nsec = count;
	return 0;
}

static int check_load(const GElf_Phdr *ph, int i, size_t n, char *err, size_t errlen)
{
	uint64_t end;

	if (ph->p_filesz > ph->p_memsz)
		return errorf(err, errlen, "segment %d: file size 0x%llx exceeds memory size 0x%llx", i,
			    (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
	if (!in_file(ph->p_offset, ph->p_filesz, n))
		return errorf(err, errlen, "segment %d extends past end of file", i);
	if (!add_ok(ph->p_vaddr, ph->p_memsz, &end))
		return errorf(err, errlen, "segment %d: address range overflows", i);
	return 0;
}

static int add_segment(struct elfimage *img, const GElf_Phdr *ph, int i, char *err, size_t errlen)
{
	struct elfseg *s;

	if (img->nseg == ELF_MAXSEG)
		return errorf(err, errlen, "more than %d loadable segments", ELF_MAXSEG);
	for (int j = 0; j < img->nseg; j++) {
		s = &img->seg[j];
		if (ph->p_memsz && s->memsz && ph->p_vaddr < s->vaddr + s->memsz &&
		    s->vaddr < ph->p_vaddr + ph->p_memsz)
			return errorf(err, errlen, "segment %d overlaps an earlier segment", i);
	}
	s = &img->seg[img->nseg++];
	s->vaddr = ph->p_vaddr;
	s->memsz = ph->p_memsz;
	s->filesz = ph->p_filesz;
	s->offset = ph->p_offset;
	s->flags = ph->p_flags & (SEG_R | SEG_W | SEG_X);
	return 0;
}

/* Where the loader would find the program headers in memory (AT_PHDR). */
static uint64_t phdr_address(const struct elfimage *img, uint64_t phoff)
{
	uint64_t len = (uint64_t)img->phnum * img->phentsize;

	for (int i = 0; i < img->nseg; i++) {
		const struct elfseg *s = &img->seg[i];
		if (s->offset <= phoff && phoff - s->offset + len <= s->filesz)
			return s->vaddr + (phoff - s->offset);
	}
	return 0;
}

static bool entry_is_code(const struct elfimage *img)
{
	for (int i = 0; i < img->nseg; i++) {
		const struct elfseg *s = &img->seg[i];
		if ((s->flags & SEG_X) && img->entry >= s->vaddr && img->entry - s->vaddr < s->filesz)
			return true;
	}
	return false;
}

static int load_segments(Elf *e, uint64_t phoff, struct elfimage *img, char *err, size_t errlen)
{
	bool have_phdr = false;
	GElf_Phdr ph;

	for (int i = 0; i < img->phnum; i++) {
		if (!gelf_getphdr(e, i, &ph))
			return errorf(err, errlen, "program header %d: %s", i, elf_errmsg(-1));
		switch (ph.p_type) {
		case PT_INTERP:
			return errorf(err, errlen, "dynamically linked (PT_INTERP): need a static executable");
		case PT_DYNAMIC:
			return errorf(err, errlen, "dynamically linked (PT_DYNAMIC): need a static executable");
		case PT_PHDR:
			img->phdr_vaddr = ph.p_vaddr;
			have_phdr = true;
			break;
		case PT_LOAD:
			if (check_load(&ph, i, img->size, err, errlen) < 0 ||
			    add_segment(img, &ph, i, err, errlen) < 0)
				return -1;
			break;
		}
	}
	if (img->nseg == 0)
		return errorf(err, errlen, "no loadable segments");
	if (!entry_is_code(img))
		return errorf(err, errlen, "entry point 0x%llx is not in an executable segment",
			    (unsigned long long)img->entry);
	if (!have_phdr)
		img->phdr_vaddr = phdr_address(img, phoff);
	return 0;
}

static bool keep_symbol(const GElf_Sym *s)
{
	int type = GELF_ST_TYPE(s->st_info);
	int bind = GELF_ST_BIND(s->st_info);

	if (s->st_name == 0 || s->st_shndx == SHN_UNDEF)
		return false;
	if (s->st_shndx >= SHN_LORESERVE && s->st_shndx != SHN_XINDEX)
		return false;
	return type == STT_FUNC || type == STT_OBJECT || (type == STT_NOTYPE && bind == STB_GLOBAL);
}

static int sym_order(const void *pa, const void *pb)
{
	const struct elfsym *a = pa, *b = pb;

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	if (a->func != b->func)
		return a->func ? -1 : 1;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int check_symtab(Elf *e, const GElf_Shdr *sh, size_t n, size_t nsec, char *err, size_t errlen)
{
	GElf_Shdr strsh;
	Elf_Scn *str;

	if (sh->sh_entsize != sizeof(Elf64_Sym))
		return errorf(err, errlen, "bad symbol table entry size %llu", (unsigned long long)sh->sh_entsize);
	if (!in_file(sh->sh_offset, sh->sh_size, n))
		return errorf(err, errlen, "symbol table extends past end of file");
	if (sh->sh_link == 0 || sh->sh_link >= nsec || !(str = elf_getscn(e, sh->sh_link)) ||
	    !gelf_getshdr(str, &strsh) || strsh.sh_type != SHT_STRTAB)
		return errorf(err, errlen, "symbol table has no string table");
	if (!in_file(strsh.sh_offset, strsh.sh_size, n))
		return errorf(err, errlen, "symbol string table extends past end of file");
	return 0;
}

static int read_symtab(Elf *e, Elf_Scn *scn, const GElf_Shdr *sh, struct elfimage *img, char *err, size_t errlen)
{
	size_t count = sh->sh_size / sizeof(Elf64_Sym);
	Elf_Data *d = elf_getdata(scn, NULL);
	GElf_Sym s;

	if (count > INT_MAX)
		return errorf(err, errlen, "too many symbols");
	if (!d || d->d_size < count * sizeof(Elf64_Sym))
		return errorf(err, errlen, "unreadable symbol table: %s", elf_errmsg(-1));
	img->syms = calloc(count ? count : 1, sizeof *img->syms);
	if (!img->syms)
		return errorf(err, errlen, "out of memory");
	for (size_t i = 0; i < count; i++) {
		const char *name;
		struct elfsym *out;

		if (!gelf_getsym(d, (int)i, &s))
			return errorf(err, errlen, "symbol %zu: %s", i, elf_errmsg(-1));
		if (!keep_symbol(&s))
			continue;
		name = elf_strptr(e, sh->sh_link, s.st_name);
		if (!name)
			return errorf(err, errlen, "symbol %zu: bad name offset", i);
		out = &img->syms[img->nsym];
		out->name = strdup(name);
		if (!out->name)
			return errorf(err, errlen, "out of memory");
		out->addr = s.st_value;
		out->size = s.st_size;
		out->func = GELF_ST_TYPE(s.st_info) == STT_FUNC;
		img->nsym++;
	}
	return 0;
}

static int index_symbols(struct elfimage *img, char *err, size_t errlen)
{
	uint64_t reach = 0;

	qsort(img->syms, img->nsym, sizeof *img->syms, sym_order);
	img->sym_reach = malloc((img->nsym ? img->nsym : 1) * sizeof *img->sym_reach);
	if (!img->sym_reach)
		return errorf(err, errlen, "out of memory");
	for (int i = 0; i < img->nsym; i++) {
		uint64_t end = img->syms[i].addr + img->syms[i].size;
		if (end < img->syms[i].addr)
			end = UINT64_MAX;
		if (end > reach)
			reach = end;
		img->sym_reach[i] = reach;
	}
	return 0;
}

/* Go's sections, found by name, within the file. */
static int find_go_sections(Elf *e, size_t nsec, struct elfimage *img, char *err, size_t errlen)
{
	size_t shstrndx;
	GElf_Shdr sh;

	if (nsec == 0 || elf_getshdrstrndx(e, &shstrndx) != 0)
		return 0;
	for (size_t i = 1; i < nsec; i++) {
		Elf_Scn *scn = elf_getscn(e, i);
		const char *name = scn && gelf_getshdr(scn, &sh) ? elf_strptr(e, shstrndx, sh.sh_name) : NULL;
		struct elfsec *sec;

		if (!name)
			continue;
		if (!strcmp(name, ".gopclntab"))
			sec = &img->gopclntab;
		else if (!strcmp(name, ".go.buildinfo"))
			sec = &img->gobuildinfo;
		else
			continue;
		if (sh.sh_type == SHT_NOBITS || !in_file(sh.sh_offset, sh.sh_size, img->size))
			return errorf(err, errlen, "section %s is not in the file or extends past its end", name);
		sec->addr = sh.sh_addr;
		sec->offset = sh.sh_offset;
		sec->size = sh.sh_size;
	}
	return 0;
}

/* A Go executable built without a symbol table still names its functions in .gopclntab. */
static int load_pclntab(struct elfimage *img, char *err, size_t errlen)
{
	char why[160];

	if (img->gopclntab.size == 0 || img->gobuildinfo.size == 0)
		return 0;
	if (gopclntab_syms(img->data + img->gopclntab.offset, img->gopclntab.size, img->arch->big_endian,
			   &img->syms, &img->nsym, why, sizeof why) < 0)
		return errorf(err, errlen, "a Go executable without symbols: %s", why);
	img->syms_from_pclntab = true;
	return index_symbols(img, err, errlen);
}

static int load_symbols(Elf *e, size_t nsec, struct elfimage *img, char *err, size_t errlen)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (find_go_sections(e, nsec, img, err, errlen) < 0)
		return -1;
	for (size_t i = 1; i < nsec; i++) {
		scn = elf_getscn(e, i);
		if (!scn || !gelf_getshdr(scn, &sh))
			return errorf(err, errlen, "section %zu: %s", i, elf_errmsg(-1));
		if (sh.sh_type == SHT_SYMTAB)
			break;
		scn = NULL;
	}
	if (!scn)
		return load_pclntab(img, err, errlen);
	if (check_symtab(e, &sh, img->size, nsec, err, errlen) < 0 ||
	    read_symtab(e, scn, &sh, img, err, errlen) < 0)
		return -1;
	return index_symbols(img, err, errlen);
}

static int load_with_libelf(const Elf64_Ehdr *eh, struct elfimage *img, char *err, size_t errlen)
{
	size_t nsec;
	Elf *e;
	int rc;

	elf_version(EV_CURRENT);
	e = elf_memory((char *)img->data, img->size);
	if (!e)
		return errorf(err, errlen, "libelf: %s", elf_errmsg(-1));
	rc = load_segments(e, eh->e_phoff, img, err, errlen);
	if (rc == 0)
		rc = check_section_table(img->data, eh, img->size, &nsec, err, errlen);
	if (rc == 0)
		rc = load_symbols(e, nsec, img, err, errlen);
	elf_end(e);
	return rc;
}

/* Takes ownership of data whatever the outcome. */
static int load_owned(unsigned char *data, size_t n, struct elfimage *img, char *err, size_t errlen)
{
	Elf64_Ehdr eh;

	memset(img, 0, sizeof *img);
	img->data = data;
	img->size = n;
	if (check_ident(data, n, err, errlen) == 0) {
		raw_ehdr(data, &eh);
		if (check_ehdr(&eh, n, img, err, errlen) == 0 && load_with_libelf(&eh, img, err, errlen) == 0)
			return 0;
	}
	elf_free(img);
	return -1;
}

int elf_load_mem(const void *buf, size_t n, struct elfimage *img, char *err, size_t errlen)
{
	unsigned char *copy = malloc(n ? n : 1);

	if (!copy) {
		memset(img, 0, sizeof *img);
		return errorf(err, errlen, "out of memory");
	}
	memcpy(copy, buf, n);
	return load_owned(copy, n, img, err, errlen);
}

int elf_load(const char *path, struct elfimage *img, char *err, size_t errlen)
{
	struct stat st;
	size_t n;
	bool mapped;
	void *data;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	memset(img, 0, sizeof *img);
	if (fd < 0)
		return errorf(err, errlen, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return errorf(err, errlen, "is a directory");
	}
	data = slurp(fd, &n, &mapped);
	close(fd);
	if (!data && errno == ENOMEM)
		return errorf(err, errlen, "out of memory");
	if (!data)
		return errorf(err, errlen, "read error: %s", strerror(errno));
	rc = elf_load_mem(data, n, img, err, errlen);
	slurp_free(data, n, mapped);
	return rc;
}

void elf_free(struct elfimage *img)
{
	for (int i = 0; i < img->nsym; i++)
		free(img->syms[i].name);
	free(img->syms);
	free(img->sym_reach);
	free(img->data);
	memset(img, 0, sizeof *img);
}
