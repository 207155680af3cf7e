/* Trace writer and reader: round trips on every arch, malformed input, truncation, size. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmocka.h>
#include "trace/trace.h"
#include "trace/trace_window.h"
#include "trace/normalize.h"

static const char *const probe_names[] = { "newproc", "schedule", "gogo", "gopark", "goexit" };

static void fill_header(struct trace_header *h, const char *arch, const char *prog)
{
	memset(h, 0, sizeof *h);
	snprintf(h->arch, sizeof h->arch, "%s", arch);
	snprintf(h->engine, sizeof h->engine, "unicorn");
	snprintf(h->prog, sizeof h->prog, "%s", prog);
	h->procs = 2;
	h->seed = UINT64_MAX - 5;
	snprintf(h->tls_source, sizeof h->tls_source, "register");
	snprintf(h->g_source, sizeof h->g_source, "memory");
}

/*
 * Deterministic and varied: some roles unknown, m and g sometimes -1,
 * extreme values, facts on some.  The strings live in static buffers
 * until the next call.
 */
static void fill_rec(struct trace_rec *r, const struct archdesc *a, uint64_t i)
{
	static char norm[NROLES][NORMLEN], facts[FACTSLEN];
	static uint64_t regs[MAXREGS];

	memset(r, 0, sizeof *r);
	r->seq = i * 3;
	r->probe = probe_names[i % 5];
	r->m = i % 7 == 0 ? -1 : (int64_t)(i % 4);
	r->g = i % 11 == 0 ? -1 : (int64_t)i;
	r->insns_known = i % 3 != 0;	/* Unicorn's count, in some records only */
	r->insns = r->insns_known ? 900000 + i : 0;
	r->role_known = (uint32_t)((1u << NROLES) - 1) & ~(uint32_t)(i % 5 == 0 ? 0x28 : 0);
	for (int k = 0; k < NROLES; k++) {
		norm[k][0] = 0;
		r->norm[k] = norm[k];
		if (!(r->role_known & 1u << k))
			continue;
		r->role[k] = 0x400000 + i * 16 + (uint64_t)k;
		snprintf(norm[k], NORMLEN, "%s+%d", probe_names[(i + (uint64_t)k) % 5], k);
	}
	r->role[2] = i == 1 ? UINT64_MAX : r->role[2];
	if (i % 9 == 2)
		snprintf(norm[0], NORMLEN, "we\"ird\\ \x01 norm\t%d", (int)i);
	snprintf(facts, sizeof facts, "%s", i % 4 == 1 ? "cs=kept sp=misaligned" : i % 4 == 2 ? "cs=lost:\"x19\"" : "");
	r->facts = facts;
	r->nregs = a->nregs;
	for (int k = 0; k < a->nregs; k++)
		regs[k] = (i * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)k << 40);
	regs[0] = 0;
	r->regs = regs;
}

static void check_rec(const struct trace_rec *got, const struct trace_rec *want)
{
	assert_int_equal(got->seq, want->seq);
	assert_string_equal(got->probe, want->probe);
	assert_int_equal(got->m, want->m);
	assert_int_equal(got->g, want->g);
	assert_int_equal(got->insns_known, want->insns_known);
	if (want->insns_known)
		assert_int_equal(got->insns, want->insns);
	assert_int_equal(got->role_known, want->role_known);
	assert_string_equal(got->facts, want->facts);
	for (int k = 0; k < NROLES; k++) {
		if (want->role_known & 1u << k) {
			assert_int_equal(got->role[k], want->role[k]);
			assert_string_equal(got->norm[k], want->norm[k]);
		} else {
			assert_int_equal(got->role[k], 0);
			assert_string_equal(got->norm[k], "");
		}
	}
	assert_int_equal(got->nregs, want->nregs);
	assert_memory_equal(got->regs, want->regs, (size_t)want->nregs * sizeof want->regs[0]);
}

