/* The engines by name. */
#include <string.h>
#include "engine/engine.h"

const char *const engine_names[NENGINE] = {
	[ENGINE_QEMU] = "qemu",
	[ENGINE_UNICORN] = "unicorn",
	[ENGINE_NATIVE] = "native",
};

int engine_parse(const char *name)
{
	for (int e = 0; e < NENGINE; e++)
		if (!strcmp(engine_names[e], name))
			return e;
	return -1;
}
