/* One instruction of a program, disassembled by Capstone at an address. */
#ifndef EMU_DISASM_H
#define EMU_DISASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/elfimage.h"

struct disasm {
	bool ok;
	size_t cs;		/* Capstone's handle (csh) */
	struct elfimage img;
};

/* false, with why in err, if the program cannot be read or its ISA has no Capstone 4 disassembler. */
bool disasm_open(struct disasm *d, const char *elfpath, const struct archdesc *a, char *err, size_t errlen);
/* "mnemonic operands" of the instruction at pc; "" if none can be read there. */
void disasm_at(const struct disasm *d, uint64_t pc, char *out, size_t n);
void disasm_close(struct disasm *d);

#endif
