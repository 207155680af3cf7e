/*
 * The qemu -d cpu,fpu log parser (qemu_log.c, qemu_xlog.c).  The input's
 * first line sets the scene: "ARCH CHUNK ENTRY PROBE...", the ISA (x86_64,
 * arm64, riscv64), the size of the pieces the log is fed in, the program's
 * entry and the probe addresses in hex (every other one, from the first, an
 * xstate probe, whose dumps' FP registers are read).  The rest is the log.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "qemu/qemu.h"

#define NPROBES 8

static const char *const names[NPROBES] = {
	"newproc", "execute", "schedule", "gopark", "goready", "goexit", "mcall", "gogo",
};

struct scene {
	const struct archdesc *arch;
	size_t chunk;
	uint64_t entry;
	struct probeset ps;
};

static size_t scene(const uint8_t *data, size_t size, struct scene *s)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t len = nl ? (size_t)(nl - data) : size;
	char line[256], *p, *end;

	memset(s, 0, sizeof *s);
	if (len >= sizeof line)
		len = sizeof line - 1;
	memcpy(line, data, len);
	line[len] = 0;
	p = line + strcspn(line, " ");
	if (*p)
		*p++ = 0;
	s->arch = arch_byname(line);
	if (!s->arch)
		s->arch = arch_byid(0);
	s->chunk = (size_t)strtoul(p, &end, 10);
	if (s->chunk == 0)
		s->chunk = 4096;
	s->entry = strtoull(p = end, &end, 16);
	while (s->ps.n < NPROBES && end != p) {
		uint64_t a = strtoull(p = end, &end, 16);
		if (end == p)
			break;
		s->ps.name[s->ps.n] = names[s->ps.n];
		s->ps.xstate[s->ps.n] = s->ps.n % 2 == 0;
		s->ps.addr[s->ps.n++] = a;
	}
	return nl ? len + 1 : size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hitlog hits = { 0 };
	struct qlog *q = malloc(sizeof *q);
	struct scene s;
	size_t at = scene(data, size, &s);
	int rc;

	if (!q)
		abort();
	rc = qlog_init(q, s.arch, &s.ps, s.entry, &hits);
	while (rc == 0 && at < size) {
		size_t n = size - at < s.chunk ? size - at : s.chunk;
		rc = qlog_feed(q, (const char *)data + at, n);
		at += n;
	}
	if (rc == 0) {
		qlog_finish(q, false);
		qlog_finish(q, true);
	}
	hitlog_free(&hits);
	free(q);
	return 0;
}
