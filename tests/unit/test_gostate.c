/*
 * A Go program's state at probe hits: the runtime types read from its image
 * (emu/core/gotype.c), g's chains and the panic value read at a hit
 * (go_hit, emu/core/goprobes.c) and their names (emu/trace/gostate.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/gotype.h"
#include "core/probes.h"
#include "isa/isa.h"
#include "trace/gostate.h"

enum {
	BASE = 0x10000, TYPES = BASE, ETYPES = BASE + 0x800,
	T_STRING = TYPES + 0x100, T_INT = TYPES + 0x140, T_BADNAME = TYPES + 0x180,
	S_HDR = BASE + 0x900, I_VAL = BASE + 0x910, V_HDR = BASE + 0x920, TEXT = BASE + 0xa00,
};

/* A Go image for one ISA: its types section, a string, an int and runtime.buildVersion. */
struct goimg {
	unsigned char data[0x1000];
	struct elfsym syms[3];
	struct elfimage img;
};

static void put_name(struct goimg *g, uint64_t at, const char *text)
{
	g->data[at - BASE] = 0;
	g->data[at - BASE + 1] = (unsigned char)strlen(text);
	memcpy(&g->data[at - BASE + 2], text, strlen(text));
}

static void put_type(struct goimg *g, uint64_t at, uint64_t size, int tflag, int kind, uint32_t str)
{
	const struct archdesc *a = g->img.arch;

	isa_put64(a, &g->data[at - BASE], size);
	g->data[at - BASE + 0x14] = (unsigned char)tflag;
	g->data[at - BASE + 0x17] = (unsigned char)kind;
	isa_put32(a, &g->data[at - BASE + 0x28], str);
}

static void put_string(struct goimg *g, uint64_t hdr, uint64_t text, const char *s)
{
	isa_put64(g->img.arch, &g->data[hdr - BASE], text);
	isa_put64(g->img.arch, &g->data[hdr - BASE + 8], strlen(s));
	memcpy(&g->data[text - BASE], s, strlen(s));
}

static void goimg_init(struct goimg *g, const char *arch)
{
	memset(g, 0, sizeof *g);
	g->img.arch = arch_byname(arch);
	g->img.nseg = 1;
	g->img.seg[0] = (struct elfseg){ BASE, sizeof g->data, sizeof g->data, 0, SEG_R };
	g->img.data = g->data;
	g->img.size = sizeof g->data;
	g->syms[0] = (struct elfsym){ TYPES, 0, "runtime.types", false };
	g->syms[1] = (struct elfsym){ ETYPES, 0, "runtime.etypes", false };
	g->syms[2] = (struct elfsym){ V_HDR, 16, "runtime.buildVersion", false };
	g->img.nsym = 3;
	g->img.syms = g->syms;
	put_name(g, TYPES + 0x10, "*string");	/* tflag extraStar: the '*' is not the type's */
	put_name(g, TYPES + 0x40, "main.E");
	put_name(g, TYPES + 0x60, "bad name");
	put_type(g, T_STRING, 16, 2, 24, 0x10);
	put_type(g, T_INT, 8, 0, 2, 0x40);
	put_type(g, T_BADNAME, 8, 0, 2, 0x60);
	put_string(g, S_HDR, TEXT, "g panic");
	isa_put64(g->img.arch, &g->data[I_VAL - BASE], (uint64_t)-42);
	put_string(g, V_HDR, TEXT + 0x10, "go1.19.8");
}

