/* Disassembly of one instruction at an address of a loaded program (Capstone 4). */
#include <capstone/capstone.h>
#include <stdio.h>
#include "core/disasm.h"

_Static_assert(sizeof(csh) == sizeof(size_t), "csh is a size_t");

bool disasm_open(struct disasm *d, const char *elfpath, const struct archdesc *a, char *err, size_t errlen)
{
	csh cs;

	d->ok = false;
	if (a->cs_arch < 0) {
		snprintf(err, errlen, "Capstone 4 has no %s disassembler", a->name);
		return false;
	}
	if (elf_load(elfpath, &d->img, err, errlen) != 0)
		return false;
	if (d->img.arch != a) {
		snprintf(err, errlen, "%s is not a %s program", elfpath, a->name);
		elf_free(&d->img);
		return false;
	}
	if (cs_open((cs_arch)a->cs_arch, (cs_mode)a->cs_mode, &cs) != CS_ERR_OK) {
		snprintf(err, errlen, "Capstone cannot open a %s disassembler", a->name);
		elf_free(&d->img);
		return false;
	}
	d->cs = cs;
	d->ok = true;
	return true;
}

void disasm_at(const struct disasm *d, uint64_t pc, char *out, size_t n)
{
	cs_insn *insn;

	out[0] = 0;
	if (!d->ok)
		return;
	for (int i = 0; i < d->img.nseg; i++) {
		const struct elfseg *s = &d->img.seg[i];
		if (pc < s->vaddr || pc - s->vaddr >= s->filesz)
			continue;
		uint64_t off = s->offset + (pc - s->vaddr);
		size_t avail = (size_t)(s->filesz - (pc - s->vaddr));
		if (cs_disasm(d->cs, d->img.data + off, avail < 16 ? avail : 16, pc, 1, &insn) == 1) {
			snprintf(out, n, "%s %s", insn->mnemonic, insn->op_str);
			cs_free(insn, 1);
		}
		return;
	}
}

void disasm_close(struct disasm *d)
{
	csh cs = d->cs;

	if (!d->ok)
		return;
	cs_close(&cs);
	elf_free(&d->img);
	d->ok = false;
}
