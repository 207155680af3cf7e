/*
 * Reading traces: the three kinds of line after the header (records,
 * events, the end) and what each must hold.  Records go the fast way
 * (trace_fast.c) when they are laid out as written, else through the
 * general reader (json.c), which accepts the same values and says what
 * is wrong.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/util.h"
#include "trace/timename.h"
#include "trace/trace_fast.h"
#include "trace/zst.h"

enum {
	K_CROSSRT = 1 << 0, K_V = 1 << 1, K_ARCH = 1 << 2, K_ENGINE = 1 << 3, K_PROG = 1 << 4,
	K_PROCS = 1 << 5, K_SEED = 1 << 6, K_TLS = 1 << 7, K_GSRC = 1 << 8,
	K_SEQ = 1 << 9, K_PROBE = 1 << 10, K_M = 1 << 11, K_G = 1 << 12,
	K_ROLES = 1 << 13, K_NORM = 1 << 14, K_REGS = 1 << 15,
	K_END = 1 << 16, K_EXIT = 1 << 17, K_INSNS = 1 << 18, K_REASON = 1 << 19,
	K_EVENT = 1 << 20, K_AFTER = 1 << 21, K_DETAIL = 1 << 22, K_FACTS = 1 << 23,
	K_STATE = 1 << 24, K_TIME = 1 << 25, K_GO = 1 << 26,
};

#define KEYNAME(bit, lit) { bit, lit, sizeof(lit) - 1 }

static const struct {
	unsigned bit;
	const char *name;
	size_t len;
} keynames[] = {
	KEYNAME(K_CROSSRT, "crossrt"), KEYNAME(K_V, "v"), KEYNAME(K_ARCH, "arch"),
	KEYNAME(K_ENGINE, "engine"), KEYNAME(K_PROG, "prog"), KEYNAME(K_PROCS, "procs"),
	KEYNAME(K_SEED, "seed"), KEYNAME(K_TLS, "tls_source"), KEYNAME(K_GSRC, "g_source"),
	KEYNAME(K_SEQ, "seq"), KEYNAME(K_PROBE, "probe"), KEYNAME(K_M, "m"), KEYNAME(K_G, "g"),
	KEYNAME(K_ROLES, "roles"), KEYNAME(K_NORM, "norm"), KEYNAME(K_REGS, "regs"),
	KEYNAME(K_END, "end"), KEYNAME(K_EXIT, "exit"), KEYNAME(K_INSNS, "insns"),
	KEYNAME(K_REASON, "reason"), KEYNAME(K_EVENT, "event"), KEYNAME(K_AFTER, "after"),
	KEYNAME(K_DETAIL, "detail"), KEYNAME(K_FACTS, "facts"),
	KEYNAME(K_STATE, "state"), KEYNAME(K_TIME, "time"),
	KEYNAME(K_GO, "go"),
};

#define HEADER_KEYS (K_CROSSRT | K_V | K_ARCH | K_ENGINE | K_PROG | K_PROCS | K_SEED | K_TLS | K_GSRC | K_FACTS | K_STATE | K_GO)
#define REC_KEYS (K_SEQ | K_PROBE | K_M | K_G | K_ROLES | K_NORM | K_REGS | K_FACTS | K_STATE | K_TIME)
#define REC_NEEDED (REC_KEYS & ~(K_FACTS | K_STATE | K_TIME))
#define END_KEYS (K_END | K_EXIT | K_INSNS | K_REASON)
#define EVENT_KEYS (K_EVENT | K_AFTER | K_DETAIL)

static unsigned key_bit(const struct key *k, unsigned among)
{
	for (size_t i = 0; i < sizeof keynames / sizeof keynames[0]; i++)
		if ((keynames[i].bit & among) && keynames[i].len == k->n &&
		    json_same(keynames[i].name, k->s, k->n))
			return keynames[i].bit;
	return 0;
}

static const char *key_name(unsigned bit)
{
	for (size_t i = 0; i < sizeof keynames / sizeof keynames[0]; i++)
		if (keynames[i].bit == bit)
			return keynames[i].name;
	return "?";
}

static bool require(struct cur *c, unsigned seen, unsigned need, const char *line)
{
	unsigned missing = need & ~seen;

	if (!missing)
		return true;
	return json_bad(c, "%s: missing \"%s\"", line, key_name(missing & -missing));
}

static bool add_seen(struct cur *c, unsigned *seen, unsigned bit)
{
	if (*seen & bit)
		return json_bad(c, "duplicate key \"%s\"", key_name(bit));
	*seen |= bit;
	return true;
}

struct header_fields {
	char crossrt[16];
	int64_t v;
};

static bool header_member(struct cur *c, unsigned bit, struct trace_header *h, struct header_fields *x)
{
	int64_t procs;

	switch (bit) {
	case K_CROSSRT: return json_text(c, x->crossrt, sizeof x->crossrt, "crossrt");
	case K_V: return json_int(c, INT64_MIN, INT64_MAX, &x->v, "v");
	case K_ARCH: return json_text(c, h->arch, sizeof h->arch, "arch");
	case K_ENGINE: return json_text(c, h->engine, sizeof h->engine, "engine");
	case K_PROG: return json_text(c, h->prog, sizeof h->prog, "prog");
	case K_SEED: return json_uint(c, &h->seed, "seed");
	case K_TLS: return json_text(c, h->tls_source, sizeof h->tls_source, "tls_source");
	case K_GSRC: return json_text(c, h->g_source, sizeof h->g_source, "g_source");
	case K_FACTS: return json_text(c, h->facts, sizeof h->facts, "facts");
	case K_STATE: return json_text(c, h->state, sizeof h->state, "state");
	case K_GO: return json_text(c, h->go, sizeof h->go, "go");
	case K_PROCS:
		if (!json_int(c, 0, INT32_MAX, &procs, "procs"))
			return false;
		h->procs = (int)procs;
		return true;
	}
	return false;
}

static bool check_header(struct cur *c, unsigned seen, struct trace *t, const struct header_fields *x)
{
	char buf[40];

	if (!(seen & K_CROSSRT))
		return json_bad(c, "missing header: the first line is not a crossrt trace header");
	if (strcmp(x->crossrt, "trace") != 0)
		return json_bad(c, "not a crossrt trace (\"crossrt\" is \"%s\", not \"trace\")",
			   json_shown(x->crossrt, strlen(x->crossrt), buf, sizeof buf));
	if (!(seen & K_V))
		return json_bad(c, "header: missing \"v\"");
	if (x->v < 1 || x->v > TRACE_VERSION)
		return json_bad(c, "unsupported trace version %" PRId64 " (this reader knows 1 to %d)", x->v, TRACE_VERSION);
	t->h.v = (int)x->v;
	if (!require(c, seen, K_ARCH | K_ENGINE | K_PROG | K_PROCS | K_SEED, "header"))
		return false;
	t->arch = arch_byname(t->h.arch);
	if (!t->arch)
		return json_bad(c, "unknown arch \"%s\"", json_shown(t->h.arch, strlen(t->h.arch), buf, sizeof buf));
	snprintf(t->h.arch, sizeof t->h.arch, "%s", t->arch->name);
	if (!(seen & K_FACTS))
		snprintf(t->h.facts, sizeof t->h.facts, "cs sp");	/* what traces computed before the header said */
	return true;
}

