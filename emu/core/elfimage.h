/* Static ELF executables: validated, with segments and a sorted symbol table. */
#ifndef EMU_ELFIMAGE_H
#define EMU_ELFIMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "isa/isa.h"

#define ELF_MAXSEG 16
#define SEG_R 4		/* = PF_R */
#define SEG_W 2		/* = PF_W */
#define SEG_X 1		/* = PF_X */

struct elfseg {
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t filesz;
	uint64_t offset;
	int flags;		/* SEG_R | SEG_W | SEG_X */
};

struct elfsym {
	uint64_t addr;
	uint64_t size;
	char *name;
	bool func;
};

/* A section's place in memory and in the file; size 0 if the program has none. */
struct elfsec {
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
};

struct elfimage {
	const struct archdesc *arch;
	uint64_t entry;
	uint64_t phdr_vaddr;	/* AT_PHDR: where the program headers are mapped, 0 if not */
	int phnum;
	int phentsize;
	int nseg;
	struct elfseg seg[ELF_MAXSEG];
	unsigned char *data;	/* the whole file */
	size_t size;
	int nsym;
	struct elfsym *syms;	/* sorted by address */
	uint64_t *sym_reach;	/* [i]: greatest addr+size of syms[0..i]; NULL in hand-built images */
	bool syms_from_pclntab;	/* no .symtab: syms are Go's functions from .gopclntab */
	struct elfsec gopclntab, gobuildinfo;	/* Go's function table and build information */
};

/*
 * Load and validate a static 64-bit little-endian ET_EXEC for one of the
 * three ISAs.  On error returns -1 with a one-line reason in err.
 */
int elf_load(const char *path, struct elfimage *img, char *err, size_t errlen);
int elf_load_mem(const void *buf, size_t n, struct elfimage *img, char *err, size_t errlen);
void elf_free(struct elfimage *img);

/* The symbol containing addr (function symbols preferred), or NULL. */
const struct elfsym *elf_sym_lookup(const struct elfimage *img, uint64_t addr);
const struct elfsym *elf_sym_byname(const struct elfimage *img, const char *name);
/* n bytes of the program's initialised data at vaddr (in one segment's file image), or NULL. */
const unsigned char *elf_bytes(const struct elfimage *img, uint64_t vaddr, uint64_t n);

#endif
