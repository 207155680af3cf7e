/* Host stand-in for the arch tls.h: the unit tests set the current g. */
#ifndef ARCH_TLS_H
#define ARCH_TLS_H

struct g;
extern struct g *testg;

static inline struct g *getg(void)
{
	return testg;
}

#endif
