/* Deferred calls change named results, also after a recovery. */
#include "crossrt.h"

static void twice(volatile int *r)
{
	*r *= 2;
}

static int double_(void)
{
	RESULT(int, r) = 0;
	DEFER(twice, &r);
	r = 21;
	DEFERRETURN(r);
}

static void incr(volatile int *r)
{
	(*r)++;
}

static int inc(void)
{
	RESULT(int, r) = 0;
	DEFER(incr, &r);
	r = 10;
	RETURN;
	r = 99;
	DEFERRETURN(r);
}

struct divresult {
	int64_t q;
	any err;
};

static char errtext[128];

static void setrecovered(volatile struct divresult *res)
{
	any e = recover();
	const char *prefix = "recovered: ";
	char *p = errtext;

	if (isnil(e))
		return;
	for (const char *s = prefix; *s; s++)
		*p++ = *s;
	for (const char *s = sprint(e).s; *s && p < errtext + sizeof errtext - 1; s++)
		*p++ = *s;
	*p = 0;
	res->q = -1;
	res->err = errors_New(errtext);
}

static struct divresult safediv(int64_t a, int64_t b)
{
	RESULT(struct divresult, res) = { 0 };
	DEFER(setrecovered, &res);
	res.q = DIV(a, b);
	DEFERRETURN(res);
}

void main_main(void)
{
	struct divresult r;

	printf("double: %d\n", double_());
	printf("inc: %d\n", inc());
	r = safediv(7, 2);
	printf("%ld %s\n", (long)r.q, sprint(r.err).s);
	r = safediv(1, 0);
	printf("%ld %s\n", (long)r.q, sprint(r.err).s);
}
