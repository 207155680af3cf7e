/*
 * tracegen N FILE: write a trace of N probe hits through emu/trace/trace.h's
 * writer, with the shapes of a real x86_64 run (rotating probes,
 * goroutines and stacks), for timing `crossrt diff`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/trace.h"

static const char *const probes[] = {
	"newproc", "execute", "schedule", "gopark", "goready", "gosched", "mcall", "gogo",
};
#define NPROBES (sizeof probes / sizeof probes[0])

int main(int argc, char **argv)
{
	const struct archdesc *a = arch_byname("x86_64");
	struct trace_header h = { .procs = 1 };
	struct trace_end e = { .exit_status = 0 };
	struct trace_rec *r;
	static char norm[NROLES][NORMLEN];
	uint64_t regs[MAXREGS];
	FILE *f;
	long n;

	if (argc != 3 || (n = atol(argv[1])) <= 0 || !a) {
		fprintf(stderr, "usage: tracegen N FILE\n");
		return 2;
	}
	if (!(f = fopen(argv[2], "w")) || !(r = calloc(1, sizeof *r))) {
		perror(argv[2]);
		return 2;
	}
	strcpy(h.arch, "x86_64");
	strcpy(h.engine, "unicorn");
	strcpy(h.prog, "tracegen");
	strcpy(h.tls_source, "register");
	strcpy(h.g_source, "memory");
	trace_write_header(f, &h);
	r->nregs = a->nregs;
	r->role_known = (1u << NROLES) - 1;
	for (long i = 0; i < n; i++) {
		const char *p = probes[i % NPROBES];
		uint64_t gid = 1 + (uint64_t)(i % 7);

		r->seq = (uint64_t)i;
		r->probe = p;
		r->m = 0;
		r->g = (int64_t)gid;
		for (int k = 0; k < NROLES; k++)
			r->role[k] = 0xc000000000ULL + gid * 0x10000 + (uint64_t)(k * 8) + (uint64_t)(i % 64);
		r->role[R_PC] = 0x401000 + (uint64_t)(i % NPROBES) * 0x40;
		for (int k = 0; k < NROLES; k++)
			snprintf(norm[k], NORMLEN, "0x%llx", (unsigned long long)r->role[k]);
		snprintf(norm[R_PC], NORMLEN, "%s+0x0", p);
		snprintf(norm[R_SP], NORMLEN, "g%llu:top-0x%lx", (unsigned long long)gid, 0x100 + i % 64);
		for (int k = 0; k < NROLES; k++)
			r->norm[k] = norm[k];
		for (int k = 0; k < r->nregs; k++)
			regs[k] = (uint64_t)k * 0x1000 + (uint64_t)(i % 97);
		r->regs = regs;
		trace_write_rec(f, a, r);
	}
	e.insns_known = true;
	e.insns = (uint64_t)n * 100;
	strcpy(e.reason, "exit");
	trace_write_end(f, &e);
	free(r);
	return fclose(f) ? 2 : 0;
}
