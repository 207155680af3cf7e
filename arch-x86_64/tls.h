/* x86_64: the TLS register is the FS base; g lives at %fs:0. */
#ifndef ARCH_TLS_H
#define ARCH_TLS_H

#define ARCH_SET_FS 0x1002

struct g;

static inline __attribute__((always_inline)) struct g *getg(void)
{
	struct g *gp;
	__asm__ volatile("mov %%fs:0, %0" : "=r"(gp));
	return gp;
}

static inline __attribute__((always_inline)) void setg(struct g *gp)
{
	__asm__ volatile("mov %0, %%fs:0" : : "r"(gp) : "memory");
}

static inline __attribute__((always_inline)) uintptr_t getsp(void)
{
	uintptr_t sp;
	__asm__ volatile("mov %%rsp, %0" : "=r"(sp));
	return sp;
}

#endif
