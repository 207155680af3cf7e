/*
 * A strict reader of the JSON a trace line holds: one object per line,
 * values read straight into their fields, errors as a message in the
 * cursor.  Keys and values the format does not use are skipped whole.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "trace/json.h"

/* Hex digit values plus one; 0 for anything else. */
const unsigned char json_hexdigit[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
	['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

bool json_bad(struct cur *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof c->msg, fmt, ap);
	va_end(ap);
	return false;
}

const char *json_shown(const char *s, size_t n, char *buf, size_t cap)
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

bool json_unexpected(struct cur *c, const char *wanted)
{
	int ch = json_peek(c);

	if (ch == '\n')
		return json_bad(c, "unexpected end of line, expected %s", wanted);
	if (ch >= 0x20 && ch < 0x7f)
		return json_bad(c, "unexpected '%c', expected %s", ch, wanted);
	return json_bad(c, "unexpected byte 0x%02x, expected %s", ch, wanted);
}

bool json_expect(struct cur *c, char ch, const char *wanted)
{
	json_skip_ws(c);
	if (json_peek(c) != (unsigned char)ch)
		return json_unexpected(c, wanted);
	c->p++;
	return true;
}

static bool get_u16(struct cur *c, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++, c->p++) {
		int d = c->p < c->end ? json_hexval((unsigned char)*c->p) : -1;
		if (d < 0)
			return json_bad(c, "bad \\u escape");
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
		return json_bad(c, "unpaired surrogate in \\u escape");
	if (*cp < 0xd800 || *cp > 0xdbff)
		return *cp ? true : json_bad(c, "\\u0000 in string");
	if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u')
		return json_bad(c, "unpaired surrogate in \\u escape");
	c->p += 2;
	if (!get_u16(c, &lo))
		return false;
	if (lo < 0xdc00 || lo > 0xdfff)
		return json_bad(c, "unpaired surrogate in \\u escape");
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
	int ch = json_peek(c);

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
	return json_bad(c, "bad escape in string");
}

/* Bytes s[0..k) at dst[n], as far as they fit with the NUL. */
static void append(char *dst, size_t cap, size_t n, const char *s, size_t k)
{
	if (dst && n + 1 < cap)
		memcpy(dst + n, s, k < cap - 1 - n ? k : cap - 1 - n);
}

bool json_string(struct cur *c, char *dst, size_t cap, size_t *len)
{
	size_t n = 0;

	if (!json_expect(c, '"', "a string"))
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
			return json_bad(c, "unterminated string");
		if (*c->p == '"')
			break;
		if (*c->p != '\\')
			return json_bad(c, "control character in string");
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

	json_skip_ws(c);
	if (json_peek(c) != '"')
		return json_unexpected(c, "a key");
	for (q = c->p + 1; q < c->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20; q++)
		;
	if (q < c->end && *q == '"') {
		k->s = c->p + 1;
		k->n = (size_t)(q - k->s);
		c->p = q + 1;
	} else {
		if (!json_string(c, k->buf, sizeof k->buf, &k->n))
			return false;
		k->s = k->buf;
		if (k->n >= sizeof k->buf)
			k->n = sizeof k->buf - 1;
	}
	return json_expect(c, ':', "':'");
}

bool json_literal(struct cur *c, const char *word)
{
	size_t n = strlen(word);

	json_skip_ws(c);
	if ((size_t)(c->end - c->p) < n || !json_same(c->p, word, n))
		return json_unexpected(c, word);
	c->p += n;
	return true;
}

/* An integer as sign and magnitude; fractions and exponents are refused. */
static bool get_number(struct cur *c, bool *neg, uint64_t *mag, const char *what)
{
	uint64_t v = 0;

	json_skip_ws(c);
	*neg = json_peek(c) == '-';
	if (*neg)
		c->p++;
	if (!json_is_digit(json_peek(c)))
		return json_bad(c, "\"%s\": expected an integer", what);
	if (json_peek(c) == '0' && c->p + 1 < c->end && json_is_digit((unsigned char)c->p[1]))
		return json_bad(c, "\"%s\": leading zero in number", what);
	while (json_is_digit(json_peek(c))) {
		unsigned d = (unsigned)(*c->p++ - '0');
		if (v > (UINT64_MAX - d) / 10)
			return json_bad(c, "\"%s\": integer out of range", what);
		v = v * 10 + d;
	}
	if (json_peek(c) == '.' || json_peek(c) == 'e' || json_peek(c) == 'E')
		return json_bad(c, "\"%s\": expected an integer", what);
	*mag = v;
	return true;
}

bool json_int(struct cur *c, int64_t lo, int64_t hi, int64_t *v, const char *what)
{
	bool neg;
	uint64_t mag;

	if (!get_number(c, &neg, &mag, what))
		return false;
	if (neg ? mag > (uint64_t)INT64_MAX + 1 : mag > (uint64_t)INT64_MAX)
		return json_bad(c, "\"%s\": integer out of range", what);
	*v = neg ? (int64_t)(0 - mag) : (int64_t)mag;
	if (*v < lo || *v > hi)
		return json_bad(c, "\"%s\": integer out of range", what);
	return true;
}

bool json_uint(struct cur *c, uint64_t *v, const char *what)
{
	bool neg;

	if (!get_number(c, &neg, v, what))
		return false;
	if (neg && *v)
		return json_bad(c, "\"%s\": must not be negative", what);
	return true;
}

bool json_hex(struct cur *c, uint64_t *v, const char *what)
{
	const char *p;
	uint64_t x = 0;
	int d;

	json_skip_ws(c);
	p = c->p;
	if (c->end - p < 4 || p[0] != '"' || p[1] != '0' || p[2] != 'x')
		return json_bad(c, "\"%s\": value is not a hex string", what);
	p += 3;
	if (p == c->end || json_hexval((unsigned char)*p) < 0)
		return json_bad(c, "\"%s\": value is not a hex string", what);
	for (; p < c->end && (d = json_hexval((unsigned char)*p)) >= 0; p++) {
		if (x >> 60)
			return json_bad(c, "\"%s\": hex value out of range", what);
		x = x << 4 | (unsigned)d;
	}
	if (p == c->end || *p != '"')
		return json_bad(c, "\"%s\": value is not a hex string", what);
	c->p = p + 1;
	*v = x;
	return true;
}

bool json_text(struct cur *c, char *dst, size_t cap, const char *what)
{
	size_t n;

	json_skip_ws(c);
	if (json_peek(c) != '"')
		return json_bad(c, "\"%s\": expected a string", what);
	if (!json_string(c, dst, cap, &n))
		return false;
	if (n >= cap)
		return json_bad(c, "\"%s\": string too long (at most %zu bytes)", what, cap - 1);
	return true;
}

bool json_obj_begin(struct cur *c, struct objiter *it, const char *what)
{
	it->first = true;
	json_skip_ws(c);
	if (json_peek(c) != '{')
		return json_bad(c, "\"%s\": expected an object", what);
	c->p++;
	return true;
}

int json_obj_next(struct cur *c, struct objiter *it, struct key *k)
{
	json_skip_ws(c);
	if (json_peek(c) == '}') {
		c->p++;
		return 0;
	}
	if (!it->first) {
		if (json_peek(c) != ',') {
			json_unexpected(c, "',' or '}'");
			return -1;
		}
		c->p++;
	}
	it->first = false;
	return get_key(c, k) ? 1 : -1;
}

static void skip_digits(struct cur *c)
{
	while (json_is_digit(json_peek(c)))
		c->p++;
}

/* Any JSON number, for values the format does not use. */
static bool skip_number(struct cur *c)
{
	if (json_peek(c) == '-')
		c->p++;
	if (!json_is_digit(json_peek(c)))
		return json_unexpected(c, "a value");
	if (json_peek(c) == '0')
		c->p++;
	else
		skip_digits(c);
	if (json_peek(c) == '.') {
		c->p++;
		if (!json_is_digit(json_peek(c)))
			return json_unexpected(c, "a digit");
		skip_digits(c);
	}
	if (json_peek(c) == 'e' || json_peek(c) == 'E') {
		c->p++;
		if (json_peek(c) == '+' || json_peek(c) == '-')
			c->p++;
		if (!json_is_digit(json_peek(c)))
			return json_unexpected(c, "a digit");
		skip_digits(c);
	}
	return true;
}

#define MAXDEPTH 32

/* Any JSON value under a key the format does not use. */
bool json_skip_value(struct cur *c, int depth)
{
	struct objiter it;
	struct key k;
	size_t n;
	int rc;

	if (depth > MAXDEPTH)
		return json_bad(c, "nested too deeply");
	json_skip_ws(c);
	switch (json_peek(c)) {
	case '"':
		return json_string(c, NULL, 0, &n);
	case '{':
		json_obj_begin(c, &it, "");
		while ((rc = json_obj_next(c, &it, &k)) > 0)
			if (!json_skip_value(c, depth + 1))
				return false;
		return rc == 0;
	case '[':
		c->p++;
		json_skip_ws(c);
		if (json_peek(c) == ']') {
			c->p++;
			return true;
		}
		for (;;) {
			if (!json_skip_value(c, depth + 1))
				return false;
			json_skip_ws(c);
			if (json_peek(c) == ']') {
				c->p++;
				return true;
			}
			if (!json_expect(c, ',', "',' or ']'"))
				return false;
		}
	case 't':
		return json_literal(c, "true");
	case 'f':
		return json_literal(c, "false");
	case 'n':
		return json_literal(c, "null");
	}
	return skip_number(c);
}

bool json_is_null(struct cur *c)
{
	json_skip_ws(c);
	return json_peek(c) == 'n';
}

void json_set_names(struct names *nm, const char *const *s, int n, const char *what)
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
		if (nm->len[i] == k->n && json_same(nm->s[i], k->s, k->n))
			return i;
	return -1;
}

