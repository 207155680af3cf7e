/* Host stand-in for the arch sigctxt.h: the runtime sources under test take no signals. */
#ifndef ARCH_SIGCTXT_H
#define ARCH_SIGCTXT_H

#define UC_PC	0
#define UC_SP	0
#define UC_FP	0

#endif
