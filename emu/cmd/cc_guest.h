/* How the Makefile compiles for each ISA (its guest_cflags), built into crossrt. */
#ifndef EMU_CC_GUEST_H
#define EMU_CC_GUEST_H

struct guest_cc {
	const char *arch;
	const char *cc;		/* the compiler */
	const char *bin;	/* binutils prefix: BINnm, BINobjcopy */
	const char *cflags;	/* space-separated */
};

const struct guest_cc *guest_cc(const char *arch);
/* The ISAs of arches.mk, space-separated, for messages. */
const char *guest_arches(void);

#endif
