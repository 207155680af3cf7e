/* The runtime's probe points (DESIGN.md section 3) resolved in one program. */
#ifndef EMU_PROBES_H
#define EMU_PROBES_H

#include <stdint.h>
#include "core/elfimage.h"
#include "core/goprobes.h"

#define MAXPROBES 64

#define PWIDE_RESULT (1u << 31)

struct probeset {
	int n;
	const char *name[MAXPROBES];	/* probe name, as in traces */
	uint64_t addr[MAXPROBES];	/* entry address in the program */
	int nargs[MAXPROBES];		/* arguments worth comparing at entry */
	unsigned wide[MAXPROBES];	/* two-word struct arguments (bit k: argument k) and result (PWIDE_RESULT) */
	bool byreturn[MAXPROBES];	/* not entered by a call (a return, a jump): no return address */
	bool xstate[MAXPROBES];		/* an end of a context transition: capture the extended state */
	bool injected[MAXPROBES];	/* entered at any pc of interrupted code: its fp is that code's */
	bool isgo;			/* a Go executable: go says its release, layout and ABI */
	struct gorun go;
};

/* Resolve every known probe the program has; only programs with none are an error. */
int probes_resolve(const struct elfimage *img, struct probeset *ps, char *err, size_t errlen);
int probes_find(const struct probeset *ps, uint64_t addr);

#endif
