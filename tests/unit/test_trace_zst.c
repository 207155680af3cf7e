/* Compressed traces (trace/zst.h) and traces read as a stream (trace/trace_stream.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "trace/trace.h"
#include "trace/trace_stream.h"
#include "trace/trace_window.h"
#include "trace/zst.h"

#define NRECS 3000
#define NMS 3

static char dir[] = "/tmp/crossrt-zst-XXXXXX";

static char *path_of(const char *name)
{
	static char buf[4][128];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

/* Record i: M i%NMS, a few registers changed since the M's previous record, one event every 500. */
static void write_to(FILE *f)
{
	const struct archdesc *a = arch_byname("x86_64");
	struct trace_header h = { .arch = "x86_64", .engine = "unicorn", .prog = "zst", .procs = 2,
				  .tls_source = "register", .g_source = "memory" };
	struct trace_end e = { 0, true, 99999, "exit" };
	struct trace_writer *w = calloc(1, sizeof *w);
	static uint64_t regs[NMS][MAXREGS];
	char norm[NROLES][NORMLEN];

	assert_non_null(w);
	memset(regs, 0, sizeof regs);
	assert_int_equal(trace_write_header(f, &h), 0);
	for (int i = 0; i < NRECS; i++) {
		struct trace_rec r = { .seq = (uint64_t)i, .probe = i % 2 ? "gogo" : "schedule", .m = i % NMS,
				       .g = i % 5, .insns_known = true, .insns = 1000 + (uint64_t)i, .nregs = a->nregs,
				       .facts = i % 7 ? "" : "cs=kept", .state = "" };
		uint64_t *rg = regs[i % NMS];

		for (int k = 0; k < a->nregs; k++)
			if ((i + k) % 6 == 0)
				rg[k] = (uint64_t)i << 20 | (uint64_t)k;
		r.regs = rg;
		r.role_known = 1u << R_PC | 1u << R_G;
		r.role[R_PC] = rg[a->role_reg[R_PC]];
		r.role[R_G] = 0x2000010000 + (uint64_t)(i % 5) * 0x100;
		for (int k = 0; k < NROLES; k++)
			r.norm[k] = "";
		snprintf(norm[R_PC], NORMLEN, "%s+0x0", r.probe);
		snprintf(norm[R_G], NORMLEN, "g#%d", i % 5);
		r.norm[R_PC] = norm[R_PC];
		r.norm[R_G] = norm[R_G];
		assert_int_equal(trace_write_rec_delta(f, w, a, &r), 0);
		if (i % 500 == 0)
			assert_int_equal(trace_write_event(f, "note", (uint64_t)i, "an event"), 0);
	}
	assert_int_equal(trace_write_end(f, &e), 0);
	free(w);
}

static void write_trace(const char *path)
{
	FILE *f = trace_open_write(path);

	assert_non_null(f);
	write_to(f);
	assert_int_equal(fclose(f), 0);
}

static char *file_bytes(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return buf;
}