static void types_and_values_from_the_image(void **unused)
{
	static const char *const arches[] = { "x86_64", "s390x" };	/* both byte orders */
	const struct gorun gr = { .types = TYPES, .etypes = ETYPES };
	struct goimg g;
	char out[64];
	bool quoted;

	(void)unused;
	for (size_t i = 0; i < sizeof arches / sizeof arches[0]; i++) {
		goimg_init(&g, arches[i]);
		assert_int_equal(go_type_name(&g.img, &gr, T_STRING, out, sizeof out), 0);
		assert_string_equal(out, "string");
		assert_int_equal(go_type_name(&g.img, &gr, T_INT, out, sizeof out), 0);
		assert_string_equal(out, "main.E");
		assert_int_equal(go_type_name(&g.img, &gr, T_BADNAME, out, sizeof out), -1);
		assert_int_equal(go_type_name(&g.img, &gr, S_HDR, out, sizeof out), -1);	/* not in the types section */
		assert_int_equal(go_type_name(&g.img, &gr, T_INT, out, 6), -1);		/* too long for out */
		assert_int_equal(go_value(&g.img, &gr, T_STRING, S_HDR, out, sizeof out, &quoted), 0);
		assert_string_equal(out, "g panic");
		assert_true(quoted);
		assert_int_equal(go_value(&g.img, &gr, T_INT, I_VAL, out, sizeof out, &quoted), 0);
		assert_string_equal(out, "-42");
		assert_false(quoted);
		assert_int_equal(go_value(&g.img, &gr, T_INT, 0xc000010000, out, sizeof out, &quoted), -1);	/* the heap */
	}
}

/* Guest memory as a few words. */
struct mem {
	uint64_t addr[16], val[16];
	int n;
};

static void poke(struct mem *m, uint64_t addr, uint64_t v)
{
	for (int i = 0; i < m->n; i++)
		if (m->addr[i] == addr) {
			m->val[i] = v;
			return;
		}
	assert_true(m->n < 16);
	m->addr[m->n] = addr;
	m->val[m->n++] = v;
}

static int peek(void *ctx, uint64_t addr, uint64_t *v)
{
	const struct mem *m = ctx;

	for (int i = 0; i < m->n; i++)
		if (m->addr[i] == addr) {
			*v = m->val[i];
			return 0;
		}
	return -1;
}

enum { G = 0xc000001000, G0 = 0x500000, DEFER = 0xc000020000, PANIC = 0xc000030f00, SP = 0xc000030e00 };

/* A g with goid, _panic and _defer; g0 (goid 0) with neither. */
static void goroutines(struct mem *m)
{
	poke(m, G + 0x98, 6);
	poke(m, G + 0x20, PANIC);
	poke(m, G + 0x28, DEFER);
	poke(m, G0 + 0x98, 0);
	poke(m, G0 + 0x20, 0);
	poke(m, G0 + 0x28, 0);
}

static void chains_and_value_read_at_a_hit(void **unused)
{
	struct goimg g;
	struct gorun go;
	struct mem m = { 0 };
	struct hit h;
	char err[128];
	const struct archdesc *a;

	(void)unused;
	/* s390x: g in R13, gopanic's eface on the stack past the saved-link slot */
	goimg_init(&g, "s390x");
	a = g.img.arch;
	assert_int_equal(go_resolve(&g.img, &go, err, sizeof err), 0);
	go.panic_probe = 3;
	go.recovery_probe = 5;
	goroutines(&m);
	poke(&m, SP + 8, T_STRING);
	poke(&m, SP + 16, S_HDR);
	memset(&h, 0, sizeof h);
	h.probe = 3;
	h.regs[go.abi->role_reg[R_G]] = G;
	h.regs[a->role_reg[R_SP]] = SP;
	go_hit(&go, 0, peek, &m, &h);
	assert_true(h.known & HIT_GCHAIN);
	assert_int_equal(h.gdefer, DEFER);
	assert_int_equal(h.gpanic, PANIC);
	assert_true(h.known & HIT_GOVAL);
	assert_int_equal(h.goval[0], T_STRING);
	assert_int_equal(h.goval[1], S_HDR);

	/* recovery runs on g0: the chains are those of the g it is given, at sp+8 */
	poke(&m, SP + 8, G);
	memset(&h, 0, sizeof h);
	h.probe = 5;
	h.regs[go.abi->role_reg[R_G]] = G0;
	h.regs[a->role_reg[R_SP]] = SP;
	go_hit(&go, 0, peek, &m, &h);
	assert_int_equal(h.goid, 0);
	assert_true(h.known & HIT_GCHAIN);
	assert_int_equal(h.gpanic, PANIC);
	assert_false(h.known & HIT_GOVAL);

	/* another probe on g0: g0's own chains, empty */
	h.probe = 4;
	go_hit(&go, 0, peek, &m, &h);
	assert_int_equal(h.gpanic, 0);
	assert_int_equal(h.gdefer, 0);
}