static bool parse_header(struct cur *c, struct trace *t)
{
	struct header_fields x = { "", 0 };
	struct objiter it;
	struct key k;
	unsigned seen = 0, bit;
	int rc;

	if (json_peek(c) == '\n' && c->p == c->end)
		return json_bad(c, "missing header: empty trace");
	if (!json_obj_begin(c, &it, "header"))
		return json_bad(c, "missing header: the first line is not a JSON object");
	while ((rc = json_obj_next(c, &it, &k)) > 0) {
		bit = key_bit(&k, HEADER_KEYS);
		if (!bit) {
			if (!json_skip_value(c, 1))
				return false;
			continue;
		}
		if (!add_seen(c, &seen, bit) || !header_member(c, bit, &t->h, &x))
			return false;
	}
	return rc == 0 && check_header(c, seen, t, &x);
}

static const char *pooled(struct cur *c, struct reader *rd, const char *s)
{
	const char *p = reader_keep(rd, s, strlen(s));

	if (!p)
		json_bad(c, "out of memory");
	return p;
}

/* all: every role named (version 1); version 2 leaves unknown roles out. */
static bool get_roles(struct cur *c, const struct names *nm, bool all, struct trace_rec *r)
{
	struct objiter it;
	uint64_t seen = 0;
	int i = -1;

	if (!json_obj_begin(c, &it, "roles"))
		return false;
	while ((i = json_next_named(c, &it, nm, i + 1, &seen, "roles")) >= 0) {
		if (all && json_is_null(c)) {
			if (!json_literal(c, "null"))
				return false;
			continue;
		}
		if (!json_hex(c, &r->role[i], nm->s[i]))
			return false;
		r->role_known |= 1u << i;
	}
	return i == -1 && (!all || json_all_named(c, nm, seen, "roles"));
}

