/*
 * What every part of the matrix uses: which engines run on which ISA,
 * where a run's trace is, and text that may be cut short or must be
 * escaped for HTML and XML.
 */
#include <stdarg.h>
#include <string.h>
#include "matrix/mx.h"

bool mx_engine_applies(const char *arch, enum engine engine)
{
	const struct archdesc *a = arch_byname(arch);

	if (engine != ENGINE_NATIVE)
		return true;
	return a && native_applies(a);
}

bool mx_runs(const struct matrix *mx, int a, int e)
{
	for (int k = 0; k < e; k++)
		if (mx->group[k] == mx->group[e] && mx_engine_applies(mx->arches[a], mx->engines[k]))
			return false;
	return mx_engine_applies(mx->arches[a], mx->engines[e]);
}

int mx_find_engine(const struct matrix *mx, enum engine engine)
{
	for (int i = 0; i < mx->nengine; i++)
		if (mx->engines[i] == engine)
			return i;
	return -1;
}

const char *mx_trace_path(const struct matrix *mx, int scen, int arch, int engine, int procs, char *buf, size_t n)
{
	const char *out = mx->scen[scen].out ? mx->scen[scen].out : mx->out;

	mx_fmt(buf, n, "%s/runs/%s.p%d.%s.%s.trace", out, mx->scen[scen].name, procs,
	       mx->arches[arch], engine_names[mx->engines[engine]]);
	return buf;
}

void mx_fmt(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

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
