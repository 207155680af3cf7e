/*
 * Channels with Go's semantics (chan.go): a ring buffer and two queues
 * of waiting sudogs under one lock.  A send to a waiting receiver (or a
 * receive from a waiting sender) copies straight between the two
 * goroutines' elements and readies the other one.
 */
#include "chan.h"
#include "panic.h"
#include "backend.h"

static const char *plainError_Error(void *e)
{
	return e;
}

static const struct _type plainError_type = { "runtime.plainError", KindError, plainError_Error };

void panicplain(const char *msg)
{
	gopanic((eface){ &plainError_type, (void *)msg });
}

struct hchan *makechan(uintptr elemsize, intptr size)
{
	struct hchan *c;

	if (elemsize >= 1 << 16)
		throw("makechan: invalid channel element type");
	if (size < 0 || (elemsize && (uintptr)size > ((uintptr)1 << 40) / elemsize))
		panicplain("makechan: size out of range");
	c = mallocgc(sizeof *c + elemsize * (uintptr)size);
	c->buf = (char *)(c + 1);
	c->elemsize = elemsize;
	c->dataqsiz = (uintptr)size;
	recordobj(OBJ_CHAN, -1, c, sizeof *c);
	return c;
}

void *chanbuf(struct hchan *c, uintptr i)
{
	return c->buf + i * c->elemsize;
}

void enqueue(struct waitq *q, struct sudog *sgp)
{
	sgp->next = NULL;
	sgp->prev = q->last;
	if (q->last)
		q->last->next = sgp;
	else
		q->first = sgp;
	q->last = sgp;
}

static void unlink(struct waitq *q, struct sudog *sgp)
{
	if (sgp->prev)
		sgp->prev->next = sgp->next;
	else
		q->first = sgp->next;
	if (sgp->next)
		sgp->next->prev = sgp->prev;
	else
		q->last = sgp->prev;
	sgp->next = sgp->prev = NULL;
}

