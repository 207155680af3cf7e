/*
 * Time is not a divergence: a value the runtime handed out as a clock
 * reading or a timer's deadline (its record's "time" lines) is named
 * `time`, in the roles and in the raw registers of each probe hit.
 */
#ifndef EMU_TIMENAME_H
#define EMU_TIMENAME_H

#include "core/records.h"
#include "trace/trace.h"

/* Mark r's registers and name its roles that hold one of rec's time values. */
void time_name_hit(const struct records *rec, const struct archdesc *a, struct trace_rec *r);
/* "rbx,r12" (".hi" after a register of the high mask): r's time registers by a's names; "" if none. */
void time_regs_format(const struct archdesc *a, const struct trace_rec *r, char *out, size_t n);
/* The masks of such a list; -1 on a name a does not have. */
int time_regs_parse(const struct archdesc *a, const char *list, uint64_t *full, uint64_t *high);
/* Register i of x and y, both holding time values, is not a divergence. */
bool time_regs_agree(const struct trace_rec *x, const struct trace_rec *y, int i);

#endif
