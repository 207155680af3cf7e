/* Probe points: runtime functions whose entries the engines hook. */
#include <stdio.h>
#include <string.h>
#include "core/probes.h"

/* probe name, symbol, number of arguments, which are two-word structs (bits; PWIDE_RESULT: the result) */
static const struct {
	const char *name;
	const char *sym;
	int nargs;
	unsigned wide;
} known[] = {
	{ "newproc", "newproc", 2, 0 },
	{ "execute", "execute", 1, 0 },
	{ "schedule", "schedule", 0, 0 },
	{ "runqsteal", "runqsteal", 3, 0 },
	{ "gopark", "gopark", 3, 0 },
	{ "goready", "goready", 1, 0 },
	{ "gosched", "Gosched", 0, 0 },
	{ "goexit", "goexit", 0, 0 },
	{ "mstart", "mstart", 0, 0 },
	{ "mcall", "mcall", 1, 0 },
	{ "gogo", "gogo", 1, 0 },
	{ "gogo_resume", "gogo_resume", 0, 0 },
	{ "systemstack", "systemstack", 2, 0 },
	{ "systemstack_return", "systemstack_return", 0, 0 },
	{ "morestack", "morestack", 0, 0 },
	{ "asyncPreempt", "asyncPreempt", 0, 0 },
	{ "asyncPreempt_resume", "asyncPreempt_resume", 0, 0 },
	{ "deferproc", "deferproc", 2, 0 },
	{ "deferreturn", "deferreturn", 0, 0 },
	{ "gopanic", "gopanic", 1, 1u << 0 },		/* eface */
	{ "gorecover", "gorecover", 1, PWIDE_RESULT },	/* returns an eface */
	{ "recovery", "recovery", 1, 0 },
	{ "sigpanic", "sigpanic", 0, 0 },
	{ "fatalpanic", "fatalpanic", 1, 0 },
	{ "fatalthrow", "fatalthrow", 0, 0 },
};

/* The probes where a goroutine's context is saved or restored (trace/facts.c). */
static bool is_transition(const char *name)
{
	static const char *const names[] = {
		"mcall", "deferproc", "gogo_resume", "systemstack", "systemstack_return",
		"asyncPreempt", "asyncPreempt_resume",
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

int probes_resolve(const struct elfimage *img, struct probeset *ps, char *err, size_t errlen)
{
	ps->n = 0;
	for (size_t i = 0; i < sizeof known / sizeof known[0] && ps->n < MAXPROBES; i++) {
		const struct elfsym *s = elf_sym_byname(img, known[i].sym);
		if (!s || !s->func || s->addr == 0)
			continue;
		ps->name[ps->n] = known[i].name;
		ps->nargs[ps->n] = known[i].nargs;
		ps->wide[ps->n] = known[i].wide;
		ps->byreturn[ps->n] = !strcmp(known[i].name, "goexit") || !strcmp(known[i].name, "gogo_resume") ||
				    !strcmp(known[i].name, "asyncPreempt_resume");
		ps->xstate[ps->n] = is_transition(known[i].name);
		ps->injected[ps->n] = !strncmp(known[i].name, "asyncPreempt", 12);
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
