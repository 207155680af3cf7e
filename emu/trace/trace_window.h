/* Reading part of a trace. */
#ifndef EMU_TRACE_WINDOW_H
#define EMU_TRACE_WINDOW_H

#include "trace/trace.h"

struct trace *trace_read_window(const char *path, size_t from, size_t count, char *err, size_t errlen);

#endif