static bool get_norms(struct cur *c, const struct names *nm, bool all, struct reader *rd, struct trace_rec *r,
		      uint32_t *named)
{
	char buf[NORMLEN];
	struct objiter it;
	uint64_t seen = 0;
	int i = -1;

	if (!json_obj_begin(c, &it, "norm"))
		return false;
	while ((i = json_next_named(c, &it, nm, i + 1, &seen, "norm")) >= 0) {
		if (json_is_null(c)) {
			if (!json_literal(c, "null"))
				return false;
			continue;
		}
		if (!json_text(c, buf, sizeof buf, nm->s[i]) || !(r->norm[i] = pooled(c, rd, buf)))
			return false;
	}
	*named = (uint32_t)seen;
	return i == -1 && (!all || json_all_named(c, nm, seen, "norm"));
}

/* Version 2 leaves out what the M's previous record holds: completed in complete_regs. */
static bool get_regs(struct cur *c, struct reader *rd, uint64_t *regs, struct trace_rec *r)
{
	const struct names *nm = &rd->regs;
	struct objiter it;
	uint64_t seen = 0;
	int i = -1;

	if (!json_obj_begin(c, &it, "regs"))
		return false;
	while ((i = json_next_named(c, &it, nm, i + 1, &seen, "regs")) >= 0)
		if (!json_hex(c, &regs[i], nm->s[i]))
			return false;
	if (i != -1 || (rd->t->h.v < 2 && !json_all_named(c, nm, seen, "regs")))
		return false;
	rd->regs_seen = seen;
	r->nregs = nm->n;
	return true;
}

static bool complete_regs(struct cur *c, struct reader *rd, const struct trace_rec *r)
{
	const uint64_t *prev = trace_prev_regs(rd, r);
	uint64_t *regs = regslot(rd->t);

	if (!prev && !json_all_named(c, &rd->regs, rd->regs_seen, "regs"))
		return false;
	for (int i = 0; prev && i < rd->regs.n; i++)
		if (!(rd->regs_seen & 1ull << i))
			regs[i] = prev[i];
	return true;
}

/* Version 2: a role named in "norm" without a value in "roles" has its raw register's. */
static bool complete_roles(struct cur *c, struct reader *rd, struct trace_rec *r)
{
	if (rd->t->h.v < 2)
		return true;
	r->role_known |= rd->norms_seen;
	if (!trace_roles_from_regs(rd->t->arch, r, rd->roles_given, regslot(rd->t)))
		return json_bad(c, "roles: a role named in \"norm\" has no value and no register");
	return true;
}

