/* Go executables: their runtime's probe points, g register and g/m layout. */
#ifndef EMU_GOPROBES_H
#define EMU_GOPROBES_H

#include <stdbool.h>
#include <stdint.h>
#include "core/elfimage.h"
#include "core/golayout.h"
#include "core/hit.h"
#include "isa/archdesc.h"


/* How one ISA's Go code holds g and passes arguments. */
struct goabi {
	int role_reg[NROLES];	/* as archdesc's, with g's register and ABIInternal's arguments */
	int64_t g_tls;		/* g also at TLS + g_tls (amd64: -8); 0 if only in its register */
	bool has_tls_g;
	uint64_t heap;		/* the first of the heap's arena hints (malloc.go's mallocinit) */
};

struct gorun {
	char version[32];	/* runtime.buildVersion */
	const struct golayout *layout;	/* dwarf, or the table's entry for the release */
	const struct goabi *abi;
	int panic_probe, recovery_probe;	/* runtime.gopanic's and runtime.recovery's probe index, -1 if none */
	struct golayout dwarf;		/* as the program's DWARF describes runtime.g and runtime.m */
	char layout_from[48];		/* "DWARF" or "the go1.19 table" */
	uint64_t types, etypes;	/* the type section: runtime.types..runtime.etypes (0, 0 if unknown) */
};

/* Whether the program is a Go executable (.go.buildinfo or runtime.buildVersion). */
bool go_is_exec(const struct elfimage *img);
/*
 * Its release, ABI and g/m layout: from its DWARF where it has one, else
 * from crossrt's table for its release; -1 with a reason if neither.
 */
int go_resolve(const struct elfimage *img, struct gorun *gr, char *err, size_t errlen);

/* The printable Go string (no quote or backslash) whose header {data, len} is in the program's data at addr: 0, else -1. */
int go_string_at(const struct elfimage *img, uint64_t addr, char *out, size_t n);

/*
 * What a hit in a Go program reads of g through read (0: done): g (HIT_G),
 * its goid and M's id (HIT_GOID), its stack (HIT_GSTACK), its _defer and
 * _panic (HIT_GCHAIN; at runtime.recovery, on g0, those of the g it
 * recovers), and at runtime.gopanic the panic value (HIT_GOVAL).  tls is
 * the TLS register, regs the raw register file.
 */
typedef int go_read_fn(void *ctx, uint64_t addr, uint64_t *v);
void go_hit(const struct gorun *go, uint64_t tls, go_read_fn *read, void *ctx, struct hit *h);

#endif
