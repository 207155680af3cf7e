/*
 * tracebytes FILE: "HITS BYTES V1BYTES JSONBYTES" for a trace's records:
 * the probe hits, the bytes they take on disk (their lines; a compressed
 * trace: the whole file), the bytes the same records take in version 1
 * (every register and every role, null where unknown), and the bytes of
 * their lines as JSON (FILE's own, uncompressed).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "trace/trace.h"
#include "trace/zst.h"

static size_t hexlen(uint64_t v)
{
	size_t n = 1;

	while (v >>= 4)
		n++;
	return n + 4;	/* "0x...", quoted */
}

/* The bytes inside "roles":{...}: version 1 names every role, version 2 those its registers do not hold. */
static size_t roles_bytes(const struct archdesc *a, const struct trace_rec *r, bool v1)
{
	size_t n = 0, members = 0;

	for (int i = 0; i < NROLES; i++) {
		bool known = r->role_known & 1u << i;
		int k = a->role_reg[i];

		if (!v1 && (!known || (k >= 0 && r->regs[k] == r->role[i])))
			continue;
		n += strlen(role_names[i]) + 3 + (known ? hexlen(r->role[i]) : 4);
		members++;
	}
	return members ? n + members - 1 : 0;
}

/* What a record takes in version 1: every role (null where unknown) in "roles" and "norm", every register. */
static size_t v1_bytes(const struct archdesc *a, const struct trace_rec *r, char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	size_t n, known = 0;

	if (!f || trace_write_rec(f, a, r) != 0 || fclose(f) != 0)
		return 0;
	n = *len - roles_bytes(a, r, false) + roles_bytes(a, r, true);
	for (int i = 0; i < NROLES; i++) {
		if (r->role_known & 1u << i) {
			known++;
			continue;
		}
		n += strlen(role_names[i]) + sizeof "\"\":null," - 1;	/* in "norm" */
	}
	return known ? n : n - 1;	/* no known role: no comma after the last null */
}

int main(int argc, char **argv)
{
	char err[512], *line = NULL, *buf = NULL;
	size_t len = 0, cap = 0, json = 0, v1 = 0;
	struct trace *t;
	struct stat st;
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
	if (!(f = trace_open_read(argv[1])) || stat(argv[1], &st) != 0) {
		perror(argv[1]);
		return 2;
	}
	for (ssize_t k; (k = getline(&line, &cap, f)) > 0;)
		if (!strncmp(line, "{\"seq\":", 7))
			json += (size_t)k;
	free(line);
	fclose(f);
	printf("%zu %zu %zu %zu\n", t->n, trace_zst_named(argv[1]) ? (size_t)st.st_size : json, v1, json);
	trace_free(t);
	return 0;
}
