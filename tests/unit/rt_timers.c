/* The timer heap of runtime/time.c: order, deletion, the earliest time, running due timers. */
#include "rtshim.h"
#include "../../runtime/time.c"

static int64_t fired[256];
static int nfired;

static void record(void *arg, uintptr seq)
{
	(void)seq;
	fired[nfired++] = (int64_t)(intptr_t)arg;
}

static struct p *setup1(void)
{
	memset(&sched, 0, sizeof sched);
	sched.lastpoll = 1;
	gomaxprocs = 1;
	allp = shimalloc(1, sizeof *allp);
	allp[0] = newp(0);
	setp(allp[0]);
	nfired = 0;
	fakenow = 0;
	return allp[0];
}

static struct timer *newtimer(int64_t when)
{
	struct timer *t = shimalloc(1, sizeof *t);

	t->when = when;
	t->f = record;
	t->arg = (void *)(intptr_t)when;
	return t;
}

static void checkheap(struct p *pp)
{
	for (int32_t i = 1; i < pp->ntimers; i++)
		assert_true(pp->timers[(i - 1) / 4]->when <= pp->timers[i]->when);
}

static void test_heap_order(void **state)
{
	struct p *pp = setup1();
	int64_t poll, prev = 0;
	bool ran;

	(void)state;
	for (int i = 0; i < 200; i++) {
		addtimer(newtimer(1 + (i * 7919) % 1000));
		checkheap(pp);
	}
	assert_int_equal(pp->ntimers, 200);
	fakenow = 2000;
	checkTimers(pp, 0, &poll, &ran);
	assert_true(ran);
	assert_int_equal(poll, 0);
	assert_int_equal(nfired, 200);
	for (int i = 0; i < nfired; i++) {
		assert_true(fired[i] >= prev);
		prev = fired[i];
	}
	assert_int_equal(pp->timer0When, 0);
}

static void test_due_only(void **state)
{
	struct p *pp = setup1();
	int64_t poll;
	bool ran;

	(void)state;
	addtimer(newtimer(300));
	addtimer(newtimer(100));
	addtimer(newtimer(200));
	assert_int_equal(pp->timer0When, 100);
	assert_int_equal(timeSleepUntil(), 100);
	fakenow = 50;
	checkTimers(pp, 0, &poll, &ran);
	assert_false(ran);
	assert_int_equal(poll, 100);
	fakenow = 250;
	checkTimers(pp, 0, &poll, &ran);
	assert_true(ran);
	assert_int_equal(nfired, 2);
	assert_int_equal(fired[0], 100);
	assert_int_equal(fired[1], 200);
	assert_int_equal(poll, 300);
	assert_int_equal(pp->timer0When, 300);
}

static void test_delete(void **state)
{
	struct p *pp = setup1();
	struct timer *t = newtimer(100);
	int64_t poll;
	bool ran;

	(void)state;
	addtimer(t);
	addtimer(newtimer(150));
	assert_true(deltimer(t));
	assert_false(deltimer(t));
	fakenow = 1000;
	checkTimers(pp, 0, &poll, &ran);
	assert_int_equal(nfired, 1);
	assert_int_equal(fired[0], 150);
	assert_int_equal(pp->ntimers, 0);
	/* A stopped timer can be added again. */
	t->when = 2000;
	addtimer(t);
	assert_int_equal(pp->timer0When, 2000);
}

static void test_sleep_readies(void **state)
{
	struct p *pp = setup1();
	struct timer *t = newtimer(0);
	int64_t poll;
	bool ran;

	(void)state;
	nreadied = 0;
	t->f = goroutineReady;
	t->arg = testg;
	t->nextwhen = 500;
	assert_true(resetForSleep(testg, t));
	assert_int_equal(pp->timer0When, 500);
	fakenow = 500;
	checkTimers(pp, 0, &poll, &ran);
	assert_int_equal(nreadied, 1);
	assert_ptr_equal(readied[0], testg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heap_order),
		cmocka_unit_test(test_due_only),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_sleep_readies),
	};
	return cmocka_run_group_tests_name("timers", tests, NULL, NULL);
}
