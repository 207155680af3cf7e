/* Panic values: strings, integers, errors; an error panics with its Error text. */
#include "crossrt.h"

struct MyErr {
	int code;
	char text[32];
};

static const char *MyErr_Error(struct MyErr *e)
{
	const char *prefix = "myerr ";
	char *p = e->text;

	while (*prefix)
		*p++ = *prefix++;
	*p++ = (char)('0' + e->code % 10);
	*p = 0;
	return e->text;
}

static ERROR_TYPE(MyErr_type, "*main.MyErr", MyErr_Error);

static void catch(void)
{
	printf("recovered: %s\n", sprint(recover()).s);
}

static void try(any v)
{
	DEFER(catch, 0);
	panic(v);
	DEFERRETURN();
}

void main_main(void)
{
	static struct MyErr e7 = { 7, "" }, e8 = { 8, "" };

	try(ANY("a string"));
	try(ANY(42));
	try(ANY(-7));
	try(errors_New("an error"));
	try(Error(&MyErr_type, &e7));
	panic(Error(&MyErr_type, &e8));
}
