/*
 * crossrt report --merge DIR... [--out DIR]: the shards of one matrix
 * (matrix --shard I/N, each with its own --out) joined into one report:
 * summary, results.tsv, JUnit and HTML, its scenarios and jobs in the order
 * of the matrix run whole, each scenario's traces read where its shard left
 * them.  Every shard 1..N must be there, once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cmd/cli.h"
#include "core/util.h"
#include "matrix/mx.h"

static int by_index(const void *a, const void *b)
{
	const struct mx_scenario *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

/* The runs of every scenario, then the diffs of every scenario, as matrix.c makes them; a shard's order kept. */
static void order_jobs(struct matrix *mx)
{
	struct mx_job *job = xcalloc((size_t)mx->njob + 1, sizeof *job);
	int n = 0;

	for (int runs = 1; runs >= 0; runs--)
		for (int s = 0; s < mx->nscen; s++)
			for (int i = 0; i < mx->njob; i++)
				if (mx->job[i].scen == s && (mx->job[i].kind == MX_RUN) == runs)
					job[n++] = mx->job[i];
	free(mx->job);
	mx->job = job;
}

/* Scenarios in the whole matrix's order, jobs pointing at their places, in the same order. */
static int place(struct matrix *mx)
{
	for (int s = 0; s < mx->nscen; s++)
		for (int k = 0; k < s; k++)
			if (mx->scen[k].index == mx->scen[s].index) {
				fprintf(stderr, "crossrt report: scenario %s is in two shards\n", mx->scen[s].name);
				return -1;
			}
	qsort(mx->scen, (size_t)mx->nscen, sizeof *mx->scen, by_index);
	for (int i = 0; i < mx->njob; i++) {
		int s = 0;
		while (s < mx->nscen && mx->scen[s].index != mx->job[i].scen)
			s++;
		if (s == mx->nscen) {
			fprintf(stderr, "crossrt report: job '%s' of no scenario in its results\n", mx->job[i].name);
			return -1;
		}
		mx->job[i].scen = s;
	}
	order_jobs(mx);
	return 0;
}

static int read_shards(struct matrix *mx, char **dirs, int n)
{
	char path[MX_PATH], err[MX_PATH + 128];
	int nshard = -1;
	unsigned char *seen = NULL;

	for (int d = 0; d < n; d++) {
		mx_fmt(path, sizeof path, "%s/results.tsv", dirs[d]);
		if (mx_read_results(mx, path, dirs[d], err, sizeof err) != 0) {
			fprintf(stderr, "crossrt report: %s\n", err);
			free(seen);
			return -1;
		}
		if (nshard < 0)
			seen = calloc((size_t)(nshard = mx->nshard) + 1, 1);
		if (!seen || mx->nshard != nshard || (nshard == 0 && n > 1) || seen[mx->shard]++) {
			fprintf(stderr, "crossrt report: %s: shard %d/%d does not fit with the others' %s\n", dirs[d],
				mx->shard, mx->nshard, nshard ? "(the same N, each I once)" : "(a whole matrix alone)");
			free(seen);
			return -1;
		}
	}
	for (int i = 1; i <= nshard; i++)
		if (!seen[i]) {
			fprintf(stderr, "crossrt report: shard %d/%d is missing\n", i, nshard);
			free(seen);
			return -1;
		}
	free(seen);
	return 0;
}

static int parse(int argc, char **argv, struct matrix *mx, int *first)
{
	int i = 1;

	if (i < argc && !strcmp(argv[i], "--merge"))
		i++;
	else
		i = argc;
	for (*first = i; i < argc; i++)
		if (!strcmp(argv[i], "--out") || !strcmp(argv[i], "-o")) {
			if (i + 2 != argc)
				break;
			mx->out = argv[i + 1];
			return i - *first > 0 ? i - *first : -1;
		}
	if (i != argc || *first == argc) {
		fprintf(stderr, "usage: crossrt report --merge DIR... [--out DIR]   (default --out build/report)\n");
		return -1;
	}
	return argc - *first;
}

int cmd_report(int argc, char **argv)
{
	struct matrix mx = { 0 };
	int first, n = parse(argc, argv, &mx, &first), status = 2;

	if (n < 0)
		return 2;
	if (!mx.out)
		mx.out = "build/report";
	if (mkdir(mx.out, 0777) && errno != EEXIST)
		fprintf(stderr, "crossrt report: %s: %s\n", mx.out, strerror(errno));
	else if (!read_shards(&mx, argv + first, n) && !place(&mx)) {
		mx.shard = mx.nshard = 0;	/* whole now */
		status = mx_report(&mx);
	}
	for (int s = 0; s < mx.nscen; s++)
		mx_free_scenario(&mx.scen[s]);
	free(mx.scen);
	free(mx.job);
	free((char *)mx.mutants);
	return status;
}
