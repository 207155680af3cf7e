/* What a program written for crossrt sees: Go's primitives in C. */
#ifndef CROSSRT_H
#define CROSSRT_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

void newproc(void (*fn)(void *), void *arg);
void Gosched(void);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* go f(arg) */
#define go(fn, arg) newproc((void (*)(void *))(fn), (void *)(uintptr_t)(arg))

/*
 * interface{}, for panic values: ANY(x) makes one from a string, an
 * integer or another any; an error is a value with a type made by
 * ERROR_TYPE, whose Error method gives its text.
 */
#include "iface.h"
typedef eface any;
static inline any String(const char *s) { return (any){ &string_type, (void *)s }; }
static inline any Int(intptr_t v) { return (any){ &int_type, (void *)v }; }
static inline any AnyOf(any v) { return v; }
static inline any Error(const struct _type *t, void *self) { return (any){ t, self }; }
static inline bool isnil(any v) { return v._type == NULL; }
#define ANY(x) _Generic((x), char *: String, const char *: String, any: AnyOf, default: Int)(x)
#define ERROR_TYPE(name, gotype, method) \
	const struct _type name = { gotype, KindError, (const char *(*)(void *))(method) }

/* panic(x), recover(), runtime.Goexit() */
void gopanic(any e) __attribute__((noreturn));
any gorecover(uintptr_t argp);
void Goexit(void) __attribute__((noreturn));
#define panic(x) gopanic(ANY(x))
#define recover() gorecover((uintptr_t)__builtin_frame_address(0))

/*
 * defer fn(arg).  A function that defers ends with DEFERRETURN(results),
 * which runs its deferred calls; RETURN jumps there.  After a recovery
 * deferproc returns a second time, into the middle of the function, so
 * results must be RESULT variables (volatile): DEFERRETURN refuses others.
 * fn is any void fn(T) with T a pointer or a pointer-sized integer, or
 * void fn(void); DEFER refuses others (DEFERFN_OK_).
 *
 *	static int f(void)
 *	{
 *		RESULT(int, n) = 0;
 *		DEFER(double_it, &n);
 *		n = 21;
 *		DEFERRETURN(n);
 *	}
 */
int deferproc(void (*fn)(void *), void *arg) __attribute__((returns_twice));
void deferreturn(void);
#define DEFER(fn, arg) do { \
	_Static_assert(DEFERFN_OK_(fn), "DEFER(fn, arg): fn must be void fn(T) with T a pointer or a " \
		       "pointer-sized integer (long, uintptr_t), or void fn(void)"); \
	_Static_assert(DEFERARG_OK_(arg), "DEFER(fn, arg): arg must be a pointer or an integer"); \
	if (deferproc((void (*)(void *))(void (*)(void))(fn), (void *)(uintptr_t)(arg))) \
		goto deferreturn_; \
} while (0)
#define RESULT(type, name) volatile type name
#define RETURN goto deferreturn_
#define DEFERRETURN(...) deferreturn_: deferreturn(); \
	__VA_OPT__(MUSTBEVOLATILE_(__VA_ARGS__);) return __VA_ARGS__
#define MUSTBEVOLATILE_(r) _Static_assert(__builtin_types_compatible_p(__typeof__(&(r)), volatile __typeof__(r) *), \
	"a result read after DEFER must be volatile: use RESULT(type, name)")
/*
 * deferproc keeps arg as one machine word and calls fn with it in the first
 * argument register: right for a pointer or a pointer-sized integer, wrong
 * for a narrower integer (the ABIs of riscv64 and s390x want it extended
 * by its own type) or a floating-point value (another register).
 */
#define DEFERFN_OK_(fn) _Generic((fn), \
	void (*)(_Bool): 0, void (*)(char): 0, void (*)(signed char): 0, void (*)(unsigned char): 0, \
	void (*)(short): 0, void (*)(unsigned short): 0, void (*)(int): 0, void (*)(unsigned): 0, \
	void (*)(float): 0, void (*)(double): 0, void (*)(long double): 0, default: 1)
#define DEFERARG_OK_(arg) (_Generic((arg), float: 0, double: 0, long double: 0, default: 1) && \
	sizeof((arg) + 0) <= sizeof(void *))

/* Checked operations that panic with Go's runtime errors. */
void panicIndex(int64_t x, uint64_t y) __attribute__((noreturn));
int64_t int64div(int64_t a, int64_t b);
int64_t int64mod(int64_t a, int64_t b);
static inline size_t boundscheck(int64_t i, size_t len)
{
	if ((uint64_t)i >= len)
		panicIndex(i, len);
	return (size_t)i;
}
#define MUSTBEARRAY_(a) (0 * sizeof(char[1 - 2 * __builtin_types_compatible_p(__typeof__(a), __typeof__(&(a)[0]))]))
#define LEN(a) (sizeof(a) / sizeof((a)[0]) + MUSTBEARRAY_(a))
#define INDEX(a, i) ((a)[boundscheck((i), LEN(a))])	/* a[i] of an array */
#define INDEXN(p, n, i) ((p)[boundscheck((i), (n))])	/* p[i] of n elements */
#define DIV(a, b) int64div((a), (b))
#define MOD(a, b) int64mod((a), (b))

/*
 * Channels: make(chan T, n) is makechan(sizeof(T), n); elements are
 * passed by address.  chanrecv2 is v, ok := <-c.
 */
typedef struct hchan *chan;
chan makechan(uintptr_t elemsize, intptr_t size);
void chansend1(chan c, const void *elem);
void chanrecv1(chan c, void *elem);
bool chanrecv2(chan c, void *elem);
void closechan(chan c);
intptr_t chanlen(chan c);
intptr_t chancap(chan c);
/* select with one case and a default */
bool selectnbsend(chan c, const void *elem);
bool selectnbrecv(void *elem, chan c, bool *received);
/*
 * select: cases[0:nsends] send *elem, the rest receive into elem (may be
 * NULL); order has room for 2*(nsends+nrecvs).  Returns the case taken,
 * or -1 for the default when block is false.
 */
struct scase {
	chan c;
	void *elem;
};
int selectgo(struct scase *cases, uint16_t *order, int nsends, int nrecvs, bool block, bool *recvOK);

/* time.Sleep */
void timeSleep(int64_t ns);
/* runtime.nanotime: the monotonic clock in ns (what time.Now's monotonic reading holds) */
int64_t nanotime(void);
#define Nanosecond	1LL
#define Microsecond	(1000 * Nanosecond)
#define Millisecond	(1000 * Microsecond)
#define Second		(1000 * Millisecond)

/* sync.WaitGroup */
#include "waitgroup.h"

/*
 * The function-entry stack check: sp against the goroutine's
 * stackguard0.  A function that can recurse deeply starts with
 * STACKCHECK(); it also makes loops preemptible between calls.
 */
#include "stackcheck.h"
#define STACKCHECK() stackcheck()

void main_main(void);

#endif
