/* Probe points: runtime functions whose entries the engines hook. */
#include <stdio.h>
#include <string.h>
#include "probes.h"

/* probe name, symbol */
static const char *const known[][2] = {
	{ "newproc", "newproc" },
	{ "execute", "execute" },
	{ "schedule", "schedule" },
	{ "runqsteal", "runqsteal" },
	{ "gopark", "gopark" },
	{ "goready", "goready" },
	{ "gosched", "Gosched" },
	{ "goexit", "goexit" },
	{ "mstart", "mstart" },
	{ "mcall", "mcall" },
	{ "gogo", "gogo" },
	{ "systemstack", "systemstack" },
	{ "morestack", "morestack" },
	{ "asyncPreempt", "asyncPreempt" },
	{ "deferproc", "deferproc" },
	{ "deferreturn", "deferreturn" },
	{ "gopanic", "gopanic" },
	{ "gorecover", "gorecover" },
	{ "recovery", "recovery" },
	{ "sigpanic", "sigpanic" },
	{ "fatalpanic", "fatalpanic" },
	{ "fatalthrow", "fatalthrow" },
};

int probes_resolve(const struct elfimage *img, struct probeset *ps, char *err, size_t errlen)
{
	ps->n = 0;
	for (size_t i = 0; i < sizeof known / sizeof known[0] && ps->n < MAXPROBES; i++) {
		const struct elfsym *s = elf_sym_byname(img, known[i][1]);
		if (!s || !s->func || s->addr == 0)
			continue;
		ps->name[ps->n] = known[i][0];
		ps->addr[ps->n] = s->addr;
		ps->n++;
	}
	if (ps->n == 0) {
		snprintf(err, errlen, "no probe points: not a crossrt program (no symbol newproc, schedule, ...)");
		return -1;
	}
	return 0;
}

int probes_find(const struct probeset *ps, uint64_t addr)
{
	for (int i = 0; i < ps->n; i++)
		if (ps->addr[i] == addr)
			return i;
	return -1;
}
