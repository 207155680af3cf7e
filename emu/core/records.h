/* The runtime's own record of its Ms, goroutines and time values (runtime/record.c). */
#ifndef EMU_RECORDS_H
#define EMU_RECORDS_H

#include <stddef.h>
#include <stdint.h>

struct rec_m {
	int64_t id;
	uint64_t addr, tls, g0, lo, hi;	/* hi/lo: the g0 stack */
};

struct rec_g {
	int64_t id;
	uint64_t addr, lo, hi;
};

struct records {
	int nm, ng;
	struct rec_m *m;
	struct rec_g *g;	/* in creation order */
	size_t ntime, nhigh;
	uint64_t *time;		/* clock readings and deadlines handed out, sorted, distinct */
	uint64_t *high;		/* their high words (bits 63..32) but 0, sorted, distinct */
};

/*
 * Parse "m id=.. addr=.. tls=.. g0=.. lo=.. hi=..", "g id=.. addr=.. lo=.. hi=.."
 * and "time v=.." lines.
 */
int records_parse(const char *text, size_t n, struct records *r, char *err, size_t errlen);
void records_free(struct records *r);
/* v is a time value the runtime handed out in this run. */
int records_is_time(const struct records *r, uint64_t v);
/* v's high word is such a value's, and not 0. */
int records_is_time_high(const struct records *r, uint64_t v);

#endif
