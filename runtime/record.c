/*
 * The runtime's own record of its objects, for the host tools: one text
 * line per M and per goroutine written to the fd named by CROSSRT_TRACEFD.
 * The normalizer uses it to name stacks and objects (g#N, g0@m#N, m#N)
 * where an engine cannot read guest memory, and on every engine to name
 * the objects of the other kinds (p#N, chan#N, sudog#N, defer#N), the
 * state of the defer and panic chains at their probes (recordstate), and
 * every time value the runtime hands out (a clock reading, a timer's
 * deadline) as `time`: real time under qemu and natively, virtual under
 * Unicorn, so that a register holding one is not a divergence between
 * engines or ISAs.
 */
#include <stdarg.h>
#include "panic.h"

static int recordfd = -1;

void recordinit(const char *fdstr)
{
	bool ok;
	int64_t fd = atoi64(fdstr, &ok);

	if (ok && fd > 2 && fd < 1024)
		recordfd = (int)fd;
}

static void recordline(const char *s)
{
	if (recordfd >= 0)
		writefd(recordfd, s, strlen(s));
}

static char *puthex(char *p, uint64_t v)
{
	char tmp[16];
	int i = 0;

	*p++ = '0';
	*p++ = 'x';
	do {
		tmp[i++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	while (i)
		*p++ = tmp[--i];
	return p;
}

static char *putdec(char *p, int64_t v)
{
	char tmp[20];
	int i = 0;

	if (v < 0) {
		*p++ = '-';
		v = -v;
	}
	do {
		tmp[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i)
		*p++ = tmp[--i];
	return p;
}

static char *putstr(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

void recordg(struct g *gp)
{
	char buf[160], *p = buf;

	if (recordfd < 0)
		return;
	p = putstr(p, "g id=");
	p = putdec(p, gp->goid);
	p = putstr(p, " addr=");
	p = puthex(p, (uintptr)gp);
	p = putstr(p, " lo=");
	p = puthex(p, gp->stack.lo);
	p = putstr(p, " hi=");
	p = puthex(p, gp->stack.hi);
	p = putstr(p, "\n");
	*p = 0;
	recordline(buf);
}

void recordm(struct m *mp)
{
	char buf[200], *p = buf;

	if (recordfd < 0)
		return;
	p = putstr(p, "m id=");
	p = putdec(p, mp->id);
	p = putstr(p, " addr=");
	p = puthex(p, (uintptr)mp);
	p = putstr(p, " tls=");
	p = puthex(p, (uintptr)mp->tls);
	p = putstr(p, " g0=");
	p = puthex(p, (uintptr)mp->g0);
	p = putstr(p, " lo=");
	p = puthex(p, mp->g0->stack.lo);
	p = putstr(p, " hi=");
	p = puthex(p, mp->g0->stack.hi);
	p = putstr(p, "\n");
	*p = 0;
	recordline(buf);
}

static int64_t nextid[NOBJKINDS];
static const char *const objkinds[NOBJKINDS] = {
	[OBJ_P] = "p", [OBJ_CHAN] = "chan", [OBJ_SUDOG] = "sudog", [OBJ_DEFER] = "defer",
	[OBJ_PANIC] = "panic",
};

/* A new object of kind at addr: "KIND id=N addr=A size=S".  Ids count from 1 unless given (a P's). */
int64_t recordobj(int kind, int64_t id, void *addr, uintptr size)
{
	char buf[100], *p = buf;

	if (id < 0)
		id = __atomic_add_fetch(&nextid[kind], 1, __ATOMIC_RELAXED);
	if (recordfd < 0 || !addr)
		return id;
	p = putstr(p, objkinds[kind]);
	p = putstr(p, " id=");
	p = putdec(p, id);
	p = putstr(p, " addr=");
	p = puthex(p, (uintptr)addr);
	p = putstr(p, " size=");
	p = puthex(p, size);
	p = putstr(p, "\n");
	*p = 0;
	recordline(buf);
	return id;
}

/* A panic value as "int:N" or "str:TEXT" (the rest of the line), when the runtime can say it safely. */
static char *putval(char *p, char *end, eface v)
{
	const char *s = NULL;

	if (v._type == &int_type) {
		p = putstr(p, " val=int:");
		return putdec(p, (int64_t)(intptr)v.data);
	}
	if (v._type == &string_type)
		s = v.data;
	else if (v._type && v._type->kind == KindError)
		s = runtimeerrortext(v);
	if (!s)
		return p;
	p = putstr(p, " val=str:");
	for (; *s && p < end; s++)
		*p++ = *s == '\n' ? ' ' : *s;
	return p;
}

static int64_t deferid(struct _defer *d)
{
	return d ? d->id : 0;
}

static int64_t panicid(struct _panic *pn)
{
	return pn ? pn->id : 0;
}

/*
 * At the entry of a probe that reads or changes gp's chains (deferproc,
 * deferreturn, gopanic, gorecover, recovery): count it on gp and say the
 * heads as they are, with the value being raised (gopanic) or where
 * recovery resumes.  The host matches the line to the hit by (goid, seq).
 */
void recordstate(struct g *gp, const eface *val, uintptr resume)
{
	char buf[200], *p = buf;

	gp->chainseq++;
	if (recordfd < 0)
		return;
	p = putstr(p, "state g=");
	p = putdec(p, gp->goid);
	p = putstr(p, " seq=");
	p = putdec(p, (int64_t)gp->chainseq);
	p = putstr(p, " defer=");
	p = putdec(p, deferid(gp->_defer));
	p = putstr(p, " panic=");
	p = putdec(p, panicid(gp->_panic));
	if (resume) {
		p = putstr(p, " resume=");
		p = puthex(p, resume);
	}
	if (val)
		p = putval(p, buf + sizeof buf - 2, *val);
	p = putstr(p, "\n");
	*p = 0;
	recordline(buf);
}

/* A clock reading or a deadline: "time v=0x..." (one short write, only while recording). */
void recordtime(int64_t t)
{
	char buf[40], *p = buf;

	if (recordfd < 0)
		return;
	p = putstr(p, "time v=");
	p = puthex(p, (uint64_t)t);
	p = putstr(p, "\n");
	*p = 0;
	recordline(buf);
}
