/* The run queues of runtime/runq.c: the ring, runnext, overflow to the global queue, stealing. */
#include "rtshim.h"
#include "../../runtime/runq.c"

static struct g gs[1024];

static void setup2(void)
{
	memset(&sched, 0, sizeof sched);
	memset(gs, 0, sizeof gs);
	gomaxprocs = 2;
	allp = shimalloc(2, sizeof *allp);
	allp[0] = newp(0);
	allp[1] = newp(1);
	setp(allp[0]);
}

static void test_ring_fifo(void **state)
{
	bool inherit;

	(void)state;
	setup2();
	for (int i = 0; i < 10; i++)
		runqput(allp[0], &gs[i], false);
	for (int i = 0; i < 10; i++) {
		assert_ptr_equal(runqget(allp[0], &inherit), &gs[i]);
		assert_false(inherit);
	}
	assert_null(runqget(allp[0], &inherit));
	assert_true(runqempty(allp[0]));
}

static void test_runnext(void **state)
{
	bool inherit;

	(void)state;
	setup2();
	runqput(allp[0], &gs[0], true);
	runqput(allp[0], &gs[1], true);	/* kicks gs[0] to the ring */
	assert_ptr_equal(allp[0]->runnext, &gs[1]);
	assert_ptr_equal(runqget(allp[0], &inherit), &gs[1]);
	assert_true(inherit);
	assert_ptr_equal(runqget(allp[0], &inherit), &gs[0]);
	assert_false(inherit);
}

static void test_overflow(void **state)
{
	bool inherit;

	(void)state;
	setup2();
	for (int i = 0; i < RUNQSIZE + 1; i++)
		runqput(allp[0], &gs[i], false);
	/* The full ring sent its older half and the newcomer to the global queue. */
	assert_int_equal(sched.runq.size, RUNQSIZE / 2 + 1);
	assert_int_equal(allp[0]->runqtail - allp[0]->runqhead, RUNQSIZE / 2);
	assert_ptr_equal(sched.runq.head, &gs[0]);
	assert_ptr_equal(sched.runq.tail, &gs[RUNQSIZE]);
	assert_ptr_equal(runqget(allp[0], &inherit), &gs[RUNQSIZE / 2]);
}

static void test_globrunqget_share(void **state)
{
	bool inherit;
	struct g *gp;

	(void)state;
	setup2();
	for (int i = 0; i < 10; i++)
		globrunqput(&gs[i]);
	/* size/gomaxprocs + 1 = 6: one to run, five to the local ring */
	gp = globrunqget(allp[0], 0);
	assert_ptr_equal(gp, &gs[0]);
	assert_int_equal(sched.runq.size, 4);
	assert_int_equal(allp[0]->runqtail - allp[0]->runqhead, 5);
	assert_ptr_equal(runqget(allp[0], &inherit), &gs[1]);
	assert_ptr_equal(globrunqget(allp[1], 1), &gs[6]);
	assert_int_equal(sched.runq.size, 3);
}

static void test_steal_half(void **state)
{
	bool inherit;
	struct g *gp;

	(void)state;
	setup2();
	for (int i = 0; i < 9; i++)
		runqput(allp[0], &gs[i], false);
	setp(allp[1]);
	gp = runqsteal(allp[1], allp[0], false);
	/* ceil(9/2) = 5 taken from the head; the last one is returned to run. */
	assert_ptr_equal(gp, &gs[4]);
	assert_int_equal(allp[1]->runqtail - allp[1]->runqhead, 4);
	assert_int_equal(allp[0]->runqtail - allp[0]->runqhead, 4);
	for (int i = 0; i < 4; i++)
		assert_ptr_equal(runqget(allp[1], &inherit), &gs[i]);
	for (int i = 5; i < 9; i++)
		assert_ptr_equal(runqget(allp[0], &inherit), &gs[i]);
}

static void test_steal_runnext(void **state)
{
	(void)state;
	setup2();
	runqput(allp[0], &gs[7], true);
	assert_null(runqsteal(allp[1], allp[0], false));
	allp[0]->status = Pidle;
	assert_ptr_equal(runqsteal(allp[1], allp[0], true), &gs[7]);
	assert_null(allp[0]->runnext);
	assert_true(runqempty(allp[1]));
}

static void test_steal_wraps(void **state)
{
	bool inherit;

	(void)state;
	setup2();
	/* Move both rings' indices near the wrap point first. */
	allp[0]->runqhead = allp[0]->runqtail = UINT32_MAX - 3;
	allp[1]->runqhead = allp[1]->runqtail = UINT32_MAX - 1;
	for (int i = 0; i < 200; i++)
		runqput(allp[0], &gs[i], false);
	assert_ptr_equal(runqsteal(allp[1], allp[0], false), &gs[99]);
	for (int i = 0; i < 99; i++)
		assert_ptr_equal(runqget(allp[1], &inherit), &gs[i]);
	assert_ptr_equal(runqget(allp[0], &inherit), &gs[100]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_fifo),
		cmocka_unit_test(test_runnext),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_globrunqget_share),
		cmocka_unit_test(test_steal_half),
		cmocka_unit_test(test_steal_runnext),
		cmocka_unit_test(test_steal_wraps),
	};
	return cmocka_run_group_tests_name("runq", tests, NULL, NULL);
}
