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

/* The objects named KIND#ID: "p id=.. addr=.. [size=..]", "chan ..", "sudog ..", "defer ..". */
enum rec_kind { RK_P, RK_CHAN, RK_SUDOG, RK_DEFER, NRECKINDS };
extern const char *const rec_kind_names[NRECKINDS];

struct rec_obj {
	int kind;
	int64_t id;
	uint64_t addr, size;	/* size 0: unknown, only addr itself is named */
};

/*
 * "state g=.. seq=.. defer=.. panic=.. [resume=..] [val=int:N|val=str:TEXT]":
 * goroutine g's chains at the entry of its seq-th probe that reads or
 * changes them (deferproc, deferreturn, gopanic, gorecover, recovery);
 * defer and panic are ids (0: nil), val the value gopanic raises.
 */
struct rec_state {
	int64_t g, seq, defer, panic;
	uint64_t resume;	/* 0: none */
	char val[72];		/* "" if none */
};

struct records {
	int nm, ng, nobj, nstate;
	struct rec_m *m;
	struct rec_g *g;	/* in creation order */
	struct rec_obj *obj;	/* in creation order */
	struct rec_state *state;
	size_t ntime, nhigh;
	uint64_t *time;		/* clock readings and deadlines handed out, sorted, distinct */
	uint64_t *high;		/* their high words (bits 63..32) but 0, sorted, distinct */
};

/*
 * Parse the lines above, "m id=.. addr=.. tls=.. g0=.. lo=.. hi=..",
 * "g id=.. addr=.. lo=.. hi=.." and "time v=.." lines.
 */
int records_parse(const char *text, size_t n, struct records *r, char *err, size_t errlen);
void records_free(struct records *r);
/* v is a time value the runtime handed out in this run. */
int records_is_time(const struct records *r, uint64_t v);
/* v's high word is such a value's, and not 0. */
int records_is_time_high(const struct records *r, uint64_t v);

#endif
