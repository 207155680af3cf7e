/* crossrt cc: a user's program compiled and linked against the runtime, as the scenarios are. */
#ifndef EMU_CC_H
#define EMU_CC_H

/*
 * Compile and link args (source files and compiler flags, in order) for arch
 * into out, then fill its .functab; 0 on success, else the error said on stderr.
 */
int cc_build(const char *arch, const char *out, char *const *args, int nargs);

#endif