/* Header, n records and optionally an end line, as text. */
static char *write_trace(const struct trace_header *h, size_t nrec, const struct trace_end *e, size_t *len)
{
	const struct archdesc *a = arch_byname(h->arch);
	struct trace_rec r;
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	assert_int_equal(trace_write_header(f, h), 0);
	for (size_t i = 0; i < nrec; i++) {
		fill_rec(&r, a, i);
		assert_int_equal(trace_write_rec(f, a, &r), 0);
	}
	if (e)
		assert_int_equal(trace_write_end(f, e), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void check_records(const struct trace *t, size_t nrec)
{
	struct trace_rec want;

	assert_int_equal(t->n, nrec);
	for (size_t i = 0; i < nrec; i++) {
		fill_rec(&want, t->arch, i);
		check_rec(&t->recs[i], &want);
	}
}

static void round_trip_every_arch(void **state)
{
	static const char *const arches[] = { "x86_64", "arm64", "riscv64" };
	struct trace_end e = { 2, true, 123456789012ull, "exit" };
	struct trace_header h;
	char err[256];

	(void)state;
	for (int i = 0; i < 3; i++) {
		size_t len;
		char *text;
		struct trace *t;

		fill_header(&h, arches[i], "gosched3");
		text = write_trace(&h, 40, &e, &len);
		t = trace_read_mem(text, len, "t", err, sizeof err);
		if (!t)
			fail_msg("%s", err);
		assert_ptr_equal(t->arch, arch_byname(arches[i]));
		assert_string_equal(t->h.arch, arches[i]);
		assert_string_equal(t->h.engine, "unicorn");
		assert_string_equal(t->h.prog, "gosched3");
		assert_int_equal(t->h.procs, 2);
		assert_int_equal(t->h.seed, UINT64_MAX - 5);
		assert_string_equal(t->h.tls_source, "register");
		assert_string_equal(t->h.g_source, "memory");
		check_records(t, 40);
		assert_true(t->has_end);
		assert_int_equal(t->end.exit_status, 2);
		assert_true(t->end.insns_known);
		assert_int_equal(t->end.insns, 123456789012ull);
		assert_string_equal(t->end.reason, "exit");
		trace_free(t);
		free(text);
	}
}

static void writer_format(void **state)
{
	const struct archdesc *a = arch_byname("x86_64");
	struct trace_header h;
	struct trace_rec r;
	struct trace_end e = { -1, false, 0, "fault: SIGSEGV" };
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	fill_header(&h, "x86_64", "gosched3");
	h.procs = 1;
	h.seed = 0;
	fill_rec(&r, a, 5);
	trace_write_header(f, &h);
	trace_write_rec(f, a, &r);
	trace_write_end(f, &e);
	fclose(f);
	assert_non_null(strstr(buf, "{\"crossrt\":\"trace\",\"v\":2,\"arch\":\"x86_64\",\"engine\":\"unicorn\","
				    "\"prog\":\"gosched3\",\"procs\":1,\"seed\":0,\"tls_source\":\"register\","
				    "\"g_source\":\"memory\"}\n{\"seq\":15,\"probe\":\"newproc\",\"m\":1,\"g\":5,"
				    "\"insns\":900005,\"roles\":{\"pc\":\"0x400050\",\"sp\":\"0x400051\",\"fp\":\"0x400052\",\"tls\":\"0x400054\","));
	/* unknown roles (lr, g) are left out */
	assert_non_null(strstr(buf, "\"norm\":{\"pc\":\"newproc+0\",\"sp\":\"schedule+1\",\"fp\":\"gogo+2\",\"tls\":\""));
	assert_null(strstr(buf, "\"lr\""));
	assert_non_null(strstr(buf, "\"regs\":{\"rax\":\"0x0\",\"rbx\":\"0x"));
	assert_non_null(strstr(buf, ",\"fs_base\":\"0x"));
	assert_non_null(strstr(buf, "}}\n{\"end\":true,\"exit\":-1,\"insns\":null,\"reason\":\"fault: SIGSEGV\"}\n"));
	free(buf);
}

static void escaped_strings(void **state)
{
	struct trace_header h;
	struct trace_end e = { 0, false, 0, "error: \"quoted\"\\ and\ttab" };
	char prog[256], err[256];
	size_t len;
	char *text;
	struct trace *t;

	(void)state;
	/* every byte value but NUL, twice over where it fits */
	for (int i = 0; i < 255; i++)
		prog[i] = (char)(i + 1);
	prog[255] = 0;
	fill_header(&h, "arm64", "");
	memcpy(h.prog, prog, sizeof prog);
	text = write_trace(&h, 3, &e, &len);
	assert_null(memchr(text, '\t', len));
	assert_non_null(strstr(text, "\\\"#$%&'()*+,-./0123"));
	assert_non_null(strstr(text, "\\u001f !"));
	assert_non_null(strstr(text, "Z[\\\\]^_"));
	t = trace_read_mem(text, len, "t", err, sizeof err);
	if (!t)
		fail_msg("%s", err);
	assert_memory_equal(t->h.prog, prog, sizeof prog);
	assert_string_equal(t->end.reason, e.reason);
	assert_false(t->end.insns_known);
	trace_free(t);
	free(text);
}

static void json_escapes_decoded(void **state)
{
	static const char text[] =
		"{\"v\":1, \"arch\" : \"riscv64\",\"crossrt\":\"trace\",\"engine\":\"q\\u0065mu\",\"seed\":7,"
		"\"procs\":0,\"prog\":\"a\\/b\\u00e9\\u20ac\\ud83d\\ude00\\n\",\"extra\":[1,-2,{\"x\":[true,false,null]},\"s\",0.5e3],"
		"\"more\":{},\"\\u0078 a long escaped key that fits no buffer and matches nothing\":{\"k\":1}}\r\n"
		"{\"end\":true,\"reason\":\"budget\",\"insns\":0,\"exit\":124,\"later\":null}";
	char err[256];
	struct trace *t = trace_read_mem(text, sizeof text - 1, "t", err, sizeof err);

	(void)state;
	if (!t)
		fail_msg("%s", err);
	assert_string_equal(t->h.engine, "qemu");
	assert_string_equal(t->h.prog, "a/b\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\n");
	assert_string_equal(t->h.tls_source, "");
	assert_int_equal(t->h.procs, 0);
	assert_int_equal(t->n, 0);
	assert_true(t->has_end);
	assert_true(t->end.insns_known);
	assert_int_equal(t->end.exit_status, 124);
	trace_free(t);
}

/* Records laid out otherwise than the writer does: the same values. */
static void other_layouts(void **state)
{
	struct trace_header h;
	struct trace_end e = { 0, true, 1, "exit" };
	char err[256];
	size_t len, n = 0;
	char *text, *spaced, *reordered, *line, *save = NULL;
	struct trace *t;

	(void)state;
	fill_header(&h, "arm64", "layout");
	text = write_trace(&h, 30, &e, &len);
	spaced = calloc(2 * len + 1, 1);
	reordered = calloc(len + 1, 1);
	for (const char *p = text; *p; p++) {
		spaced[n++] = *p;
		if (p[0] == ',' && p[1] == '"')
			spaced[n++] = '\t';
		if (p[0] == '"' && p[1] == ':')
			spaced[n++] = ' ';
	}
	t = trace_read_mem(spaced, n, "t", err, sizeof err);
	if (!t)
		fail_msg("%s", err);
	check_records(t, 30);
	trace_free(t);

	/* top-level keys in reverse groups: regs, norm, roles, then seq..g */
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *roles = strstr(line, ",\"roles\":");
		char *norm = strstr(line, ",\"norm\":");
		char *regs = strstr(line, ",\"regs\":");

		if (!roles) {
			strcat(reordered, line);
		} else {
			*roles = *norm = *regs = 0;
			regs[strlen(regs + 1)] = 0;	/* the closing brace */
			strcat(reordered, "{");
			strcat(reordered, regs + 1);
			strcat(reordered, ",");
			strcat(reordered, norm + 1);
			strcat(reordered, ",");
			strcat(reordered, roles + 1);
			strcat(reordered, ",");
			strcat(reordered, line + 1);
			strcat(reordered, "}");
		}
		strcat(reordered, "\n");
	}
	t = trace_read_mem(reordered, strlen(reordered), "t", err, sizeof err);
	if (!t)
		fail_msg("%s", err);
	check_records(t, 30);
	assert_true(t->has_end);
	trace_free(t);
	free(reordered);
	free(spaced);
	free(text);
}

static void killed_run_without_end(void **state)
{
	struct trace_header h;
	char err[256];
	size_t len;
	char *text;
	struct trace *t;

	(void)state;
	fill_header(&h, "riscv64", "panic1");
	text = write_trace(&h, 7, NULL, &len);
	t = trace_read_mem(text, len, "t", err, sizeof err);
	if (!t)
		fail_msg("%s", err);
	assert_false(t->has_end);
	check_records(t, 7);
	trace_free(t);
	/* the last line complete but without its newline */
	t = trace_read_mem(text, len - 1, "t", err, sizeof err);
	if (!t)
		fail_msg("%s", err);
	check_records(t, 7);
	trace_free(t);
	free(text);
}

/* s with the first occurrence of from replaced by to. */
static char *replaced(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);

	assert_non_null(at);
	snprintf(out, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	return out;
}

static void malformed_inputs(void **state)
{
	struct trace_header hd;
	struct trace_end e = { 0, true, 10, "exit" };
	size_t hlen, rlen;
	char *all, *head, *rec0, *rec1, *end;

	(void)state;
	fill_header(&hd, "x86_64", "p");
	all = write_trace(&hd, 2, &e, &hlen);
	/* split the text into its four lines */
	head = strdup(all);
	rec0 = strchr(head, '\n') + 1;
	rec1 = strchr(rec0, '\n') + 1;
	end = strchr(rec1, '\n') + 1;
	rec0[-1] = rec1[-1] = end[-1] = 0;
	*strchr(end, '\n') = 0;
	rlen = strlen(rec0);
	assert_true(rlen > 100);

	struct {
		char *text;
		int line;
		const char *why;
	} cases[] = {
		{ strdup(""), 1, "missing header" },
		{ strdup("\n"), 1, "missing header" },
		{ strdup(rec0), 1, "missing header" },
		{ strdup("42\n"), 1, "missing header" },
		{ replaced(head, "\"trace\"", "\"trac\""), 1, "not a crossrt trace" },
		{ replaced(head, "\"v\":2", "\"v\":3"), 1, "unsupported trace version 3" },
		{ replaced(head, "\"v\":2", "\"v\":0"), 1, "unsupported trace version 0" },
		{ replaced(head, "\"v\":2", "\"v\":\"2\""), 1, "\"v\": expected an integer" },
		{ replaced(head, "x86_64", "mips"), 1, "unknown arch \"mips\"" },
		{ replaced(head, "\"arch\":\"x86_64\",", ""), 1, "header: missing \"arch\"" },
		{ replaced(head, "\"seed\":18446744073709551610", "\"seed\":18446744073709551616"), 1, "out of range" },
		{ replaced(head, "}", ",\"prog\":\"x\"}"), 1, "duplicate key \"prog\"" },
		{ replaced(head, "}", ""), 1, "unexpected end of line" },
		{ replaced(all, "\"rax\"", "\"rzz\""), 2, "unknown x86_64 register \"rzz\"" },
		{ replaced(all, "\"rbx\":\"0x", "\"rbx\":\"0xg"), 2, "\"rbx\": value is not a hex string" },
		{ replaced(all, "\"rbx\":\"0x", "\"rbx\":\"1"), 2, "\"rbx\": value is not a hex string" },
		{ replaced(all, "\"rbx\":\"0x", "\"rbx\":\"0x10000000000000000"), 2, "hex value out of range" },
		{ replaced(all, "\"pc\":\"0x400000\"", "\"pc\":4194304"), 2, "\"pc\": value is not a hex string" },
		{ replaced(all, "\"rbx\":", "\"rbx\":\"0x1\",\"rbx\":"), 2, "duplicate x86_64 register \"rbx\"" },
		{ replaced(all, ",\"fs_base\"", ",\"x\""), 2, "unknown x86_64 register \"x\"" },
		{ replaced(all, "\"rip\":\"0x", "\"rip2\":\"0x"), 2, "unknown x86_64 register" },
		{ replaced(all, "\"v\":2", "\"v\":1"), 2, "roles: missing \"lr\"" },	/* version 1 names every role */
		{ replaced(all, ",\"lr\":\"0x400013\"", ""), 3, "has no value and no register" },	/* x86_64's lr is in memory */
		{ replaced(all, "\"pc\":\"0x400000\"", "\"pc\":null"), 2, "\"pc\": value is not a hex string" },
		{ replaced(all, "\"r1\":\"0x", "\"r2\":\"0x"), 2, "roles: unknown role \"r2\"" },
		{ replaced(all, "\"r1\":\"0x", "\"\\u0072\\u0031 and a long tail, longer than any key\":\"0x"), 2,
		  "roles: unknown role \"r1 and a long tail, longer than\"" },
		{ replaced(all, "\"seq\":0,", ""), 2, "record: missing \"seq\"" },
		{ replaced(all, "\"probe\":\"newproc\",", ""), 2, "record: missing \"probe\"" },
		{ replaced(all, "\"probe\":\"newproc\"", "\"probe\":\"\""), 2, "empty \"probe\"" },
		{ replaced(all, "\"probe\":\"newproc\"", "\"probe\":\"a_probe_name_longer_than_31_bytes\""), 2, "string too long" },
		{ replaced(all, "\"seq\":0", "\"seq\":0.5"), 2, "\"seq\": expected an integer" },
		{ replaced(all, "\"seq\":0", "\"seq\":-1"), 2, "\"seq\": must not be negative" },
		{ replaced(all, "\"seq\":3", "\"seq\":0"), 3, "seq 0 does not follow 0" },
		{ replaced(all, "\"m\":-1", "\"m\":01"), 2, "leading zero" },
		{ replaced(all, "\"probe\":\"newproc\"", "\"probe\":\"new\\qproc\""), 2, "bad escape" },
		{ replaced(all, "\"probe\":\"newproc\"", "\"probe\":\"new\tproc\""), 2, "control character in string" },
		{ replaced(all, "\"probe\":\"newproc\"", "\"probe\":\"\\ud800x\""), 2, "unpaired surrogate" },
		{ replaced(all, "\"probe\":\"newproc\"", "\"probe\":\"a\\u0000\""), 2, "\\u0000 in string" },
		{ replaced(all, "\"probe\":\"newproc\"", "\"probe\":\"a\\u12\""), 2, "bad \\u escape" },
		{ replaced(all, "\"probe\":\"newproc\",", "\"probe\":\"newproc\n"), 2, "unterminated string" },
		{ replaced(all, "}}\n", "}} x\n"), 2, "end of line after the object" },
		{ replaced(all, "}}\n", "}}}\n"), 2, "end of line after the object" },
		{ replaced(all, "}}\n", "},}\n"), 2, "expected a key" },
		{ replaced(all, "\"seq\":0,", "\"seq\":0,,"), 2, "expected a key" },
		{ replaced(all, "\"seq\":0,", "\"seq\" 0,"), 2, "expected ':'" },
		{ replaced(all, "\"seq\":0,", "\"seq\":0 \"m2\":1,"), 2, "expected ',' or '}'" },
		{ replaced(all, "\"seq\":0,", "\"seq\":0,\"x\":nul,"), 2, "expected null" },
		{ replaced(all, "\"seq\":0,", "\"seq\":0,\"x\":[1,],"), 2, "expected a value" },
		{ replaced(all, "\"seq\":0,", "\"seq\":0,\"x\":\x01,"), 2, "unexpected byte 0x01" },
		{ replaced(all, "\"seq\":0,", "\"seq\":0,\"crossrt\":\"trace\","), 2, "a second header" },
		{ replaced(all, "\"norm\":{", "\"norm\":{\"zz\":null,"), 2, "norm: unknown role \"zz\"" },
		{ replaced(all, "\"norm\":{\"pc\":\"newproc+0\"", "\"norm\":{\"pc\":\"" \
			   "0123456789012345678901234567890123456789012345678901234567890123\""), 2, "\"pc\": string too long" },
		{ replaced(all, "\"norm\":{", "\"norm\":["), 2, "\"norm\": expected an object" },
		{ replaced(all, "\"regs\":{", "\"regs\":3,\"x\":{"), 2, "\"regs\": expected an object" },
		{ replaced(all, "\"regs\":{\"rax\":\"0x0\",", "\"regs\":{"), 2, "regs: missing \"rax\"" },
		{ replaced(all, "\"seq\":0,", "\"seq\":0,\"exit\":3,"), 2, "end line without \"end\"" },
		{ replaced(all, "\n{\"seq\":3", "\n\n{\"seq\":3"), 3, "empty line" },
		{ replaced(all, "\n{\"seq\":3", "\n[{\"seq\":3}]\n{\"seq\":3"), 3, "not a JSON object" },
		{ replaced(all, "\"end\":true", "\"end\":false"), 4, "\"end\": must be true" },
		{ replaced(all, "\"end\":true,", ""), 4, "end line without \"end\"" },
		{ replaced(all, "\"reason\":\"exit\"", "\"seq\":9,\"reason\":\"exit\""), 4, "end line with record keys" },
		{ replaced(all, ",\"reason\":\"exit\"", ""), 4, "end line: missing \"reason\"" },
		{ replaced(all, "\"insns\":10", "\"insns\":-10"), 4, "must not be negative" },
		{ replaced(all, "\"exit\":0", "\"exit\":4294967296"), 4, "\"exit\": integer out of range" },
		{ replaced(all, "\"reason\":\"exit\"}\n", "\"reason\":\"exit\"}\n{\"seq\":9}\n"), 5, "line after the end line" },
		{ replaced(all, "\"reason\":\"exit\"}\n", "\"reason\":\"exit\"}\n\n"), 5, "line after the end line" },
		{ replaced(all, "\"seq\":0,", "\"seq\":0,\"deep\":" "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
			   "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"), 2, "nested too deeply" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char err[256], want[64];
		size_t n = strlen(cases[i].text);
		char *exact = malloc(n ? n : 1);	/* no slack: over-reads show under ASan */
		struct trace *t;

		memcpy(exact, cases[i].text, n);
		err[0] = 0;
		t = trace_read_mem(exact, n, "t", err, sizeof err);
		snprintf(want, sizeof want, "t:%d: ", cases[i].line);
		if (t || strncmp(err, want, strlen(want)) != 0 || !strstr(err, cases[i].why) || strchr(err, '\n'))
			fail_msg("case %zu: got %s \"%s\", want \"%s...%s\"", i, t ? "a trace" : "error", err,
				 want, cases[i].why);
		free(exact);
		free(cases[i].text);
	}
	assert_true(sizeof cases / sizeof cases[0] >= 15);
	free(head);
	free(all);
}

/* Every prefix of a trace: complete lines read, a cut line is an error, nothing crashes. */
static void truncated_lines(void **state)
{
	struct trace_header h;
	struct trace_end e = { 0, true, 99, "exit" };
	size_t len;
	char *text;

	(void)state;
	fill_header(&h, "arm64", "trunc");
	text = write_trace(&h, 3, &e, &len);
	for (size_t n = 0; n <= len; n++) {
		char err[256] = "";
		char *exact = malloc(n ? n : 1);
		struct trace *t;
		bool at_boundary = n > 0 && (n == len || text[n] == '\n' || text[n - 1] == '\n');

		memcpy(exact, text, n);
		t = trace_read_mem(exact, n, "cut", err, sizeof err);
		if (at_boundary && !t)
			fail_msg("prefix %zu of %zu: %s", n, len, err);
		if (!at_boundary && t)
			fail_msg("prefix %zu of %zu read as a trace", n, len);
		if (!t)
			assert_true(strncmp(err, "cut:", 4) == 0);
		trace_free(t);
		free(exact);
	}
	free(text);
}

/* Random damage: errors or traces, never a crash (ASan and UBSan watch). */
static void damaged_bytes(void **state)
{
	static const char junk[] = "\"\\{}[],:0x-9 \n\tnulltrue\x01\xff";
	struct trace_header h;
	struct trace_end e = { 0, true, 99, "exit" };
	size_t len;
	char *text;
	unsigned seed = 12345;

	(void)state;
	fill_header(&h, "riscv64", "fuzz");
	text = write_trace(&h, 4, &e, &len);
	for (int round = 0; round < 20000; round++) {
		char err[256];
		char *copy = malloc(len);
		struct trace *t;

		memcpy(copy, text, len);
		for (int k = 0; k < 1 + round % 3; k++) {
			seed = seed * 1103515245 + 12345;
			copy[(seed >> 8) % len] = junk[(seed >> 20) % (sizeof junk - 1)];
		}
		t = trace_read_mem(copy, len, "fuzz", err, sizeof err);
		if (!t)
			assert_true(strncmp(err, "fuzz:", 5) == 0);
		trace_free(t);
		free(copy);
	}
	free(text);
}

static void big_round_trip(void **state)
{
	struct trace_header h;
	struct trace_end e = { 0, true, 1u << 30, "exit" };
	char err[256];
	size_t len;
	char *text;
	struct trace *t;

	(void)state;
	fill_header(&h, "x86_64", "big");
	text = write_trace(&h, 100000, &e, &len);
	t = trace_read_mem(text, len, "big", err, sizeof err);
	if (!t)
		fail_msg("%s", err);
	check_records(t, 100000);
	assert_true(t->has_end);
	trace_free(t);
	free(text);
}

/* s with every occurrence of from replaced by to. */
static char *replaced_all(const char *s, const char *from, const char *to)
{
	char *out = strdup(s), *next;

	while (strstr(out, from)) {
		next = replaced(out, from, to);
		free(out);
		out = next;
	}
	return out;
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)) != NULL; s++)
		n++;
	return n;
}

