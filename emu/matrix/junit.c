/*
 * The matrix's JUnit XML: one testcase per run or diff, classed by
 * scenario, and one per mutant of the catalogue's results (--mutants),
 * failed unless it was caught as the catalogue expects.
 */
#include <stdio.h>
#include <string.h>
#include "matrix/mx.h"

static void testcase(FILE *f, const struct matrix *mx, const struct mx_job *j)
{
	fputs("  <testcase classname=\"crossrt.", f);
	mx_escape(f, mx->scen[j->scen].name);
	fputs("\" name=\"", f);
	mx_escape(f, j->name);
	fputs("\">", f);
	switch (j->verdict) {
	case MX_FAIL:
		fputs("<failure message=\"", f);
		mx_escape(f, j->detail);
		fputs("\">log: ", f);
		mx_escape(f, j->log);
		fputs("</failure>", f);
		break;
	case MX_XPASS:
		fputs("<failure message=\"unexpected pass, listed as expected failure: ", f);
		mx_escape(f, j->reason);
		fputs("\"/>", f);
		break;
	case MX_SKIPPED:
		fputs("<skipped message=\"", f);
		mx_escape(f, j->detail);
		fputs("\"/>", f);
		break;
	case MX_XFAIL:
		fputs("<system-out>expected failure: ", f);
		mx_escape(f, j->reason);
		fputs("</system-out>", f);
		break;
	default:
		break;
	}
	fputs("</testcase>\n", f);
}

/* Fields of a results line: name arch file broken expected result caught-by. */
static int fields(char *line, char **v, int max)
{
	int n = 0;

	line[strcspn(line, "\n")] = 0;
	for (char *p = line; p && n < max; n++) {
		v[n] = p;
		if ((p = strchr(p, '\t')) != NULL)
			*p++ = 0;
	}
	return n;
}

/* The mutants as testcases into f (NULL: only counted); *failed gets those not caught. */
static int mutant_cases(FILE *f, const char *path, int *failed)
{
	char line[2048], *v[7];
	int n = 0;
	FILE *in = path ? fopen(path, "r") : NULL;

	*failed = 0;
	while (in && fgets(line, sizeof line, in)) {
		if (fields(line, v, 7) < 7)
			continue;
		n++;
		*failed += strcmp(v[5], "caught") != 0;
		if (!f)
			continue;
		fputs("  <testcase classname=\"crossrt.mutants\" name=\"", f);
		mx_escape(f, v[0]);
		fputs(" (expected ", f);
		mx_escape(f, v[4]);
		fputs(")\">", f);
		fputs(strcmp(v[5], "caught") ? "<failure message=\"" : "<system-out>caught by ", f);
		if (strcmp(v[5], "caught")) {
			mx_escape(f, v[5]);
			fputs(": ", f);
		}
		mx_escape(f, v[6]);
		fputs(strcmp(v[5], "caught") ? "\"/>" : "</system-out>", f);
		fputs("</testcase>\n", f);
	}
	if (in)
		fclose(in);
	return n;
}

int mx_write_junit(const struct matrix *mx, const char *path)
{
	FILE *f = fopen(path, "w");
	int nmut, mutfail;

	if (!f) {
		perror(path);
		return -1;
	}
	nmut = mutant_cases(NULL, mx->mutants, &mutfail);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuite name=\"crossrt.matrix\" tests=\"%d\" failures=\"%d\" skipped=\"%d\">\n",
		mx->njob + nmut, mx->fail + mutfail, mx->skip);
	for (int i = 0; i < mx->njob; i++)
		testcase(f, mx, &mx->job[i]);
	mutant_cases(f, mx->mutants, &mutfail);
	fputs("</testsuite>\n", f);
	return fclose(f) ? -1 : 0;
}
