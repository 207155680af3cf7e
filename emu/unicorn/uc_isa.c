/* The table of uc_<isa>.c's parts, by arch id. */
#include "unicorn/uc.h"

#define ISA(n) &uc_##n,
static const struct ucarch *const ucarches[NARCH] = { CROSSRT_ISAS };
#undef ISA

const struct ucarch *ucarch_get(int archid)
{
	return archid >= 0 && archid < NARCH ? ucarches[archid] : NULL;
}
