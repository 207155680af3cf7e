/* A Go executable's .go.buildinfo: the Go release that built it, with or without symbols. */
#ifndef EMU_GOBUILDINFO_H
#define EMU_GOBUILDINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct gobuildinfo {
	char version[32];	/* the release, "go1.19.8"; "" when only version_ptr is known */
	uint64_t version_ptr;	/* before Go 1.18: the address of runtime.buildVersion's string header */
	int ptr_size;
	bool big;
};

/* The n bytes of the section: 0, or -1 with a one-line reason. */
int go_buildinfo_parse(const unsigned char *sec, size_t n, struct gobuildinfo *bi, char *err, size_t errlen);

#endif
