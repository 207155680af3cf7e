/*
 * The runtime's own record of its objects, for the host tools: one text
 * line per M and per goroutine written to the fd named by CROSSRT_TRACEFD.
 * The normalizer uses it to name stacks and objects (g#N, g0@m#N, m#N)
 * where an engine cannot read guest memory, and every time value the
 * runtime hands out (a clock reading, a timer's deadline) as `time`:
 * real time under qemu and natively, virtual under Unicorn, so that a
 * register holding one is not a divergence between engines or ISAs.
 */
#include <stdarg.h>
#include "runtime.h"

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
