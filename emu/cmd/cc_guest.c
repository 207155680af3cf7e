/*
 * The Makefile's guest_cflags of each ISA, compiled in (GUEST_LIST): the
 * flags live in the Makefile alone, and crossrt cc builds with them.
 */
#include <string.h>
#include "cmd/cc_guest.h"

#ifndef CROSSRT_GUESTS
#error "CROSSRT_GUESTS: the Makefile defines it (GUEST_LIST)"
#endif

#define GUEST(a, c, b, f) { #a, c, b, f },
static const struct guest_cc guests[] = { CROSSRT_GUESTS };
#undef GUEST
#define GUEST(a, c, b, f) " " #a
static const char names[] = CROSSRT_GUESTS;
#undef GUEST

const struct guest_cc *guest_cc(const char *arch)
{
	for (size_t i = 0; i < sizeof guests / sizeof *guests; i++)
		if (!strcmp(guests[i].arch, arch))
			return &guests[i];
	return NULL;
}

const char *guest_arches(void)
{
	return names + 1;
}
