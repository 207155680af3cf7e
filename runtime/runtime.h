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

enum pstatus {
	Pidle, Prunning,
};

struct m;
struct p;
struct sudog;
struct timer;

/* A futex-based lock; key is 0 unlocked, 1 locked, 2 locked with sleepers. */
struct mutex {
	uint32_t key;
};

/* A one-shot event: one sleeper, one wakeup; reset with noteclear. */
struct note {
	uint32_t key;
};

struct glist {
	struct g *head;
	int32_t n;
};

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
	struct g *alllink;		/* allgs */
	void *param;			/* passed by the waker to the parked g */
	struct sudog *waiting;		/* sudogs this g waits on (select: all of them) */
	struct timer *timer;		/* for sleep */
	uint32_t selectDone;
	uint32_t parkingOnChan;
	bool preempt;			/* preemption requested; stackguard0 = stackPreempt too */
	int64_t waitsince;
	struct _panic *_panic;		/* innermost panic */
	struct _defer *_defer;		/* innermost deferred call */
	struct _defer *recoverd;	/* the defer whose frame recovery resumes */
	uintptr sig;			/* the signal sigpanic turns into a panic */
	uintptr sigcode0;		/* its si_code */
	uintptr sigcode1;		/* its fault address */
	uintptr sigpc;			/* where it happened */
	uintptr chainseq;		/* probes on its chains so far (recordstate) */
};

struct m {
	uintptr tls[M_NTLS];	/* the TLS register points here; tls[0] = current g */
	struct g *g0;
	struct g *curg;
	struct g *gsignal;
	int64_t id;
	struct p *p;
	struct m *alllink;
	struct p *nextp;		/* the P to take on wakeup */
	struct m *schedlink;		/* sched.midle */
	void (*mstartfn)(void);
	bool spinning;			/* out of work and looking for some */
	int32_t locks;			/* runtime locks held: no preemption */
	uint32_t fastrand[2];
	struct note park;
	int64_t procid;			/* thread id */
	bool (*waitunlockf)(struct g *, void *);
	void *waitlock;
	struct _defer *deferpool;	/* free _defer records */
	int32_t dying;			/* fatalpanic or throw has begun */
	uint32_t signalPending;		/* a preemption signal is on its way */
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
	uint32_t status;
	struct p *link;			/* sched.pidle */
	uint32_t sysmonschedtick;	/* sysmon's last view of schedtick, and when */
	int64_t sysmonschedwhen;
	bool preempt;
	uint64_t goidcache, goidcacheend;
	struct glist gFree;		/* dead gs with stacks, for reuse */
	struct sudog *sudogcache;
	struct mutex timersLock;
	struct timer **timers;		/* 4-ary heap on when */
	int32_t ntimers, timerscap;
	int64_t timer0When;		/* when of timers[0], 0 if none */
	int32_t nsudogcache;
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
	struct mutex lock;		/* runq, midle, pidle, counts */
	struct m *midle;
	int32_t nmidle, nmidlelocked, nmsys;
	struct p *pidle;
	int32_t npidle;
	int32_t nmspinning;
	struct mutex gFreeLock;
	struct glist gFree;
	struct mutex sudoglock;
	struct sudog *sudogcache;
	int64_t lastpoll;		/* 0 while an M sleeps until the next timer */
	int64_t pollUntil;		/* that M's wakeup time */
	uint32_t pollbreak;		/* futex word: wake the timer sleeper early */
	uint32_t sysmonwait;
	struct note sysmonnote;
	struct mutex allglock;
	bool mainStarted;
};

extern struct schedt sched;
extern struct m m0;
extern struct g g0;
extern struct p **allp;
extern int32_t gomaxprocs;
extern int32_t ncpu;
extern struct m *allm;

/* proc.c */
void schedinit(void);
void newproc(void (*fn)(void *), void *arg);
void mstart(void) NORETURN;
void schedule(void) NORETURN;
void execute(struct g *gp, bool inheritTime) NORETURN;
void Gosched(void);
void goexit1(void) NORETURN;
void gopark(bool (*unlockf)(struct g *, void *), void *lock, uintptr reason);
void goparkunlock(struct mutex *l, uintptr reason);
void goready(struct g *gp);
void casgstatus(struct g *gp, uintptr old, uintptr new);
void goschedIfBusy(void);
void gopreempt_m(struct g *gp);
void startm(struct p *pp, bool spinning);
void wakep(void);
void newm(void (*fn)(void), struct p *pp, int64_t id);
void acquirep(struct p *pp);
struct p *releasep(void);
void pidleput(struct p *pp);
struct p *pidleget(void);
void stealOrderReset(uint32_t count);
void netpollBreak(void);
void checkdead(void);
uint32_t fastrand(void);
uint32_t fastrandn(uint32_t n);
extern uintptr stacksize;
extern uint32_t maxstackguards;

