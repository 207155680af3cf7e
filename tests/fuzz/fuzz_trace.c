/*
 * The trace reader (trace.c) and the normalizer's inputs.  The input is a
 * trace, optionally followed by a NUL and the runtime's record lines
 * (records.c); the records of an accepted trace are normalized again as
 * probe hits against those records, and every normalized value and state
 * is reduced to its cross-ISA key.  An input that starts as zstd data
 * (trace/zst.h) is a compressed trace, whole.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "trace/normalize.h"
#include "trace/zst.h"

static const char *const names[] = {
	"newproc", "execute", "schedule", "gopark", "goready", "goexit", "mcall", "gogo",
	"deferproc", "gopanic", "gorecover", "recovery",
};
#define NNAMES (int)(sizeof names / sizeof names[0])

static void archkeys(const struct trace_rec *r)
{
	char key[NORMLEN], state[STATELEN];

	for (int role = 0; role < NROLES; role++)
		norm_archkey(r->norm[role], key, sizeof key);
	state_archkey(r->state, state, sizeof state);
	state_get(r->state, "value", true, state, sizeof state);
}

static void renormalize(const struct trace *t, const char *text, size_t n)
{
	struct elfimage img = { .arch = t->arch };	/* no symbols: resume named by its value */
	struct probeset ps = { .n = NNAMES };
	struct records rec;
	struct normctx c;
	struct trace_rec out;
	char err[256];

	if (records_parse(text, n, &rec, err, sizeof err) < 0)
		return;
	for (int i = 0; i < NNAMES; i++) {
		ps.name[i] = names[i];
		ps.nargs[i] = i % 4;
		ps.byreturn[i] = i == 5;
	}
	normalize_init(&c, t->arch, &img, &rec, &ps);
	for (size_t i = 0; i < t->n; i++) {
		const struct trace_rec *r = &t->recs[i];
		struct hit h = { .probe = (int)(r->seq % NNAMES), .m = r->m, .goid = r->g,
				 .known = (unsigned)r->seq & 15, .gptr = r->role[R_G], .lr_mem = r->role[R_LR] };
		memcpy(h.regs, r->regs, sizeof h.regs[0] * (size_t)(r->nregs < MAXREGS ? r->nregs : MAXREGS));
		normalize_hit(&c, &h, NULL, r->seq, &out);
		archkeys(&out);
	}
	normalize_free(&c);
	records_free(&rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = trace_zst_magic(data, size) ? NULL : memchr(text, 0, size);
	size_t n = nul ? (size_t)(nul - text) : size;
	char err[256];
	struct trace *t = trace_read_mem(text, n, "fuzz", err, sizeof err);

	if (!t)
		return 0;
	for (size_t i = 0; i < t->n; i++)
		archkeys(&t->recs[i]);
	if (nul && t->arch)
		renormalize(t, nul + 1, size - n - 1);
	trace_free(t);
	return 0;
}
