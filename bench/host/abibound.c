/*
 * abibound ARCH: the ABI's lower bound in instructions for one context
 * switch: every callee-saved register of the arch's table stored and
 * loaded, plus sp and pc saved and restored.
 */
#include <stdio.h>
#include "isa/isa.h"

int main(int argc, char **argv)
{
	const struct archdesc *a = argc == 2 ? arch_byname(argv[1]) : NULL;

	if (!a) {
		fprintf(stderr, "usage: abibound ARCH (one of arches.mk)\n");
		return 2;
	}
	printf("%d\n", 2 * (a->ncallee + 2));
	return 0;
}
