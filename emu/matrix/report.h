/* Parts of the matrix's HTML report. */
#ifndef EMU_REPORT_H
#define EMU_REPORT_H

#include <stdio.h>
#include "matrix/matrix.h"

void report_scenario(FILE *f, const struct matrix *mx, int s);

#endif
