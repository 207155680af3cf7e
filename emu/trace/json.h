/*
 * The JSON of trace lines, read in place (json.c).  Every reader returns
 * false (or a negative count) with a message in c->msg on malformed input.
 */
#ifndef EMU_JSON_H
#define EMU_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "isa/isa.h"

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

struct objiter {
	bool first;
};

/* The keys of the roles, norm and regs objects, with their lengths. */
struct names {
	const char *const *s;
	int n;
	char what[32];		/* for messages: "role", "ARCH register" */
	unsigned char len[MAXREGS > NROLES ? MAXREGS : NROLES];
};

/* Hex digit values plus one; 0 for anything else. */
extern const unsigned char json_hexdigit[256];

/* memcmp for the few bytes of a key, without the call. */
static inline bool json_same(const char *a, const char *b, size_t n)
{
	while (n && *a == *b)
		a++, b++, n--;
	return n == 0;
}

static inline int json_peek(const struct cur *c)
{
	return c->p < c->end ? (unsigned char)*c->p : '\n';
}

static inline void json_skip_ws(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r'))
		c->p++;
}

static inline bool json_is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static inline int json_hexval(int ch)
{
	return json_hexdigit[ch & 0xff] - 1;
}

/* Past `"name":` for name i, after a comma unless first, at p; NULL if it is not there. */
static inline const char *json_name_at(const char *p, const char *end, const struct names *nm, int i, bool first)
{
	size_t len = nm->len[i];

	if ((size_t)(end - p) < !first + len + 3 || (!first && *p++ != ','))
		return NULL;
	if (p[0] != '"' || p[len + 1] != '"' || p[len + 2] != ':' || !json_same(p + 1, nm->s[i], len))
		return NULL;
	return p + len + 3;
}

/* Set c->msg; returns false. */
bool json_bad(struct cur *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* What is at the cursor, against what was wanted, as the message. */
bool json_unexpected(struct cur *c, const char *wanted);
bool json_expect(struct cur *c, char ch, const char *wanted);
/* s with anything unprintable replaced, cut short, for messages. */
const char *json_shown(const char *s, size_t n, char *buf, size_t cap);

/*
 * A string into dst (cap bytes, NUL included; dst may be NULL to skip).
 * *len gets the decoded length even when it does not fit and dst holds
 * only what does: callers check.
 */
bool json_string(struct cur *c, char *dst, size_t cap, size_t *len);
/* A string that must fit in cap bytes, NUL included; what names the field in messages. */
bool json_text(struct cur *c, char *dst, size_t cap, const char *what);
bool json_literal(struct cur *c, const char *word);
bool json_is_null(struct cur *c);
/* Integers, without fractions or exponents, within [lo, hi]. */
bool json_int(struct cur *c, int64_t lo, int64_t hi, int64_t *v, const char *what);
bool json_uint(struct cur *c, uint64_t *v, const char *what);
/* "0x" and 1 to 16 significant hex digits. */
bool json_hex(struct cur *c, uint64_t *v, const char *what);
/* Any value, for keys the format does not use; depth counts the objects and arrays around it. */
bool json_skip_value(struct cur *c, int depth);

bool json_obj_begin(struct cur *c, struct objiter *it, const char *what);
/* 1: a member's key is in k and the value comes next; 0: the object ended; -1: error. */
int json_obj_next(struct cur *c, struct objiter *it, struct key *k);

void json_set_names(struct names *nm, const char *const *s, int n, const char *what);
/*
 * The index of the next member of an object keyed by names, which writers
 * put in order (hint is the one expected); -1 at the end, -2 on error.
 */
int json_next_named(struct cur *c, struct objiter *it, const struct names *nm, int hint, uint64_t *seen,
		    const char *obj);
/* Every name was seen; else the message names the first missing. */
bool json_all_named(struct cur *c, const struct names *nm, uint64_t seen, const char *obj);

#endif
