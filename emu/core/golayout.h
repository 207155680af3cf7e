/* Where a Go release keeps what a hit names (runtime2.go's g and m). */
#ifndef EMU_GOLAYOUT_H
#define EMU_GOLAYOUT_H

struct golayout {
	const char *version;	/* a release prefix, "go1.19" */
	unsigned g_stack_lo, g_stack_hi, g_panic, g_defer, g_m, g_goid;
	unsigned m_id;
};

#endif
