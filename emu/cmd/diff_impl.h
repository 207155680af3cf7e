/* crossrt diff --across impl: crossrt's runtime against Go's on the same program. */
#ifndef EMU_DIFF_IMPL_H
#define EMU_DIFF_IMPL_H

#include "trace/trace.h"

/* Compare t[0] and t[1], one crossrt's and one Go's, and print the result: 0 equal, 1 different, 2 error. */
int diff_impl(struct trace **t, int n);

#endif
