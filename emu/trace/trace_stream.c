/*
 * Traces read one record at a time (trace_stream.h).  A thread of the
 * stream's own parses the lines, with the whole-trace reader, into batches
 * of records, NBATCH of them in turn: while the caller reads batch c, batch
 * c-1 stays as it was (the records it handed out before) and the thread
 * fills c+1.  A batch keeps its records' strings in an arena of its own; a
 * record's M's previous registers come from a table of M's.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "trace/trace_fast.h"
#include "trace/trace_stream.h"
#include "trace/zst.h"

#define BATCH 512
#define ARENA (256 << 10)	/* a batch's strings; more go to the trace's pool */
#define RECSTR (PROBELEN + NROLES * NORMLEN + FACTSLEN + STATELEN)	/* a record's at most */
#define NBATCH 3
#define BLOCK (1 << 20)

/* A record stays valid while the next batch is read: a batch holds TRACE_STREAM_KEEP records at least. */
_Static_assert(TRACE_STREAM_KEEP * RECSTR <= ARENA && TRACE_STREAM_KEEP <= BATCH, "batches too small");

struct batch {
	struct trace_rec recs[BATCH];
	char *arena;
	uint64_t *regs;			/* BATCH register files */
	size_t n;			/* records in it */
	int rc;				/* after them: 1 more, 0 the end, -1 an error (in err) */
};

struct trace_stream {
	/* the reading thread's */
	struct trace t;			/* header; the end line and events as read */
	struct reader rd;
	FILE *f;
	const char *path;
	size_t lineno;
	char *buf;			/* [pos, len): lines not yet parsed */
	size_t pos, len, cap;
	bool eof;
	int read_errno;			/* why the file could not be read */
	char err[512];
	/* shared, under mu */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t filled;			/* batches filled */
	size_t released;		/* batches the caller is done with */
	bool stop;
	/* the caller's */
	struct batch b[NBATCH];
	struct trace pub;		/* what trace_stream_trace gives */
	size_t cur, pos_in;		/* the batch being read, its next record */
	size_t nrecs;
	bool started;
	bool threaded;
	pthread_t th;
};

static void fail(struct trace_stream *s, const char *why)
{
	snprintf(s->err, sizeof s->err, "%s:%zu: %s", s->path, s->lineno, why);
}

/* The next line in [*p, *end), without its newline; false at the end of the file or on an error. */
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
		if (ferror(s->f) && !s->read_errno)
			s->read_errno = errno;
	}
	*p = s->buf + s->pos;
	*end = nl;
	s->pos = (size_t)(nl - s->buf) + 1;
	return true;
}

