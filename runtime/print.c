/*
 * Output.  print() is Go's print builtin (stderr); printf() is a small
 * fmt.Printf for programs (stdout).  Each call formats into a buffer and
 * writes it with one system call.
 */
#include <stdarg.h>
#include "runtime.h"
#include "panic.h"

struct fmtbuf {
	char b[512];
	uintptr n;
	int fd;
};

static void flush(struct fmtbuf *f)
{
	writefd(f->fd, f->b, f->n);
	f->n = 0;
}

static void putc1(struct fmtbuf *f, char c)
{
	if (f->n == sizeof f->b)
		flush(f);
	f->b[f->n++] = c;
}

static void puts1(struct fmtbuf *f, const char *s)
{
	if (!s)
		s = "<nil>";
	while (*s)
		putc1(f, *s++);
}

static void putu(struct fmtbuf *f, uint64_t v, unsigned base)
{
	char tmp[24];
	int i = 0;

	do {
		tmp[i++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (i)
		putc1(f, tmp[--i]);
}

static void puti(struct fmtbuf *f, int64_t v)
{
	if (v < 0) {
		putc1(f, '-');
		putu(f, -(uint64_t)v, 10);
	} else {
		putu(f, (uint64_t)v, 10);
	}
}

static void vformat(struct fmtbuf *f, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int longs = 0;

		if (*fmt != '%') {
			putc1(f, *fmt);
			continue;
		}
		fmt++;
		while (*fmt == 'l' || *fmt == 'z') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
			puti(f, longs ? va_arg(ap, long) : va_arg(ap, int));
			break;
		case 'u':
			putu(f, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10);
			break;
		case 'x':
			putu(f, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16);
			break;
		case 'p':
			puts1(f, "0x");
			putu(f, (uintptr)va_arg(ap, void *), 16);
			break;
		case 's':
			puts1(f, va_arg(ap, const char *));
			break;
		case 'c':
			putc1(f, (char)va_arg(ap, int));
			break;
		case '%':
			putc1(f, '%');
			break;
		default:
			putc1(f, '%');
			if (!*fmt)
				return;
			putc1(f, *fmt);
		}
	}
}

int printf(const char *fmt, ...)
{
	struct fmtbuf f = { .fd = 1 };
	va_list ap;

	va_start(ap, fmt);
	vformat(&f, fmt, ap);
	va_end(ap);
	int n = (int)f.n;
	flush(&f);
	return n;
}

void print(const char *fmt, ...)
{
	struct fmtbuf f = { .fd = 2 };
	va_list ap;

	va_start(ap, fmt);
	vformat(&f, fmt, ap);
	va_end(ap);
	flush(&f);
}

void writefd(int fd, const char *p, uintptr n)
{
	while (n > 0) {
		intptr r = write1(fd, p, n);
		if (r <= 0)
			return;
		p += r;
		n -= (uintptr)r;
	}
}

void printstring(const char *s) { writefd(2, s, strlen(s)); }
void printnl(void) { writefd(2, "\n", 1); }
void printint(int64_t v) { print("%ld", (long)v); }
void printuint(uint64_t v) { print("%lu", (unsigned long)v); }
void printhex(uint64_t v) { print("0x%lx", (unsigned long)v); }
void printlock(void) {}

void throw(const char *s)
{
	print("fatal error: %s\n", s);
	fatalthrow();
}

void fatal(const char *s)
{
	print("fatal error: %s\n", s);
	fatalthrow();
}
