/*
 * Asynchronous preemption gives back every register.  A goroutine holds
 * a distinct pattern in every general, floating-point and vector
 * register, the flags and the FP control and status registers
 * (tests/regs.h), and spins without calls: with one P, main runs again
 * only once sysmon has preempted it by a signal.  Main then puts another
 * pattern in every register and lets the spinner finish, which checks its
 * own.  A register the preemption path forgets shows here by name.
 */
#include "../regs.h"

static uint64_t in[REGSET_MAX], out[REGSET_MAX];
static uint64_t other[REGSET_MAX], otherout[REGSET_MAX];
static volatile int done;

static void spinner(void *arg)
{
	(void)arg;
	regspin(in, out);
	done = 1;
}

void main_main(void)
{
	regset_pattern(in, 1);
	regset_pattern(other, 2);
	regfill(other, otherout);
	if (regset_check("regfill", other, otherout))
		return;
	go(spinner, 0);
	timeSleep(Millisecond);
	regfill(other, otherout);
	regspin_stop = 1;
	while (!done)
		Gosched();
	if (regset_check("after asynchronous preemption", in, out) == 0)
		printf("every register kept across asynchronous preemption\n");
}