static const char *const probenames[] = {
	"runtime.deferproc", "runtime.gopanic", "runtime.gorecover", "runtime.schedule", "runtime.fatalpanic",
};
enum { DEFERPROC, GOPANIC, GORECOVER, SCHEDULE, FATALPANIC, NPROBES };

static const char *state_at(struct gostate *s, struct hit *h, struct trace_rec *r, int probe, uint64_t d, uint64_t p,
			    char *out, size_t n)
{
	h->probe = probe;
	h->known = HIT_GCHAIN;
	h->gdefer = d;
	h->gpanic = p;
	gostate_hit(s, h, r, out, n);
	return out;
}

static void objects_numbered_by_first_sight(void **unused)
{
	struct goimg g;
	struct probeset ps;
	struct gostate s;
	struct hit h;
	struct trace_rec r;
	char out[STATELEN], name[32];

	(void)unused;
	goimg_init(&g, "arm64");
	memset(&ps, 0, sizeof ps);
	ps.n = NPROBES;
	ps.go.types = TYPES;
	ps.go.etypes = ETYPES;
	for (int i = 0; i < NPROBES; i++)
		ps.name[i] = probenames[i];
	gostate_init(&s, &ps, &g.img);
	memset(&h, 0, sizeof h);
	memset(&r, 0, sizeof r);
	assert_string_equal(state_at(&s, &h, &r, DEFERPROC, 0, 0, out, sizeof out), "defer=nil panic=nil");
	assert_string_equal(state_at(&s, &h, &r, DEFERPROC, 0x2000, 0, out, sizeof out), "defer=defer#1 panic=nil");
	assert_string_equal(state_at(&s, &h, &r, SCHEDULE, 0x3000, 0, out, sizeof out), "");	/* no chains shown, none seen */
	/* gopanic's value from its registers where the engine read none (qemu) */
	r.role_known = 3u << R_A0;
	r.role[R_A0] = T_STRING;
	r.role[R_A1] = S_HDR;
	assert_string_equal(state_at(&s, &h, &r, GOPANIC, 0x2100, 0, out, sizeof out),
			    "defer=defer#2 panic=nil type=string value=\"g panic\"");
	h.known = HIT_GOVAL;	/* and as the engine read it, without the chains */
	h.goval[0] = T_INT;
	h.goval[1] = I_VAL;
	gostate_hit(&s, &h, &r, out, sizeof out);
	assert_string_equal(out, "type=main.E value=-42");
	assert_string_equal(state_at(&s, &h, &r, GORECOVER, 0x2000, 0x9000, out, sizeof out), "defer=defer#1 panic=panic#1");
	assert_string_equal(state_at(&s, &h, &r, FATALPANIC, 0, 0x9100, out, sizeof out), "defer=nil panic=panic#2");
	assert_true(gostate_name(&s, 0x9100, name, sizeof name));
	assert_string_equal(name, "panic#2");
	assert_true(gostate_name(&s, 0x2100, name, sizeof name));
	assert_string_equal(name, "defer#2");
	assert_false(gostate_name(&s, 0x3000, name, sizeof name));
	assert_false(gostate_name(&s, 0, name, sizeof name));
	gostate_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(types_and_values_from_the_image),
		cmocka_unit_test(chains_and_value_read_at_a_hit),
		cmocka_unit_test(objects_numbered_by_first_sight),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
