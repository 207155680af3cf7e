/*
 * The events crossrt's runtime and Go's share, read from a trace of either
 * (docs/impl-diff.md): goroutine creation and exit, park and ready, defer,
 * panic, recover, recovery, fatal errors.  Goroutines are numbered in the
 * order of their creation among the program's own goroutines: 1 is main,
 * Go's own (forcegc, bgsweep, bgscavenge, finalizers) are left out.
 */
#ifndef EMU_TRACE_IMPL_H
#define EMU_TRACE_IMPL_H

#include <stddef.h>
#include "trace/trace.h"

enum implkind {
	IE_GO, IE_EXIT, IE_PARK, IE_READY, IE_DEFER, IE_DEFERRETURN, IE_PANIC, IE_SIGPANIC,
	IE_RECOVER, IE_RECOVERY, IE_FATALPANIC, IE_FATALTHROW, NIMPLKINDS
};

extern const char *const implkind_names[NIMPLKINDS];

struct implev {
	enum implkind kind;
	int g;			/* the goroutine's number; 0 for a g0 */
	int other;		/* IE_GO: the new goroutine; IE_READY, IE_RECOVERY: whose; 0 unknown */
	char wait[32];		/* IE_PARK: Go's wait reason, "" unknown */
	char type[NORMLEN];	/* IE_PANIC: the value's type, "" unknown */
	char value[NORMLEN];	/* IE_PANIC: a string value, quoted; "" unknown or not a string */
	size_t rec;		/* the record it comes from */
};

struct implevents {
	bool go;		/* a Go program's trace */
	size_t n, cap;
	struct implev *ev;
};

/* The shared events of t; -1 with a one-line reason if t cannot be read so (several Ps). */
int impl_events(const struct trace *t, struct implevents *out, char *err, size_t errlen);
void impl_free(struct implevents *e);

/* Go 1.19's name for gopark's reason, NULL if it has none. */
const char *impl_go_waitreason(uint64_t reason);
/* Whether a caller is in Go's runtime package: a goroutine it creates is Go's own. */
bool impl_go_runtime_code(const char *norm);

/* Whether a and b agree where both say something; what differs in what (a one-line reason). */
bool impl_ev_equal(const struct implev *a, const struct implev *b, char *what, size_t n);
/* One line: "park g2 wait=\"chan send\"". */
void impl_ev_format(const struct implev *e, char *out, size_t n);

#endif