static bool rec_member(struct cur *c, unsigned bit, struct reader *rd, struct trace_rec *r)
{
	char buf[MAXREGS * 16 > STATELEN ? MAXREGS * 16 : STATELEN];	/* facts, a state or a register list */

	switch (bit) {
	case K_SEQ: return json_uint(c, &r->seq, "seq");
	case K_PROBE:
		return json_text(c, buf, PROBELEN, "probe") && (r->probe = pooled(c, rd, buf)) != NULL;
	case K_FACTS:
		return json_text(c, buf, FACTSLEN, "facts") && (r->facts = pooled(c, rd, buf)) != NULL;
	case K_STATE:
		return json_text(c, buf, STATELEN, "state") && (r->state = pooled(c, rd, buf)) != NULL;
	case K_TIME:
		if (!json_text(c, buf, sizeof buf, "time"))
			return false;
		if (time_regs_parse(rd->t->arch, buf, &r->timeregs, &r->timehigh) != 0)
			return json_bad(c, "\"time\": not a list of %s registers: %s", rd->t->arch->name, buf);
		return true;
	case K_M: return json_int(c, INT64_MIN, INT64_MAX, &r->m, "m");
	case K_G: return json_int(c, INT64_MIN, INT64_MAX, &r->g, "g");
	case K_ROLES:
		if (!get_roles(c, &rd->roles, rd->t->h.v < 2, r))
			return false;
		rd->roles_given = r->role_known;
		return true;
	case K_NORM: return get_norms(c, &rd->roles, rd->t->h.v < 2, rd, r, &rd->norms_seen);
	case K_REGS: return get_regs(c, rd, regslot(rd->t), r);
	}
	return false;
}

static bool end_member(struct cur *c, unsigned bit, struct trace_end *e)
{
	int64_t status;

	switch (bit) {
	case K_END:
		json_skip_ws(c);
		if (json_peek(c) != 't')
			return json_bad(c, "\"end\": must be true");
		return json_literal(c, "true");
	case K_EXIT:
		if (!json_int(c, INT32_MIN, INT32_MAX, &status, "exit"))
			return false;
		e->exit_status = (int)status;
		return true;
	case K_INSNS:
		e->insns_known = !json_is_null(c);
		return e->insns_known ? json_uint(c, &e->insns, "insns") : json_literal(c, "null");
	case K_REASON:
		return json_text(c, e->reason, sizeof e->reason, "reason");
	}
	return false;
}

/* A string of any length, in memory of its own. */
static bool get_dyntext(struct cur *c, char **dst, const char *what)
{
	const char *start;
	size_t n;

	json_skip_ws(c);
	if (json_peek(c) != '"')
		return json_bad(c, "\"%s\": expected a string", what);
	start = c->p;
	if (!json_string(c, NULL, 0, &n))
		return false;
	free(*dst);
	if (!(*dst = malloc(n + 1)))
		return json_bad(c, "out of memory");
	c->p = start;
	return json_string(c, *dst, n + 1, &n);
}

static bool event_member(struct cur *c, unsigned bit, struct event *ev)
{
	switch (bit) {
	case K_EVENT: return json_text(c, ev->kind, sizeof ev->kind, "event");
	case K_AFTER: return json_uint(c, &ev->after, "after");
	case K_DETAIL: return get_dyntext(c, &ev->detail, "detail");
	}
	return false;
}

static bool add_event(struct cur *c, unsigned seen, struct trace *t, struct event *ev)
{
	struct event *p;
	size_t cap;

	if (seen & (REC_KEYS | END_KEYS))
		return json_bad(c, "event line with record or end keys");
	if (!require(c, seen, EVENT_KEYS, "event line"))
		return false;
	if (!ev->kind[0])
		return json_bad(c, "event line: empty \"event\"");
	if (t->nevents == t->evcap) {
		cap = t->evcap ? 2 * t->evcap : 16;
		if (cap > SIZE_MAX / sizeof *p || !(p = realloc(t->events, cap * sizeof *p)))
			return json_bad(c, "out of memory");
		t->events = p;
		t->evcap = cap;
	}
	t->events[t->nevents++] = *ev;
	ev->detail = NULL;
	return true;
}

