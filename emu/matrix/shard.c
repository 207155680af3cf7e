/*
 * crossrt matrix --shard I/N: one of N disjoint parts of the matrix, for a
 * CI job matrix, GNU parallel or a Slurm array.  A shard takes whole
 * scenarios, every Nth of the list from the (I-1)th, so that its diffs find
 * all their traces in its own output; the same arguments give every shard
 * the same list, so the parts are the same on every machine.  `crossrt
 * report --merge` joins the shards' results.tsv files (merge.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include "matrix/mx.h"

int mx_parse_shard(struct matrix *mx, const char *arg)
{
	char *end;
	long i = strtol(arg, &end, 10), n;

	if (end == arg || *end != '/')
		return -1;
	n = strtol(end + 1, &end, 10);
	if (*end || i < 1 || n < 1 || i > n || n > 100000)
		return -1;
	mx->shard = (int)i;
	mx->nshard = (int)n;
	return 0;
}

void mx_shard(struct matrix *mx)
{
	int n = 0;

	for (int s = 0; s < mx->nscen; s++) {
		mx->scen[s].index = s;
		if (mx->nshard && s % mx->nshard != mx->shard - 1)
			mx_free_scenario(&mx->scen[s]);
		else
			mx->scen[n++] = mx->scen[s];
	}
	mx->nscen = n;
}
