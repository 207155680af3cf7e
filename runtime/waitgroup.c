/*
 * sync.WaitGroup as Go's: the counter in the high 32 bits of state, the
 * number of waiters in the low 32, and a semaphore the last Done releases
 * once per waiter.
 */
#include "panic.h"
#include "waitgroup.h"

void semacquire1(uint32_t *addr, uintptr reason);
void semrelease1(uint32_t *addr);

static NORETURN void panicstr(const char *s)
{
	gopanic((eface){ &string_type, (void *)s });
}

void WaitGroupAdd(struct WaitGroup *wg, int delta)
{
	uint64_t state = __atomic_add_fetch(&wg->state, (uint64_t)(int64_t)delta << 32, __ATOMIC_SEQ_CST);
	int32_t v = (int32_t)(state >> 32);
	uint32_t w = (uint32_t)state;

	if (v < 0)
		panicstr("sync: negative WaitGroup counter");
	if (w != 0 && delta > 0 && v == delta)
		panicstr("sync: WaitGroup misuse: Add called concurrently with Wait");
	if (v > 0 || w == 0)
		return;
	if (__atomic_load_n(&wg->state, __ATOMIC_SEQ_CST) != state)
		panicstr("sync: WaitGroup misuse: Add called concurrently with Wait");
	__atomic_store_n(&wg->state, 0, __ATOMIC_SEQ_CST);
	for (; w != 0; w--)
		semrelease1(&wg->sema);
}

void WaitGroupDone(struct WaitGroup *wg)
{
	WaitGroupAdd(wg, -1);
}

void WaitGroupWait(struct WaitGroup *wg)
{
	for (;;) {
		uint64_t state = __atomic_load_n(&wg->state, __ATOMIC_SEQ_CST);

		if (state >> 32 == 0)
			return;
		if (__atomic_compare_exchange_n(&wg->state, &state, state + 1, false,
						__ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
			semacquire1(&wg->sema, waitReasonSemacquire);
			if (__atomic_load_n(&wg->state, __ATOMIC_SEQ_CST) != 0)
				panicstr("sync: WaitGroup is reused before previous Wait has returned");
			return;
		}
	}
}