/* The next line into slot k of b: 1 a record, 0 no record (an event), 2 the end of the file, -1 an error. */
static int parse_next(struct trace_stream *s, struct batch *b, size_t k)
{
	struct cur c;

	if (!next_line(s, &c.p, &c.end)) {
		if (ferror(s->f) || !s->eof) {
			fail(s, !ferror(s->f) ? "out of memory" :
				s->read_errno == EBADMSG ? "bad zstd data (cut short or damaged)" : strerror(s->read_errno));
			return -1;
		}
		return 2;
	}
	c.msg[0] = 0;
	s->lineno++;
	s->t.recs = b ? b->recs : NULL;
	s->t.regbuf = b ? b->regs : NULL;
	s->t.n = k;
	s->rd.arena = b ? b->arena : NULL;
	s->rd.arena_rec = s->rd.arena_used;
	if (!trace_parse_line(&c, &s->rd, s->lineno)) {
		fail(s, c.msg);
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

static void fill(struct trace_stream *s, struct batch *b)
{
	size_t nregs = (size_t)s->t.arch->nregs;
	int rc = 1;

	s->rd.arena_used = 0;
	for (b->n = 0; b->n < BATCH && ARENA - s->rd.arena_used >= RECSTR; b->n++) {
		struct trace_rec *r = &b->recs[b->n];

		while ((rc = parse_next(s, b, b->n)) == 0)
			;
		if (rc != 1)
			break;
		r->regs = b->regs + b->n * nregs;
		if (s->t.h.v >= 2 && !note_m(s, r)) {
			fail(s, "out of memory");
			rc = -1;
			break;
		}
	}
	b->rc = rc == 2 ? 0 : rc;
}

static void *reading(void *arg)
{
	struct trace_stream *s = arg;

	for (size_t f = 0;; f++) {
		pthread_mutex_lock(&s->mu);
		while (!s->stop && f >= s->released + NBATCH)
			pthread_cond_wait(&s->cv, &s->mu);
		pthread_mutex_unlock(&s->mu);
		if (s->stop)
			break;
		fill(s, &s->b[f % NBATCH]);
		pthread_mutex_lock(&s->mu);
		s->filled = f + 1;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		if (s->b[f % NBATCH].rc != 1)
			break;
	}
	return NULL;
}

static bool alloc_batches(struct trace_stream *s)
{
	size_t nregs = (size_t)s->t.arch->nregs;

	for (int i = 0; i < NBATCH; i++)
		if (!(s->b[i].arena = malloc(ARENA)) ||
		    !(s->b[i].regs = calloc(BATCH * nregs, sizeof *s->b[i].regs)))
			return false;
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
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->cap = BLOCK;
	s->path = path;
	s->rd.t = &s->t;
	s->rd.arena_cap = ARENA;
	json_set_names(&s->rd.roles, role_names, NROLES, "role");
	s->t.cap = BATCH;
	if (!(s->f = trace_open_read(path)))
		snprintf(s->err, sizeof s->err, "%s: %s", path, strerror(errno));
	else if (parse_next(s, NULL, 0) >= 0 && !alloc_batches(s))
		snprintf(s->err, sizeof s->err, "%s: out of memory", path);
	if (s->err[0]) {
		snprintf(err, errlen, "%s", s->err);
		trace_stream_close(s);
		return NULL;
	}
	s->pub = s->t;
	s->pub.n = 0;
	s->threaded = pthread_create(&s->th, NULL, reading, s) == 0;
	return s;
}

const struct trace *trace_stream_trace(const struct trace_stream *s)
{
	return &s->pub;
}

/* Batch c, filled; the one before it is kept, the one before that given back. */
static struct batch *take(struct trace_stream *s, size_t c)
{
	if (!s->threaded) {
		fill(s, &s->b[c % NBATCH]);
		return &s->b[c % NBATCH];
	}
	pthread_mutex_lock(&s->mu);
	if (c >= 2)
		s->released = c - 1;
	pthread_cond_broadcast(&s->cv);
	while (s->filled <= c)
		pthread_cond_wait(&s->cv, &s->mu);
	pthread_mutex_unlock(&s->mu);
	return &s->b[c % NBATCH];
}

int trace_stream_next(struct trace_stream *s, const struct trace_rec **r, char *err, size_t errlen)
{
	struct batch *b = s->started ? &s->b[s->cur % NBATCH] : take(s, 0);

	s->started = true;
	while (s->pos_in == b->n) {
		if (b->rc != 1) {
			s->pub.has_end = s->t.has_end;
			s->pub.end = s->t.end;
			s->pub.events = s->t.events;
			s->pub.nevents = s->t.nevents;
			s->pub.n = s->nrecs;
			if (b->rc < 0)
				snprintf(err, errlen, "%s", s->err);
			return b->rc;
		}
		b = take(s, ++s->cur);
		s->pos_in = 0;
	}
	*r = &b->recs[s->pos_in++];
	s->pub.n = ++s->nrecs;
	return 1;
}

void trace_stream_close(struct trace_stream *s)
{
	if (!s)
		return;
	if (s->threaded) {
		pthread_mutex_lock(&s->mu);
		s->stop = true;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->th, NULL);
	}
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	if (s->f)
		fclose(s->f);
	for (size_t i = 0; i < s->t.nevents; i++)
		free(s->t.events[i].detail);
	free(s->t.events);
	strpool_free(s->t.pool);
	free(s->rd.mlast);
	for (int i = 0; i < NBATCH; i++) {
		free(s->b[i].arena);
		free(s->b[i].regs);
	}
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
