/*
 * The traces a diff compares, walked record by record (trace/trace_stream.h)
 * so that its memory does not grow with them, and the few records it keeps
 * to print: the context of the first difference and the table's hit.
 */
#ifndef EMU_DIFF_SIDES_H
#define EMU_DIFF_SIDES_H

#include "cmd/table.h"
#include "trace/trace_stream.h"

struct side {
	const char *path;
	struct trace_stream *s;
	const struct trace *t;		/* the header; the end line and events once walked */
	const struct trace_rec *cur;	/* the record at the walk's index, NULL once ended */
	size_t n;			/* the records walked */
	char lastprobe[PROBELEN];	/* the probe of the last one */
};

/* The records of every side at one index, copied. */
struct hold {
	bool taken;
	size_t at;
	bool has[TABLE_MAX];
	struct trace_rec r[TABLE_MAX];
	uint64_t regs[TABLE_MAX][MAXREGS];
};

/* Open each trace and read its header; -1 after saying why. */
int sides_open(struct side *sd, char *const *files, int n);
/* Side sd's next record, of probe only if not NULL: 1, 0 once ended, -1 after saying why. */
int side_next(struct side *sd, const char *only);
/* The sides' current records into h as index at; false when out of memory. */
bool hold_take(struct hold *h, const struct side *sd, int n, size_t at, struct strpool *pool);
void sides_close(struct side *sd, int n);

#endif
