/* sudogs come from a per-P cache backed by a central list, as Go's. */
#include "runtime.h"
#include "backend.h"

#define SUDOGCACHEMAX	128

struct sudog *acquireSudog(void)
{
	struct m *mp = getg()->m;
	struct p *pp;
	struct sudog *s;

	mp->locks++;
	pp = mp->p;
	if (pp->sudogcache == NULL) {
		lock(&sched.sudoglock);
		for (int i = 0; i < SUDOGCACHEMAX / 2 && sched.sudogcache; i++) {
			s = sched.sudogcache;
			sched.sudogcache = s->next;
			s->next = pp->sudogcache;
			pp->sudogcache = s;
			pp->nsudogcache++;
		}
		unlock(&sched.sudoglock);
		if (pp->sudogcache == NULL) {
			pp->sudogcache = mallocgc(sizeof(struct sudog));
			recordobj(OBJ_SUDOG, -1, pp->sudogcache, sizeof(struct sudog));
			pp->nsudogcache++;
		}
	}
	s = pp->sudogcache;
	pp->sudogcache = s->next;
	pp->nsudogcache--;
	s->next = NULL;
	mp->locks--;
	return s;
}

void releaseSudog(struct sudog *s)
{
	struct m *mp = getg()->m;
	struct p *pp;

	if (s->elem || s->isSelect || s->next || s->prev || s->waitlink || s->c)
		throw("runtime: sudog with non-nil field");
	s->g = NULL;
	s->ticket = 0;
	s->success = false;
	mp->locks++;
	pp = mp->p;
	if (pp->nsudogcache >= SUDOGCACHEMAX) {
		lock(&sched.sudoglock);
		while (pp->nsudogcache > SUDOGCACHEMAX / 2) {
			struct sudog *s1 = pp->sudogcache;
			pp->sudogcache = s1->next;
			pp->nsudogcache--;
			s1->next = sched.sudogcache;
			sched.sudogcache = s1;
		}
		unlock(&sched.sudoglock);
	}
	s->next = pp->sudogcache;
	pp->sudogcache = s;
	pp->nsudogcache++;
	mp->locks--;
}
