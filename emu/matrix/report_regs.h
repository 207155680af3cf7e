/* Registers at chosen probes, per ISA, in the HTML report (report_regs.c). */
#ifndef EMU_REPORT_REGS_H
#define EMU_REPORT_REGS_H

#include <stdio.h>
#include "matrix/mx.h"

/* e: the index of the engine whose procs=1 traces are shown */
void report_regs(FILE *f, const struct matrix *mx, int s, int e);

#endif