static bool check_rec(struct cur *c, unsigned seen, struct reader *rd, const struct trace_rec *r)
{
	if (!require(c, seen, REC_NEEDED, "record"))
		return false;
	if (!r->probe[0])
		return json_bad(c, "record: empty \"probe\"");
	if (rd->any_rec && r->seq <= rd->lastseq)
		return json_bad(c, "record: seq %" PRIu64 " does not follow %" PRIu64, r->seq, rd->lastseq);
	rd->any_rec = true;
	rd->lastseq = r->seq;
	return true;
}

static bool grow(struct cur *c, struct trace *t)
{
	size_t cap = t->cap ? 2 * t->cap : 256, nregs = (size_t)t->arch->nregs;
	struct trace_rec *p;
	uint64_t *q;

	if (cap > SIZE_MAX / sizeof *p / 2 || !(p = realloc(t->recs, cap * sizeof *p)))
		return json_bad(c, "out of memory");
	t->recs = p;
	if (!(q = realloc(t->regbuf, cap * nregs * sizeof *q)))
		return json_bad(c, "out of memory");
	t->regbuf = q;
	t->cap = cap;
	return true;
}

/* What parsing may leave unset; the rest of a kept record is always written. */
static void clear_rec(struct trace_rec *r)
{
	r->probe = "";
	r->role_known = 0;
	memset(r->role, 0, sizeof r->role);
	for (int i = 0; i < NROLES; i++)
		r->norm[i] = "";
	r->facts = "";
	r->state = "";
	r->timeregs = r->timehigh = 0;
	r->nregs = 0;
	r->regs = NULL;
}

static bool body_members(struct cur *c, struct reader *rd, struct trace_rec *r, struct trace_end *e,
			 struct event *ev, unsigned *seen)
{
	struct objiter it;
	struct key k;
	unsigned bit;
	int rc;

	if (!json_obj_begin(c, &it, "line"))
		return json_bad(c, "not a JSON object");
	while ((rc = json_obj_next(c, &it, &k)) > 0) {
		bit = key_bit(&k, K_CROSSRT | REC_KEYS | END_KEYS | EVENT_KEYS);
		if (bit == K_CROSSRT)
			return json_bad(c, "a second header");
		if (!bit) {
			if (!json_skip_value(c, 1))
				return false;
			continue;
		}
		if (!add_seen(c, seen, bit))
			return false;
		if (bit & END_KEYS) {
			if (!end_member(c, bit, e))
				return false;
		} else if (bit & EVENT_KEYS) {
			if (!event_member(c, bit, ev))
				return false;
		} else if (!rec_member(c, bit, rd, r)) {
			return false;
		}
	}
	return rc == 0;
}

/* A record, an event or the end line; the record is built in place and kept only if complete. */
static bool parse_body(struct cur *c, struct reader *rd)
{
	struct trace *t = rd->t;
	struct trace_end e = { 0, false, 0, "" };
	struct event ev = { "", 0, NULL };
	struct trace_rec *r;
	const char *q;
	unsigned seen = 0;
	bool ok;

	if (t->n == t->cap && !grow(c, t))
		return false;
	r = &t->recs[t->n];
	q = trace_fast_rec(c->p, c->end, rd, r);
	if (q && (q == c->end || *q == '\n')) {
		c->p = q;
		if (!check_rec(c, REC_KEYS, rd, r))
			return false;
		t->n++;
		return true;
	}
	clear_rec(r);
	rd->arena_used = rd->arena_rec;	/* what the fast path kept of this line */
	rd->regs_seen = 0;
	rd->roles_given = rd->norms_seen = 0;
	ok = body_members(c, rd, r, &e, &ev, &seen);
	if (ok && (seen & EVENT_KEYS))
		ok = add_event(c, seen, t, &ev);
	free(ev.detail);
	if (!ok || (seen & EVENT_KEYS))
		return ok;
	if (seen & K_END) {
		if (seen & REC_KEYS)
			return json_bad(c, "end line with record keys");
		if (!require(c, seen, END_KEYS, "end line"))
			return false;
		t->end = e;
		t->has_end = true;
		return true;
	}
	/* "insns" is the end line's count, or a record's (parsed as the end's) */
	r->insns_known = e.insns_known;
	r->insns = e.insns;
	if (seen & END_KEYS & ~K_INSNS) {
		unsigned stray = seen & END_KEYS & ~K_INSNS;
		return json_bad(c, "record: unexpected \"%s\" (end line without \"end\")", key_name(stray & -stray));
	}
	if (!check_rec(c, seen, rd, r) || !complete_regs(c, rd, r) || !complete_roles(c, rd, r))
		return false;
	t->n++;
	return true;
}

