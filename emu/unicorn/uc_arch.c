/* Unicorn's registers. */
#include <string.h>
#include "unicorn/uc.h"

/* Registers narrower than 64 bits are read into a zeroed 64-bit slot. */
uint64_t reg_get(struct ucrun *r, int id)
{
	uint64_t v = 0;

	uc_reg_read(r->uc, id, &v);
	return v;
}

void reg_set(struct ucrun *r, int id, uint64_t v)
{
	uc_reg_write(r->uc, id, &v);
}

/* The raw register file, in the archdesc's order. */
void regs_read(struct ucrun *r, uint64_t *regs)
{
	const struct ucarch *ua = r->ua;
	int ids[MAXREGS];
	void *vals[MAXREGS];

	for (int i = 0; i < ua->nhit; i++) {
		ids[i] = ua->hit[i];
		vals[i] = &regs[i];
	}
	uc_reg_read_batch(r->uc, ids, vals, ua->nhit);
}

/* The FP and vector registers and the FP control and status registers (archdesc xregs). */
void xstate_read(struct ucrun *r, struct xstate *x)
{
	const struct ucarch *ua = r->ua;
	int n = 0;

	memset(x, 0, sizeof *x);
	for (int i = 0; i < ua->nvec; i++) {
		uint64_t v[2] = { 0, 0 };

		if (uc_reg_read(r->uc, ua->vec + i, v) != UC_ERR_OK) {
			n += ua->veclen / 8;
			continue;
		}
		for (int k = 0; k < ua->veclen / 8; k++)
			xstate_set(x, n++, v[k]);
	}
	for (int i = 0; i < ua->nctl; i++, n++)
		xstate_set(x, n, reg_get(r, ua->ctl[i]));
}

uint64_t uc_pc(struct ucrun *r)
{
	return reg_get(r, r->ua->pc);
}

void uc_set_pc(struct ucrun *r, uint64_t pc)
{
	reg_set(r, r->ua->pc, pc);
}

/* The registers a Linux process starts with, apart from pc and sp. */
void cpu_init(struct ucrun *r)
{
	if (r->ua->cpu_init)
		r->ua->cpu_init(r);
}
