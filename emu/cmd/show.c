/*
 * crossrt show: a trace as readable tables, one per probe hit; or with
 * --table PROBE[:HIT], one or several traces side by side at the HIT-th
 * hit of PROBE in each (the table the Go articles draw by hand).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/cli.h"
#include "cmd/table.h"
#include "core/disasm.h"
#include "trace/trace.h"

/* Not every ISA has a Capstone 4 disassembler: those show no instructions, silently. */
static void show_disasm_open(struct disasm *d, const char *elfpath, const struct archdesc *a)
{
	char err[256];

	d->ok = false;
	if (elfpath && a->cs_arch >= 0 && !disasm_open(d, elfpath, a, err, sizeof err))
		fprintf(stderr, "crossrt show: %s (no disassembly)\n", err);
}

static void show_rec(const struct trace *t, const struct trace_rec *r, struct disasm *d)
{
	char ins[200];
	char g[24], m[24];

	disasm_at(d, r->role[R_PC], ins, sizeof ins);
	printf("#%llu %s  %s  %s  %s\n", (unsigned long long)r->seq, r->probe, table_mname(r->m, m, sizeof m),
	       table_gname(r->g, g, sizeof g), ins);
	for (int role = 0; role < NROLES; role++)
		if (r->role_known & (1u << role))
			printf("  %-4s %-18llx %s\n", role_names[role], (unsigned long long)r->role[role], r->norm[role]);
	if (r->facts[0])
		printf("  facts %s\n", r->facts);
	if (r->state[0])
		printf("  state %s\n", r->state);
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

/* The index of the hit-th (from 1) record of probe in t, TABLE_NONE if there are fewer. */
static size_t nth_hit(const struct trace *t, const char *probe, long hit)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->recs[i].probe, probe) && --hit == 0)
			return i;
	return TABLE_NONE;
}

/* Columns by ISA when the traces' ISAs differ, else by engine, else both. */
static void column_labels(struct trace *const *t, int n, char (*buf)[48], const char **label)
{
	bool archs = true, engines = true;

	for (int k = 0; k < n; k++)
		for (int j = 0; j < k; j++) {
			archs &= strcmp(t[j]->h.arch, t[k]->h.arch) != 0;
			engines &= strcmp(t[j]->h.engine, t[k]->h.engine) != 0;
		}
	for (int k = 0; k < n; k++) {
		if (archs)
			snprintf(buf[k], sizeof buf[k], "%s", t[k]->h.arch);
		else if (engines)
			snprintf(buf[k], sizeof buf[k], "%s", t[k]->h.engine);
		else
			snprintf(buf[k], sizeof buf[k], "%s %s", t[k]->h.arch, t[k]->h.engine);
		label[k] = buf[k];
	}
}

static int show_table(struct trace *const *t, int n, const char *probe, long hit)
{
	size_t at[TABLE_MAX];
	char buf[TABLE_MAX][48];
	const char *label[TABLE_MAX];
	int found = 0;

	column_labels(t, n, buf, label);
	printf("%s, hit %ld:", probe, hit);
	for (int k = 0; k < n; k++) {
		at[k] = nth_hit(t[k], probe, hit);
		found += at[k] != TABLE_NONE;
		if (at[k] != TABLE_NONE)
			printf("  %s #%zu", label[k], at[k]);
		else
			printf("  %s none", label[k]);
	}
	printf("\n");
	if (!found) {
		fprintf(stderr, "crossrt show: no trace has a hit %ld of probe '%s'\n", hit, probe);
		return 1;
	}
	table_print(t, n, at, label, false);
	return 0;
}

/* "PROBE" or "PROBE:HIT" (HIT from 1). */
static int parse_table_arg(const char *arg, char *probe, size_t n, long *hit)
{
	const char *colon = strchr(arg, ':');
	char *end;

	snprintf(probe, n, "%.*s", colon ? (int)(colon - arg) : (int)strlen(arg), arg);
	if (!colon)
		return *arg ? 0 : -1;
	*hit = strtol(colon + 1, &end, 10);
	return *probe && *end == 0 && end != colon + 1 && *hit > 0 ? 0 : -1;
}