#define DELTA_RECS 300

/*
 * Version 2 writes a record's registers only where they differ from its
 * M's previous record: read back, through the fast path, the general
 * parser and a window, every record has all of them.
 */
static void delta_round_trip(void **state)
{
	const struct archdesc *a = arch_byname("arm64");
	static uint64_t want[DELTA_RECS][MAXREGS];
	uint64_t live[4][MAXREGS] = { { 0 } };
	struct trace_header h;
	struct trace_end e = { 0, true, 7, "exit" };
	struct trace_writer *w = calloc(1, sizeof *w);
	struct trace_rec r;
	char *text = NULL, *full = NULL, *spaced, *cut, err[256], path[] = "/tmp/crossrt-trace-XXXXXX";
	size_t len, flen;
	FILE *f = open_memstream(&text, &len), *g = open_memstream(&full, &flen);
	struct trace *t[3];
	int fd;

	(void)state;
	assert_non_null(w);
	fill_header(&h, "arm64", "delta");
	assert_int_equal(trace_write_header(f, &h), 0);
	assert_int_equal(trace_write_header(g, &h), 0);
	for (int i = 0; i < DELTA_RECS; i++) {
		int m = i % 4;

		fill_rec(&r, a, (uint64_t)i);
		r.m = m == 3 ? -1 : m;
		for (int k = 0; k < a->nregs; k++)
			if ((i + k) % 5 == 0)
				live[m][k] = (uint64_t)i << 32 | (uint64_t)k;
		memcpy(want[i], live[m], sizeof want[i]);
		r.regs = want[i];
		if (i % 2)	/* roles their registers hold: named in "norm" only */
			r.role[R_PC] = want[i][a->role_reg[R_PC]], r.role[R_SP] = want[i][a->role_reg[R_SP]];
		assert_int_equal(trace_write_rec_delta(f, w, a, &r), 0);
		assert_int_equal(trace_write_rec(g, a, &r), 0);
	}
	assert_int_equal(trace_write_end(f, &e), 0);
	assert_int_equal(trace_write_end(g, &e), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(fclose(g), 0);
	assert_true(len < flen);
	/* x0 changes in records 0, 5, 10, ... and is written whole in each M's first (0-3) */
	assert_int_equal(count(text, "\"x0\":"), DELTA_RECS / 5 + 3);
	assert_int_equal(count(full, "\"x0\":"), DELTA_RECS);
	assert_int_equal(count(text, "\"roles\":{\"pc\""), DELTA_RECS / 2);
	assert_int_equal(count(text, "\"norm\":{\"pc\""), DELTA_RECS);
	spaced = replaced_all(text, "\n{\"seq\"", "\n{ \"seq\"");	/* not the writer's layout: the general parser */
	t[0] = trace_read_mem(text, len, "t", err, sizeof err);
	t[1] = trace_read_mem(spaced, strlen(spaced), "t", err, sizeof err);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	t[2] = trace_read_window(path, 100, 50, err, sizeof err);
	unlink(path);
	for (int j = 0; j < 3; j++) {
		if (!t[j])
			fail_msg("%d: %s", j, err);
		assert_int_equal(t[j]->h.v, 2);
		assert_int_equal(t[j]->n, j == 2 ? 50 : DELTA_RECS);
		for (size_t i = 0; i < t[j]->n; i++) {
			size_t at = j == 2 ? 100 + i : i;

			assert_int_equal(t[j]->recs[i].seq, at * 3);
			assert_int_equal(t[j]->recs[i].nregs, a->nregs);
			assert_int_equal(t[j]->recs[i].role_known, (uint32_t)((1u << NROLES) - 1) & ~(at % 5 ? 0u : 0x28u));
			assert_int_equal(t[j]->recs[i].role[R_PC], at % 2 ? want[at][a->role_reg[R_PC]] : 0x400000 + at * 16);
			assert_int_equal(t[j]->recs[i].role[R_SP], at % 2 ? want[at][a->role_reg[R_SP]] : 0x400000 + at * 16 + 1);
			assert_memory_equal(t[j]->recs[i].regs, want[at], (size_t)a->nregs * sizeof want[at][0]);
		}
		trace_free(t[j]);
	}
	/* the first record of M 0 gone: the next one lacks registers no earlier record holds */
	cut = strdup(text);
	memmove(strchr(cut, '\n') + 1, strchr(strchr(cut, '\n') + 1, '\n') + 1, strlen(strchr(strchr(cut, '\n') + 1, '\n') + 1) + 1);
	assert_null(trace_read_mem(cut, strlen(cut), "t", err, sizeof err));
	assert_non_null(strstr(err, "t:5: regs: missing \""));
	free(cut);
	free(spaced);
	free(text);
	free(full);
	free(w);
}

static void read_from_file(void **state)
{
	char path[] = "/tmp/crossrt-trace-XXXXXX";
	struct trace_header h;
	struct trace_end e = { 3, true, 5, "exit" };
	char err[256];
	size_t len;
	char *text;
	struct trace *t;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	fill_header(&h, "arm64", "file");
	text = write_trace(&h, 50, &e, &len);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	t = trace_read(path, err, sizeof err);
	if (!t)
		fail_msg("%s", err);
	check_records(t, 50);
	assert_int_equal(t->end.exit_status, 3);
	trace_free(t);

	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	close(fd);
	assert_null(trace_read(path, err, sizeof err));
	assert_true(strncmp(err, path, strlen(path)) == 0);
	assert_non_null(strstr(err, ":1: missing header"));
	unlink(path);

	assert_null(trace_read(path, err, sizeof err));
	assert_non_null(strstr(err, "No such file"));
	free(text);
}

static void write_errors(void **state)
{
	const struct archdesc *a = arch_byname("arm64");
	struct trace_rec r;
	struct trace_header h;
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (!f)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	fill_header(&h, "arm64", "full");
	fill_rec(&r, a, 1);
	assert_int_equal(trace_write_header(f, &h), -1);
	assert_int_equal(trace_write_rec(f, a, &r), -1);
	fclose(f);
}

/* Event lines between records: kept in order with their seq, escapes decoded. */
static void events_round_trip(void **state)
{
	const struct archdesc *a = arch_byname("riscv64");
	struct trace_end e = { 0, true, 7, "exit" };
	struct trace_header h;
	struct trace_rec r;
	struct trace *t;
	char *buf = NULL, err[256], big[3000];
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	fill_header(&h, "riscv64", "ev");
	assert_int_equal(trace_write_header(f, &h), 0);
	assert_int_equal(trace_write_event(f, "unknown-syscall", 0, "nr 999 before any probe"), 0);
	fill_rec(&r, a, 0);
	assert_int_equal(trace_write_rec(f, a, &r), 0);
	fill_rec(&r, a, 1);
	assert_int_equal(trace_write_rec(f, a, &r), 0);
	assert_int_equal(trace_write_event(f, "unknown-syscall", 3, "nr 436 \"x\"\n\\"), 0);
	assert_int_equal(trace_write_event(f, "note", 3, big), 0);
	assert_int_equal(trace_write_event(f, "", 3, "empty kind"), -1);
	assert_int_equal(trace_write_event(f, "a-kind-name-longer-than-31-bytes", 3, ""), -1);
	assert_int_equal(trace_write_end(f, &e), 0);
	assert_int_equal(fclose(f), 0);
	assert_non_null(strstr(buf, "\n{\"event\":\"unknown-syscall\",\"after\":3,"
				    "\"detail\":\"nr 436 \\\"x\\\"\\n\\\\\"}\n"));
	t = trace_read_mem(buf, len, "ev", err, sizeof err);
	if (!t)
		fail_msg("%s", err);
	check_records(t, 2);
	assert_true(t->has_end);
	assert_int_equal(t->nevents, 3);
	assert_string_equal(t->events[0].kind, "unknown-syscall");
	assert_int_equal(t->events[0].after, 0);
	assert_string_equal(t->events[0].detail, "nr 999 before any probe");
	assert_int_equal(t->events[1].after, 3);
	assert_string_equal(t->events[1].detail, "nr 436 \"x\"\n\\");
	assert_string_equal(t->events[2].kind, "note");
	assert_string_equal(t->events[2].detail, big);
	trace_free(t);
	free(buf);
}

static void malformed_events(void **state)
{
	static const char head[] = "{\"crossrt\":\"trace\",\"v\":1,\"arch\":\"x86_64\",\"engine\":\"qemu\","
				   "\"prog\":\"p\",\"procs\":1,\"seed\":0}\n";
	static const struct {
		const char *line;
		const char *why;
	} cases[] = {
		{ "{\"event\":\"k\",\"detail\":\"d\"}", "event line: missing \"after\"" },
		{ "{\"event\":\"k\",\"after\":1}", "event line: missing \"detail\"" },
		{ "{\"after\":1,\"detail\":\"d\"}", "event line: missing \"event\"" },
		{ "{\"event\":\"\",\"after\":1,\"detail\":\"d\"}", "empty \"event\"" },
		{ "{\"event\":\"k\",\"after\":-1,\"detail\":\"d\"}", "\"after\": must not be negative" },
		{ "{\"event\":\"k\",\"after\":1,\"detail\":7}", "\"detail\": expected a string" },
		{ "{\"event\":\"k\",\"after\":1,\"detail\":\"d\\q\"}", "bad escape" },
		{ "{\"event\":\"k\",\"after\":1,\"detail\":\"d\",\"detail\":\"e\"}", "duplicate key \"detail\"" },
		{ "{\"event\":\"k\",\"after\":1,\"detail\":\"d\",\"seq\":4}", "event line with record or end keys" },
		{ "{\"event\":\"k\",\"after\":1,\"detail\":\"d\",\"end\":true}", "event line with record or end keys" },
		{ "{\"event\":\"0123456789abcdef0123456789abcdef\",\"after\":1,\"detail\":\"d\"}", "string too long" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[512], err[256];
		int n = snprintf(text, sizeof text, "%s%s\n", head, cases[i].line);
		char *exact = malloc((size_t)n);
		struct trace *t;

		memcpy(exact, text, (size_t)n);
		t = trace_read_mem(exact, (size_t)n, "t", err, sizeof err);
		if (t || strncmp(err, "t:2: ", 5) != 0 || !strstr(err, cases[i].why))
			fail_msg("case %zu: got %s \"%s\", want \"t:2: ...%s\"", i, t ? "a trace" : "error", err,
				 cases[i].why);
		free(exact);
	}
}

/* Across ISAs a symbol loses its offset and a compiler's suffix, never a Go package's dots. */
static void archkey_symbols(void **unused)
{
	static const char *const cases[][2] = {
		{ "runtime.gopanic+0x0", "runtime.gopanic" },
		{ "main.main.func1+0x1c", "main.main.func1" },
		{ "runtime.gogo.abi0+0x0", "runtime.gogo" },
		{ "deferproc.isra.0+0x8", "deferproc" },
		{ "newproc.constprop.0+0x4", "newproc" },
		{ "counter.0+0x8", "counter" },
		{ "gopanic+0x10", "gopanic" },
		{ "g#6:top-0x70", "g#6" },
		{ "g#6+0x28", "g#6+0x28" },
		{ "gostr:\"in goroutine\"", "gostr:\"in goroutine\"" },
		{ "gostr:\"invalid memory address or nil pointer...\"", "gostr:\"invalid memory address or nil pointer...\"" },
		{ "const:0x2a", "const:0x2a" },
		{ "heap+0x18030", "heap" },
	};
	char out[NORMLEN];

	(void)unused;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		norm_archkey(cases[i][0], out, sizeof out);
		assert_string_equal(out, cases[i][1]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_every_arch),
		cmocka_unit_test(archkey_symbols),
		cmocka_unit_test(writer_format),
		cmocka_unit_test(escaped_strings),
		cmocka_unit_test(json_escapes_decoded),
		cmocka_unit_test(other_layouts),
		cmocka_unit_test(killed_run_without_end),
		cmocka_unit_test(malformed_inputs),
		cmocka_unit_test(truncated_lines),
		cmocka_unit_test(damaged_bytes),
		cmocka_unit_test(big_round_trip),
		cmocka_unit_test(delta_round_trip),
		cmocka_unit_test(read_from_file),
		cmocka_unit_test(write_errors),
		cmocka_unit_test(events_round_trip),
		cmocka_unit_test(malformed_events),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
