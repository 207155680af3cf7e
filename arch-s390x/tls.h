/*
 * s390x: access registers a0:a1 (high:low 32 bits) point at m->tls; the
 * current g is the word they point at.
 */
#ifndef ARCH_TLS_H
#define ARCH_TLS_H

struct g;

static inline __attribute__((always_inline)) struct g **gslot(void)
{
	struct g **p;
	__asm__ volatile("ear %0, %%a0\n\tsllg %0, %0, 32\n\tear %0, %%a1" : "=&d"(p));
	return p;
}

static inline __attribute__((always_inline)) struct g *getg(void)
{
	return *gslot();
}

static inline __attribute__((always_inline)) void setg(struct g *gp)
{
	*gslot() = gp;
}

static inline __attribute__((always_inline)) uintptr_t getsp(void)
{
	uintptr_t sp;
	__asm__ volatile("lgr %0, %%r15" : "=d"(sp));
	return sp;
}

#endif
