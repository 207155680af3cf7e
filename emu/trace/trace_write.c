/* Writing traces: each line built in memory and written with a single fwrite. */
#include <stdlib.h>
#include <string.h>
#include "trace/timename.h"

struct out {
	char *p;
	size_t n, cap;
	bool overflow;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->n + n > o->cap) {
		o->overflow = true;
		return;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

static void put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_uint(struct out *o, uint64_t v)
{
	char buf[24];
	int i = sizeof buf;

	do
		buf[--i] = (char)('0' + v % 10);
	while (v /= 10);
	put(o, buf + i, sizeof buf - i);
}

static void put_int(struct out *o, int64_t v)
{
	if (v < 0) {
		put(o, "-", 1);
		put_uint(o, -(uint64_t)v);
	} else {
		put_uint(o, (uint64_t)v);
	}
}

static void put_hex(struct out *o, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char buf[20];
	int i = sizeof buf;

	buf[--i] = '"';
	do
		buf[--i] = digits[v & 15];
	while (v >>= 4);
	buf[--i] = 'x';
	buf[--i] = '0';
	buf[--i] = '"';
	put(o, buf + i, sizeof buf - i);
}

/* At most max bytes of s: a full fixed-size field is cut to what a reader takes back. */
static void put_json(struct out *o, const char *s, size_t max)
{
	static const char digits[] = "0123456789abcdef";
	size_t n = strnlen(s, max), run = 0;

	put(o, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		char esc[6] = { '\\', 0 };
		size_t k = 2;

		if (ch >= 0x20 && ch != '"' && ch != '\\' && ch != 0x7f)
			continue;
		put(o, s + run, i - run);
		run = i + 1;
		switch (ch) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = digits[ch >> 4];
			esc[5] = digits[ch & 15];
			k = 6;
		}
		put(o, esc, k);
	}
	put(o, s + run, n - run);
	put(o, "\"", 1);
}

static void put_key(struct out *o, const char *key)
{
	put(o, "\"", 1);
	put_str(o, key);
	put(o, "\":", 2);
}

static void put_sep(struct out *o, bool *first)
{
	if (!*first)
		put(o, ",", 1);
	*first = false;
}

static int flush_line(FILE *f, struct out *o)
{
	put(o, "\n", 1);
	if (o->overflow)
		return -1;
	if (fwrite(o->p, 1, o->n, f) != o->n || ferror(f))
		return -1;
	return 0;
}

int trace_write_header(FILE *f, const struct trace_header *h)
{
	char buf[4096];
	struct out o = { buf, 0, sizeof buf, false };

	put_str(&o, "{\"crossrt\":\"trace\",\"v\":");
	put_uint(&o, TRACE_VERSION);
	put_str(&o, ",\"arch\":");
	put_json(&o, h->arch, sizeof h->arch - 1);
	put_str(&o, ",\"engine\":");
	put_json(&o, h->engine, sizeof h->engine - 1);
	put_str(&o, ",\"prog\":");
	put_json(&o, h->prog, sizeof h->prog - 1);
	put_str(&o, ",\"procs\":");
	put_int(&o, h->procs);
	put_str(&o, ",\"seed\":");
	put_uint(&o, h->seed);
	put_str(&o, ",\"tls_source\":");
	put_json(&o, h->tls_source, sizeof h->tls_source - 1);
	put_str(&o, ",\"g_source\":");
	put_json(&o, h->g_source, sizeof h->g_source - 1);
	if (h->facts[0]) {
		put_str(&o, ",\"facts\":");
		put_json(&o, h->facts, sizeof h->facts - 1);
	}
	if (h->state[0]) {
		put_str(&o, ",\"state\":");
		put_json(&o, h->state, sizeof h->state - 1);
	}
	if (h->go[0]) {
		put_str(&o, ",\"go\":");
		put_json(&o, h->go, sizeof h->go - 1);
	}
	put_str(&o, "}");
	return flush_line(f, &o);
}

/* The registers r's M had at its previous record, NULL if not followed; prev is updated to r's. */
static const uint64_t *writer_prev(struct trace_writer *w, const struct archdesc *a, const struct trace_rec *r,
				   uint64_t *saved)
{
	int i;

	if (!w)
		return NULL;
	for (i = 0; i < w->n && w->m[i] != r->m; i++)
		;
	if (i == w->n) {
		if (w->n == TRACE_WRITER_MS)
			return NULL;
		w->m[w->n++] = r->m;
		memcpy(w->regs[i], r->regs, (size_t)a->nregs * sizeof *r->regs);
		return NULL;
	}
	memcpy(saved, w->regs[i], (size_t)a->nregs * sizeof *saved);
	memcpy(w->regs[i], r->regs, (size_t)a->nregs * sizeof *r->regs);
	return saved;
}

