/* crossrt diff --across impl: crossrt's runtime against Go's on the same program. */
#ifndef EMU_DIFF_IMPL_H
#define EMU_DIFF_IMPL_H

#include "trace/trace.h"

/* Read and compare two traces, one crossrt's and one Go's, and print the result: 0 equal, 1 different, 2 error. */
int diff_impl(char **files, int n);

#endif
