/* Channels: what chan.c and select.c share. */
#ifndef CROSSRT_CHAN_H
#define CROSSRT_CHAN_H

#include "runtime.h"

struct waitq {
	struct sudog *first;
	struct sudog *last;
};

struct hchan {
	uintptr qcount;		/* elements in buf */
	uintptr dataqsiz;	/* capacity of buf */
	char *buf;
	uintptr elemsize;
	uint32_t closed;
	uintptr sendx;
	uintptr recvx;
	struct waitq recvq;
	struct waitq sendq;
	struct mutex lock;
};

void *chanbuf(struct hchan *c, uintptr i);
void enqueue(struct waitq *q, struct sudog *sgp);
struct sudog *dequeue(struct waitq *q);
void dequeueSudoG(struct waitq *q, struct sudog *sgp);
void chansend_direct(struct hchan *c, struct sudog *sg, const void *ep, void (*unlockf)(void *), void *arg);
void chanrecv_direct(struct hchan *c, struct sudog *sg, void *ep, void (*unlockf)(void *), void *arg);
NORETURN void panicplain(const char *msg);

#endif
