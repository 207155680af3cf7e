/* Trace records read fast: the layout trace_write_rec gives them, and nothing else. */
#include <stdbool.h>
#include <string.h>
#include "trace/timename.h"
#include "trace/trace_fast.h"

struct fast {
	const char *p, *end;
};

static bool fast_lit(struct fast *f, const char *s, size_t n)
{
	if ((size_t)(f->end - f->p) < n || !json_same(f->p, s, n))
		return false;
	f->p += n;
	return true;
}

/* At most 19 digits: no overflow to check. */
static bool fast_uint(struct fast *f, uint64_t *v)
{
	const char *p = f->p, *start = p;
	uint64_t x = 0;

	while (p < f->end && json_is_digit((unsigned char)*p) && p - start < 19)
		x = x * 10 + (uint64_t)(*p++ - '0');
	if (p == start || (p - start > 1 && *start == '0') || (p < f->end && json_is_digit((unsigned char)*p)))
		return false;
	f->p = p;
	*v = x;
	return true;
}

static bool fast_int(struct fast *f, int64_t *v)
{
	bool neg = f->p < f->end && *f->p == '-';
	uint64_t x;

	f->p += neg;
	if (!fast_uint(f, &x) || x > INT64_MAX)
		return false;
	*v = neg ? -(int64_t)x : (int64_t)x;
	return true;
}

static bool fast_hex(struct fast *f, uint64_t *v)
{
	const char *p = f->p, *start;
	uint64_t x = 0;
	unsigned d;

	if (f->end - p < 4 || p[0] != '"' || p[1] != '0' || p[2] != 'x')
		return false;
	for (p += 3, start = p; p < f->end && (d = json_hexdigit[(unsigned char)*p]); p++)
		x = x << 4 | (d - 1);
	if (p == start || p - start > 16 || p == f->end || *p != '"')
		return false;
	f->p = p + 1;
	*v = x;
	return true;
}

/* A string without escapes, kept straight from the line. */
static bool fast_str(struct fast *f, struct reader *rd, const char **dst, size_t cap)
{
	const char *p = f->p, *start;

	if (p == f->end || *p != '"')
		return false;
	for (start = ++p; p < f->end && (unsigned char)*p >= 0x20 && *p != '"' && *p != '\\'; p++)
		;
	if (p == f->end || *p != '"' || (size_t)(p - start) >= cap)
		return false;
	if (!(*dst = reader_keep(rd, start, (size_t)(p - start))))
		return false;
	f->p = p + 1;
	return true;
}

/* "rbx,r12": the registers that hold time values */
static bool fast_timeregs(struct fast *f, const struct archdesc *a, struct trace_rec *r)
{
	const char *p = f->p, *start;
	char list[MAXREGS * 16];

	if (p == f->end || *p != '"')
		return false;
	for (start = ++p; p < f->end && *p != '"' && *p != '\\'; p++)
		;
	if (p == f->end || *p != '"' || (size_t)(p - start) >= sizeof list)
		return false;
	memcpy(list, start, (size_t)(p - start));
	list[p - start] = 0;
	if (time_regs_parse(a, list, &r->timeregs, &r->timehigh) != 0)
		return false;
	f->p = p + 1;
	return true;
}

/*
 * Member i of an object whose members may be left out (version 2); first:
 * none taken yet.  Called for every name the object may hold, in order:
 * the end of the object and names of another length fail at one byte.
 */
static inline __attribute__((always_inline)) bool fast_member(struct fast *f, const struct names *nm, int i,
							      bool *first)
{
	const char *q;

	if ((size_t)(f->end - f->p) < 4u + nm->len[i] || f->p[!*first + nm->len[i] + 1] != '"')
		return false;
	q = json_name_at(f->p, f->end, nm, i, *first);

	if (!q)
		return false;
	f->p = q;
	*first = false;
	return true;
}

const char *reader_keep(struct reader *rd, const char *s, size_t n)
{
	char *p;

	if (!rd->arena || rd->arena_cap - rd->arena_used <= n)
		return strpool_intern(rd->t->pool, s, n);
	p = rd->arena + rd->arena_used;
	memcpy(p, s, n);
	p[n] = 0;
	rd->arena_used += n + 1;
	return p;
}

