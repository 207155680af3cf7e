/* The engines by name. */
#include <string.h>
#include "engine/engine.h"

const char *const engine_names[NENGINE] = {
	[ENGINE_QEMU] = "qemu",
	[ENGINE_UNICORN] = "unicorn",
	[ENGINE_NATIVE] = "native",
};

/*
 * The facts (trace/facts.h) each engine's hits let the normalizer compute:
 * from needs the fault, which Unicorn and ptrace see; sig and clone need
 * the signal frames and the clone, which only Unicorn sees; tls needs the
 * TLS register in the dump.
 */
const char *const engine_facts[NENGINE] = {
	[ENGINE_QEMU] = "cs regs tls sp",
	[ENGINE_UNICORN] = "cs regs tls from sig clone sp",
	[ENGINE_NATIVE] = "cs regs tls from sp",
};

int engine_parse(const char *name)
{
	for (int e = 0; e < NENGINE; e++)
		if (!strcmp(engine_names[e], name))
			return e;
	return -1;
}
