/* crossrt cc: a user's program compiled and linked against the runtime, as the scenarios are. */
#ifndef EMU_CC_H
#define EMU_CC_H

/* How the Makefile compiles for an ISA (its guest_cflags), built into crossrt. */
struct guest_cc {
	const char *arch;
	const char *cc;		/* the compiler */
	const char *bin;	/* binutils prefix: BINnm, BINobjcopy */
	const char *cflags;	/* space-separated */
};

const struct guest_cc *guest_cc(const char *arch);
/* The ISAs of arches.mk, space-separated, for messages. */
const char *guest_arches(void);

/*
 * Compile and link args (source files and compiler flags, in order) for arch
 * into out, then fill its .functab; 0 on success, else the error said on stderr.
 */
int cc_build(const char *arch, const char *out, char *const *args, int nargs);

#endif
