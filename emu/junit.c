/* The matrix's JUnit XML: one testcase per run or diff, classed by scenario. */
#include <stdio.h>
#include "matrix.h"

void mx_escape(FILE *f, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
				fputc(*s, f);
		}
}

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

int mx_write_junit(const struct matrix *mx, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuite name=\"crossrt.matrix\" tests=\"%d\" failures=\"%d\" skipped=\"%d\">\n",
		mx->njob, mx->fail, mx->skip);
	for (int i = 0; i < mx->njob; i++)
		testcase(f, mx, &mx->job[i]);
	fputs("</testsuite>\n", f);
	return fclose(f) ? -1 : 0;
}
