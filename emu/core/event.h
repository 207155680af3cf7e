/* Events: what an engine saw that no probe records, kept in order for the trace. */
#ifndef EMU_EVENT_H
#define EMU_EVENT_H

#include <stddef.h>
#include <stdint.h>

struct event {
	char kind[32];			/* "unknown-syscall", "qemu-singlestep", ... */
	uint64_t after;			/* seq of the last record before it; 0 also before any */
	char *detail;
};

struct eventlog {
	size_t n;
	size_t cap;
	struct event *ev;
};

/* kind is cut to fit; detail is copied. */
void eventlog_add(struct eventlog *l, const char *kind, uint64_t after, const char *detail);
void eventlog_free(struct eventlog *l);

#endif
