/*
 * A trace read one record at a time, in memory that does not grow with the
 * trace (what its M's need, the events, strings past a record's arena):
 * for commands that go through a trace once, such as diff.
 */
#ifndef EMU_TRACE_STREAM_H
#define EMU_TRACE_STREAM_H

#include "trace/trace.h"

#define TRACE_STREAM_KEEP 4	/* a record stays valid for this many calls of trace_stream_next */

struct trace_stream;

/* Open a trace (compressed or not) and read its header; NULL with "FILE:LINE: reason" in err. */
struct trace_stream *trace_stream_open(const char *path, char *err, size_t errlen);
/*
 * The header; once trace_stream_next has returned 0, the end line and the
 * events too.  Its n counts the records read so far; it holds none of them.
 */
const struct trace *trace_stream_trace(const struct trace_stream *s);
/* The next record in *r: 1; 0 after the last; -1 on error, with "FILE:LINE: reason" in err. */
int trace_stream_next(struct trace_stream *s, const struct trace_rec **r, char *err, size_t errlen);
void trace_stream_close(struct trace_stream *s);

/* A record of a stream kept for later: its registers copied to regs, its strings to pool. */
bool trace_rec_hold(struct trace_rec *dst, uint64_t *regs, const struct trace_rec *src, struct strpool *pool);

#endif
