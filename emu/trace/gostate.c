/* A Go program's runtime state at a probe hit, from what the engine read (gostate.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/gostate.h"
#include "trace/state.h"
#include "core/gotype.h"
#include "core/util.h"

static const char *const kind_names[GO_NKINDS] = { "defer", "panic" };

static const char *const chainprobes[] = {
	"runtime.deferproc", "runtime.deferprocStack", "runtime.deferreturn", "runtime.gopanic",
	"runtime.gorecover", "runtime.recovery", "runtime.fatalpanic",
};

void gostate_init(struct gostate *s, const struct probeset *ps, const struct elfimage *img)
{
	memset(s, 0, sizeof *s);
	s->img = img;
	s->go = &ps->go;
	s->gopanic = -1;
	for (int i = 0; i < ps->n; i++) {
		for (size_t k = 0; k < sizeof chainprobes / sizeof chainprobes[0]; k++)
			s->chain[i] |= !strcmp(ps->name[i], chainprobes[k]);
		if (!strcmp(ps->name[i], "runtime.gopanic"))
			s->gopanic = i;
	}
}

void gostate_free(struct gostate *s)
{
	for (int k = 0; k < GO_NKINDS; k++)
		free(s->obj[k]);
	memset(s, 0, sizeof *s);
}

static int64_t find(const struct gostate *s, int kind, uint64_t addr)
{
	for (size_t i = 0; i < s->n[kind]; i++)
		if (s->obj[kind][i].addr == addr)
			return s->obj[kind][i].id;
	return 0;
}

/* The id of the object of kind at addr, numbered now if first seen; 0 for nil. */
static int64_t sight(struct gostate *s, int kind, uint64_t addr)
{
	int64_t id;

	if (addr == 0 || (id = find(s, kind, addr)) != 0)
		return addr ? id : 0;
	if (s->n[kind] == s->cap[kind]) {
		s->cap[kind] = s->cap[kind] ? 2 * s->cap[kind] : 8;
		s->obj[kind] = xrealloc(s->obj[kind], s->cap[kind] * sizeof *s->obj[kind]);
	}
	id = (int64_t)s->n[kind] + 1;
	s->obj[kind][s->n[kind]++] = (struct goobj){ addr, id };
	return id;
}

static void put_obj(char *out, size_t n, int kind, int64_t id)
{
	char v[32];

	if (id)
		snprintf(v, sizeof v, "%s#%lld", kind_names[kind], (long long)id);
	else
		snprintf(v, sizeof v, "nil");
	state_put(out, n, kind_names[kind], v, false);
}

/* gopanic's argument: read by the engine, else from its two argument registers (qemu). */
static bool panic_value(const struct hit *h, const struct trace_rec *r, uint64_t *typ, uint64_t *data)
{
	unsigned both = 3u << R_A0;

	if (h->known & HIT_GOVAL) {
		*typ = h->goval[0];
		*data = h->goval[1];
		return true;
	}
	if ((r->role_known & both) != both)
		return false;
	*typ = r->role[R_A0];
	*data = r->role[R_A1];
	return true;
}

static void put_value(const struct gostate *s, const struct hit *h, const struct trace_rec *r, char *out, size_t n)
{
	uint64_t typ, data;
	char name[NORMLEN], val[NORMLEN];
	bool quoted;

	if (!panic_value(h, r, &typ, &data) || go_type_name(s->img, s->go, typ, name, sizeof name) != 0)
		return;
	state_put(out, n, "type", name, false);
	if (go_value(s->img, s->go, typ, data, val, sizeof val, &quoted) == 0)
		state_put(out, n, "value", val, quoted);
}

void gostate_hit(struct gostate *s, const struct hit *h, const struct trace_rec *r, char *out, size_t n)
{
	out[0] = 0;
	if (h->probe < 0 || h->probe >= MAXPROBES || !s->chain[h->probe])
		return;
	if (h->known & HIT_GCHAIN) {
		put_obj(out, n, GO_DEFER, sight(s, GO_DEFER, h->gdefer));
		put_obj(out, n, GO_PANIC, sight(s, GO_PANIC, h->gpanic));
	}
	if (h->probe == s->gopanic)
		put_value(s, h, r, out, n);
}

bool gostate_name(const struct gostate *s, uint64_t v, char *out, size_t n)
{
	for (int k = 0; k < GO_NKINDS; k++) {
		int64_t id = v ? find(s, k, v) : 0;
		if (id) {
			snprintf(out, n, "%s#%lld", kind_names[k], (long long)id);
			return true;
		}
	}
	return false;
}