/* Member i where the writer puts it, taken without a key copy. */
static bool member_is(struct cur *c, struct objiter *it, const struct names *nm, int i)
{
	const char *q = json_name_at(c->p, c->end, nm, i, it->first);

	if (!q)
		return false;
	c->p = q;
	it->first = false;
	return true;
}

int json_next_named(struct cur *c, struct objiter *it, const struct names *nm, int hint, uint64_t *seen,
		      const char *obj)
{
	struct key k;
	char buf[40];
	int i, rc;

	if (hint < nm->n && member_is(c, it, nm, hint)) {
		i = hint;
	} else {
		rc = json_obj_next(c, it, &k);
		if (rc <= 0)
			return rc - 1;
		i = find_name(nm, &k);
		if (i < 0) {
			json_bad(c, "%s: unknown %s \"%s\"", obj, nm->what, json_shown(k.s, k.n, buf, sizeof buf));
			return -2;
		}
	}
	if (*seen & 1ull << i) {
		json_bad(c, "%s: duplicate %s \"%s\"", obj, nm->what, nm->s[i]);
		return -2;
	}
	*seen |= 1ull << i;
	return i;
}

bool json_all_named(struct cur *c, const struct names *nm, uint64_t seen, const char *obj)
{
	for (int i = 0; i < nm->n; i++)
		if (!(seen & 1ull << i))
			return json_bad(c, "%s: missing \"%s\"", obj, nm->s[i]);
	return true;
}