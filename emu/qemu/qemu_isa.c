/* The table of qemu_<isa>.c's parts, by arch id. */
#include "qemu/qemu.h"

#define ISA(n) &qemu_##n,
static const struct qisa *const qisas[NARCH] = { CROSSRT_ISAS };
#undef ISA

const struct qisa *qisa_get(int archid)
{
	return qisas[archid];
}
