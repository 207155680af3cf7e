/*
 * select (select.go): poll the cases in a random order, locking the
 * channels in address order; if none is ready, wait on all of them and
 * take whichever wakes us.  Cases [0, nsends) send, the rest receive;
 * a case with a nil channel is never chosen.
 */
#include "chan.h"
#include "backend.h"

struct scase {
	struct hchan *c;
	void *elem;
};

struct selstate {
	struct scase *scases;
	uint16_t *lockorder;
	int n;
};

static void sellock(struct selstate *s)
{
	struct hchan *last = NULL;

	for (int i = 0; i < s->n; i++) {
		struct hchan *c = s->scases[s->lockorder[i]].c;
		if (c != last)
			lock(&c->lock);
		last = c;
	}
}

static void selunlock(void *arg)
{
	struct selstate *s = arg;

	for (int i = s->n - 1; i >= 0; i--) {
		struct hchan *c = s->scases[s->lockorder[i]].c;
		if (i > 0 && c == s->scases[s->lockorder[i - 1]].c)
			continue;
		unlock(&c->lock);
	}
}

static bool selparkcommit(struct g *gp, void *arg)
{
	struct hchan *lastc = NULL;

	(void)arg;
	__atomic_store_n(&gp->parkingOnChan, 0, __ATOMIC_RELEASE);
	for (struct sudog *sg = gp->waiting; sg; sg = sg->waitlink) {
		if (sg->c != lastc && lastc)
			unlock(&lastc->lock);
		lastc = sg->c;
	}
	if (lastc)
		unlock(&lastc->lock);
	return true;
}

/* Heap sort of the cases by channel address: the lock order. */
static void sortlockorder(struct scase *sc, uint16_t *pollorder, uint16_t *lockorder, int n)
{
	for (int i = 0; i < n; i++) {
		int j = i;
		struct hchan *c = sc[pollorder[i]].c;
		while (j > 0 && (uintptr)sc[lockorder[(j - 1) / 2]].c < (uintptr)c) {
			int k = (j - 1) / 2;
			lockorder[j] = lockorder[k];
			j = k;
		}
		lockorder[j] = pollorder[i];
	}
	for (int i = n - 1; i >= 0; i--) {
		uint16_t o = lockorder[i];
		struct hchan *c = sc[o].c;
		int j = 0;
		lockorder[i] = lockorder[0];
		for (;;) {
			int k = j * 2 + 1;
			if (k >= i)
				break;
			if (k + 1 < i && (uintptr)sc[lockorder[k]].c < (uintptr)sc[lockorder[k + 1]].c)
				k++;
			if ((uintptr)c < (uintptr)sc[lockorder[k]].c) {
				lockorder[j] = lockorder[k];
				j = k;
				continue;
			}
			break;
		}
		lockorder[j] = o;
	}
}

/* Wait on every case; returns the case that won and whether it succeeded. */
static int selwait(struct selstate *s, int nsends, bool *success)
{
	struct g *gp = getg();
	struct sudog **nextp = &gp->waiting, *sg, *sglist;
	int casi = -1;

	for (int i = 0; i < s->n; i++) {
		int ci = s->lockorder[i];
		struct scase *cas = &s->scases[ci];
		sg = acquireSudog();
		sg->g = gp;
		sg->isSelect = true;
		sg->elem = cas->elem;
		sg->c = cas->c;
		*nextp = sg;
		nextp = &sg->waitlink;
		enqueue(ci < nsends ? &cas->c->sendq : &cas->c->recvq, sg);
	}
	gp->param = NULL;
	__atomic_store_n(&gp->parkingOnChan, 1, __ATOMIC_RELEASE);
	gopark(selparkcommit, NULL, waitReasonSelect);

	sellock(s);
	gp->selectDone = 0;
	sg = gp->param;
	gp->param = NULL;
	sglist = gp->waiting;
	for (struct sudog *sg1 = sglist; sg1; sg1 = sg1->waitlink) {
		sg1->isSelect = false;
		sg1->elem = NULL;
		sg1->c = NULL;
	}
	gp->waiting = NULL;
	for (int i = 0; i < s->n; i++) {
		int ci = s->lockorder[i];
		struct scase *k = &s->scases[ci];
		struct sudog *next;
		if (sg == sglist) {
			casi = ci;
			*success = sglist->success;
		} else {
			dequeueSudoG(ci < nsends ? &k->c->sendq : &k->c->recvq, sglist);
		}
		next = sglist->waitlink;
		sglist->waitlink = NULL;
		releaseSudog(sglist);
		sglist = next;
	}
	if (casi < 0)
		throw("selectgo: bad wakeup");
	return casi;
}

