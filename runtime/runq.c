/*
 * Run queues: the per-P ring with runnext, and the global queue.  The
 * ring's head/tail discipline is Go's, so that other Ps can steal from it.
 */
#include "runtime.h"

static uint32_t load_acq(uint32_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static void store_rel(uint32_t *p, uint32_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static bool cas_rel(uint32_t *p, uint32_t old, uint32_t new)
{
	return __atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

static void gqueue_push(struct gqueue *q, struct g *gp)
{
	gp->schedlink = NULL;
	if (q->tail)
		q->tail->schedlink = gp;
	else
		q->head = gp;
	q->tail = gp;
	q->size++;
}

static struct g *gqueue_pop(struct gqueue *q)
{
	struct g *gp = q->head;

	if (gp) {
		q->head = gp->schedlink;
		if (!q->head)
			q->tail = NULL;
		q->size--;
	}
	return gp;
}

void globrunqput(struct g *gp)
{
	gqueue_push(&sched.runq, gp);
}

/* Move half the local queue and gp to the global queue: the ring is full. */
static bool runqputslow(struct p *pp, struct g *gp, uint32_t h, uint32_t t)
{
	struct g *batch[RUNQSIZE / 2 + 1];
	uint32_t n = (t - h) / 2, i;

	for (i = 0; i < n; i++)
		batch[i] = pp->runq[(h + i) % RUNQSIZE];
	if (!cas_rel(&pp->runqhead, h, h + n))
		return false;
	batch[n] = gp;
	for (i = 0; i <= n; i++)
		globrunqput(batch[i]);
	return true;
}

void runqput(struct p *pp, struct g *gp, bool next)
{
	if (next) {
		struct g *old = __atomic_exchange_n(&pp->runnext, gp, __ATOMIC_ACQ_REL);
		if (old == NULL)
			return;
		gp = old;
	}
	for (;;) {
		uint32_t h = load_acq(&pp->runqhead);
		uint32_t t = pp->runqtail;

		if (t - h < RUNQSIZE) {
			pp->runq[t % RUNQSIZE] = gp;
			store_rel(&pp->runqtail, t + 1);
			return;
		}
		if (runqputslow(pp, gp, h, t))
			return;
	}
}

struct g *runqget(struct p *pp)
{
	struct g *next = pp->runnext;

	if (next && __atomic_compare_exchange_n(&pp->runnext, &next, NULL, false,
						__ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return next;
	for (;;) {
		uint32_t h = load_acq(&pp->runqhead);
		uint32_t t = pp->runqtail;
		struct g *gp;

		if (t == h)
			return NULL;
		gp = pp->runq[h % RUNQSIZE];
		if (cas_rel(&pp->runqhead, h, h + 1))
			return gp;
	}
}

/* Take a fair share of the global queue: run the first, queue the rest locally. */
struct g *globrunqget(void)
{
	struct p *pp = allp[0];
	int32_t n;
	struct g *gp;

	if (sched.runq.size == 0)
		return NULL;
	n = sched.runq.size / gomaxprocs + 1;
	if (n > sched.runq.size)
		n = sched.runq.size;
	if (n > RUNQSIZE / 2)
		n = RUNQSIZE / 2;
	gp = gqueue_pop(&sched.runq);
	while (--n > 0)
		runqput(pp, gqueue_pop(&sched.runq), false);
	return gp;
}
