/* One scenario in the matrix's HTML report (report_scen.c). */
#ifndef EMU_REPORT_SCEN_H
#define EMU_REPORT_SCEN_H

#include <stdio.h>
#include "matrix/mx.h"

void report_scenario(FILE *f, const struct matrix *mx, int s);

#endif
