/* The events an engine hands to the run, in the order they happened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/event.h"
#include "core/util.h"

void eventlog_add(struct eventlog *l, const char *kind, uint64_t after, const char *detail)
{
	struct event *e;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->ev = xreallocarray(l->ev, l->cap, sizeof *l->ev);
	}
	e = &l->ev[l->n++];
	snprintf(e->kind, sizeof e->kind, "%s", kind);
	e->after = after;
	e->detail = xstrdup(detail);
}

void eventlog_free(struct eventlog *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->ev[i].detail);
	free(l->ev);
	memset(l, 0, sizeof *l);
}
