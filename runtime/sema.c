/*
 * Semaphores for sync (sema.go): a count in user memory and, for the
 * waiters, one of 251 wait lists chosen by the count's address.
 */
#include "runtime.h"
#include "backend.h"

#define SEMTABLESZ	251

struct semaRoot {
	struct mutex lock;
	struct sudog *head, *tail;
	uint32_t nwait;
};

static struct semaRoot semtable[SEMTABLESZ];

static struct semaRoot *semroot(uint32_t *addr)
{
	return &semtable[((uintptr)addr >> 3) % SEMTABLESZ];
}

static bool cansemacquire(uint32_t *addr)
{
	for (;;) {
		uint32_t v = __atomic_load_n(addr, __ATOMIC_ACQUIRE);
		if (v == 0)
			return false;
		if (__atomic_compare_exchange_n(addr, &v, v - 1, false, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			return true;
	}
}

static void semqueue(struct semaRoot *root, uint32_t *addr, struct sudog *s)
{
	s->g = getg();
	s->elem = addr;
	s->next = NULL;
	s->prev = root->tail;
	if (root->tail)
		root->tail->next = s;
	else
		root->head = s;
	root->tail = s;
}

static struct sudog *semdequeue(struct semaRoot *root, uint32_t *addr)
{
	for (struct sudog *s = root->head; s; s = s->next) {
		if (s->elem != addr)
			continue;
		if (s->prev)
			s->prev->next = s->next;
		else
			root->head = s->next;
		if (s->next)
			s->next->prev = s->prev;
		else
			root->tail = s->prev;
		s->next = s->prev = NULL;
		s->elem = NULL;
		return s;
	}
	return NULL;
}

/* Wait until *addr > 0, then decrement it. */
void semacquire1(uint32_t *addr, uintptr reason)
{
	struct semaRoot *root;
	struct sudog *s;

	if (cansemacquire(addr))
		return;
	s = acquireSudog();
	root = semroot(addr);
	for (;;) {
		lock(&root->lock);
		__atomic_add_fetch(&root->nwait, 1, __ATOMIC_SEQ_CST);
		if (cansemacquire(addr)) {
			__atomic_sub_fetch(&root->nwait, 1, __ATOMIC_SEQ_CST);
			unlock(&root->lock);
			break;
		}
		semqueue(root, addr, s);
		goparkunlock(&root->lock, reason);
		if (s->ticket != 0 || cansemacquire(addr))
			break;
	}
	releaseSudog(s);
}

/* Increment *addr and wake one waiter for it. */
void semrelease1(uint32_t *addr)
{
	struct semaRoot *root = semroot(addr);
	struct sudog *s;

	__atomic_add_fetch(addr, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&root->nwait, __ATOMIC_SEQ_CST) == 0)
		return;
	lock(&root->lock);
	if (__atomic_load_n(&root->nwait, __ATOMIC_SEQ_CST) == 0) {
		unlock(&root->lock);
		return;
	}
	s = semdequeue(root, addr);
	if (s)
		__atomic_sub_fetch(&root->nwait, 1, __ATOMIC_SEQ_CST);
	unlock(&root->lock);
	if (s)
		goready(s->g);
}