static void write_bytes(const char *path, const char *buf, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void same_rec(const struct trace_rec *x, const struct trace_rec *y)
{
	assert_int_equal(x->seq, y->seq);
	assert_string_equal(x->probe, y->probe);
	assert_int_equal(x->m, y->m);
	assert_int_equal(x->g, y->g);
	assert_int_equal(x->insns, y->insns);
	assert_int_equal(x->role_known, y->role_known);
	assert_memory_equal(x->role, y->role, sizeof x->role);
	for (int k = 0; k < NROLES; k++)
		assert_string_equal(x->norm[k], y->norm[k]);
	assert_string_equal(x->facts, y->facts);
	assert_int_equal(x->nregs, y->nregs);
	assert_memory_equal(x->regs, y->regs, (size_t)x->nregs * sizeof x->regs[0]);
}

/* The compressed file holds the plain one's bytes; every reader reads the same records from both. */
static void round_trip(void **state)
{
	char err[256], *plain, *packed, *inflated;
	size_t np, nz, ni;
	struct trace *t, *tz, *win;

	(void)state;
	write_trace(path_of("t.trace"));
	write_trace(path_of("t.trace.zst"));
	plain = file_bytes(path_of("t.trace"), &np);
	packed = file_bytes(path_of("t.trace.zst"), &nz);
	assert_false(trace_zst_magic(plain, np));
	assert_true(trace_zst_magic(packed, nz));
	assert_true(nz * 10 < np);
	inflated = trace_zst_inflate(packed, nz, &ni, err, sizeof err);
	assert_non_null(inflated);
	assert_int_equal(ni, np);
	assert_memory_equal(inflated, plain, np);

	t = trace_read(path_of("t.trace"), err, sizeof err);
	tz = trace_read(path_of("t.trace.zst"), err, sizeof err);
	assert_non_null(t);
	if (!tz)
		fail_msg("%s", err);
	assert_int_equal(t->n, NRECS);
	assert_int_equal(tz->n, NRECS);
	assert_int_equal(tz->nevents, NRECS / 500);
	assert_true(tz->has_end);
	assert_int_equal(tz->end.insns, 99999);
	for (size_t i = 0; i < t->n; i++)
		same_rec(&t->recs[i], &tz->recs[i]);
	win = trace_read_window(path_of("t.trace.zst"), 2000, 10, err, sizeof err);
	if (!win)
		fail_msg("%s", err);
	assert_int_equal(win->n, 10);
	for (size_t i = 0; i < win->n; i++)
		same_rec(&win->recs[i], &t->recs[2000 + i]);
	trace_free(win);
	trace_free(tz);
	trace_free(t);
	free(inflated);
	free(packed);
	free(plain);
}

/* A stream gives the whole reader's records, each still valid TRACE_STREAM_KEEP - 1 calls later. */
static void stream_matches_whole(void **state)
{
	static const char *const names[] = { "t.trace", "t.trace.zst" };
	const struct trace_rec *r, *kept[TRACE_STREAM_KEEP];
	char err[256];
	struct trace *t;

	(void)state;
	t = trace_read(path_of("t.trace"), err, sizeof err);
	assert_non_null(t);
	for (int j = 0; j < 2; j++) {
		struct trace_stream *s = trace_stream_open(path_of(names[j]), err, sizeof err);
		size_t i = 0;
		int rc;

		if (!s)
			fail_msg("%s", err);
		assert_string_equal(trace_stream_trace(s)->h.prog, "zst");
		while ((rc = trace_stream_next(s, &r, err, sizeof err)) == 1) {
			same_rec(r, &t->recs[i]);
			kept[i % TRACE_STREAM_KEEP] = r;
			for (size_t back = 1; back < TRACE_STREAM_KEEP && back <= i; back++)
				same_rec(kept[(i - back) % TRACE_STREAM_KEEP], &t->recs[i - back]);
			i++;
		}
		assert_int_equal(rc, 0);
		assert_int_equal(i, NRECS);
		assert_int_equal(trace_stream_trace(s)->n, NRECS);
		assert_int_equal(trace_stream_trace(s)->nevents, NRECS / 500);
		assert_true(trace_stream_trace(s)->has_end);
		assert_int_equal(trace_stream_next(s, &r, err, sizeof err), 0);
		trace_stream_close(s);
	}
	trace_free(t);
}

/* A stream's error at line lineno (0: any) names the file and the line; the whole reader fails too. */
static void stream_fails(const char *name, const char *why, size_t lineno)
{
	char err[256], want[64];
	const struct trace_rec *r;
	struct trace_stream *s = trace_stream_open(path_of(name), err, sizeof err);
	int rc = 0;

	if (lineno)
		snprintf(want, sizeof want, "%s:%zu: ", path_of(name), lineno);
	else
		snprintf(want, sizeof want, "%s:", path_of(name));
	while (s && (rc = trace_stream_next(s, &r, err, sizeof err)) == 1)
		;
	if (s)
		assert_int_equal(rc, -1);
	if (strncmp(err, want, strlen(want)) || !strstr(err, why))
		fail_msg("%s: got \"%s\", want \"%s...%s\"", name, err, want, why);
	trace_stream_close(s);
	assert_null(trace_read(path_of(name), err, sizeof err));
	assert_non_null(strstr(err, path_of(name)));
}

/* Damaged or cut-short compressed data, and a bad line inside good compressed data: clear errors. */
static void malformed(void **state)
{
	char err[256], *plain, *packed, *bad, *inner;
	size_t np, nz, ni;
	FILE *f;

	(void)state;
	plain = file_bytes(path_of("t.trace"), &np);
	packed = file_bytes(path_of("t.trace.zst"), &nz);

	write_bytes(path_of("cut.trace.zst"), packed, nz / 2);
	assert_null(trace_zst_inflate(packed, nz / 2, &ni, err, sizeof err));
	assert_string_equal(err, "bad zstd data: the compressed trace is cut short");
	assert_null(trace_read(path_of("cut.trace.zst"), err, sizeof err));
	assert_non_null(strstr(err, "cut short"));

	bad = malloc(nz);
	memcpy(bad, packed, nz);
	for (size_t i = nz / 3; i < nz / 3 + 64; i++)
		bad[i] ^= 0x5a;
	write_bytes(path_of("bad.trace.zst"), bad, nz);
	assert_null(trace_read(path_of("bad.trace.zst"), err, sizeof err));
	if (!strstr(err, "bad zstd data"))
		fail_msg("%s", err);

	/* line 1006 (record 1001, after the header and 3 events) does not follow its predecessor */
	inner = strdup(plain);
	memcpy(strstr(inner, "{\"seq\":1000,"), "{\"seq\":9999,", 12);
	f = trace_open_write(path_of("seq.trace.zst"));
	assert_non_null(f);
	assert_int_equal(fwrite(inner, 1, np, f), np);
	assert_int_equal(fclose(f), 0);
	stream_fails("seq.trace.zst", "seq 1001 does not follow 9999", 1006);

	/* a compressed trace inside a compressed trace is no trace */
	f = trace_open_write(path_of("twice.trace.zst"));
	assert_non_null(f);
	assert_int_equal(fwrite(packed, 1, nz, f), nz);
	assert_int_equal(fclose(f), 0);
	stream_fails("twice.trace.zst", "missing header", 1);

	write_bytes(path_of("empty.trace"), "", 0);
	stream_fails("empty.trace", "missing header: empty trace", 1);
	stream_fails("cut.trace.zst", "bad zstd data (cut short or damaged)", 0);
	free(inner);
	free(bad);
	free(packed);
	free(plain);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	static const char *const names[] = { "t.trace", "t.trace.zst", "cut.trace.zst", "bad.trace.zst",
					     "seq.trace.zst", "twice.trace.zst", "empty.trace" };

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		unlink(path_of(names[i]));
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(stream_matches_whole),
		cmocka_unit_test(malformed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
