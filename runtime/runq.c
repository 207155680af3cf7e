/*
 * Run queues: the per-P ring with runnext, and the global queue under
 * sched.lock.  The ring's head/tail discipline is Go's: only the owner
 * writes tail; anyone may advance head with a CAS, which is how other Ps
 * steal half of it.
 */
#include "runtime.h"
#include "debug.h"

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

	DEBUGCHECK((gp != NULL) == (q->size > 0), "globrunqget: runq size and list disagree");
	if (gp) {
		q->head = gp->schedlink;
		if (!q->head)
			q->tail = NULL;
		q->size--;
	}
	return gp;
}

/* Under sched.lock. */
void globrunqput(struct g *gp)
{
	gqueue_push(&sched.runq, gp);
}

void globrunqputhead(struct g *gp)
{
	gp->schedlink = sched.runq.head;
	sched.runq.head = gp;
	if (!sched.runq.tail)
		sched.runq.tail = gp;
	sched.runq.size++;
}

/* Move half the local queue and gp to the global queue: the ring is full. */
static bool runqputslow(struct p *pp, struct g *gp, uint32_t h, uint32_t t)
{
	struct g *batch[RUNQSIZE / 2 + 1];
	uint32_t n = (t - h) / 2, i;

	if (n != RUNQSIZE / 2)
		throw("runqputslow: queue is not full");
	for (i = 0; i < n; i++)
		batch[i] = pp->runq[(h + i) % RUNQSIZE];
	if (!cas_rel(&pp->runqhead, h, h + n))
		return false;
	batch[n] = gp;
	lock(&sched.lock);
	for (i = 0; i <= n; i++)
		globrunqput(batch[i]);
	unlock(&sched.lock);
	return true;
}

/* Put gp on pp's queue; next: into runnext, kicking the old runnext to the tail. */
void runqput(struct p *pp, struct g *gp, bool next)
{
	DEBUGCHECK(gp->atomicstatus == Grunnable, "runqput: bad g status");
	if (next) {
		struct g *old = __atomic_exchange_n(&pp->runnext, gp, __ATOMIC_ACQ_REL);
		if (old == NULL)
			return;
		gp = old;
	}
	for (;;) {
		uint32_t h = load_acq(&pp->runqhead);
		uint32_t t = pp->runqtail;

		DEBUGCHECK(t - h <= RUNQSIZE, "runqput: runq overflow");
		if (t - h < RUNQSIZE) {
			pp->runq[t % RUNQSIZE] = gp;
			store_rel(&pp->runqtail, t + 1);
			return;
		}
		if (runqputslow(pp, gp, h, t))
			return;
	}
}

/* Runnext first (it inherits the time slice), then the ring's head. */
struct g *runqget(struct p *pp, bool *inheritTime)
{
	struct g *next = __atomic_load_n(&pp->runnext, __ATOMIC_ACQUIRE);

	if (next && __atomic_compare_exchange_n(&pp->runnext, &next, NULL, false,
						__ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
		*inheritTime = true;
		return next;
	}
	*inheritTime = false;
	for (;;) {
		uint32_t h = load_acq(&pp->runqhead);
		uint32_t t = pp->runqtail;
		struct g *gp;

		DEBUGCHECK(t - h <= RUNQSIZE, "runqget: runq overflow");
		if (t == h)
			return NULL;
		gp = pp->runq[h % RUNQSIZE];
		if (cas_rel(&pp->runqhead, h, h + 1))
			return gp;
	}
}

bool runqempty(struct p *pp)
{
	for (;;) {
		uint32_t head = load_acq(&pp->runqhead);
		uint32_t tail = load_acq(&pp->runqtail);
		struct g *next = __atomic_load_n(&pp->runnext, __ATOMIC_ACQUIRE);

		if (tail == load_acq(&pp->runqtail))
			return head == tail && next == NULL;
	}
}

/*
 * Grab half of pp's queue into batch[batchHead...]; with stealRunNextG,
 * runnext too when the ring is empty.  Returns how many.
 */
static uint32_t runqgrab(struct p *pp, struct g **batch, uint32_t batchHead, bool stealRunNextG)
{
	for (;;) {
		uint32_t h = load_acq(&pp->runqhead);
		uint32_t t = load_acq(&pp->runqtail);
		uint32_t n = t - h;

		n = n - n / 2;
		if (n == 0) {
			struct g *next;
			if (!stealRunNextG)
				return 0;
			next = __atomic_load_n(&pp->runnext, __ATOMIC_ACQUIRE);
			if (next == NULL)
				return 0;
			/*
			 * pp is probably about to run next itself (it has just
			 * readied it): give it a moment so that the pair of
			 * goroutines stays on one P.
			 */
			if (__atomic_load_n(&pp->status, __ATOMIC_ACQUIRE) == Prunning)
				usleep(3);
			if (!__atomic_compare_exchange_n(&pp->runnext, &next, NULL, false,
							 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
				continue;
			batch[batchHead % RUNQSIZE] = next;
			return 1;
		}
		if (n > RUNQSIZE / 2)
			continue;	/* read inconsistent h and t */
		for (uint32_t i = 0; i < n; i++)
			batch[(batchHead + i) % RUNQSIZE] = pp->runq[(h + i) % RUNQSIZE];
		if (cas_rel(&pp->runqhead, h, h + n))
			return n;
	}
}

/* Steal half of p2's queue into pp's; return one of the stolen gs to run. */
PROBE struct g *runqsteal(struct p *pp, struct p *p2, bool stealRunNextG)
{
	uint32_t t = pp->runqtail, h;
	uint32_t n = runqgrab(p2, pp->runq, t, stealRunNextG);
	struct g *gp;

	if (n == 0)
		return NULL;
	n--;
	gp = pp->runq[(t + n) % RUNQSIZE];
	if (n == 0)
		return gp;
	h = load_acq(&pp->runqhead);
	if (t - h + n >= RUNQSIZE)
		throw("runqsteal: runq overflow");
	store_rel(&pp->runqtail, t + n);
	return gp;
}

/* Take a fair share of the global queue: run the first, queue the rest locally. */
struct g *globrunqget(struct p *pp, int32_t max)
{
	int32_t n;
	struct g *gp;

	if (sched.runq.size == 0)
		return NULL;
	n = sched.runq.size / gomaxprocs + 1;
	if (n > sched.runq.size)
		n = sched.runq.size;
	if (max > 0 && n > max)
		n = max;
	if (n > RUNQSIZE / 2)
		n = RUNQSIZE / 2;
	gp = gqueue_pop(&sched.runq);
	while (--n > 0)
		runqput(pp, gqueue_pop(&sched.runq), false);
	return gp;
}
