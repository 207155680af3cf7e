/*
 * A window of a trace: the header and records [from, from+count), for
 * reports on traces too large to read whole.  The window's record i is the
 * trace's record from+i (the records before it are read too: a version 2
 * record needs its M's previous one); the end line is kept when the window reaches it,
 * event lines are left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/trace_window.h"
#include "trace/zst.h"

static bool append(char **buf, size_t *len, size_t *cap, const char *line, size_t n)
{
	if (*len + n > *cap) {
		size_t c = 2 * (*len + n) + 4096;
		char *p = realloc(*buf, c);
		if (!p)
			return false;
		*buf = p;
		*cap = c;
	}
	memcpy(*buf + *len, line, n);
	*len += n;
	return true;
}

struct trace *trace_read_window(const char *path, size_t from, size_t count, char *err, size_t errlen)
{
	FILE *f = trace_open_read(path);
	char *line = NULL, *buf = NULL;
	size_t cap = 0, len = 0, bufcap = 0, idx = 0;
	ssize_t n;
	bool ok = true;
	struct trace *t = NULL;

	if (!f) {
		snprintf(err, errlen, "%s: cannot open", path);
		return NULL;
	}
	if ((n = getline(&line, &cap, f)) > 0)
		ok = append(&buf, &len, &bufcap, line, (size_t)n);
	while (ok && idx <= from + count && (n = getline(&line, &cap, f)) > 0) {
		if (!strncmp(line, "{\"end\"", 6))
			ok = append(&buf, &len, &bufcap, line, (size_t)n);
		else if (!strncmp(line, "{\"event\"", 8))
			continue;	/* events are not records: they would shift the window */
		else if (idx < from + count)	/* earlier records too: a v2 record needs its M's previous one */
			ok = append(&buf, &len, &bufcap, line, (size_t)n);
		idx++;
	}
	fclose(f);
	free(line);
	if (buf && ok)
		t = trace_read_mem(buf, len, path, err, errlen);
	if (t && from) {
		size_t drop = from < t->n ? from : t->n;
		memmove(t->recs, t->recs + drop, (t->n - drop) * sizeof *t->recs);
		t->n -= drop;
	} else if (!(buf && ok))
		snprintf(err, errlen, "%s: empty or out of memory", path);
	free(buf);
	return t;
}
