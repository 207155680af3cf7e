/*
 * Panic values: the predeclared types, errors.New, Go's runtime errors,
 * and the two ways of printing a value (fmt.Sprint and the runtime's
 * own, for "panic: VALUE").
 */
#include "panic.h"

const struct _type string_type = { "string", KindString, NULL };
const struct _type int_type = { "int", KindInt, NULL };

static const char *errorString_Error(void *e)
{
	return e;
}

const struct _type errorString_type = { "*errors.errorString", KindError, errorString_Error };
static const struct _type runtimeError_type = { "runtime.errorString", KindError, errorString_Error };

/* The text of an error whose Error method is the runtime's own (it runs no user code), else NULL. */
const char *runtimeerrortext(eface v)
{
	return v._type && v._type->Error == errorString_Error ? v.data : NULL;
}

eface errors_New(const char *text)
{
	return (eface){ &errorString_type, (void *)text };
}

struct strbuf {
	char *p, *end;
};

static void putstr(struct strbuf *b, const char *s)
{
	while (*s && b->p < b->end)
		*b->p++ = *s++;
}

static void putint(struct strbuf *b, int64_t v)
{
	char tmp[24];
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	int i = 0;

	do {
		tmp[i++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[i++] = '-';
	while (i && b->p < b->end)
		*b->p++ = tmp[--i];
}

/* runtime.boundsError for a[x] with len(a) == y. */
struct boundsError {
	int64_t x;
	uint64_t y;
	char msg[80];
};

static const char *boundsError_Error(void *e)
{
	struct boundsError *be = e;
	struct strbuf b = { be->msg, be->msg + sizeof be->msg - 1 };

	putstr(&b, "runtime error: index out of range [");
	putint(&b, be->x);
	putstr(&b, "]");
	if (be->x >= 0) {
		putstr(&b, " with length ");
		putint(&b, (int64_t)be->y);
	}
	*b.p = 0;
	return be->msg;
}

static const struct _type boundsError_type = { "runtime.boundsError", KindError, boundsError_Error };

void panicIndex(int64_t x, uint64_t y)
{
	struct boundsError *be = persistentalloc(sizeof *be);

	be->x = x;
	be->y = y;
	gopanic((eface){ &boundsError_type, be });
}

void panicmem(void)
{
	gopanic((eface){ &runtimeError_type, "runtime error: invalid memory address or nil pointer dereference" });
}

void panicdivide(void)
{
	gopanic((eface){ &runtimeError_type, "runtime error: integer divide by zero" });
}

void panicoverflow(void)
{
	gopanic((eface){ &runtimeError_type, "runtime error: integer overflow" });
}

void panicfloat(void)
{
	gopanic((eface){ &runtimeError_type, "runtime error: floating point error" });
}

/* Go's a / b and a % b on int64: a zero divisor panics; MinInt64 / -1 wraps. */
int64_t int64div(int64_t a, int64_t b)
{
	if (b == 0)
		panicdivide();
	if (b == -1)
		return (int64_t)(0 - (uint64_t)a);
	return a / b;
}

int64_t int64mod(int64_t a, int64_t b)
{
	if (b == 0)
		panicdivide();
	if (b == -1)
		return 0;
	return a % b;
}

/* fmt.Sprint(v) */
struct sprintbuf sprint(eface v)
{
	struct sprintbuf r;
	struct strbuf b = { r.s, r.s + sizeof r.s - 1 };

	if (v._type == NULL)
		putstr(&b, "<nil>");
	else if (v._type->Error)
		putstr(&b, v._type->Error(v.data));
	else if (v._type->kind == KindString)
		putstr(&b, v.data);
	else if (v._type->kind == KindInt)
		putint(&b, (int64_t)(intptr)v.data);
	else
		putstr(&b, v._type->string);
	*b.p = 0;
	return r;
}

/* The value in "panic: VALUE": as Go's printpanicval, an error prints its Error text. */
void printpanicval(eface v)
{
	if (v._type == NULL)
		printstring("nil");
	else if (v._type->Error)
		printstring(v._type->Error(v.data));
	else if (v._type->kind == KindString)
		printstring(v.data);
	else if (v._type->kind == KindInt)
		printint((int64_t)(intptr)v.data);
	else
		print("(%s) %p", v._type->string, v.data);
}
