/*
 * tracebytes FILE: "HITS BYTES V1BYTES" for a trace's records: the probe
 * hits, the bytes their lines take in FILE, and the bytes the same records
 * take in version 1 (every register and every role, null where unknown).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/trace.h"

/* What a record takes in version 1: the whole record, and the unknown roles as null in "roles" and "norm". */
static size_t v1_bytes(const struct archdesc *a, const struct trace_rec *r, char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	size_t n, known = 0;

	if (!f || trace_write_rec(f, a, r) != 0 || fclose(f) != 0)
		return 0;
	n = *len;
	for (int i = 0; i < NROLES; i++) {
		if (r->role_known & 1u << i) {
			known++;
			continue;
		}
		n += 2 * (strlen(role_names[i]) + sizeof "\"\":null," - 1);
	}
	return known ? n : n - 2;	/* no known role: the nulls need no comma after the last */
}

int main(int argc, char **argv)
{
	char err[512], *line = NULL, *buf = NULL;
	size_t len = 0, cap = 0, bytes = 0, v1 = 0;
	struct trace *t;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: tracebytes FILE\n");
		return 2;
	}
	if (!(t = trace_read(argv[1], err, sizeof err))) {
		fprintf(stderr, "tracebytes: %s\n", err);
		return 2;
	}
	for (size_t i = 0; i < t->n; i++) {
		free(buf);
		buf = NULL;
		v1 += v1_bytes(t->arch, &t->recs[i], &buf, &len);
	}
	free(buf);
	/* the records' bytes: the file's lines that start as a record does */
	if (!(f = fopen(argv[1], "r"))) {
		perror(argv[1]);
		return 2;
	}
	for (ssize_t k; (k = getline(&line, &cap, f)) > 0;)
		if (!strncmp(line, "{\"seq\":", 7))
			bytes += (size_t)k;
	free(line);
	fclose(f);
	printf("%zu %zu %zu\n", t->n, bytes, v1);
	trace_free(t);
	return 0;
}
