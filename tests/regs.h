/*
 * Register workloads (tests/arch-ISA/regs.S, one per ISA): a pattern in
 * every register a goroutine can hold - general, floating-point, vector,
 * flags, FP control and status - so that a transition that loses one
 * shows in the program's output, not only in its trace.
 */
#ifndef TESTS_REGS_H
#define TESTS_REGS_H

#include "crossrt.h"

#define REGSET_MAX	128

/* This ISA's register set: its size, names (NUL-separated), and per word
 * the bits a pattern may set (the rest keep regset_fixed's value); which
 * words are the frame pointer and the link register (-1: in memory). */
extern const int32_t regset_n, regset_fp, regset_lr;
extern const char regset_names[];
extern const uint64_t regset_mask[], regset_fixed[];

/* Load every register from in[], store them all to out[]. */
void regfill(const uint64_t *in, uint64_t *out);
/* The same, with the registers live in a loop without calls until regspin_stop != 0. */
void regspin(const uint64_t *in, uint64_t *out);
extern volatile int32_t regspin_stop;

/* The rounding mode of the FP unit(s): one of these. */
enum { RoundNearest, RoundTowardZero, RoundDown, RoundUp };
int fpround_get(void);
void fpround_set(int mode);

static inline uint64_t regset_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/*
 * A pattern for every register, different for every seed and register;
 * the frame pointer and link register get the same value on every ISA,
 * since an across-ISA trace diff compares those roles.
 */
static inline void regset_pattern(uint64_t *in, uint64_t seed)
{
	for (int i = 0; i < regset_n; i++)
		in[i] = (regset_mix(seed << 8 | (uint64_t)i) & regset_mask[i]) | regset_fixed[i];
	in[regset_fp] = regset_mix(seed << 8 | 0xf0);
	if (regset_lr >= 0)
		in[regset_lr] = regset_mix(seed << 8 | 0xf1);
}

/* Print each register of out[] that differs from in[] in its pattern bits; return how many. */
static inline int regset_check(const char *what, const uint64_t *in, const uint64_t *out)
{
	const char *name = regset_names;
	int bad = 0;

	for (int i = 0; i < regset_n; i++) {
		if ((in[i] ^ out[i]) & regset_mask[i]) {
			printf("%s: %s is %lx, want %lx\n", what, name,
			       (unsigned long)(out[i] & regset_mask[i]), (unsigned long)in[i]);
			bad++;
		}
		while (*name++)
			;
	}
	return bad;
}

#endif
