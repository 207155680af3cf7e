/*
 * Normalization (DESIGN.md section 4).  Every role value is named:
 *   code or data address  -> symbol+0xoff
 *   stack address         -> owner:top-0xdepth  (g#7, g0@m#0)
 *   runtime object        -> g#7, g0@m#0, m#0, g#7+0x28 (a field)
 *   string literal        -> str:"text"
 *   Go's _defer, _panic   -> defer#2, panic#1 (trace/gostate.h)
 *   Go type descriptor    -> type:string (gopanic's a0, the panic value's type)
 *   Go's unnamed values   -> gostr:"text", const:0x2a, heap+0xoff (trace/goname.c)
 *   arena address         -> arena+0xoff
 *   anything else         -> the value, or time (trace/timename.c)
 * Goroutine identities come from guest memory where the engine read it,
 * otherwise from the runtime's record, bound in order of newproc hits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/normalize.h"
#include "trace/goname.h"
#include "trace/timename.h"
#include "core/gotype.h"
#include "core/span.h"
#include "core/util.h"
#include "layout.h"

#define G_NAMED_SIZE (G_STATUS + 8)	/* the fields a pointer into a g may name */

static int range_cmp(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* One range per distinct lo; a reused stack or g keeps its slot. */
static void rangeidx_build(struct rangeidx *ix, const struct records *rec, bool stacks)
{
	int n = 0;

	ix->r = xcalloc((size_t)rec->ng + 1, sizeof *ix->r);
	for (int i = 0; i < rec->ng; i++) {
		ix->r[n].lo = stacks ? rec->g[i].lo : rec->g[i].addr;
		ix->r[n].hi = stacks ? rec->g[i].hi : rec->g[i].addr + G_NAMED_SIZE;
		ix->r[n].cur = -1;
		n++;
	}
	qsort(ix->r, (size_t)n, sizeof *ix->r, range_cmp);
	ix->n = 0;
	for (int i = 0; i < n; i++)
		if (ix->n == 0 || ix->r[ix->n - 1].lo != ix->r[i].lo)
			ix->r[ix->n++] = ix->r[i];
}

/* The range with the greatest lo <= v (or < v when open_lo), if v is inside it. */
static struct range *rangeidx_find(const struct rangeidx *ix, uint64_t v, bool open_lo)
{
	size_t n = (size_t)ix->n, off = offsetof(struct range, lo);
	int best;

	if (open_lo && v == 0)
		return NULL;
	best = (int)first_above(ix->r, n, sizeof *ix->r, off, open_lo ? v - 1 : v) - 1;
	if (best < 0)
		return NULL;
	struct range *r = &ix->r[best];
	bool inside = open_lo ? v <= r->hi : v < r->hi;
	return inside ? r : NULL;
}

void normalize_init(struct normctx *c, const struct archdesc *a, const struct elfimage *img,
		    const struct records *rec, const struct probeset *ps)
{
	memset(c, 0, sizeof *c);
	c->arch = a;
	c->img = img;
	c->rec = rec;
	c->ps = ps;
	c->newproc_probe = -1;
	for (int i = 0; i < ps->n; i++)
		if (!strcmp(ps->name[i], "newproc"))
			c->newproc_probe = i;
	rangeidx_build(&c->stacks, rec, true);
	rangeidx_build(&c->gobjs, rec, false);
	facts_init(&c->facts, a, ps);
	state_init(&c->state, rec, img, ps);
	if (ps->isgo)
		gostate_init(&c->go, ps, img);
}

void normalize_free(struct normctx *c)
{
	free(c->stacks.r);
	free(c->gobjs.r);
	facts_free(&c->facts);
	state_free(&c->state);
	gostate_free(&c->go);
	memset(c, 0, sizeof *c);
}

/* Goroutine record k's newproc has begun: its stack and g now name goroutine k. */
static void bind(struct normctx *c, int k)
{
	struct range *r;

	if ((r = rangeidx_find(&c->stacks, c->rec->g[k].lo, false)) != NULL && r->lo == c->rec->g[k].lo)
		r->cur = k;
	if ((r = rangeidx_find(&c->gobjs, c->rec->g[k].addr, false)) != NULL && r->lo == c->rec->g[k].addr)
		r->cur = k;
}

static bool in_stack(uint64_t v, uint64_t lo, uint64_t hi)
{
	return v > lo && v <= hi;
}

/* The goroutine record owning a stack address; the newest binding wins. */
static const struct rec_g *stack_owner(const struct normctx *c, uint64_t v)
{
	const struct range *r = rangeidx_find(&c->stacks, v, true);

	return r && r->cur >= 0 ? &c->rec->g[r->cur] : NULL;
}

static const struct rec_m *g0_owner(const struct normctx *c, uint64_t v)
{
	for (int i = 0; i < c->rec->nm; i++)
		if (in_stack(v, c->rec->m[i].lo, c->rec->m[i].hi))
			return &c->rec->m[i];
	return NULL;
}

static bool name_object(const struct normctx *c, uint64_t v, char *out, size_t n)
{
	for (int i = 0; i < c->rec->nm; i++) {
		const struct rec_m *m = &c->rec->m[i];
		if (v == m->addr) {
			snprintf(out, n, "m#%lld", (long long)m->id);
			return true;
		}
		if (v >= m->g0 && v < m->g0 + G_NAMED_SIZE) {
			if (v == m->g0)
				snprintf(out, n, "g0@m#%lld", (long long)m->id);
			else
				snprintf(out, n, "g0@m#%lld+0x%llx", (long long)m->id,
					 (unsigned long long)(v - m->g0));
			return true;
		}
	}
	const struct range *r = rangeidx_find(&c->gobjs, v, false);
	if (r && r->cur >= 0) {
		const struct rec_g *g = &c->rec->g[r->cur];
		if (v == g->addr)
			snprintf(out, n, "g#%lld", (long long)g->id);
		else
			snprintf(out, n, "g#%lld+0x%llx", (long long)g->id, (unsigned long long)(v - g->addr));
		return true;
	}
	return false;
}

static bool in_image(const struct elfimage *img, uint64_t v)
{
	for (int i = 0; i < img->nseg; i++)
		if (v >= img->seg[i].vaddr && v - img->seg[i].vaddr < img->seg[i].memsz)
			return true;
	return false;
}

/*
 * A return address may point just past a call that ends its function (a call
 * to a noreturn function), so it is named by the instruction before it.
 */
static bool name_retaddr(const struct normctx *c, uint64_t v, char *out, size_t n)
{
	const struct elfsym *s;

	if (v == 0 || !in_image(c->img, v - 1) || !(s = elf_sym_lookup(c->img, v - 1)) || !s->func)
		return false;
	snprintf(out, n, "%s+0x%llx", s->name, (unsigned long long)(v - s->addr));
	return true;
}

/* A pointer to a string literal is named by the string: literals have no symbol. */
static bool name_string(const struct elfimage *img, uint64_t v, char *out, size_t n)
{
	for (int i = 0; i < img->nseg; i++) {
		const struct elfseg *sg = &img->seg[i];
		const struct elfsym *sym;
		if ((sg->flags & SEG_W) || v < sg->vaddr || v - sg->vaddr >= sg->filesz)
			continue;
		if ((sym = elf_sym_lookup(img, v)) != NULL && sym->size && v - sym->addr < sym->size)
			return false;
		const unsigned char *p = img->data + sg->offset + (v - sg->vaddr);
		size_t avail = (size_t)(sg->filesz - (v - sg->vaddr)), len = 0;
		while (len < avail && len < 32 && p[len] >= 0x20 && p[len] < 0x7f && p[len] != '"' && p[len] != '\\')
			len++;
		if (len == 0 || len == 32 || len == avail || p[len] != 0)
			return false;
		snprintf(out, n, "str:\"%.*s\"", (int)len, (const char *)p);
		return true;
	}
	return false;
}

/*
 * A type descriptor is named by the type's name as Go prints it, so that
 * crossrt's and Go's panics compare: Go's runtime._type by its name in the
 * type section, crossrt's `const struct _type NAME_type` by its first
 * field, the name's text.
 */
static bool name_type(const struct normctx *c, uint64_t v, char *out, size_t n)
{
	const struct elfsym *s;
	const unsigned char *p;
	char text[NORMLEN - 8];
	size_t len;

	if (c->ps->isgo) {
		if (go_type_name(c->img, &c->ps->go, v, text, sizeof text) != 0)
			return false;
		snprintf(out, n, "type:%s", text);
		return true;
	}
	if (!(s = elf_sym_lookup(c->img, v)) || s->addr != v || s->func || (len = strlen(s->name)) < 6 ||
	    strcmp(s->name + len - 5, "_type") || !(p = elf_bytes(c->img, v, 8)))
		return false;
	v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)p[c->img->arch->big_endian ? 7 - i : i] << (8 * i);
	for (len = 0; len + 1 < sizeof text; len++) {
		if (!(p = elf_bytes(c->img, v + len, 1)) || *p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			break;
		text[len] = (char)*p;
	}
	if (len == 0 || !p || *p)
		return false;
	snprintf(out, n, "type:%.*s", (int)len, text);
	return true;
}

static void classify(const struct normctx *c, uint64_t v, char *out, size_t n)
{
	const struct rec_g *g;
	const struct rec_m *m;
	const struct elfsym *s;

	if (v == 0) {
		snprintf(out, n, "0x0");
	} else if ((m = g0_owner(c, v)) != NULL) {
		snprintf(out, n, "g0@m#%lld:top-0x%llx", (long long)m->id, (unsigned long long)(m->hi - v));
	} else if ((g = stack_owner(c, v)) != NULL) {
		snprintf(out, n, "g#%lld:top-0x%llx", (long long)g->id, (unsigned long long)(g->hi - v));
	} else if (name_object(c, v, out, n) || state_name_object(&c->state, v, out, n) || name_string(c->img, v, out, n) ||
		   (c->ps->isgo && go_name_value(c->img, &c->ps->go, v, out, n)) || name_type(c, v, out, n)) {
		/* named; Go's static data lies among its type descriptors: a string header there is a string */
	} else if (in_image(c->img, v) && (s = elf_sym_lookup(c->img, v)) != NULL) {
		snprintf(out, n, "%s+0x%llx", s->name, (unsigned long long)(v - s->addr));
	} else if (v >= ARENA_BASE && v < ARENA_BASE + ARENA_SIZE) {
		snprintf(out, n, "arena+0x%llx", (unsigned long long)(v - ARENA_BASE));
	} else {
		snprintf(out, n, "0x%llx", (unsigned long long)v);
	}
}

static void set_role(struct trace_rec *r, int role, uint64_t v)
{
	r->role[role] = v;
	r->role_known |= 1u << role;
}

/* Which M a TLS value belongs to (the TLS register points at m->tls, the m itself). */
static const struct rec_m *m_bytls(const struct normctx *c, uint64_t tls)
{
	for (int i = 0; i < c->rec->nm; i++)
		if (c->rec->m[i].tls == tls)
			return &c->rec->m[i];
	return NULL;
}

/* Without guest memory: the g is the owner of the stack sp is on. */
static void g_from_record(const struct normctx *c, uint64_t sp, struct trace_rec *r)
{
	const struct rec_m *m = g0_owner(c, sp);
	const struct rec_g *g;

	if (m) {
		set_role(r, R_G, m->g0);
		r->g = 0;
		if (r->m < 0)
			r->m = m->id;
	} else if ((g = stack_owner(c, sp)) != NULL) {
		set_role(r, R_G, g->addr);
		r->g = g->id;
	}
}

static void tls_from_record(const struct normctx *c, uint64_t sp, struct trace_rec *r)
{
	const struct rec_m *m = g0_owner(c, sp);

	if (!m && c->rec->nm == 1)
		m = &c->rec->m[0];
	if (m)
		set_role(r, R_TLS, m->tls);
}

/*
 * The raw register of role at probe's entry: an argument shifts past a
 * hidden result pointer, and a two-word struct passed by reference has
 * no register of its own (-1).
 */
static int role_index(const struct archdesc *a, const struct probeset *ps, int probe, int role)
{
	unsigned wide = ps->wide[probe];
	int k = role - R_A0;

	if (ps->isgo)
		return ps->go.abi->role_reg[role];
	if (role < R_A0 || role > R_A5 || !a->wide_by_reference || !wide)
		return a->role_reg[role];
	if (wide & (1u << k))
		return -1;
	if ((wide & PWIDE_RESULT) && role < R_A5)
		return a->role_reg[role + 1];
	return a->role_reg[role];
}

/*
 * A Go program has no runtime record: its g, and the stack addresses on
 * g's stack, are named from what the engine read of g at the hit.
 */
static void go_name(const struct hit *h, struct trace_rec *r, char norm[][NORMLEN])
{
	static const int onstack[] = { R_SP, R_FP, R_A0, R_A1, R_A2, R_A3, R_A4, R_A5 };
	char owner[32];

	if (!(h->known & HIT_GOID))
		return;
	if (h->goid == 0)	/* g0 and gsignal have goid 0 */
		snprintf(owner, sizeof owner, "g0@m#%lld", (long long)h->m);
	else
		snprintf(owner, sizeof owner, "g#%lld", (long long)h->goid);
	if ((r->role_known & (1u << R_G)) && r->role[R_G] == h->gptr)
		snprintf(norm[R_G], NORMLEN, "%s", owner);
	if (!(h->known & HIT_GSTACK))
		return;
	for (size_t i = 0; i < sizeof onstack / sizeof onstack[0]; i++) {
		int role = onstack[i];
		uint64_t v = r->role[role];
		if ((r->role_known & (1u << role)) && v > h->stack_lo && v <= h->stack_hi)
			snprintf(norm[role], NORMLEN, "%s:top-0x%llx", owner, (unsigned long long)(h->stack_hi - v));
	}
}

/* A Go program's objects the hit's state has seen (fatalpanic's argument is g._panic). */
static void go_name_objects(const struct normctx *c, struct trace_rec *r, char norm[][NORMLEN])
{
	for (int role = R_A0; role <= R_A5; role++)
		if (r->role_known & (1u << role))
			gostate_name(&c->go, r->role[role], norm[role], NORMLEN);
}

/* Whose chains a hit reads: its goroutine's, or on g0 (recovery) the one in a0. */
static int64_t chain_goid(const struct normctx *c, const struct trace_rec *r)
{
	const struct range *g;

	if (r->g != 0)
		return r->g;
	if (!(r->role_known & (1u << R_A0)) || !(g = rangeidx_find(&c->gobjs, r->role[R_A0], false)) ||
	    g->cur < 0 || c->rec->g[g->cur].addr != r->role[R_A0])
		return -1;
	return c->rec->g[g->cur].id;
}

void normalize_hit(struct normctx *c, const struct hit *h, const struct xstate *x, uint64_t seq,
		   struct trace_rec *r)
{
	const struct archdesc *a = c->arch;
	int nargs = c->ps->nargs[h->probe];

	if (h->probe == c->newproc_probe && c->gbound < c->rec->ng)
		bind(c, c->gbound++);
	memset(r, 0, sizeof *r);
	r->seq = seq;
	r->probe = c->ps->name[h->probe];
	r->nregs = a->nregs;
	r->regs = h->regs;
	r->m = (h->known & HIT_GOID) ? h->m : -1;
	r->g = (h->known & HIT_GOID) ? h->goid : -1;
	r->insns_known = (h->known & HIT_INSNS) != 0;
	r->insns = h->insns;

	for (int role = 0; role < NROLES; role++) {
		int idx = role_index(a, c->ps, h->probe, role);
		if (idx < 0)
			continue;
		if (role == R_TLS && !(h->known & HIT_TLS))
			continue;
		if (role >= R_A0 && role <= R_A5 && role - R_A0 >= nargs)
			continue;
		if (role == R_R0 || role == R_R1)
			continue;	/* results are meaningless at a function's entry */
		if (role == R_LR && c->ps->byreturn[h->probe])
			continue;
		if (role == R_FP && c->ps->injected[h->probe])
			continue;	/* the interrupted code's, whatever each compiler made of it */
		set_role(r, role, h->regs[idx]);
	}
	if (a->role_reg[R_LR] == ROLE_FROM_MEMORY && (h->known & HIT_LR) && !c->ps->byreturn[h->probe])
		set_role(r, R_LR, h->lr_mem);
	if (!(h->known & HIT_TLS))
		tls_from_record(c, r->role[R_SP], r);
	if (h->known & HIT_G)
		set_role(r, R_G, h->gptr);
	else
		g_from_record(c, r->role[R_SP], r);
	if (r->m < 0 && (r->role_known & (1u << R_TLS))) {
		const struct rec_m *m = m_bytls(c, r->role[R_TLS]);
		if (m)
			r->m = m->id;
	}
	if (c->ps->isgo)	/* before the roles are named: a role may hold what it sees first */
		gostate_hit(&c->go, h, r, c->statebuf, sizeof c->statebuf);
	for (int role = 0; role < NROLES; role++) {
		c->norm[role][0] = 0;
		r->norm[role] = c->norm[role];
		if ((r->role_known & (1u << role)) &&
		    !(role == R_LR && name_retaddr(c, r->role[role], c->norm[role], NORMLEN)))
			classify(c, r->role[role], c->norm[role], NORMLEN);
	}
	if (c->ps->isgo) {
		go_name(h, r, c->norm);
		go_name_objects(c, r, c->norm);
	}
	time_name_hit(c->rec, a, r);
	c->factbuf[0] = 0;
	if (!c->ps->isgo)	/* the facts check crossrt's C ABI and its runtime's transitions */
		facts_hit(&c->facts, h, x, r, c->factbuf, sizeof c->factbuf);
	r->facts = c->factbuf;
	if (!c->ps->isgo)
		state_hit(&c->state, r, h->probe, chain_goid(c, r), c->statebuf, sizeof c->statebuf);
	r->state = c->statebuf;
}

/* A compiler's suffix on a symbol: gcc's .isra.0, .constprop.0, .part.0, .cold, .N; Go's .abi0. */
static const char *symbol_suffix(const char *name, size_t len)
{
	static const char *const kinds[] = { "isra", "constprop", "part", "cold", "lto_priv", "localalias", "abi0" };

	for (const char *dot = memchr(name, '.', len); dot; dot = memchr(dot + 1, '.', len - (size_t)(dot + 1 - name))) {
		size_t rest = len - (size_t)(dot + 1 - name);
		if (rest && dot[1] >= '0' && dot[1] <= '9')
			return dot;
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (rest >= strlen(kinds[i]) && !strncmp(dot + 1, kinds[i], strlen(kinds[i])))
				return dot;
	}
	return NULL;
}

/*
 * Across ISAs a symbol's offset and a stack depth differ by construction;
 * the symbol (without a compiler's suffix) and the stack's owner must not.
 * Go's names hold dots of their own (runtime.gopanic).  Object names with
 * field offsets are layout-fixed: kept.
 */
void norm_archkey(const char *norm, char *out, size_t outlen)
{
	const char *colon = strstr(norm, ":top-");
	const char *plus = strstr(norm, "+0x");
	size_t len = strlen(norm);

	if (colon)
		len = (size_t)(colon - norm);
	else if (plus && strncmp(norm, "g#", 2) && strncmp(norm, "g0@", 3) && strncmp(norm, "arena+", 6)) {
		const char *dot = symbol_suffix(norm, (size_t)(plus - norm));
		len = (size_t)((dot ? dot : plus) - norm);
	}
	if (len >= outlen)
		len = outlen - 1;
	memcpy(out, norm, len);
	out[len] = 0;
}
