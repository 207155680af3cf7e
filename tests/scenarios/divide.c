/* Integer division by zero through the checked DIV and MOD: recovered, then not. */
#include "crossrt.h"

static int64_t div_(int64_t a, int64_t b)
{
	return DIV(a, b);
}

static int64_t mod(int64_t a, int64_t b)
{
	return MOD(a, b);
}

static void catch(void)
{
	any r = recover();

	if (!isnil(r))
		printf("recovered: %s\n", sprint(r).s);
}

static void trydiv(int64_t a, int64_t b)
{
	DEFER(catch, 0);
	int64_t q = div_(a, b);
	printf("%ld / %ld = %ld rem %ld\n", (long)a, (long)b, (long)q, (long)mod(a, b));
	DEFERRETURN();
}

void main_main(void)
{
	trydiv(7, 2);
	trydiv(-7, 2);
	trydiv(INT64_MIN, -1);
	trydiv(1, 0);
	printf("%ld\n", (long)div_(1, 0));
}
