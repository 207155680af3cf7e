/* Index out of range through the checked INDEX: recovered, then not. */
#include "crossrt.h"

static int s[3] = { 1, 2, 3 };

static int at(int i)
{
	return INDEX(s, i);
}

static void catch(void)
{
	any r = recover();

	if (!isnil(r))
		printf("recovered: %s\n", sprint(r).s);
}

static void tryat(int i)
{
	DEFER(catch, 0);
	printf("at %d = %d\n", i, at(i));
	DEFERRETURN();
}

void main_main(void)
{
	tryat(1);
	tryat(5);
	tryat(-1);
	printf("%d\n", at(3));
}
