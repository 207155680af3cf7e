/* The runtime's state at a probe hit, from its record (state.h). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/state.h"
#include "core/span.h"
#include "core/util.h"
#include "waitreason.h"

enum { CH_DEFERPROC, CH_DEFERRETURN, CH_GOPANIC, CH_GORECOVER, CH_RECOVERY, NCHAIN };

/* The probes the runtime's recordstate runs at; the two lists must agree. */
static const char *const chainprobes[NCHAIN] = {
	[CH_DEFERPROC] = "deferproc", [CH_DEFERRETURN] = "deferreturn", [CH_GOPANIC] = "gopanic",
	[CH_GORECOVER] = "gorecover", [CH_RECOVERY] = "recovery",
};

static const char *const waitreasons[] = { WAITREASONS(WAITREASON_TEXT) };

static int obj_cmp(const void *a, const void *b)
{
	const struct rec_obj *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int state_cmp(const void *a, const void *b)
{
	const struct rec_state *x = *(const struct rec_state *const *)a, *y = *(const struct rec_state *const *)b;

	if (x->g != y->g)
		return x->g < y->g ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void state_init(struct statectx *s, const struct records *rec, const struct elfimage *img,
		const struct probeset *ps)
{
	int64_t maxg = 0;

	memset(s, 0, sizeof *s);
	s->rec = rec;
	s->img = img;
	s->gopark = -1;
	for (int i = 0; i < ps->n; i++) {
		s->chain[i] = -1;
		for (int k = 0; k < NCHAIN; k++)
			if (!strcmp(ps->name[i], chainprobes[k]))
				s->chain[i] = (signed char)k;
		if (!strcmp(ps->name[i], "gopark"))
			s->gopark = i;
	}
	s->byaddr = xcalloc((size_t)rec->nobj + 1, sizeof *s->byaddr);
	if (rec->nobj) {
		memcpy(s->byaddr, rec->obj, (size_t)rec->nobj * sizeof *s->byaddr);
		qsort(s->byaddr, (size_t)rec->nobj, sizeof *s->byaddr, obj_cmp);
	}
	s->bygseq = xcalloc((size_t)rec->nstate + 1, sizeof *s->bygseq);
	for (int i = 0; i < rec->nstate; i++) {
		s->bygseq[i] = &rec->state[i];
		if (rec->state[i].g > maxg)
			maxg = rec->state[i].g;
	}
	qsort(s->bygseq, (size_t)rec->nstate, sizeof *s->bygseq, state_cmp);
	s->nseq = rec->nstate ? maxg + 1 : 0;
	s->seq = xcalloc((size_t)s->nseq + 1, sizeof *s->seq);
}

void state_free(struct statectx *s)
{
	free(s->byaddr);
	free(s->bygseq);
	free(s->seq);
	memset(s, 0, sizeof *s);
}

bool state_name_object(const struct statectx *s, uint64_t v, char *out, size_t n)
{
	size_t i;
	const struct rec_obj *o;

	if (!s->rec || !s->rec->nobj)
		return false;
	i = first_above(s->byaddr, (size_t)s->rec->nobj, sizeof *s->byaddr, offsetof(struct rec_obj, addr), v);
	if (i == 0)
		return false;
	o = &s->byaddr[i - 1];
	if (v == o->addr)
		snprintf(out, n, "%s#%lld", rec_kind_names[o->kind], (long long)o->id);
	else if (v - o->addr < o->size)
		snprintf(out, n, "%s#%lld+0x%llx", rec_kind_names[o->kind], (long long)o->id,
			 (unsigned long long)(v - o->addr));
	else
		return false;
	return true;
}

static const struct rec_state *find_state(const struct statectx *s, int64_t g, int64_t seq)
{
	struct rec_state key = { .g = g, .seq = seq };
	const struct rec_state *kp = &key, *const *hit;

	hit = bsearch(&kp, s->bygseq, (size_t)s->rec->nstate, sizeof *s->bygseq, state_cmp);
	return hit ? *hit : NULL;
}

void state_put(char *out, size_t n, const char *key, const char *val, bool quote)
{
	size_t len = strlen(out);

	quote |= !*val || strpbrk(val, " \"\\") != NULL;
	if (len + 1 >= n)
		return;
	len += (size_t)snprintf(out + len, n - len, "%s%s=%s", len ? " " : "", key, quote ? "\"" : "");
	for (const char *p = val; *p && len + 3 < n; p++) {
		if (quote && (*p == '"' || *p == '\\'))
			out[len++] = '\\';
		out[len++] = *p;
	}
	if (quote && len + 1 < n)
		out[len++] = '"';
	out[len < n ? len : n - 1] = 0;
}

static void put_pair(char *out, size_t n, const char *key, const char *val)
{
	state_put(out, n, key, val, false);
}

static void put_obj(char *out, size_t n, const char *key, int64_t id)
{
	char v[32];

	if (id)
		snprintf(v, sizeof v, "%s#%lld", key, (long long)id);
	else
		snprintf(v, sizeof v, "nil");
	put_pair(out, n, key, v);
}

static void put_resume(const struct statectx *s, char *out, size_t n, uint64_t pc)
{
	const struct elfsym *sym = elf_sym_lookup(s->img, pc);
	char v[NORMLEN];

	if (sym)
		snprintf(v, sizeof v, "%s+0x%llx", sym->name, (unsigned long long)(pc - sym->addr));
	else
		snprintf(v, sizeof v, "0x%llx", (unsigned long long)pc);
	put_pair(out, n, "resume", v);
}

static void chain_state(struct statectx *s, int ch, int64_t goid, char *out, size_t n)
{
	const struct rec_state *st = NULL;

	if (goid >= 0 && goid < s->nseq)
		st = find_state(s, goid, ++s->seq[goid]);
	if (!st) {
		put_pair(out, n, "defer", "?");
		put_pair(out, n, "panic", "?");
		return;
	}
	put_obj(out, n, "defer", st->defer);
	put_obj(out, n, "panic", st->panic);
	if (ch == CH_GOPANIC && st->val[0])	/* a string quoted, an int not */
		state_put(out, n, "value", st->val + 4, !strncmp(st->val, "str:", 4));
	if (ch == CH_RECOVERY && st->resume)
		put_resume(s, out, n, st->resume);
}

void state_hit(struct statectx *s, const struct trace_rec *r, int probe, int64_t goid, char *out, size_t n)
{
	out[0] = 0;
	if (probe == s->gopark && (r->role_known & (1u << (R_A0 + 2)))) {
		uint64_t w = r->role[R_A0 + 2];
		char v[32];

		snprintf(v, sizeof v, "%llu", (unsigned long long)w);
		if (w < sizeof waitreasons / sizeof waitreasons[0] && waitreasons[w][0])
			put_pair(out, n, "wait", waitreasons[w]);
		else
			put_pair(out, n, "wait", v);
	}
	if (probe >= 0 && probe < MAXPROBES && s->chain[probe] >= 0 && s->rec->nstate)
		chain_state(s, s->chain[probe], goid, out, n);
}

/* The next pair of state from *p: key, unquoted value and where the value is written; false at the end. */
static bool next_pair(const char **p, char *key, size_t kn, char *val, size_t vn, const char **raw)
{
	const char *q = *p + strspn(*p, " ");
	size_t k = 0, v = 0;

	if (!*q)
		return false;
	while (*q && *q != '=' && *q != ' ')
		if (k + 1 < kn)
			key[k++] = *q++;
		else
			q++;
	key[k] = 0;
	if (*q == '=')
		q++;
	*raw = q;
	if (*q == '"') {
		for (q++; *q && *q != '"'; q++) {
			if (*q == '\\' && q[1])
				q++;
			if (v + 1 < vn)
				val[v++] = *q;
		}
		if (*q == '"')
			q++;
	} else {
		while (*q && *q != ' ')
			if (v + 1 < vn)
				val[v++] = *q++;
			else
				q++;
	}
	val[v] = 0;
	*p = q;
	return true;
}

bool state_get(const char *state, const char *key, bool raw, char *out, size_t n)
{
	char k[16], v[STATELEN];
	const char *r;

	if (!state)
		return false;
	for (const char *p = state; next_pair(&p, k, sizeof k, v, sizeof v, &r);)
		if (!strcmp(k, key)) {
			if (raw)
				snprintf(out, n, "%.*s", (int)(p - r), r);
			else
				snprintf(out, n, "%s", v);
			return true;
		}
	return false;
}

void state_archkey(const char *state, char *out, size_t n)
{
	char k[16], v[STATELEN];
	const char *r;

	out[0] = 0;
	if (!state)
		return;
	for (const char *p = state; next_pair(&p, k, sizeof k, v, sizeof v, &r);) {
		if (!strcmp(k, "resume"))
			v[strcspn(v, "+.")] = 0;	/* the symbol, without offset or .isra suffix */
		state_put(out, n, k, v, *r == '"');
	}
}