/* A known role whose value its raw register holds: named in "norm" only. */
static bool role_in_regs(const struct archdesc *a, const struct trace_rec *r, int i)
{
	int k = a->role_reg[i];

	return k >= 0 && r->regs[k] == r->role[i];
}

int trace_write_rec(FILE *f, const struct archdesc *a, const struct trace_rec *r)
{
	return trace_write_rec_delta(f, NULL, a, r);
}

int trace_write_rec_delta(FILE *f, struct trace_writer *w, const struct archdesc *a, const struct trace_rec *r)
{
	uint64_t saved[MAXREGS];
	const uint64_t *prev = writer_prev(w, a, r, saved);
	bool first;
	char buf[16384];
	struct out o = { buf, 0, sizeof buf, false };

	put_str(&o, "{\"seq\":");
	put_uint(&o, r->seq);
	put_str(&o, ",\"probe\":");
	put_json(&o, r->probe ? r->probe : "", PROBELEN - 1);
	put_str(&o, ",\"m\":");
	put_int(&o, r->m);
	put_str(&o, ",\"g\":");
	put_int(&o, r->g);
	if (r->insns_known) {
		put_str(&o, ",\"insns\":");
		put_uint(&o, r->insns);
	}
	put_str(&o, ",\"roles\":{");
	first = true;
	for (int i = 0; i < NROLES; i++)
		if ((r->role_known & 1u << i) && !role_in_regs(a, r, i)) {
			put_sep(&o, &first);
			put_key(&o, role_names[i]);
			put_hex(&o, r->role[i]);
		}
	put_str(&o, "},\"norm\":{");
	first = true;
	for (int i = 0; i < NROLES; i++)
		if (r->role_known & 1u << i) {
			put_sep(&o, &first);
			put_key(&o, role_names[i]);
			put_json(&o, r->norm[i] ? r->norm[i] : "", NORMLEN - 1);
		}
	put_str(&o, "}");
	if (r->facts && r->facts[0]) {
		put_str(&o, ",\"facts\":");
		put_json(&o, r->facts, FACTSLEN - 1);
	}
	if (r->state && r->state[0]) {
		put_str(&o, ",\"state\":");
		put_json(&o, r->state, STATELEN - 1);
	}
	if (r->timeregs | r->timehigh) {
		char list[MAXREGS * 16];
		time_regs_format(a, r, list, sizeof list);
		put_str(&o, ",\"time\":");
		put_json(&o, list, strlen(list));
	}
	put_str(&o, ",\"regs\":{");
	first = true;
	for (int i = 0; i < a->nregs; i++) {
		if (prev && prev[i] == r->regs[i])
			continue;
		put_sep(&o, &first);
		put_key(&o, a->regnames[i]);
		put_hex(&o, r->regs[i]);
	}
	put_str(&o, "}}");
	return flush_line(f, &o);
}

int trace_write_end(FILE *f, const struct trace_end *e)
{
	char buf[1024];
	struct out o = { buf, 0, sizeof buf, false };

	put_str(&o, "{\"end\":true,\"exit\":");
	put_int(&o, e->exit_status);
	put_str(&o, ",\"insns\":");
	if (e->insns_known)
		put_uint(&o, e->insns);
	else
		put_str(&o, "null");
	put_str(&o, ",\"reason\":");
	put_json(&o, e->reason, sizeof e->reason - 1);
	put_str(&o, "}");
	return flush_line(f, &o);
}

int trace_write_event(FILE *f, const char *kind, uint64_t after_seq, const char *detail)
{
	size_t klen = strlen(kind), dlen = detail ? strlen(detail) : 0;
	size_t cap = 6 * (klen + dlen) + 64;
	struct out o = { malloc(cap), 0, cap, false };
	int rc;

	if (!klen || klen >= sizeof ((struct event *)0)->kind || !o.p) {
		free(o.p);
		return -1;
	}
	put_str(&o, "{\"event\":");
	put_json(&o, kind, klen);
	put_str(&o, ",\"after\":");
	put_uint(&o, after_seq);
	put_str(&o, ",\"detail\":");
	put_json(&o, detail ? detail : "", dlen);
	put_str(&o, "}");
	rc = flush_line(f, &o);
	free(o.p);
	return rc;
}