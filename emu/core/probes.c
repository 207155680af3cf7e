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

/* A Go executable's: Go's runtime functions by their exact names, with their ABIInternal arguments. */
static const struct {
	const char *name;
	int nargs;
} goknown[] = {
	{ "runtime.newproc", 1 }, { "runtime.newproc1", 3 }, { "runtime.schedule", 0 },
	{ "runtime.findrunnable", 0 }, { "runtime.findRunnable", 0 },	/* go1.19 spells it so */
	{ "runtime.runqsteal", 3 }, { "runtime.execute", 2 },
	{ "runtime.gogo", 0 }, { "runtime.mcall", 0 }, { "runtime.systemstack", 0 },	/* assembly, ABI0 */
	{ "runtime.gopark", 5 }, { "runtime.goready", 2 }, { "runtime.gosched_m", 1 },
	{ "runtime.goexit1", 0 }, { "runtime.newstack", 0 }, { "runtime.morestack", 0 },
	{ "runtime.asyncPreempt", 0 }, { "runtime.deferproc", 1 }, { "runtime.deferprocStack", 1 },
	{ "runtime.deferreturn", 0 }, { "runtime.gopanic", 2 },	/* an eface in two registers */
	{ "runtime.gorecover", 1 }, { "runtime.recovery", 1 }, { "runtime.sigpanic", 0 },
	{ "runtime.fatalpanic", 1 }, { "runtime.fatalthrow", 0 },
};

/* Go's function by its exact name, or its assembly (ABI0) body where Go's register ABI names it so. */
static const struct elfsym *go_func(const struct elfimage *img, const char *name)
{
	char abi0[64];
	const struct elfsym *s = elf_sym_byname(img, name);

	if (s && s->func && s->addr)
		return s;
	snprintf(abi0, sizeof abi0, "%s.abi0", name);
	s = elf_sym_byname(img, abi0);
	return s && s->func && s->addr ? s : NULL;
}

/* One more probe point in ps (its fields as struct probeset says). */
static void add_probe(struct probeset *ps, const char *name, uint64_t addr, int nargs, unsigned wide, bool byreturn,
		      bool xstate, bool injected)
{
	ps->name[ps->n] = name;
	ps->addr[ps->n] = addr;
	ps->nargs[ps->n] = nargs;
	ps->wide[ps->n] = wide;
	ps->byreturn[ps->n] = byreturn;
	ps->xstate[ps->n] = xstate;
	ps->injected[ps->n] = injected;
	ps->n++;
}

static int go_probes(const struct elfimage *img, struct probeset *ps, char *err, size_t errlen)
{
	if (go_resolve(img, &ps->go, err, errlen) != 0)
		return -1;
	ps->isgo = true;
	ps->go.panic_probe = ps->go.recovery_probe = -1;
	for (size_t i = 0; i < sizeof goknown / sizeof goknown[0] && ps->n < MAXPROBES; i++) {
		const struct elfsym *s = go_func(img, goknown[i].name);
		if (!s)
			continue;
		if (!strcmp(goknown[i].name, "runtime.gopanic"))
			ps->go.panic_probe = ps->n;
		if (!strcmp(goknown[i].name, "runtime.recovery"))
			ps->go.recovery_probe = ps->n;
		add_probe(ps, goknown[i].name, s->addr, ps->go.abi->role_reg[R_A0] == ROLE_NONE ? 0 : goknown[i].nargs, 0,
			  false, false, !strcmp(goknown[i].name, "runtime.asyncPreempt"));
	}
	if (ps->n == 0) {
		snprintf(err, errlen, "a Go executable without a symbol table (built with -s?): no runtime.* probe points");
		return -1;
	}
	return 0;
}

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
	ps->isgo = false;
	if (go_is_exec(img))
		return go_probes(img, ps, err, errlen);
	for (size_t i = 0; i < sizeof known / sizeof known[0] && ps->n < MAXPROBES; i++) {
		const struct elfsym *s = elf_sym_byname(img, known[i].sym);
		if (!s || !s->func || s->addr == 0)
			continue;
		add_probe(ps, known[i].name, s->addr, known[i].nargs, known[i].wide,
			  !strcmp(known[i].name, "goexit") || !strcmp(known[i].name, "gogo_resume") ||
				  !strcmp(known[i].name, "asyncPreempt_resume"),
			  is_transition(known[i].name), !strncmp(known[i].name, "asyncPreempt", 12));
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
