/*
 * The matrix's one-screen text summary: scenario rows, one column per
 * ISA-engine pair (all procs counts folded into one mark), one per engine
 * diff (per ISA) and one per ISA diff (per engine); then the failures.
 */
#include <stdio.h>
#include <string.h>
#include "matrix/mx.h"

/* '.' pass, 'x' expected failure, 'F' failure, 'X' unexpected pass, 'D' diff, 's' skipped, ' ' not run */
static char mark(const struct mx_job *j)
{
	switch (j->verdict) {
	case MX_PASS: return '.';
	case MX_XFAIL: return 'x';
	case MX_XPASS: return 'X';
	case MX_SKIPPED: return 's';
	case MX_FAIL: return j->kind == MX_RUN ? 'F' : 'D';
	default: return '?';
	}
}

static int rank(char c)
{
	return (int)(strchr(" s.xXFD?", c) - " s.xXFD?");
}

static char worst(char a, char b)
{
	return rank(b) > rank(a) ? b : a;
}

static bool column_match(const struct mx_job *j, enum mx_kind kind, int a, int e)
{
	if (j->kind == MX_SKIP)
		return kind != MX_RUN &&
		       (j->skips == MX_RUN || (j->skips == kind && (kind == MX_DIFF_ENGINE || j->engine == e)));
	return j->kind == kind && (kind == MX_DIFF_ARCH || j->arch == a) && (kind == MX_DIFF_ENGINE || j->engine == e);
}

char mx_cell(const struct matrix *mx, int s, enum mx_kind kind, int a, int e)
{
	char c = ' ';

	for (int i = 0; i < mx->njob; i++)
		if (mx->job[i].scen == s && column_match(&mx->job[i], kind, a, e))
			c = worst(c, mark(&mx->job[i]));
	return c;
}

static void header(const struct matrix *mx)
{
	printf("%-18s", "scenario");
	for (int a = 0; a < mx->narch; a++)
		for (int e = 0; e < mx->nengine; e++)
			if (mx_runs(mx, a, e))
				printf(" %.3s/%.1s", mx->arches[a], engine_names[mx->engines[e]]);
	if (mx->nodiff) {
		printf("\n");
		return;
	}
	printf(" |");
	for (int a = 0; a < mx->narch; a++)
		printf(" =e:%.3s", mx->arches[a]);
	printf(" |");
	for (int e = 0; e < mx->nengine; e++)
		if (mx->engines[e] != ENGINE_NATIVE)
			printf(" =a:%.1s", engine_names[mx->engines[e]]);
	printf("\n");
}

static void row(const struct matrix *mx, int s)
{
	printf("%-18.18s", mx->scen[s].name);
	for (int a = 0; a < mx->narch; a++)
		for (int e = 0; e < mx->nengine; e++)
			if (mx_runs(mx, a, e))
				printf("   %c  ", mx_cell(mx, s, MX_RUN, a, e));
	if (mx->nodiff) {
		printf("\n");
		return;
	}
	printf(" |");
	for (int a = 0; a < mx->narch; a++)
		printf("    %c  ", mx_cell(mx, s, MX_DIFF_ENGINE, a, -1));
	printf(" |");
	for (int e = 0; e < mx->nengine; e++)
		if (mx->engines[e] != ENGINE_NATIVE)
			printf("   %c ", mx_cell(mx, s, MX_DIFF_ARCH, -1, e));
	printf("\n");
}

void mx_print_summary(const struct matrix *mx)
{
	header(mx);
	for (int s = 0; s < mx->nscen; s++)
		row(mx, s);
	printf("marks: . pass  x expected failure  F run failed  D traces differ  X unexpected pass  s traces not diffed (NAME.nodiff, NAME.vtime)\n");
	for (int i = 0; i < mx->njob; i++) {
		const struct mx_job *j = &mx->job[i];
		if (j->verdict == MX_FAIL && j->tries > 1)
			printf("FAIL  %s (%d runs): %s\n      log: %s\n", j->name, j->tries, j->detail, j->log);
		else if (j->verdict == MX_FAIL)
			printf("FAIL  %s: %s\n      log: %s\n", j->name, j->detail, j->log);
		else if (j->verdict == MX_XPASS)
			printf("XPASS %s (listed as expected failure: %s)\n", j->name, j->reason);
		else if (j->verdict == MX_PASS && j->flaky[0])
			printf("flaky %s: passed on run %d; run 1: %s\n", j->name, j->tries, j->flaky);
	}
}
