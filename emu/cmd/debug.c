/*
 * crossrt debug TRACE --at SEQ: the traced program run again under qemu's
 * gdbstub, as it ran (the trace's prog, env and arg events; run.c), with
 * gdb-multiarch stopped at record SEQ's probe hit: the nth execution of its
 * pc, n counted in the trace.  That is the same hit where the run is
 * deterministic: one P, sysmon's preemption off (CROSSRT_PREEMPTOFF=1, as
 * matrix traces).  gdb then prints the roles beside the trace's values.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd/cli.h"
#include "cmd/dbg.h"
#include "core/elfimage.h"
#include "core/probes.h"

static int parse_opts(struct dbg *d, int argc, char **argv, long long *at, const char **against)
{
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end = NULL;
		if (o[0] != '-') {
			if (d->tracepath)
				return dbg_fail("more than one trace: %s", o);
			d->tracepath = o;
			continue;
		}
		if (!v)
			return dbg_fail("missing value for %s", o);
		i++;
		if (!strcmp(o, "--at"))
			*at = strtoll(v, &end, 10);
		else if (!strcmp(o, "--first-divergence"))
			*against = v;
		else if (!strcmp(o, "--prog"))
			d->prog = v;
		else if (!strcmp(o, "--gdb"))
			d->gdb = v;
		else if (!strcmp(o, "--batch"))
			d->batch = v;
		else if (!strcmp(o, "--exec") && d->nexec == DBG_MAXEXEC)
			return dbg_fail("more than %d --exec: put them in a --batch file", DBG_MAXEXEC);
		else if (!strcmp(o, "--exec"))
			d->exec[d->nexec++] = v;
		else if (!strcmp(o, "--port"))
			d->port = (int)strtol(v, &end, 10);
		else if (!strcmp(o, "--timeout"))
			d->timeout = (int)strtol(v, &end, 10);
		else
			return dbg_fail("bad option %s", o);
		if (end && (*end || end == v || *at < -1 || d->port < 0 || d->port > 65535 || d->timeout < 0))
			return dbg_fail("bad value for %s: %s", o, v);
	}
	if (!d->tracepath || (*at < 0) == !*against)
		return dbg_fail("usage: crossrt debug TRACE (--at SEQ | --first-divergence OTHER.trace) [--prog PATH] "
			    "[--gdb PATH] [--port N] [--batch CMDFILE] [--exec CMD]... [--timeout SECS]");
	return 0;
}

/* Record SEQ, and which execution of its pc it is. */
static int find_hit(struct dbg *d, uint64_t seq)
{
	const struct trace *t = d->t;

	for (size_t i = 0; i < t->n && !d->hit; i++)
		if (t->recs[i].seq == seq)
			d->hit = &t->recs[i];
	if (!d->hit)
		return dbg_fail("%s has no record #%llu", d->tracepath, (unsigned long long)seq);
	if (!(d->hit->role_known & (1u << R_PC)))
		return dbg_fail("%s: record #%llu has no pc", d->tracepath, (unsigned long long)seq);
	for (size_t i = 0; i < t->n && t->recs[i].seq <= seq; i++)
		d->nth += (t->recs[i].role_known & (1u << R_PC)) && t->recs[i].role[R_PC] == d->hit->role[R_PC];
	return 0;
}

static const char *event(const struct trace *t, const char *kind)
{
	for (size_t i = 0; i < t->nevents; i++)
		if (!strcmp(t->events[i].kind, kind))
			return t->events[i].detail;
	return NULL;
}

/* --prog, else the path the run recorded, else where matrix builds scenarios (BUILD/ARCH/tests/NAME). */
static int find_prog(struct dbg *d, char *buf, size_t n)
{
	const char *rec = event(d->t, "prog");

	if (!d->prog && rec && access(rec, R_OK) == 0)
		d->prog = rec;
	if (!d->prog) {
		snprintf(buf, n, "build/%s/tests/%s", d->t->h.arch, d->t->h.prog);
		if (access(buf, R_OK) != 0)
			return dbg_fail("cannot find the traced program %s (looked at %s): give --prog PATH",
				    rec ? rec : d->t->h.prog, buf);
		d->prog = buf;
	}
	return 0;
}

/* The program is the traced one: its ISA, and the probe where the trace saw it. */
static int check_prog(const struct dbg *d)
{
	struct elfimage img;
	struct probeset ps;
	char err[256], where[64];
	int rc = 0, k;

	if (elf_load(d->prog, &img, err, sizeof err) != 0)
		return dbg_fail("%s: %s", d->prog, err);
	if (img.arch != d->t->arch)
		rc = dbg_fail("%s is not a %s program", d->prog, d->t->arch->name);
	else if (probes_resolve(&img, &ps, err, sizeof err) != 0)
		rc = dbg_fail("%s: %s", d->prog, err);
	else {
		for (k = 0; k < ps.n && strcmp(ps.name[k], d->hit->probe); k++)
			;
		snprintf(where, sizeof where, "%s at 0x%llx", d->hit->probe, (unsigned long long)d->hit->role[R_PC]);
		if (k == ps.n || ps.addr[k] != d->hit->role[R_PC])
			rc = dbg_fail("%s is not the traced program: it has no %s (rebuilt since?)", d->prog, where);
	}
	elf_free(&img);
	return rc;
}

int cmd_debug(int argc, char **argv)
{
	struct dbg d = { .gdb = "gdb-multiarch", .timeout = 120 };
	long long at = -1;
	const char *against = NULL;
	char err[512], prog[PATH_MAX];
	int rc;

	if ((rc = parse_opts(&d, argc, argv, &at, &against)) != 0)
		return rc;
	if (!(d.t = trace_read(d.tracepath, err, sizeof err)))
		return dbg_fail("%s", err);
	if (against && !(rc = dbg_first_divergence(d.tracepath, against, &at)) && (size_t)at >= d.t->n)
		rc = dbg_fail("%s ends before the first divergence: open the other trace", d.tracepath);
	else if (against && !rc)
		at = (long long)d.t->recs[at].seq;
	if (!rc && d.t->h.procs != 1)
		fprintf(stderr, "crossrt debug: %s ran with %d Ps: the rerun may take another schedule, "
			"and the hit may not be the traced one\n", d.tracepath, d.t->h.procs);
	if (!rc && !(rc = find_hit(&d, (uint64_t)at)) && !(rc = find_prog(&d, prog, sizeof prog)) &&
	    !(rc = check_prog(&d)))
		rc = dbg_session(&d);
	trace_free(d.t);
	return rc;
}