bool trace_parse_line(struct cur *c, struct reader *rd, size_t lineno)
{
	char what[32];

	json_skip_ws(c);
	if (lineno == 1) {
		if (!parse_header(c, rd->t))
			return false;
		snprintf(what, sizeof what, "%s register", rd->t->arch->name);
		json_set_names(&rd->regs, rd->t->arch->regnames, rd->t->arch->nregs, what);
	} else if (rd->t->has_end) {
		return json_bad(c, "line after the end line");
	} else if (json_peek(c) == '\n') {
		return json_bad(c, "empty line");
	} else if (!parse_body(c, rd)) {
		return false;
	}
	json_skip_ws(c);
	if (json_peek(c) != '\n')
		return json_unexpected(c, "end of line after the object");
	if (c->p < c->end)
		c->p++;
	return true;
}

static struct trace *read_plain(const char *buf, size_t n, const char *name, char *err, size_t errlen);

/* A compressed trace read as the JSON Lines it holds. */
static struct trace *read_zst(const char *buf, size_t n, const char *name, char *err, size_t errlen)
{
	char why[160];
	size_t len;
	char *plain = trace_zst_inflate(buf, n, &len, why, sizeof why);
	struct trace *t;

	if (!plain) {
		snprintf(err, errlen, "%s: %s", name, why);
		return NULL;
	}
	t = read_plain(plain, len, name, err, errlen);
	free(plain);
	return t;
}

struct trace *trace_read_mem(const char *buf, size_t n, const char *name, char *err, size_t errlen)
{
	if (!name)
		name = "trace";
	if (trace_zst_magic(buf, n))
		return read_zst(buf, n, name, err, errlen);
	return read_plain(buf, n, name, err, errlen);
}

static struct trace *read_plain(const char *buf, size_t n, const char *name, char *err, size_t errlen)
{
	struct trace *t = calloc(1, sizeof *t);
	struct reader rd = { .t = t };
	struct cur c;
	size_t lineno = 0;

	json_set_names(&rd.roles, role_names, NROLES, "role");
	c.p = buf;
	c.end = buf + n;
	c.msg[0] = 0;
	if (!t || !(t->pool = strpool_new())) {
		snprintf(err, errlen, "%s: out of memory", name);
		trace_free(t);
		return NULL;
	}
	do {
		if (!trace_parse_line(&c, &rd, ++lineno)) {
			snprintf(err, errlen, "%s:%zu: %s", name, lineno, c.msg);
			trace_free(t);
			return NULL;
		}
	} while (c.p < c.end);
	for (size_t i = 0; i < t->n; i++)
		t->recs[i].regs = t->regbuf + i * (size_t)t->arch->nregs;
	return t;
}

struct trace *trace_read(const char *path, char *err, size_t errlen)
{
	struct trace *t;
	bool mapped;
	size_t n;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = slurp(fd, &n, &mapped);
	if (!buf) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	close(fd);
	t = trace_read_mem(buf, n, path, err, errlen);
	slurp_free(buf, n, mapped);
	return t;
}

void trace_free(struct trace *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nevents; i++)
		free(t->events[i].detail);
	free(t->events);
	free(t->recs);
	free(t->regbuf);
	strpool_free(t->pool);
	free(t);
}
