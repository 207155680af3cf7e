/* riscv64: tp points at m->tls; the current g is the word it points at. */
#ifndef ARCH_TLS_H
#define ARCH_TLS_H

struct g;

static inline __attribute__((always_inline)) struct g **gslot(void)
{
	struct g **p;
	__asm__ volatile("mv %0, tp" : "=r"(p));
	return p;
}

/* One load through tp, as the stack check wants it. */
static inline __attribute__((always_inline)) struct g *getg(void)
{
	struct g *gp;
	__asm__ volatile("ld %0, 0(tp)" : "=r"(gp));
	return gp;
}

static inline __attribute__((always_inline)) void setg(struct g *gp)
{
	*gslot() = gp;
}

static inline __attribute__((always_inline)) uintptr_t getsp(void)
{
	uintptr_t sp;
	__asm__ volatile("mv %0, sp" : "=r"(sp));
	return sp;
}

#endif
