/*
 * Traces read one record at a time (trace_stream.h): lines are read in
 * blocks, parsed by the whole-trace reader one by one into a ring of
 * TRACE_STREAM_KEEP records, each with its own arena for its strings;
 * a record's M's previous registers come from a table of M's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "trace/trace_fast.h"
#include "trace/trace_stream.h"
#include "trace/zst.h"

#define ARENA 4096
#define BLOCK (1 << 20)

struct trace_stream {
	struct trace t;
	struct reader rd;
	struct trace_rec ring[TRACE_STREAM_KEEP];
	char arena[TRACE_STREAM_KEEP][ARENA];
	uint64_t *regs;			/* TRACE_STREAM_KEEP register files */
	size_t nrecs, lineno;
	FILE *f;
	const char *path;
	char *buf;			/* [pos, len): lines not yet parsed */
	size_t pos, len, cap;
	bool eof;
};

static void fail(const struct trace_stream *s, const char *why, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s:%zu: %s", s->path, s->lineno, why);
}

/* The next line in [*p, *end), without its newline; false at the end of the file. */
static bool next_line(struct trace_stream *s, const char **p, const char **end)
{
	char *nl;

	while (!(nl = memchr(s->buf + s->pos, '\n', s->len - s->pos))) {
		if (s->eof) {
			if (ferror(s->f) || (s->pos == s->len && (s->lineno || s->len)))
				return false;
			*p = s->buf + s->pos;
			*end = s->buf + s->len;
			s->pos = s->len;
			return true;
		}
		memmove(s->buf, s->buf + s->pos, s->len - s->pos);
		s->len -= s->pos;
		s->pos = 0;
		if (s->len == s->cap) {
			char *b = realloc(s->buf, 2 * s->cap);
			if (!b)
				return false;
			s->buf = b;
			s->cap *= 2;
		}
		s->len += fread(s->buf + s->len, 1, s->cap - s->len, s->f);
		s->eof = feof(s->f) || ferror(s->f);
	}
	*p = s->buf + s->pos;
	*end = nl;
	s->pos = (size_t)(nl - s->buf) + 1;
	return true;
}

/* Parse the next line into ring slot k: 1 a record, 0 no record (event), -1 error, 2 the end of the file. */
static int parse_next(struct trace_stream *s, size_t k, char *err, size_t errlen)
{
	struct cur c;

	if (!next_line(s, &c.p, &c.end)) {
		if (ferror(s->f) || !s->eof) {
			fail(s, !ferror(s->f) ? "out of memory" : errno == EBADMSG ? "bad zstd data (cut short or damaged)" : strerror(errno),
			     err, errlen);
			return -1;
		}
		return 2;
	}
	c.msg[0] = 0;
	s->lineno++;
	s->t.recs = s->ring;
	s->t.regbuf = s->regs;
	s->t.n = k;
	s->rd.arena = s->arena[k];
	s->rd.arena_used = 0;
	if (!trace_parse_line(&c, &s->rd, s->lineno)) {
		fail(s, c.msg, err, errlen);
		return -1;
	}
	return s->t.n == k + 1;
}

/* Record r's registers become its M's latest. */
static bool note_m(struct trace_stream *s, const struct trace_rec *r)
{
	struct reader *rd = &s->rd;
	size_t j;

	for (j = 0; j < rd->nmlast && rd->mlast[j].m != r->m; j++)
		;
	if (j == rd->nmlast) {
		struct mregs *p = realloc(rd->mlast, (j + 1) * sizeof *p);
		if (!p)
			return false;
		rd->mlast = p;
		rd->nmlast++;
		p[j].m = r->m;
	}
	memcpy(rd->mlast[j].regs, r->regs, (size_t)r->nregs * sizeof *r->regs);
	return true;
}

struct trace_stream *trace_stream_open(const char *path, char *err, size_t errlen)
{
	struct trace_stream *s = calloc(1, sizeof *s);

	if (!s || !(s->buf = malloc(BLOCK)) || !(s->t.pool = strpool_new()) ||
	    !(s->rd.mlast = malloc(sizeof *s->rd.mlast))) {
		snprintf(err, errlen, "%s: out of memory", path);
		trace_stream_close(s);
		return NULL;
	}
	s->cap = BLOCK;
	s->path = path;
	s->rd.t = &s->t;
	s->rd.arena_cap = ARENA;
	json_set_names(&s->rd.roles, role_names, NROLES, "role");
	s->t.cap = TRACE_STREAM_KEEP;
	if (!(s->f = trace_open_read(path))) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		trace_stream_close(s);
		return NULL;
	}
	if (parse_next(s, 0, err, errlen) < 0) {
		trace_stream_close(s);
		return NULL;
	}
	if (!(s->regs = calloc(TRACE_STREAM_KEEP * (size_t)s->t.arch->nregs, sizeof *s->regs))) {
		snprintf(err, errlen, "%s: out of memory", path);
		trace_stream_close(s);
		return NULL;
	}
	s->t.regbuf = s->regs;
	s->t.n = 0;
	return s;
}

const struct trace *trace_stream_trace(const struct trace_stream *s)
{
	return &s->t;
}

int trace_stream_next(struct trace_stream *s, const struct trace_rec **r, char *err, size_t errlen)
{
	size_t k = s->nrecs % TRACE_STREAM_KEEP;
	struct trace_rec *rec = &s->ring[k];
	int rc;

	while ((rc = parse_next(s, k, err, errlen)) == 0)
		;
	if (rc != 1) {
		s->t.n = s->nrecs;
		return rc == 2 ? 0 : -1;
	}
	rec->regs = s->regs + k * (size_t)s->t.arch->nregs;
	if (s->t.h.v >= 2 && !note_m(s, rec)) {
		fail(s, "out of memory", err, errlen);
		return -1;
	}
	s->nrecs++;
	s->t.n = s->nrecs;
	*r = rec;
	return 1;
}

void trace_stream_close(struct trace_stream *s)
{
	if (!s)
		return;
	if (s->f)
		fclose(s->f);
	for (size_t i = 0; i < s->t.nevents; i++)
		free(s->t.events[i].detail);
	free(s->t.events);
	strpool_free(s->t.pool);
	free(s->rd.mlast);
	free(s->regs);
	free(s->buf);
	free(s);
}

static bool hold_str(const char **s, struct strpool *pool)
{
	return (*s = strpool_intern(pool, *s, strlen(*s))) != NULL;
}

bool trace_rec_hold(struct trace_rec *dst, uint64_t *regs, const struct trace_rec *src, struct strpool *pool)
{
	bool ok;

	*dst = *src;
	memcpy(regs, src->regs, (size_t)src->nregs * sizeof *regs);
	dst->regs = regs;
	ok = hold_str(&dst->probe, pool) && hold_str(&dst->facts, pool) && hold_str(&dst->state, pool);
	for (int i = 0; ok && i < NROLES; i++)
		ok = hold_str(&dst->norm[i], pool);
	return ok;
}
