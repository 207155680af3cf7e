/* A nil dereference is a real SIGSEGV turned into a panic: recovered, then not. */
#include "crossrt.h"

struct T {
	long a, b;
};

static struct T *volatile nilp;

static long load(struct T *p)
{
	return p->b;
}

static void store(struct T *p)
{
	p->a = 1;
}

static void catch(void)
{
	printf("recovered: %s\n", sprint(recover()).s);
}

static void tryload(void)
{
	DEFER(catch, 0);
	printf("%ld\n", load(nilp));
	DEFERRETURN();
}

void main_main(void)
{
	tryload();
	printf("main\n");
	store(nilp);
}
