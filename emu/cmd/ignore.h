/*
 * What a diff leaves out (crossrt diff --ignore LIST, a scenario's
 * NAME.ignore): a comma-separated list of words, each
 *	NAME            a raw register (across engines) or a role (across engines and ISAs)
 *	ISA:NAME        the same, on that ISA only
 *	NAME@PROBE      the same, at hits of that probe only
 *	ISA:NAME@PROBE
 */
#ifndef EMU_IGNORE_H
#define EMU_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

#define IGNORE_MAX 32
#define IGNORE_TEXT 512

struct ignorelist {
	int n;
	bool any_probe;			/* some word names a probe */
	struct ignoreword {
		char isa[16];		/* "" for every ISA */
		char name[24];
		char probe[32];		/* "" for every probe */
	} w[IGNORE_MAX];
	char text[IGNORE_TEXT];		/* as given, for messages */
};

/* Parse and check text: each NAME must be a role or some ISA's register. -1 with err on a bad word. */
int ignore_parse(const char *text, struct ignorelist *l, char *err, size_t errlen);
/* name (a register or role) of ISA isa is ignored at probe (NULL: at every probe, words without @PROBE only). */
bool ignore_has(const struct ignorelist *l, const char *isa, const char *name, const char *probe);

#endif
