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

void main_main(void);

#endif
