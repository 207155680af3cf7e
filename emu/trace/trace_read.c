/* Traces as JSON Lines: the writer and a small strict reader for exactly this format. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "trace/trace.h"

/* ---- writing ---------------------------------------------------------- */

/* One line is built in memory and written with a single fwrite. */
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
	put_str(&o, "}");
	return flush_line(f, &o);
}

int trace_write_rec(FILE *f, const struct archdesc *a, const struct trace_rec *r)
{
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
	put_str(&o, ",\"roles\":{");
	for (int i = 0; i < NROLES; i++) {
		if (i)
			put(&o, ",", 1);
		put_key(&o, role_names[i]);
		if (r->role_known & 1u << i)
			put_hex(&o, r->role[i]);
		else
			put_str(&o, "null");
	}
	put_str(&o, "},\"norm\":{");
	for (int i = 0; i < NROLES; i++) {
		if (i)
			put(&o, ",", 1);
		put_key(&o, role_names[i]);
		if (r->role_known & 1u << i)
			put_json(&o, r->norm[i] ? r->norm[i] : "", NORMLEN - 1);
		else
			put_str(&o, "null");
	}
	put_str(&o, "}");
	if (r->facts && r->facts[0]) {
		put_str(&o, ",\"facts\":");
		put_json(&o, r->facts, FACTSLEN - 1);
	}
	put_str(&o, ",\"regs\":{");
	for (int i = 0; i < a->nregs; i++) {
		if (i)
			put(&o, ",", 1);
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

	if (!klen || klen >= sizeof ((struct trace_event *)0)->kind || !o.p) {
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

/* ---- reading: JSON values ---------------------------------------------- */

/* A cursor over the buffer; a newline or the end of the buffer ends a line. */
struct cur {
	const char *p, *end;
	char msg[256];
};

struct key {
	const char *s;
	size_t n;
	char buf[32];
};

/* memcmp for the few bytes of a key, without the call. */
static bool same(const char *a, const char *b, size_t n)
{
	while (n && *a == *b)
		a++, b++, n--;
	return n == 0;
}

static bool bad(struct cur *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof c->msg, fmt, ap);
	va_end(ap);
	return false;
}

/* s with anything unprintable replaced, cut short, for messages. */
static const char *shown(const char *s, size_t n, char *buf, size_t cap)
{
	size_t i;

	for (i = 0; i < n && i + 4 < cap; i++)
		buf[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	if (i < n)
		memcpy(buf + i, "...", 4);
	else
		buf[i] = 0;
	return buf;
}

static int peek(const struct cur *c)
{
	return c->p < c->end ? (unsigned char)*c->p : '\n';
}

static void skip_ws(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r'))
		c->p++;
}

static bool unexpected(struct cur *c, const char *wanted)
{
	int ch = peek(c);

	if (ch == '\n')
		return bad(c, "unexpected end of line, expected %s", wanted);
	if (ch >= 0x20 && ch < 0x7f)
		return bad(c, "unexpected '%c', expected %s", ch, wanted);
	return bad(c, "unexpected byte 0x%02x, expected %s", ch, wanted);
}

static bool expect(struct cur *c, char ch, const char *wanted)
{
	skip_ws(c);
	if (peek(c) != (unsigned char)ch)
		return unexpected(c, wanted);
	c->p++;
	return true;
}

/* Hex digit values plus one; 0 for anything else. */
static const unsigned char hexdigit[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
	['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static int hexval(int ch)
{
	return hexdigit[ch & 0xff] - 1;
}

static bool get_u16(struct cur *c, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++, c->p++) {
		int d = c->p < c->end ? hexval((unsigned char)*c->p) : -1;
		if (d < 0)
			return bad(c, "bad \\u escape");
		*v = *v << 4 | (unsigned)d;
	}
	return true;
}

/* The code point of a \u escape (c->p just past the 'u'), surrogate pairs joined. */
static bool get_codepoint(struct cur *c, unsigned *cp)
{
	unsigned lo;

	if (!get_u16(c, cp))
		return false;
	if (*cp >= 0xdc00 && *cp <= 0xdfff)
		return bad(c, "unpaired surrogate in \\u escape");
	if (*cp < 0xd800 || *cp > 0xdbff)
		return *cp ? true : bad(c, "\\u0000 in string");
	if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u')
		return bad(c, "unpaired surrogate in \\u escape");
	c->p += 2;
	if (!get_u16(c, &lo))
		return false;
	if (lo < 0xdc00 || lo > 0xdfff)
		return bad(c, "unpaired surrogate in \\u escape");
	*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
	return true;
}

static size_t utf8(unsigned cp, char *b)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	b[0] = (char)(0xf0 | cp >> 18);
	b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	b[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* One escape (c->p just past the backslash) decoded into b. */
static bool get_escape(struct cur *c, char *b, size_t *k)
{
	unsigned cp;
	int ch = peek(c);

	c->p++;
	*k = 1;
	switch (ch) {
	case '"': case '\\': case '/': b[0] = (char)ch; return true;
	case 'b': b[0] = '\b'; return true;
	case 'f': b[0] = '\f'; return true;
	case 'n': b[0] = '\n'; return true;
	case 'r': b[0] = '\r'; return true;
	case 't': b[0] = '\t'; return true;
	case 'u':
		if (!get_codepoint(c, &cp))
			return false;
		*k = utf8(cp, b);
		return true;
	}
	c->p--;
	return bad(c, "bad escape in string");
}

/* Bytes s[0..k) at dst[n], as far as they fit with the NUL. */
static void append(char *dst, size_t cap, size_t n, const char *s, size_t k)
{
	if (dst && n + 1 < cap)
		memcpy(dst + n, s, k < cap - 1 - n ? k : cap - 1 - n);
}

/*
 * A string into dst (cap bytes, NUL included; dst may be NULL to skip).
 * *len gets the decoded length even when it does not fit and dst holds
 * only what does: callers check.
 */
static bool get_string(struct cur *c, char *dst, size_t cap, size_t *len)
{
	size_t n = 0;

	if (!expect(c, '"', "a string"))
		return false;
	for (;;) {
		const char *run = c->p;
		char esc[4];
		size_t k;

		while (c->p < c->end && (unsigned char)*c->p >= 0x20 && *c->p != '"' && *c->p != '\\')
			c->p++;
		k = (size_t)(c->p - run);
		append(dst, cap, n, run, k);
		n += k;
		if (c->p == c->end || *c->p == '\n')
			return bad(c, "unterminated string");
		if (*c->p == '"')
			break;
		if (*c->p != '\\')
			return bad(c, "control character in string");
		c->p++;
		if (!get_escape(c, esc, &k))
			return false;
		append(dst, cap, n, esc, k);
		n += k;
	}
	c->p++;
	if (dst && cap)
		dst[n < cap ? n : cap - 1] = 0;
	*len = n;
	return true;
}

/*
 * A key points into the line unless it has escapes.  An escaped key too
 * long for buf is cut to a length no key of the format has: it matches
 * nothing and can still be shown.
 */
static bool get_key(struct cur *c, struct key *k)
{
	const char *q;

	skip_ws(c);
	if (peek(c) != '"')
		return unexpected(c, "a key");
	for (q = c->p + 1; q < c->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20; q++)
		;
	if (q < c->end && *q == '"') {
		k->s = c->p + 1;
		k->n = (size_t)(q - k->s);
		c->p = q + 1;
	} else {
		if (!get_string(c, k->buf, sizeof k->buf, &k->n))
			return false;
		k->s = k->buf;
		if (k->n >= sizeof k->buf)
			k->n = sizeof k->buf - 1;
	}
	return expect(c, ':', "':'");
}

static bool get_literal(struct cur *c, const char *word)
{
	size_t n = strlen(word);

	skip_ws(c);
	if ((size_t)(c->end - c->p) < n || !same(c->p, word, n))
		return unexpected(c, word);
	c->p += n;
	return true;
}

static bool is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

/* An integer as sign and magnitude; fractions and exponents are refused. */
static bool get_number(struct cur *c, bool *neg, uint64_t *mag, const char *what)
{
	uint64_t v = 0;

	skip_ws(c);
	*neg = peek(c) == '-';
	if (*neg)
		c->p++;
	if (!is_digit(peek(c)))
		return bad(c, "\"%s\": expected an integer", what);
	if (peek(c) == '0' && c->p + 1 < c->end && is_digit((unsigned char)c->p[1]))
		return bad(c, "\"%s\": leading zero in number", what);
	while (is_digit(peek(c))) {
		unsigned d = (unsigned)(*c->p++ - '0');
		if (v > (UINT64_MAX - d) / 10)
			return bad(c, "\"%s\": integer out of range", what);
		v = v * 10 + d;
	}
	if (peek(c) == '.' || peek(c) == 'e' || peek(c) == 'E')
		return bad(c, "\"%s\": expected an integer", what);
	*mag = v;
	return true;
}

static bool get_int(struct cur *c, int64_t lo, int64_t hi, int64_t *v, const char *what)
{
	bool neg;
	uint64_t mag;

	if (!get_number(c, &neg, &mag, what))
		return false;
	if (neg ? mag > (uint64_t)INT64_MAX + 1 : mag > (uint64_t)INT64_MAX)
		return bad(c, "\"%s\": integer out of range", what);
	*v = neg ? (int64_t)(0 - mag) : (int64_t)mag;
	if (*v < lo || *v > hi)
		return bad(c, "\"%s\": integer out of range", what);
	return true;
}

static bool get_uint(struct cur *c, uint64_t *v, const char *what)
{
	bool neg;

	if (!get_number(c, &neg, v, what))
		return false;
	if (neg && *v)
		return bad(c, "\"%s\": must not be negative", what);
	return true;
}

/* "0x" and 1 to 16 significant hex digits. */
static bool get_hex(struct cur *c, uint64_t *v, const char *what)
{
	const char *p;
	uint64_t x = 0;
	int d;

	skip_ws(c);
	p = c->p;
	if (c->end - p < 4 || p[0] != '"' || p[1] != '0' || p[2] != 'x')
		return bad(c, "\"%s\": value is not a hex string", what);
	p += 3;
	if (p == c->end || hexval((unsigned char)*p) < 0)
		return bad(c, "\"%s\": value is not a hex string", what);
	for (; p < c->end && (d = hexval((unsigned char)*p)) >= 0; p++) {
		if (x >> 60)
			return bad(c, "\"%s\": hex value out of range", what);
		x = x << 4 | (unsigned)d;
	}
	if (p == c->end || *p != '"')
		return bad(c, "\"%s\": value is not a hex string", what);
	c->p = p + 1;
	*v = x;
	return true;
}

static bool get_text(struct cur *c, char *dst, size_t cap, const char *what)
{
	size_t n;

	skip_ws(c);
	if (peek(c) != '"')
		return bad(c, "\"%s\": expected a string", what);
	if (!get_string(c, dst, cap, &n))
		return false;
	if (n >= cap)
		return bad(c, "\"%s\": string too long (at most %zu bytes)", what, cap - 1);
	return true;
}

struct objiter {
	bool first;
};

static bool obj_begin(struct cur *c, struct objiter *it, const char *what)
{
	it->first = true;
	skip_ws(c);
	if (peek(c) != '{')
		return bad(c, "\"%s\": expected an object", what);
	c->p++;
	return true;
}

/* 1: a member's key is in k and the value comes next; 0: the object ended; -1: error. */
static int obj_next(struct cur *c, struct objiter *it, struct key *k)
{
	skip_ws(c);
	if (peek(c) == '}') {
		c->p++;
		return 0;
	}
	if (!it->first) {
		if (peek(c) != ',') {
			unexpected(c, "',' or '}'");
			return -1;
		}
		c->p++;
	}
	it->first = false;
	return get_key(c, k) ? 1 : -1;
}

static void skip_digits(struct cur *c)
{
	while (is_digit(peek(c)))
		c->p++;
}

/* Any JSON number, for values the format does not use. */
static bool skip_number(struct cur *c)
{
	if (peek(c) == '-')
		c->p++;
	if (!is_digit(peek(c)))
		return unexpected(c, "a value");
	if (peek(c) == '0')
		c->p++;
	else
		skip_digits(c);
	if (peek(c) == '.') {
		c->p++;
		if (!is_digit(peek(c)))
			return unexpected(c, "a digit");
		skip_digits(c);
	}
	if (peek(c) == 'e' || peek(c) == 'E') {
		c->p++;
		if (peek(c) == '+' || peek(c) == '-')
			c->p++;
		if (!is_digit(peek(c)))
			return unexpected(c, "a digit");
		skip_digits(c);
	}
	return true;
}

#define MAXDEPTH 32

/* Any JSON value under a key the format does not use. */
static bool skip_value(struct cur *c, int depth)
{
	struct objiter it;
	struct key k;
	size_t n;
	int rc;

	if (depth > MAXDEPTH)
		return bad(c, "nested too deeply");
	skip_ws(c);
	switch (peek(c)) {
	case '"':
		return get_string(c, NULL, 0, &n);
	case '{':
		obj_begin(c, &it, "");
		while ((rc = obj_next(c, &it, &k)) > 0)
			if (!skip_value(c, depth + 1))
				return false;
		return rc == 0;
	case '[':
		c->p++;
		skip_ws(c);
		if (peek(c) == ']') {
			c->p++;
			return true;
		}
		for (;;) {
			if (!skip_value(c, depth + 1))
				return false;
			skip_ws(c);
			if (peek(c) == ']') {
				c->p++;
				return true;
			}
			if (!expect(c, ',', "',' or ']'"))
				return false;
		}
	case 't':
		return get_literal(c, "true");
	case 'f':
		return get_literal(c, "false");
	case 'n':
		return get_literal(c, "null");
	}
	return skip_number(c);
}

static bool is_null(struct cur *c)
{
	skip_ws(c);
	return peek(c) == 'n';
}

/* The keys of the roles, norm and regs objects, with their lengths. */
struct names {
	const char *const *s;
	int n;
	char what[32];		/* for messages: "role", "x86_64 register" */
	unsigned char len[MAXREGS > NROLES ? MAXREGS : NROLES];
};

static void set_names(struct names *nm, const char *const *s, int n, const char *what)
{
	snprintf(nm->what, sizeof nm->what, "%s", what);
	nm->s = s;
	nm->n = n;
	for (int i = 0; i < n; i++)
		nm->len[i] = (unsigned char)strlen(s[i]);
}

static int find_name(const struct names *nm, const struct key *k)
{
	for (int i = 0; i < nm->n; i++)
		if (nm->len[i] == k->n && same(nm->s[i], k->s, k->n))
			return i;
	return -1;
}

/* Past `"name":` for name i, after a comma unless first, at p; NULL if it is not there. */
static const char *name_at(const char *p, const char *end, const struct names *nm, int i, bool first)
{
	size_t len = nm->len[i];

	if ((size_t)(end - p) < !first + len + 3 || (!first && *p++ != ','))
		return NULL;
	if (p[0] != '"' || p[len + 1] != '"' || p[len + 2] != ':' || !same(p + 1, nm->s[i], len))
		return NULL;
	return p + len + 3;
}

/* Member i where the writer puts it, taken without a key copy. */
static bool member_is(struct cur *c, struct objiter *it, const struct names *nm, int i)
{
	const char *q = name_at(c->p, c->end, nm, i, it->first);

	if (!q)
		return false;
	c->p = q;
	it->first = false;
	return true;
}

/*
 * The index of the next member of an object keyed by names, which writers
 * put in order (hint is the one expected); -1 at the end, -2 on error.
 */
static int next_named(struct cur *c, struct objiter *it, const struct names *nm, int hint, uint64_t *seen,
		      const char *obj)
{
	struct key k;
	char buf[40];
	int i, rc;

	if (hint < nm->n && member_is(c, it, nm, hint)) {
		i = hint;
	} else {
		rc = obj_next(c, it, &k);
		if (rc <= 0)
			return rc - 1;
		i = find_name(nm, &k);
		if (i < 0) {
			bad(c, "%s: unknown %s \"%s\"", obj, nm->what, shown(k.s, k.n, buf, sizeof buf));
			return -2;
		}
	}
	if (*seen & 1ull << i) {
		bad(c, "%s: duplicate %s \"%s\"", obj, nm->what, nm->s[i]);
		return -2;
	}
	*seen |= 1ull << i;
	return i;
}

static bool all_named(struct cur *c, const struct names *nm, uint64_t seen, const char *obj)
{
	for (int i = 0; i < nm->n; i++)
		if (!(seen & 1ull << i))
			return bad(c, "%s: missing \"%s\"", obj, nm->s[i]);
	return true;
}

/* ---- reading: the three kinds of line ---------------------------------- */

enum {
	K_CROSSRT = 1 << 0, K_V = 1 << 1, K_ARCH = 1 << 2, K_ENGINE = 1 << 3, K_PROG = 1 << 4,
	K_PROCS = 1 << 5, K_SEED = 1 << 6, K_TLS = 1 << 7, K_GSRC = 1 << 8,
	K_SEQ = 1 << 9, K_PROBE = 1 << 10, K_M = 1 << 11, K_G = 1 << 12,
	K_ROLES = 1 << 13, K_NORM = 1 << 14, K_REGS = 1 << 15,
	K_END = 1 << 16, K_EXIT = 1 << 17, K_INSNS = 1 << 18, K_REASON = 1 << 19,
	K_EVENT = 1 << 20, K_AFTER = 1 << 21, K_DETAIL = 1 << 22, K_FACTS = 1 << 23,
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
};

#define HEADER_KEYS (K_CROSSRT | K_V | K_ARCH | K_ENGINE | K_PROG | K_PROCS | K_SEED | K_TLS | K_GSRC)
#define REC_KEYS (K_SEQ | K_PROBE | K_M | K_G | K_ROLES | K_NORM | K_REGS | K_FACTS)
#define REC_NEEDED (REC_KEYS & ~K_FACTS)
#define END_KEYS (K_END | K_EXIT | K_INSNS | K_REASON)
#define EVENT_KEYS (K_EVENT | K_AFTER | K_DETAIL)

static unsigned key_bit(const struct key *k, unsigned among)
{
	for (size_t i = 0; i < sizeof keynames / sizeof keynames[0]; i++)
		if ((keynames[i].bit & among) && keynames[i].len == k->n &&
		    same(keynames[i].name, k->s, k->n))
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
	return bad(c, "%s: missing \"%s\"", line, key_name(missing & -missing));
}

static bool add_seen(struct cur *c, unsigned *seen, unsigned bit)
{
	if (*seen & bit)
		return bad(c, "duplicate key \"%s\"", key_name(bit));
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
	case K_CROSSRT: return get_text(c, x->crossrt, sizeof x->crossrt, "crossrt");
	case K_V: return get_int(c, INT64_MIN, INT64_MAX, &x->v, "v");
	case K_ARCH: return get_text(c, h->arch, sizeof h->arch, "arch");
	case K_ENGINE: return get_text(c, h->engine, sizeof h->engine, "engine");
	case K_PROG: return get_text(c, h->prog, sizeof h->prog, "prog");
	case K_SEED: return get_uint(c, &h->seed, "seed");
	case K_TLS: return get_text(c, h->tls_source, sizeof h->tls_source, "tls_source");
	case K_GSRC: return get_text(c, h->g_source, sizeof h->g_source, "g_source");
	case K_PROCS:
		if (!get_int(c, 0, INT32_MAX, &procs, "procs"))
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
		return bad(c, "missing header: the first line is not a crossrt trace header");
	if (strcmp(x->crossrt, "trace") != 0)
		return bad(c, "not a crossrt trace (\"crossrt\" is \"%s\", not \"trace\")",
			   shown(x->crossrt, strlen(x->crossrt), buf, sizeof buf));
	if (!(seen & K_V))
		return bad(c, "header: missing \"v\"");
	if (x->v != TRACE_VERSION)
		return bad(c, "unsupported trace version %" PRId64 " (this reader knows %d)", x->v, TRACE_VERSION);
	if (!require(c, seen, K_ARCH | K_ENGINE | K_PROG | K_PROCS | K_SEED, "header"))
		return false;
	t->arch = arch_byname(t->h.arch);
	if (!t->arch)
		return bad(c, "unknown arch \"%s\"", shown(t->h.arch, strlen(t->h.arch), buf, sizeof buf));
	snprintf(t->h.arch, sizeof t->h.arch, "%s", t->arch->name);
	return true;
}

static bool parse_header(struct cur *c, struct trace *t)
{
	struct header_fields x = { "", 0 };
	struct objiter it;
	struct key k;
	unsigned seen = 0, bit;
	int rc;

	if (peek(c) == '\n' && c->p == c->end)
		return bad(c, "missing header: empty trace");
	if (!obj_begin(c, &it, "header"))
		return bad(c, "missing header: the first line is not a JSON object");
	while ((rc = obj_next(c, &it, &k)) > 0) {
		bit = key_bit(&k, HEADER_KEYS);
		if (!bit) {
			if (!skip_value(c, 1))
				return false;
			continue;
		}
		if (!add_seen(c, &seen, bit) || !header_member(c, bit, &t->h, &x))
			return false;
	}
	return rc == 0 && check_header(c, seen, t, &x);
}

struct reader {
	struct trace *t;
	struct names roles;
	struct names regs;
};

/* Where the registers of the record being read go. */
static uint64_t *regslot(const struct trace *t)
{
	return t->regbuf + t->n * (size_t)t->arch->nregs;
}

static const char *pooled(struct cur *c, struct strpool *pool, const char *s)
{
	const char *p = strpool_intern(pool, s, strlen(s));

	if (!p)
		bad(c, "out of memory");
	return p;
}

static bool get_roles(struct cur *c, const struct names *nm, struct trace_rec *r)
{
	struct objiter it;
	uint64_t seen = 0;
	int i = -1;

	if (!obj_begin(c, &it, "roles"))
		return false;
	while ((i = next_named(c, &it, nm, i + 1, &seen, "roles")) >= 0) {
		if (is_null(c)) {
			if (!get_literal(c, "null"))
				return false;
			continue;
		}
		if (!get_hex(c, &r->role[i], nm->s[i]))
			return false;
		r->role_known |= 1u << i;
	}
	return i == -1 && all_named(c, nm, seen, "roles");
}

static bool get_norms(struct cur *c, const struct names *nm, struct strpool *pool, struct trace_rec *r)
{
	char buf[NORMLEN];
	struct objiter it;
	uint64_t seen = 0;
	int i = -1;

	if (!obj_begin(c, &it, "norm"))
		return false;
	while ((i = next_named(c, &it, nm, i + 1, &seen, "norm")) >= 0) {
		if (is_null(c)) {
			if (!get_literal(c, "null"))
				return false;
			continue;
		}
		if (!get_text(c, buf, sizeof buf, nm->s[i]) || !(r->norm[i] = pooled(c, pool, buf)))
			return false;
	}
	return i == -1 && all_named(c, nm, seen, "norm");
}

static bool get_regs(struct cur *c, const struct names *nm, uint64_t *regs, struct trace_rec *r)
{
	struct objiter it;
	uint64_t seen = 0;
	int i = -1;

	if (!obj_begin(c, &it, "regs"))
		return false;
	while ((i = next_named(c, &it, nm, i + 1, &seen, "regs")) >= 0)
		if (!get_hex(c, &regs[i], nm->s[i]))
			return false;
	if (i != -1 || !all_named(c, nm, seen, "regs"))
		return false;
	r->nregs = nm->n;
	return true;
}

static bool rec_member(struct cur *c, unsigned bit, const struct reader *rd, struct trace_rec *r)
{
	char buf[FACTSLEN];
	struct strpool *pool = rd->t->pool;

	switch (bit) {
	case K_SEQ: return get_uint(c, &r->seq, "seq");
	case K_PROBE:
		return get_text(c, buf, PROBELEN, "probe") && (r->probe = pooled(c, pool, buf)) != NULL;
	case K_FACTS:
		return get_text(c, buf, FACTSLEN, "facts") && (r->facts = pooled(c, pool, buf)) != NULL;
	case K_M: return get_int(c, INT64_MIN, INT64_MAX, &r->m, "m");
	case K_G: return get_int(c, INT64_MIN, INT64_MAX, &r->g, "g");
	case K_ROLES: return get_roles(c, &rd->roles, r);
	case K_NORM: return get_norms(c, &rd->roles, pool, r);
	case K_REGS: return get_regs(c, &rd->regs, regslot(rd->t), r);
	}
	return false;
}

static bool end_member(struct cur *c, unsigned bit, struct trace_end *e)
{
	int64_t status;

	switch (bit) {
	case K_END:
		skip_ws(c);
		if (peek(c) != 't')
			return bad(c, "\"end\": must be true");
		return get_literal(c, "true");
	case K_EXIT:
		if (!get_int(c, INT32_MIN, INT32_MAX, &status, "exit"))
			return false;
		e->exit_status = (int)status;
		return true;
	case K_INSNS:
		e->insns_known = !is_null(c);
		return e->insns_known ? get_uint(c, &e->insns, "insns") : get_literal(c, "null");
	case K_REASON:
		return get_text(c, e->reason, sizeof e->reason, "reason");
	}
	return false;
}

/* A string of any length, in memory of its own. */
static bool get_dyntext(struct cur *c, char **dst, const char *what)
{
	const char *start;
	size_t n;

	skip_ws(c);
	if (peek(c) != '"')
		return bad(c, "\"%s\": expected a string", what);
	start = c->p;
	if (!get_string(c, NULL, 0, &n))
		return false;
	free(*dst);
	if (!(*dst = malloc(n + 1)))
		return bad(c, "out of memory");
	c->p = start;
	return get_string(c, *dst, n + 1, &n);
}

static bool event_member(struct cur *c, unsigned bit, struct trace_event *ev)
{
	switch (bit) {
	case K_EVENT: return get_text(c, ev->kind, sizeof ev->kind, "event");
	case K_AFTER: return get_uint(c, &ev->after, "after");
	case K_DETAIL: return get_dyntext(c, &ev->detail, "detail");
	}
	return false;
}

static bool add_event(struct cur *c, unsigned seen, struct trace *t, struct trace_event *ev)
{
	struct trace_event *p;
	size_t cap;

	if (seen & (REC_KEYS | END_KEYS))
		return bad(c, "event line with record or end keys");
	if (!require(c, seen, EVENT_KEYS, "event line"))
		return false;
	if (!ev->kind[0])
		return bad(c, "event line: empty \"event\"");
	if (t->nevents == t->evcap) {
		cap = t->evcap ? 2 * t->evcap : 16;
		if (cap > SIZE_MAX / sizeof *p || !(p = realloc(t->events, cap * sizeof *p)))
			return bad(c, "out of memory");
		t->events = p;
		t->evcap = cap;
	}
	t->events[t->nevents++] = *ev;
	ev->detail = NULL;
	return true;
}

static bool check_rec(struct cur *c, unsigned seen, const struct trace *t, const struct trace_rec *r)
{
	if (!require(c, seen, REC_NEEDED, "record"))
		return false;
	if (!r->probe[0])
		return bad(c, "record: empty \"probe\"");
	if (t->n && r->seq <= t->recs[t->n - 1].seq)
		return bad(c, "record: seq %" PRIu64 " does not follow %" PRIu64, r->seq, t->recs[t->n - 1].seq);
	return true;
}

static bool grow(struct cur *c, struct trace *t)
{
	size_t cap = t->cap ? 2 * t->cap : 256, nregs = (size_t)t->arch->nregs;
	struct trace_rec *p;
	uint64_t *q;

	if (cap > SIZE_MAX / sizeof *p / 2 || !(p = realloc(t->recs, cap * sizeof *p)))
		return bad(c, "out of memory");
	t->recs = p;
	if (!(q = realloc(t->regbuf, cap * nregs * sizeof *q)))
		return bad(c, "out of memory");
	t->regbuf = q;
	t->cap = cap;
	return true;
}

/*
 * Records exactly as trace_write_rec lays them out, read without the
 * general machinery; every field of the record is written.  Anything
 * else, errors included, returns NULL and goes to the general parser,
 * which accepts the same values.
 */
struct fast {
	const char *p, *end;
};

static bool fast_lit(struct fast *f, const char *s, size_t n)
{
	if ((size_t)(f->end - f->p) < n || !same(f->p, s, n))
		return false;
	f->p += n;
	return true;
}

/* At most 19 digits: no overflow to check. */
static bool fast_uint(struct fast *f, uint64_t *v)
{
	const char *p = f->p, *start = p;
	uint64_t x = 0;

	while (p < f->end && is_digit((unsigned char)*p) && p - start < 19)
		x = x * 10 + (uint64_t)(*p++ - '0');
	if (p == start || (p - start > 1 && *start == '0') || (p < f->end && is_digit((unsigned char)*p)))
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
	for (p += 3, start = p; p < f->end && (d = hexdigit[(unsigned char)*p]); p++)
		x = x << 4 | (d - 1);
	if (p == start || p - start > 16 || p == f->end || *p != '"')
		return false;
	f->p = p + 1;
	*v = x;
	return true;
}

/* A string without escapes, interned straight from the line. */
static bool fast_str(struct fast *f, struct strpool *pool, const char **dst, size_t cap)
{
	const char *p = f->p, *start;

	if (p == f->end || *p != '"')
		return false;
	for (start = ++p; p < f->end && (unsigned char)*p >= 0x20 && *p != '"' && *p != '\\'; p++)
		;
	if (p == f->end || *p != '"' || (size_t)(p - start) >= cap)
		return false;
	if (!(*dst = strpool_intern(pool, start, (size_t)(p - start))))
		return false;
	f->p = p + 1;
	return true;
}

static bool fast_key(struct fast *f, const struct names *nm, int i)
{
	const char *q = name_at(f->p, f->end, nm, i, i == 0);

	if (!q)
		return false;
	f->p = q;
	return true;
}

static const char *fast_rec(const char *p, const char *end, const struct reader *rd, struct trace_rec *r)
{
	struct fast f = { p, end };
	const struct names *roles = &rd->roles, *regs = &rd->regs;
	struct strpool *pool = rd->t->pool;
	uint64_t *val = regslot(rd->t);

	if (!fast_lit(&f, "{\"seq\":", 7) || !fast_uint(&f, &r->seq) ||
	    !fast_lit(&f, ",\"probe\":", 9) || !fast_str(&f, pool, &r->probe, PROBELEN) ||
	    !fast_lit(&f, ",\"m\":", 5) || !fast_int(&f, &r->m) ||
	    !fast_lit(&f, ",\"g\":", 5) || !fast_int(&f, &r->g) || !fast_lit(&f, ",\"roles\":{", 10))
		return NULL;
	r->role_known = 0;
	for (int i = 0; i < roles->n; i++) {
		if (!fast_key(&f, roles, i))
			return NULL;
		if (fast_lit(&f, "null", 4)) {
			r->role[i] = 0;
			continue;
		}
		if (!fast_hex(&f, &r->role[i]))
			return NULL;
		r->role_known |= 1u << i;
	}
	if (!fast_lit(&f, "},\"norm\":{", 10))
		return NULL;
	for (int i = 0; i < roles->n; i++) {
		if (!fast_key(&f, roles, i))
			return NULL;
		if (fast_lit(&f, "null", 4))
			r->norm[i] = "";
		else if (!fast_str(&f, pool, &r->norm[i], NORMLEN))
			return NULL;
	}
	if (!fast_lit(&f, "}", 1))
		return NULL;
	r->facts = "";
	if (fast_lit(&f, ",\"facts\":", 9) && !fast_str(&f, pool, &r->facts, FACTSLEN))
		return NULL;
	if (!fast_lit(&f, ",\"regs\":{", 9))
		return NULL;
	for (int i = 0; i < regs->n; i++)
		if (!fast_key(&f, regs, i) || !fast_hex(&f, &val[i]))
			return NULL;
	if (!fast_lit(&f, "}}", 2))
		return NULL;
	r->nregs = regs->n;
	return f.p;
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
	r->nregs = 0;
	r->regs = NULL;
}

static bool body_members(struct cur *c, struct reader *rd, struct trace_rec *r, struct trace_end *e,
			 struct trace_event *ev, unsigned *seen)
{
	struct objiter it;
	struct key k;
	unsigned bit;
	int rc;

	if (!obj_begin(c, &it, "line"))
		return bad(c, "not a JSON object");
	while ((rc = obj_next(c, &it, &k)) > 0) {
		bit = key_bit(&k, K_CROSSRT | REC_KEYS | END_KEYS | EVENT_KEYS);
		if (bit == K_CROSSRT)
			return bad(c, "a second header");
		if (!bit) {
			if (!skip_value(c, 1))
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
	struct trace_event ev = { "", 0, NULL };
	struct trace_rec *r;
	const char *q;
	unsigned seen = 0;
	bool ok;

	if (t->n == t->cap && !grow(c, t))
		return false;
	r = &t->recs[t->n];
	q = fast_rec(c->p, c->end, rd, r);
	if (q && (q == c->end || *q == '\n')) {
		c->p = q;
		if (!check_rec(c, REC_KEYS, t, r))
			return false;
		t->n++;
		return true;
	}
	clear_rec(r);
	ok = body_members(c, rd, r, &e, &ev, &seen);
	if (ok && (seen & EVENT_KEYS))
		ok = add_event(c, seen, t, &ev);
	free(ev.detail);
	if (!ok || (seen & EVENT_KEYS))
		return ok;
	if (seen & K_END) {
		if (seen & REC_KEYS)
			return bad(c, "end line with record keys");
		if (!require(c, seen, END_KEYS, "end line"))
			return false;
		t->end = e;
		t->has_end = true;
		return true;
	}
	if (seen & END_KEYS) {
		unsigned stray = seen & END_KEYS;
		return bad(c, "record: unexpected \"%s\" (end line without \"end\")", key_name(stray & -stray));
	}
	if (!check_rec(c, seen, t, r))
		return false;
	t->n++;
	return true;
}

static bool parse_line(struct cur *c, struct reader *rd, size_t lineno)
{
	char what[32];

	skip_ws(c);
	if (lineno == 1) {
		if (!parse_header(c, rd->t))
			return false;
		snprintf(what, sizeof what, "%s register", rd->t->arch->name);
		set_names(&rd->regs, rd->t->arch->regnames, rd->t->arch->nregs, what);
	} else if (rd->t->has_end) {
		return bad(c, "line after the end line");
	} else if (peek(c) == '\n') {
		return bad(c, "empty line");
	} else if (!parse_body(c, rd)) {
		return false;
	}
	skip_ws(c);
	if (peek(c) != '\n')
		return unexpected(c, "end of line after the object");
	if (c->p < c->end)
		c->p++;
	return true;
}

struct trace *trace_read_mem(const char *buf, size_t n, const char *name, char *err, size_t errlen)
{
	struct trace *t = calloc(1, sizeof *t);
	struct reader rd = { .t = t };
	struct cur c;
	size_t lineno = 0;

	set_names(&rd.roles, role_names, NROLES, "role");
	c.p = buf;
	c.end = buf + n;
	c.msg[0] = 0;
	if (!name)
		name = "trace";
	if (!t || !(t->pool = strpool_new())) {
		snprintf(err, errlen, "%s: out of memory", name);
		trace_free(t);
		return NULL;
	}
	do {
		if (!parse_line(&c, &rd, ++lineno)) {
			snprintf(err, errlen, "%s:%zu: %s", name, lineno, c.msg);
			trace_free(t);
			return NULL;
		}
	} while (c.p < c.end);
	for (size_t i = 0; i < t->n; i++)
		t->recs[i].regs = t->regbuf + i * (size_t)t->arch->nregs;
	return t;
}

/* The file's bytes: mapped when it is a regular file, else read. */
static char *slurp(int fd, size_t *n, bool *mapped)
{
	struct stat st;
	size_t cap = 1 << 16, len = 0;
	char *p, *q;
	ssize_t got;

	*mapped = false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (p != MAP_FAILED) {
			*mapped = true;
			*n = (size_t)st.st_size;
			return p;
		}
	}
	if (!(p = malloc(cap)))
		return NULL;
	for (;;) {
		if (len == cap) {
			if (!(q = realloc(p, cap *= 2))) {
				free(p);
				errno = ENOMEM;
				return NULL;
			}
			p = q;
		}
		got = read(fd, p + len, cap - len);
		if (got == 0)
			break;
		if (got > 0) {
			len += (size_t)got;
		} else if (errno != EINTR) {
			free(p);
			return NULL;
		}
	}
	*n = len;
	return p;
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
	if (mapped)
		munmap(buf, n);
	else
		free(buf);
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
