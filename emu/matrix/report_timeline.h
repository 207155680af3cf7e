/* The scheduler timeline of a scenario in the HTML report (report_timeline.c). */
#ifndef EMU_REPORT_TIMELINE_H
#define EMU_REPORT_TIMELINE_H

#include <stdio.h>
#include "matrix/mx.h"

/* e: the index of the engine whose procs=1 traces are shown */
void report_timeline(FILE *f, const struct matrix *mx, int s, int e);

#endif