/* The first waiter that is not a select another case has already won. */
struct sudog *dequeue(struct waitq *q)
{
	for (;;) {
		struct sudog *sgp = q->first;
		uint32_t zero = 0;

		if (sgp == NULL)
			return NULL;
		unlink(q, sgp);
		if (sgp->isSelect && !__atomic_compare_exchange_n(&sgp->g->selectDone, &zero, 1, false,
								  __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			continue;
		return sgp;
	}
}

void dequeueSudoG(struct waitq *q, struct sudog *sgp)
{
	if (sgp->prev || sgp->next || q->first == sgp)
		unlink(q, sgp);
}

static void unlockchan(void *c)
{
	unlock(&((struct hchan *)c)->lock);
}

/* Hand ep to the receiver waiting in sg; c is locked, unlockf unlocks it. */
void chansend_direct(struct hchan *c, struct sudog *sg, const void *ep, void (*unlockf)(void *), void *arg)
{
	struct g *gp = sg->g;

	if (sg->elem) {
		memmove(sg->elem, ep, c->elemsize);
		sg->elem = NULL;
	}
	unlockf(arg);
	gp->param = sg;
	sg->success = true;
	goready(gp);
}

/*
 * Take a value from the sender waiting in sg: directly if unbuffered,
 * else from the head of the full buffer, whose freed slot gets the
 * sender's value.
 */
void chanrecv_direct(struct hchan *c, struct sudog *sg, void *ep, void (*unlockf)(void *), void *arg)
{
	struct g *gp = sg->g;

	if (c->dataqsiz == 0) {
		if (ep)
			memmove(ep, sg->elem, c->elemsize);
	} else {
		void *qp = chanbuf(c, c->recvx);
		if (ep)
			memmove(ep, qp, c->elemsize);
		memmove(qp, sg->elem, c->elemsize);
		if (++c->recvx == c->dataqsiz)
			c->recvx = 0;
		c->sendx = c->recvx;
	}
	sg->elem = NULL;
	unlockf(arg);
	gp->param = sg;
	sg->success = true;
	goready(gp);
}

static bool chanparkcommit(struct g *gp, void *chanlock)
{
	__atomic_store_n(&gp->parkingOnChan, 0, __ATOMIC_RELEASE);
	unlock(chanlock);
	return true;
}

static bool full(struct hchan *c)
{
	if (c->dataqsiz == 0)
		return __atomic_load_n(&c->recvq.first, __ATOMIC_ACQUIRE) == NULL;
	return __atomic_load_n(&c->qcount, __ATOMIC_ACQUIRE) == c->dataqsiz;
}

static bool empty(struct hchan *c)
{
	if (c->dataqsiz == 0)
		return __atomic_load_n(&c->sendq.first, __ATOMIC_ACQUIRE) == NULL;
	return __atomic_load_n(&c->qcount, __ATOMIC_ACQUIRE) == 0;
}

/* Park on q of c (locked) until a partner or close wakes us; true if a partner did. */
static bool chanblock(struct hchan *c, struct waitq *q, void *ep, uintptr reason)
{
	struct g *gp = getg();
	struct sudog *mysg = acquireSudog();
	bool success;

	mysg->elem = ep;
	mysg->waitlink = NULL;
	mysg->g = gp;
	mysg->isSelect = false;
	mysg->c = c;
	gp->waiting = mysg;
	gp->param = NULL;
	enqueue(q, mysg);
	__atomic_store_n(&gp->parkingOnChan, 1, __ATOMIC_RELEASE);
	gopark(chanparkcommit, &c->lock, reason);
	if (mysg != gp->waiting)
		throw("G waiting list is corrupted");
	gp->waiting = NULL;
	success = mysg->success;
	gp->param = NULL;
	mysg->c = NULL;
	mysg->elem = NULL;
	releaseSudog(mysg);
	return success;
}

bool chansend(struct hchan *c, const void *ep, bool block)
{
	if (c == NULL) {
		if (!block)
			return false;
		gopark(NULL, NULL, waitReasonChanSendNilChan);
		throw("unreachable");
	}
	if (!block && __atomic_load_n(&c->closed, __ATOMIC_ACQUIRE) == 0 && full(c))
		return false;
	lock(&c->lock);
	if (c->closed) {
		unlock(&c->lock);
		panicplain("send on closed channel");
	}
	struct sudog *sg = dequeue(&c->recvq);
	if (sg) {
		chansend_direct(c, sg, ep, unlockchan, c);
		return true;
	}
	if (c->qcount < c->dataqsiz) {
		memmove(chanbuf(c, c->sendx), ep, c->elemsize);
		if (++c->sendx == c->dataqsiz)
			c->sendx = 0;
		c->qcount++;
		unlock(&c->lock);
		return true;
	}
	if (!block) {
		unlock(&c->lock);
		return false;
	}
	if (!chanblock(c, &c->sendq, (void *)ep, waitReasonChanSend)) {
		if (!c->closed)
			throw("chansend: spurious wakeup");
		panicplain("send on closed channel");
	}
	return true;
}

/* Returns whether it completed (selected) and in *received whether a value came. */
bool chanrecv(struct hchan *c, void *ep, bool block, bool *received)
{
	*received = false;
	if (c == NULL) {
		if (!block)
			return false;
		gopark(NULL, NULL, waitReasonChanReceiveNilChan);
		throw("unreachable");
	}
	if (!block && empty(c)) {
		if (__atomic_load_n(&c->closed, __ATOMIC_ACQUIRE) == 0)
			return false;
		if (empty(c)) {
			if (ep)
				memset(ep, 0, c->elemsize);
			return true;
		}
	}
	lock(&c->lock);
	if (c->closed && c->qcount == 0) {
		unlock(&c->lock);
		if (ep)
			memset(ep, 0, c->elemsize);
		return true;
	}
	struct sudog *sg = dequeue(&c->sendq);
	if (sg) {
		chanrecv_direct(c, sg, ep, unlockchan, c);
		*received = true;
		return true;
	}
	if (c->qcount > 0) {
		void *qp = chanbuf(c, c->recvx);
		if (ep)
			memmove(ep, qp, c->elemsize);
		memset(qp, 0, c->elemsize);
		if (++c->recvx == c->dataqsiz)
			c->recvx = 0;
		c->qcount--;
		unlock(&c->lock);
		*received = true;
		return true;
	}
	if (!block) {
		unlock(&c->lock);
		return false;
	}
	*received = chanblock(c, &c->recvq, ep, waitReasonChanReceive);
	return true;
}

/* c <- *elem */
void chansend1(struct hchan *c, const void *elem)
{
	stackcheck();
	chansend(c, elem, true);
}

/* *elem = <-c */
void chanrecv1(struct hchan *c, void *elem)
{
	bool received;

	stackcheck();
	chanrecv(c, elem, true, &received);
}

/* *elem, ok = <-c */
bool chanrecv2(struct hchan *c, void *elem)
{
	bool received;

	stackcheck();
	chanrecv(c, elem, true, &received);
	return received;
}

/* select { case c <- *elem: ...; default: } */
bool selectnbsend(struct hchan *c, const void *elem)
{
	return chansend(c, elem, false);
}

/* select { case *elem, *received = <-c: ...; default: } */
bool selectnbrecv(void *elem, struct hchan *c, bool *received)
{
	return chanrecv(c, elem, false, received);
}

/* Close c: every waiting receiver gets the zero value, every sender panics. */
void closechan(struct hchan *c)
{
	struct g *glist = NULL, *gp;
	struct waitq *qs[2];
	struct sudog *sg;

	if (c == NULL)
		panicplain("close of nil channel");
	lock(&c->lock);
	if (c->closed) {
		unlock(&c->lock);
		panicplain("close of closed channel");
	}
	__atomic_store_n(&c->closed, 1, __ATOMIC_RELEASE);
	qs[0] = &c->recvq;
	qs[1] = &c->sendq;
	for (int i = 0; i < 2; i++) {
		while ((sg = dequeue(qs[i])) != NULL) {
			if (sg->elem) {
				if (i == 0)
					memset(sg->elem, 0, c->elemsize);
				sg->elem = NULL;
			}
			gp = sg->g;
			gp->param = sg;
			sg->success = false;
			gp->schedlink = glist;
			glist = gp;
		}
	}
	unlock(&c->lock);
	while ((gp = glist) != NULL) {
		glist = gp->schedlink;
		gp->schedlink = NULL;
		goready(gp);
	}
}

intptr chanlen(struct hchan *c)
{
	return c ? (intptr)c->qcount : 0;
}

intptr chancap(struct hchan *c)
{
	return c ? (intptr)c->dataqsiz : 0;
}