/*
 * order0 has room for 2*(nsends+nrecvs) entries.  Returns the chosen
 * case, -1 if !block and none was ready; *recvOK for a receive that
 * got a value (not a close).
 */
int selectgo(struct scase *cas0, uint16_t *order0, int nsends, int nrecvs, bool block, bool *recvOK)
{
	int ncases = nsends + nrecvs, norder = 0, casi = -1;
	uint16_t *pollorder = order0, *lockorder = order0 + ncases;
	struct selstate s = { cas0, lockorder, 0 };
	struct scase *cas = NULL;
	struct hchan *c;
	struct sudog *sg = NULL;
	bool success;

	*recvOK = false;
	for (int i = 0; i < ncases; i++) {
		uint32_t j;
		if (cas0[i].c == NULL) {
			cas0[i].elem = NULL;
			continue;
		}
		j = fastrandn((uint32_t)norder + 1);
		pollorder[norder] = pollorder[j];
		pollorder[j] = (uint16_t)i;
		norder++;
	}
	if (norder == 0 && block) {
		gopark(NULL, NULL, waitReasonSelectNoCases);
		throw("unreachable");
	}
	s.n = norder;
	sortlockorder(cas0, pollorder, lockorder, norder);
	sellock(&s);

	for (int i = 0; i < norder; i++) {
		casi = pollorder[i];
		cas = &cas0[casi];
		c = cas->c;
		if (casi >= nsends) {
			if ((sg = dequeue(&c->sendq)) != NULL) {
				chanrecv_direct(c, sg, cas->elem, selunlock, &s);
				*recvOK = true;
				return casi;
			}
			if (c->qcount > 0) {
				void *qp = chanbuf(c, c->recvx);
				if (cas->elem)
					memmove(cas->elem, qp, c->elemsize);
				memset(qp, 0, c->elemsize);
				if (++c->recvx == c->dataqsiz)
					c->recvx = 0;
				c->qcount--;
				selunlock(&s);
				*recvOK = true;
				return casi;
			}
			if (c->closed)
				goto rclose;
		} else {
			if (c->closed)
				goto sclose;
			if ((sg = dequeue(&c->recvq)) != NULL) {
				chansend_direct(c, sg, cas->elem, selunlock, &s);
				return casi;
			}
			if (c->qcount < c->dataqsiz) {
				memmove(chanbuf(c, c->sendx), cas->elem, c->elemsize);
				if (++c->sendx == c->dataqsiz)
					c->sendx = 0;
				c->qcount++;
				selunlock(&s);
				return casi;
			}
		}
	}
	if (!block) {
		selunlock(&s);
		return -1;
	}

	casi = selwait(&s, nsends, &success);
	cas = &cas0[casi];
	if (casi < nsends) {
		if (!success)
			goto sclose;
	} else {
		*recvOK = success;
	}
	selunlock(&s);
	return casi;

rclose:
	selunlock(&s);
	if (cas->elem)
		memset(cas->elem, 0, c->elemsize);
	return casi;
sclose:
	selunlock(&s);
	panicplain("send on closed channel");
}
