/* sync.WaitGroup, shared by programs (crossrt.h) and the runtime. */
#ifndef CROSSRT_WAITGROUP_H
#define CROSSRT_WAITGROUP_H

#include <stdint.h>

/* The zero value is ready to use. */
struct WaitGroup {
	uint64_t state;		/* counter << 32 | waiters */
	uint32_t sema;
};

void WaitGroupAdd(struct WaitGroup *wg, int delta);
void WaitGroupDone(struct WaitGroup *wg);
void WaitGroupWait(struct WaitGroup *wg);

#endif