/* waitreason, as Go names and prints them */
#include "waitreason.h"
extern const char *const waitReasonStrings[];

/* runq.c */
void runqput(struct p *pp, struct g *gp, bool next);
struct g *runqget(struct p *pp, bool *inheritTime);
bool runqempty(struct p *pp);
struct g *runqsteal(struct p *pp, struct p *p2, bool stealRunNextG);
void globrunqput(struct g *gp);
void globrunqputhead(struct g *gp);
struct g *globrunqget(struct p *pp, int32_t max);

/* lock.c: futex-based locks and notes */
void lock(struct mutex *l);
void unlock(struct mutex *l);
void noteclear(struct note *n);
void notesleep(struct note *n);
bool notetsleep(struct note *n, int64_t ns);
void notewakeup(struct note *n);
void futexsleep(uint32_t *addr, uint32_t val, int64_t ns);
void futexwakeup(uint32_t *addr, uint32_t cnt);

/* os.c */
int32_t getproccount(void);
int64_t nanotime(void);		/* recorded (recordtime): the host names it `time` */
/*
 * The clock unrecorded, for sysmon and notetsleep: no probe runs under
 * them, so their readings never reach a probe's registers, and sysmon
 * reads the clock every 20 us to 10 ms, which would be most of the record.
 */
int64_t nanotime1(void);
void usleep(uint32_t usec);
void osyield(void);
int64_t gettid(void);
void newosproc(struct m *mp, void (*fn)(void));
/*
 * What signal handlers and thread creation block: everything but SIGILL,
 * SIGBUS, SIGFPE and SIGSEGV, which Linux turns into a silent kill when
 * they are blocked; left open, sighandler reports them in Go's words.
 */
#define SIGSET_ASYNC	(~0x4c8ULL)
void minit(void);

/* stack.c */
#define STACKGUARD	4096	/* room for a frame of -Wframe-larger-than and morestack */
#define stackPreempt	((uintptr)0xfffffffffffffadeULL)
void stackalloc(struct g *gp, uintptr n);
void morestack(void);

/* time.c */
int64_t checkTimers(struct p *pp, int64_t now, int64_t *pollUntil, bool *ran);
int64_t timeSleepUntil(void);
void wakeNetPoller(int64_t when);
bool haveTimers(struct p *pp);

/* sysmon.c */
void sysmon(void);
void sysmonstart(void);
void preemptM(struct m *mp);
void initpreempt(void);

/* chan.c, select.c: the sudog free lists */
struct sudog *acquireSudog(void);
void releaseSudog(struct sudog *s);

/* A g waiting on a channel or semaphore, as Go's sudog. */
struct sudog {
	struct g *g;
	struct sudog *next, *prev;
	void *elem;			/* data element (may point into g's stack) */
	uint32_t ticket;
	bool isSelect;
	bool success;			/* woken by a value, not by close */
	struct sudog *waitlink;		/* g->waiting list */
	struct hchan *c;
};

/* time.c: a timer runs f(arg, seq) on some P at or after when */
struct timer {
	struct p *pp;
	int64_t when;
	int64_t nextwhen;
	void (*f)(void *arg, uintptr seq);
	void *arg;
	uintptr seq;
	uint32_t status;
};
enum { timerNoStatus, timerWaiting, timerRunning, timerDeleted };
void addtimer(struct timer *t);
bool deltimer(struct timer *t);
void timeSleep(int64_t ns);

/* malloc.c */
void *sysAlloc(uintptr n);
void *persistentalloc(uintptr n);
void *mallocgc(uintptr n);
int mprotect(void *addr, uintptr n, int prot);

/* print.c */
void print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
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
enum { OBJ_P, OBJ_CHAN, OBJ_SUDOG, OBJ_DEFER, OBJ_PANIC, NOBJKINDS };
int64_t recordobj(int kind, int64_t id, void *addr, uintptr size);
void recordtime(int64_t t);

/* sys.c */
void exit(int code) NORETURN;
intptr write1(int fd, const void *p, uintptr n);
void *mmap(void *addr, uintptr n, int prot, int flags, int fd, intptr off);
int munmap(void *addr, uintptr n);

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

extern bool asyncpreemptoff;
extern bool preemptoff;

/* the program's entry, Go's main.main */
void main_main(void);

#endif