const uint64_t *trace_prev_regs(const struct reader *rd, const struct trace_rec *r)
{
	const struct trace *t = rd->t;

	if (t->h.v < 2)
		return NULL;
	if (rd->mlast) {
		for (size_t j = 0; j < rd->nmlast; j++)
			if (rd->mlast[j].m == r->m)
				return rd->mlast[j].regs;
		return NULL;
	}
	for (size_t j = t->n; j-- > 0;)
		if (t->recs[j].m == r->m)
			return t->regbuf + j * (size_t)t->arch->nregs;
	return NULL;
}

bool trace_roles_from_regs(const struct archdesc *a, struct trace_rec *r, uint32_t given, const uint64_t *regs)
{
	for (int i = 0; i < NROLES; i++) {
		int k = a->role_reg[i];

		if (!(r->role_known & ~given & 1u << i))
			continue;
		if (k < 0)
			return false;
		r->role[i] = regs[k];
	}
	return true;
}

/* "regs":{...}: in order, each either written or, in a version 2 trace, the M's previous value. */
static bool fast_regs(struct fast *f, const struct reader *rd, const struct trace_rec *r, uint64_t *val)
{
	const struct names *regs = &rd->regs;
	const uint64_t *prev = trace_prev_regs(rd, r);
	bool first = true;

	for (int i = 0; i < regs->n; i++) {
		if (fast_member(f, regs, i, &first)) {
			if (!fast_hex(f, &val[i]))
				return false;
		} else if (prev) {
			val[i] = prev[i];
		} else {
			return false;
		}
	}
	return true;
}

const char *trace_fast_rec(const char *p, const char *end, struct reader *rd, struct trace_rec *r)
{
	struct fast f = { p, end };
	const struct names *roles = &rd->roles, *regs = &rd->regs;
	uint64_t *val = regslot(rd->t);
	bool v1 = rd->t->h.v < 2, first;
	uint32_t given;

	if (!fast_lit(&f, "{\"seq\":", 7) || !fast_uint(&f, &r->seq) ||
	    !fast_lit(&f, ",\"probe\":", 9) || !fast_str(&f, rd, &r->probe, PROBELEN) ||
	    !fast_lit(&f, ",\"m\":", 5) || !fast_int(&f, &r->m) ||
	    !fast_lit(&f, ",\"g\":", 5) || !fast_int(&f, &r->g))
		return NULL;
	r->insns_known = fast_lit(&f, ",\"insns\":", 9);
	if ((r->insns_known && !fast_uint(&f, &r->insns)) || !fast_lit(&f, ",\"roles\":{", 10))
		return NULL;
	r->role_known = 0;
	first = true;
	for (int i = 0; i < roles->n; i++) {
		r->role[i] = 0;
		if (!fast_member(&f, roles, i, &first)) {
			if (v1)
				return NULL;
			continue;
		}
		if (v1 && fast_lit(&f, "null", 4))
			continue;
		if (!fast_hex(&f, &r->role[i]))
			return NULL;
		r->role_known |= 1u << i;
	}
	given = r->role_known;
	if (!fast_lit(&f, "},\"norm\":{", 10))
		return NULL;
	first = true;
	for (int i = 0; i < roles->n; i++) {
		r->norm[i] = "";
		if (!fast_member(&f, roles, i, &first)) {
			if (v1)
				return NULL;
			continue;
		}
		if (!v1)
			r->role_known |= 1u << i;
		if (!fast_lit(&f, "null", 4) && !fast_str(&f, rd, &r->norm[i], NORMLEN))
			return NULL;
	}
	if (!fast_lit(&f, "}", 1))
		return NULL;
	r->facts = "";
	if (fast_lit(&f, ",\"facts\":", 9) && !fast_str(&f, rd, &r->facts, FACTSLEN))
		return NULL;
	r->state = "";
	if (fast_lit(&f, ",\"state\":", 9) && !fast_str(&f, rd, &r->state, STATELEN))
		return NULL;
	r->timeregs = r->timehigh = 0;
	if (fast_lit(&f, ",\"time\":", 8) && !fast_timeregs(&f, rd->t->arch, r))
		return NULL;
	if (!fast_lit(&f, ",\"regs\":{", 9))
		return NULL;
	if (!fast_regs(&f, rd, r, val) || !fast_lit(&f, "}}", 2) ||
	    !trace_roles_from_regs(rd->t->arch, r, given, val))
		return NULL;
	r->nregs = regs->n;
	return f.p;
}