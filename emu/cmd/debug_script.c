/*
 * The gdb script of `crossrt debug`.  It stops at the nth execution of the
 * hit's pc by counting in a breakpoint command list that continues
 * silently, not with `ignore`: gdb 13.1 was reported to die in
 * finish_step_over (an internal error) stepping over an ignored breakpoint
 * with sysmon's thread alive, and a command list keeps the count in view.  Signals pass to the guest unseen, as they did in the traced
 * run (sigpanic, preemption).  At the stop it prints each role held in a
 * register beside the trace's value, gdb's first.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "cmd/dbg.h"

static void stop_at_hit(FILE *f, const struct dbg *d, const char *target, uint64_t pc)
{
	fprintf(f, "set pagination off\nset confirm off\nset width 0\n"
		"handle all nostop noprint pass\n"
		"set tcp auto-retry on\nset tcp connect-timeout 30\n"
		"target remote %s\n"
		"set $crossrt_n = 0\nset $crossrt_bad = 0\n"
		"break *0x%" PRIx64 "\ncommands\nsilent\nset $crossrt_n = $crossrt_n + 1\n"
		"if $crossrt_n < %" PRIu64 "\ncontinue\nend\nend\ncontinue\n",
		target, pc, d->nth);
	fprintf(f, "if $crossrt_n != %" PRIu64 "\n"
		"printf \"crossrt debug: the program did not repeat the traced run: %%d of the %" PRIu64
		" hits of %s at 0x%" PRIx64 " before it ended\\n\", $crossrt_n\nquit 3\nend\n",
		d->nth, d->nth, d->hit->probe, pc);
	/* From here on the breakpoint stops at every hit. */
	fputs("commands 1\nend\n", f);
}

/* gdb's name of a raw register: the trace's, but for pc and sp, which gdb names on every ISA. */
static void gdb_reg(const struct archdesc *a, int role, char *buf, size_t n)
{
	if (role == R_PC || role == R_SP)
		snprintf(buf, n, "$%s", role_names[role]);
	else
		snprintf(buf, n, "$%s", a->regnames[a->role_reg[role]]);
}

static void print_roles(FILE *f, const struct dbg *d)
{
	const struct archdesc *a = d->t->arch;
	const struct trace_rec *r = d->hit;
	char reg[32];

	fprintf(f, "printf \"stopped at #%" PRIu64 " %s: hit %" PRIu64 " of 0x%" PRIx64 ", m %" PRId64 " g %" PRId64
		"\\n\"\n", r->seq, r->probe, d->nth, r->role[R_PC], r->m, r->g);
	fputs("printf \"role reg      gdb                trace\\n\"\n", f);
	for (int k = 0; k < NROLES; k++) {
		/* tls is a pseudo-register on some ISAs, and gdb names it differently on others. */
		if (k == R_TLS || a->role_reg[k] < 0 || !(r->role_known & (1u << k)))
			continue;
		gdb_reg(a, k, reg, sizeof reg);
		fprintf(f, "printf \"%-4s %-8s 0x%%-16lx 0x%" PRIx64 "\\n\", (unsigned long)%s\n", role_names[k],
			a->regnames[a->role_reg[k]], r->role[k], reg);
		fprintf(f, "set $crossrt_bad = $crossrt_bad + ((unsigned long)%s != 0x%" PRIx64 ")\n", reg, r->role[k]);
	}
	fputs("if $crossrt_bad\nprintf \"crossrt debug: %d registers differ from the trace's\\n\", $crossrt_bad\n"
	      "else\nprintf \"registers equal the trace's\\n\"\nend\n", f);
}

int dbg_write_script(FILE *f, const struct dbg *d, const char *target)
{
	stop_at_hit(f, d, target, d->hit->role[R_PC]);
	print_roles(f, d);
	if (!d->batch && !d->nexec)
		return ferror(f) ? -1 : 0;
	if (d->batch)
		fprintf(f, "source %s\n", d->batch);
	for (int k = 0; k < d->nexec; k++)
		fprintf(f, "%s\n", d->exec[k]);
	fputs("kill\nquit $crossrt_bad != 0\n", f);
	return ferror(f) ? -1 : 0;
}
