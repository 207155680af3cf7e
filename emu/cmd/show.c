/* crossrt show: a trace as readable tables, one per probe hit. */
#include <capstone/capstone.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/cli.h"
#include "core/elfimage.h"
#include "trace/trace.h"

struct disasm {
	bool ok;
	csh cs;
	struct elfimage img;
};

/* Not every ISA has a Capstone 4 disassembler (cs_arch < 0). */
static void disasm_open(struct disasm *d, const char *elfpath, const struct archdesc *a)
{
	char err[256];

	d->ok = false;
	if (!elfpath || a->cs_arch < 0)
		return;
	if (elf_load(elfpath, &d->img, err, sizeof err) != 0) {
		fprintf(stderr, "crossrt show: %s: %s (no disassembly)\n", elfpath, err);
		return;
	}
	if (d->img.arch != a || cs_open((cs_arch)a->cs_arch, (cs_mode)a->cs_mode, &d->cs) != CS_ERR_OK) {
		elf_free(&d->img);
		return;
	}
	d->ok = true;
}

static void disasm_at(struct disasm *d, uint64_t pc, char *out, size_t n)
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

static void show_rec(const struct trace *t, const struct trace_rec *r, struct disasm *d)
{
	char ins[200];
	char g[24];

	disasm_at(d, r->role[R_PC], ins, sizeof ins);
	if (r->g == 0)
		snprintf(g, sizeof g, "g0");
	else
		snprintf(g, sizeof g, "g#%lld", (long long)r->g);
	printf("#%llu %s  m#%lld  %s  %s\n", (unsigned long long)r->seq, r->probe, (long long)r->m, g, ins);
	for (int role = 0; role < NROLES; role++)
		if (r->role_known & (1u << role))
			printf("  %-4s %-18llx %s\n", role_names[role], (unsigned long long)r->role[role], r->norm[role]);
	if (r->facts[0])
		printf("  facts %s\n", r->facts);
	for (int i = 0; i < t->arch->nregs; i++) {
		printf("  %-9s %-18llx", t->arch->regnames[i], (unsigned long long)r->regs[i]);
		if (i % 4 == 3 || i == t->arch->nregs - 1)
			putchar('\n');
	}
	printf("\n");
}

static void show_event(const struct event *ev)
{
	printf("! event %s after #%llu: %s\n\n", ev->kind, (unsigned long long)ev->after, ev->detail);
}

/* Events from *ev on that come before the record with seq next. */
static void show_events(const struct trace *t, size_t *ev, uint64_t next)
{
	while (*ev < t->nevents && t->events[*ev].after < next)
		show_event(&t->events[(*ev)++]);
}

int cmd_show(int argc, char **argv)
{
	const char *path = NULL, *probe = NULL, *elfpath = NULL;
	long limit = -1;
	size_t ev = 0;
	char err[512];
	struct trace *t;
	struct disasm d = { 0 };

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--probe") && i + 1 < argc)
			probe = argv[++i];
		else if (!strcmp(argv[i], "--elf") && i + 1 < argc)
			elfpath = argv[++i];
		else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
			limit = strtol(argv[++i], NULL, 10);
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
			return fprintf(stderr, "crossrt show: bad argument '%s'\n", argv[i]), 2;
	}
	if (!path)
		return fprintf(stderr, "crossrt show: no trace given\n"), 2;
	if (!(t = trace_read(path, err, sizeof err)))
		return fprintf(stderr, "crossrt show: %s\n", err), 2;
	disasm_open(&d, elfpath, t->arch);
	printf("trace %s: %s under %s, %s, procs %d, seed %llu; tls from %s, g from %s; %zu probes\n\n", path,
	       t->h.prog, t->h.engine, t->h.arch, t->h.procs, (unsigned long long)t->h.seed, t->h.tls_source,
	       t->h.g_source, t->n);
	show_events(t, &ev, t->n ? t->recs[0].seq : UINT64_MAX);
	for (size_t i = 0; i < t->n && limit != 0; i++) {
		if (!probe || !strcmp(t->recs[i].probe, probe)) {
			show_rec(t, &t->recs[i], &d);
			if (limit > 0)
				limit--;
		}
		show_events(t, &ev, i + 1 < t->n ? t->recs[i + 1].seq : UINT64_MAX);
	}
	if (t->has_end)
		printf("end: exit %d, %s\n", t->end.exit_status, t->end.reason);
	if (d.ok) {
		cs_close(&d.cs);
		elf_free(&d.img);
	}
	trace_free(t);
	return 0;
}
