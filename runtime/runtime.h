/* The runtime core's types and internal interface. Freestanding C11. */
#ifndef CROSSRT_RUNTIME_H
#define CROSSRT_RUNTIME_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "layout.h"

typedef uintptr_t uintptr;
typedef intptr_t intptr;

/* A probe point: a real function whose entry an engine hooks. */
#define PROBE __attribute__((noinline, noipa, used))
#define NORETURN __attribute__((noreturn))

struct gobuf {
	uintptr sp;
	uintptr pc;
	uintptr g;
	uintptr ctxt;	/* first argument register when gogo starts a goroutine */
	uintptr lr;	/* link register on arm64/riscv64 */
	uintptr bp;	/* frame pointer */
	uintptr regs[GOBUF_NREGS];
};

struct stack {
	uintptr lo;
	uintptr hi;
};

enum gstatus {
	Gidle, Grunnable, Grunning, Gsyscall, Gwaiting, Gdead,
};

struct m;
struct p;

struct g {
	struct stack stack;
	uintptr stackguard0;
	uintptr stackguard1;
	struct m *m;
	struct gobuf sched;
	int64_t goid;
	uintptr atomicstatus;
	struct g *schedlink;
	void (*startfn)(void *);
	void *startarg;
	uintptr waitreason;
};

struct m {
	uintptr tls[M_NTLS];	/* the TLS register points here; tls[0] = current g */
	struct g *g0;
	struct g *curg;
	struct g *gsignal;
	int64_t id;
	struct p *p;
	struct m *alllink;
};

#define RUNQSIZE 256

struct p {
	int32_t id;
	uint32_t schedtick;
	struct m *m;
	uint32_t runqhead;
	uint32_t runqtail;
	struct g *runq[RUNQSIZE];
	struct g *runnext;
};

struct gqueue {
	struct g *head;
	struct g *tail;
	int32_t size;
};

struct schedt {
	int64_t goidgen;
	int64_t mnext;
	struct gqueue runq;
	int32_t gcount;
	struct g *allgs;
};

extern struct schedt sched;
extern struct m m0;
extern struct g g0;
extern struct p *allp[];
extern int32_t gomaxprocs;

/* arch backend: switch.S and sys.c of each arch folder */
void gogo(struct gobuf *buf) NORETURN;
void mcall(void (*fn)(struct g *));
void systemstack(void (*fn)(void *), void *arg);
void gosave(struct gobuf *buf);
void goexit(void);
void gostartcall(struct gobuf *buf, void (*fn)(void *), void *arg);

/* proc.c */
void schedinit(void);
void newproc(void (*fn)(void *), void *arg);
void mstart(void) NORETURN;
void schedule(void) NORETURN;
void execute(struct g *gp) NORETURN;
void Gosched(void);
void goexit1(void) NORETURN;
void runqput(struct p *pp, struct g *gp, bool next);
struct g *runqget(struct p *pp);
void globrunqput(struct g *gp);
struct g *globrunqget(void);

/* malloc.c */
void *sysAlloc(uintptr n);
void *persistentalloc(uintptr n);

/* print.c */
void printlock(void);
void printstring(const char *s);
void printint(int64_t v);
void printuint(uint64_t v);
void printhex(uint64_t v);
void printnl(void);
void writefd(int fd, const char *p, uintptr n);
void throw(const char *s) NORETURN;
void fatal(const char *s) NORETURN;

/* record.c: the runtime's own record of its objects, for the host tools */
void recordinit(const char *fdstr);
void recordg(struct g *gp);
void recordm(struct m *mp);

/* sys.c */
void exit(int code) NORETURN;
intptr write1(int fd, const void *p, uintptr n);
void *mmap(void *addr, uintptr n, int prot, int flags, int fd, intptr off);
int munmap(void *addr, uintptr n);
void settls(uintptr *tls);

/* env.c */
extern int argc;
extern char **argv;
extern char **envp;
extern uintptr *auxv;
void goargs(uintptr *sp);
const char *gogetenv(const char *name);
int64_t atoi64(const char *s, bool *ok);

/* string.c */
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* the program's entry, Go's main.main */
void main_main(void);

#endif