static int show_one(const char *path, struct trace *t, const char *probe, long hit, const char *elfpath,
		    long limit)
{
	size_t ev = 0;
	struct disasm d = { 0 };

	show_disasm_open(&d, elfpath, t->arch);
	printf("trace %s: %s under %s, %s, procs %d, seed %llu; tls from %s, g from %s; %zu probes\n\n", path,
	       t->h.prog, t->h.engine, t->h.arch, t->h.procs, (unsigned long long)t->h.seed, t->h.tls_source,
	       t->h.g_source, t->n);
	show_events(t, &ev, t->n ? t->recs[0].seq : UINT64_MAX);
	for (size_t i = 0; i < t->n && limit != 0; i++) {
		if (!probe || (!strcmp(t->recs[i].probe, probe) && (hit == 0 || --hit == 0))) {
			show_rec(t, &t->recs[i], &d);
			if (limit > 0)
				limit--;
		}
		show_events(t, &ev, i + 1 < t->n ? t->recs[i + 1].seq : UINT64_MAX);
	}
	if (t->has_end)
		printf("end: exit %d, %s\n", t->end.exit_status, t->end.reason);
	disasm_close(&d);
	return 0;
}

int cmd_show(int argc, char **argv)
{
	const char *paths[TABLE_MAX], *probe = NULL, *elfpath = NULL;
	const char *table = NULL;
	char tprobe[PROBELEN + 1], *end;
	long limit = -1, hit = 0;
	int npaths = 0, rc = 0;
	char err[512];
	struct trace *t[TABLE_MAX] = { 0 };

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--probe") && i + 1 < argc)
			probe = argv[++i];
		else if (!strcmp(argv[i], "--table") && i + 1 < argc)
			table = argv[++i];
		else if (!strcmp(argv[i], "--hit") && i + 1 < argc) {
			hit = strtol(argv[++i], &end, 10);
			if (*end || end == argv[i] || hit < 1)
				return fprintf(stderr, "crossrt show: --hit needs a number from 1: '%s'\n", argv[i]), 2;
		} else if (!strcmp(argv[i], "--elf") && i + 1 < argc)
			elfpath = argv[++i];
		else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
			limit = strtol(argv[++i], NULL, 10);
		else if (argv[i][0] != '-' && npaths < TABLE_MAX)
			paths[npaths++] = argv[i];
		else
			return fprintf(stderr, "crossrt show: bad argument '%s'\n", argv[i]), 2;
	}
	if (!npaths)
		return fprintf(stderr, "crossrt show: no trace given\n"), 2;
	if (hit && !probe)
		return fprintf(stderr, "crossrt show: --hit needs --probe\n"), 2;
	if (table && (probe || hit))
		return fprintf(stderr, "crossrt show: --table PROBE[:HIT] takes neither --probe nor --hit\n"), 2;
	if (table && parse_table_arg(table, tprobe, sizeof tprobe, &hit) != 0)
		return fprintf(stderr, "crossrt show: --table wants PROBE or PROBE:HIT (HIT from 1): '%s'\n", table), 2;
	if (!table && npaths > 1)
		return fprintf(stderr, "crossrt show: several traces need --table PROBE[:HIT]\n"), 2;
	for (int k = 0; k < npaths; k++)
		if (!(t[k] = trace_read(paths[k], err, sizeof err))) {
			fprintf(stderr, "crossrt show: %s\n", err);
			rc = 2;
			break;
		}
	if (rc == 0)
		rc = table ? show_table(t, npaths, tprobe, hit ? hit : 1) : show_one(paths[0], t[0], probe, hit, elfpath, limit);
	for (int k = 0; k < npaths; k++)
		if (t[k])
			trace_free(t[k]);
	return rc;
}
