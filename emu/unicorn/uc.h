/*
 * The Unicorn engine's Linux user mode (DESIGN.md section 6): one engine,
 * one uc_context per guest thread, memory, system calls and signals of our
 * own.  Everything here is internal to emu/unicorn/.
 */
#ifndef EMU_UC_H
#define EMU_UC_H

#include <stdint.h>
#include <stdbool.h>
#include <unicorn/unicorn.h>
#include "core/span.h"
#include "engine/engine.h"
#include "isa/isa.h"

/* The one process every guest is: fixed ids, a fixed clock. */
#define GUEST_PID	1000		/* also the main thread's tid */
#define GUEST_PPID	1
#define GUEST_UID	1000
#define NS		1000000000ULL
#define EPOCH_S		1700000000ULL	/* CLOCK_REALTIME when every run starts */
/*
 * CLOCK_MONOTONIC when every run starts: 20000 s of uptime, a value as big
 * as a real machine's, so that a clock reading does not look like a small
 * number and its high word is not 0 (trace/timename.c names both).
 */
#define BOOT_NS		(20000 * NS)

#define PAGE		4096ULL
#define PAGE_DOWN(a)	((a) & ~(PAGE - 1))
#define PAGE_UP(a)	(((a) + PAGE - 1) & ~(PAGE - 1))

/* Linux errno values, negated as system calls return them. */
enum {
	E_PERM = 1, E_NOENT = 2, E_SRCH = 3, E_INTR = 4, E_BADF = 9, E_AGAIN = 11, E_NOMEM = 12,
	E_FAULT = 14, E_EXIST = 17, E_INVAL = 22, E_MFILE = 24, E_NOSPC = 28, E_NOSYS = 38, E_TIMEDOUT = 110,
};

/* Signal numbers (the same on every ISA crossrt runs). */
enum {
	LX_SIGHUP = 1, LX_SIGINT = 2, LX_SIGQUIT = 3, LX_SIGILL = 4, LX_SIGTRAP = 5, LX_SIGABRT = 6,
	LX_SIGBUS = 7, LX_SIGFPE = 8, LX_SIGKILL = 9, LX_SIGUSR1 = 10, LX_SIGSEGV = 11, LX_SIGUSR2 = 12,
	LX_SIGPIPE = 13, LX_SIGALRM = 14, LX_SIGTERM = 15, LX_SIGCHLD = 17, LX_SIGCONT = 18,
	LX_SIGSTOP = 19, LX_SIGURG = 23, LX_SIGWINCH = 28, NSIG_LINUX = 64,
};

/* si_code values of the signals the engine raises itself. */
enum {
	LX_SEGV_MAPERR = 1, LX_SEGV_ACCERR = 2, LX_BUS_ADRALN = 1, LX_ILL_ILLOPC = 1, LX_ILL_PRVOPC = 5,
	LX_FPE_INTDIV = 1, LX_TRAP_BRKPT = 1, LX_SI_USER = 0, LX_SI_KERNEL = 0x80, LX_SI_TKILL = -6,
};

struct ucrun;
struct sigdelivery;

/*
 * Register ids above Unicorn's: registers its API cannot reach, which the
 * ISA's ucarch pseudo_get and pseudo_set serve by other means.
 */
#define UCREG_PSEUDO_BASE	0x10000
#define UCREG_PSEUDO(n)		(UCREG_PSEUDO_BASE + (n))

/*
 * Per-ISA facts and code of the engine, one uc_<isa>.c each: Unicorn
 * register ids and address space, how system calls and exceptions
 * arrive, the signal frame, and the registers uc_context misses.
 */
struct ucarch {
	uc_arch arch;
	uc_mode mode;
	int pc, sp, tls, nr, ret;
	int arg[6];
	int nhit;
	int hit[MAXREGS];		/* Unicorn ids in the archdesc's raw order */
	/* the extended state in the archdesc's order: nvec registers of veclen bytes from vec, then ctl */
	int vec, nvec, veclen;
	int nctl, ctl[2];
	uint64_t task_size;		/* first address above user space */
	uint64_t stack_base;		/* where qemu-user's first mmap lands: the stack's guard page */
	const char *platform;		/* AT_PLATFORM, NULL if none */
	bool hwcap2;			/* qemu-user passes AT_HWCAP2 */
	int cpu_pages;			/* pages qemu-user maps after the stack for the CPU's tables */
	bool exec_reads;		/* executable pages are readable */
	int private_reg;		/* a register uc_context does not save, kept per thread; 0 if none */
	/*
	 * Stop only where a block starts: inside one, Unicorn has stored
	 * neither the pc nor the lazily computed condition code when a code
	 * hook stops it, so the thread would resume with both stale.
	 */
	bool stop_at_blocks;

	/* the registers a Linux process starts with, apart from pc and sp; or NULL; -1: cannot */
	int (*cpu_init)(struct ucrun *r);
	/* the registers of ids UCREG_PSEUDO(n), if the ISA has any */
	uint64_t (*pseudo_get)(struct ucrun *r, int id);
	void (*pseudo_set)(struct ucrun *r, int id, uint64_t v);
	/*
	 * A system call arrives either at UC_HOOK_INSN for instruction
	 * syscall_insn (if nonzero) or at UC_HOOK_INTR with an intno that
	 * syscall_intr accepts; the thread resumes syscall_resume bytes past
	 * the pc the engine stopped at (0: the pc is already past the trap).
	 */
	int syscall_insn;
	bool (*syscall_intr)(uint32_t intno);
	int syscall_resume;
	/* the system call's number where it is not simply register nr (called with the pc resumed); or NULL */
	int64_t (*syscall_number)(struct ucrun *r);
	/* any other UC_HOOK_INTR: the fault (fault_set) Linux makes of it */
	void (*exception)(struct ucrun *r, uint32_t intno, uint64_t pc);
	/* the bits of a faulting access's address that a SIGSEGV's si_addr keeps; 0: all */
	uint64_t segv_addr_mask;
	/* an instruction that stops Unicorn as invalid but is Linux's SIGTRAP; or NULL */
	bool (*breakpoint)(struct ucrun *r, uint64_t pc);
	/* the kernel's rt_sigframe: build it for a delivery, read it back at rt_sigreturn */
	int (*sigframe_push)(struct ucrun *r, const struct sigdelivery *d);
	int (*sigframe_pop)(struct ucrun *r, uint64_t *mask);
	/* what a handler returns to without SA_RESTORER (the vdso's rt_sigreturn): 32-bit words
	 * of instructions, written in the ISA's byte order; NULL if none */
	const uint32_t *sigtramp;
	int nsigtramp;
	/* mapped when first needed, not at start: the programs that never need it keep qemu's layout */
	bool sigtramp_lazy;
	/*
	 * A read of a CPU counter at p (n bytes readable; offsets counter_align
	 * apart are tried): its length, 0 if p is not one; with exec, do it
	 * from virtual time (uc_counter.c).  NULL if the ISA has none to serve.
	 */
	int (*counter)(struct ucrun *r, const unsigned char *p, size_t n, bool exec);
	int counter_align;
	/* struct epoll_event is packed (12 bytes, data at 4), not 16 bytes with data at 8 */
	bool epoll_packed;
	/* arch_prctl, where the ISA has it */
	int64_t (*arch_prctl)(struct ucrun *r, int64_t code, uint64_t addr);
};

#define ISA(n) extern const struct ucarch uc_##n;
CROSSRT_ISAS
#undef ISA

const struct ucarch *ucarch_get(int archid);	/* uc_isa.c */

/* Host memory behind guest addresses [lo, lo + 1 GiB). */
struct window {
	uint64_t lo;
	unsigned char *host;
};

/* A thread's reason to wait. */
enum tstate { T_RUNNABLE, T_FUTEX, T_SLEEP, T_DEAD };

struct sigact {
	uint64_t handler, flags, restorer, mask;
};

struct siginfo_lite {
	int signo, code;
	int64_t errno_;
	uint64_t addr;			/* si_addr for faults */
	int64_t pid, uid;		/* the sender, for kill and tgkill */
};

#define SIGPRE_DEPTH 4	/* nested signal contexts kept for the sigreturn check */

struct ucthread {
	int tid;
	enum tstate state;
	uc_context *ctx;		/* saved registers while not running */
	uint64_t private_reg;		/* ucarch's private_reg while not running */
	uint64_t clear_tid;		/* set_tid_address, CLONE_CHILD_CLEARTID */
	/* while blocked */
	uint64_t wait_addr;
	uint32_t wait_bits;
	uint64_t deadline;		/* virtual ns, UINT64_MAX = none */
	uint64_t wait_seq;		/* futex waiters wake in this order */
	int64_t wake_result;		/* the blocked syscall's return value */
	bool has_result;		/* wake_result goes to the return register on resume */
	uint64_t sleep_rem;		/* nanosleep: where to write the remainder, 0 = none */
	int epfd;			/* epoll_wait: the instance, 0 = none */
	uint64_t ep_buf;
	int ep_max;
	/* signals */
	uint64_t sigmask;
	uint64_t pending;
	struct siginfo_lite info[NSIG_LINUX + 1];
	uint64_t ss_sp, ss_size;
	int ss_flags;
	uint64_t cpu_insns;		/* instructions run by this thread */
	/* what rt_sigreturn is checked against (facts' sig and from): the contexts signals interrupted */
	int nsigpre;
	struct sigpre {
		uint64_t regs[MAXREGS];
		struct xstate x;
	} sigpre[SIGPRE_DEPTH];
	bool has_sig, has_fault;	/* for its next probe hit */
	uint8_t sig;
	int16_t sigreg;
	uint64_t fault_pc;
	bool has_intr_link;
	uint64_t intr_link;
	bool has_clone, clone_own;	/* facts' clone, for its next probe hit */
};

/* Why uc_emu_start returned, as set by the hooks. */
enum ucstop { STOP_NONE, STOP_LIMIT, STOP_SYSCALL, STOP_FAULT, STOP_COUNTER };

struct ucfault {
	int signo, code;
	uint64_t pc;			/* the faulting instruction */
	uint64_t addr;			/* si_addr */
	uint64_t ctx_pc;		/* the pc the signal context resumes at */
	int memtype;			/* UC_MEM_* of an access fault, or -1 */
};

/*
 * An injected fault (--inject-fault): from instruction `at' on, the guest
 * runs one instruction per slice with its registers saved before it; the
 * first that accesses memory is undone (registers and stores) and gets a
 * SIGSEGV for that access instead.
 */
#define INJECT_UNDO 64

struct memundo {
	uint64_t addr;
	int size;
	unsigned char old[32];
};

struct ucinject {
	uint64_t at;			/* instruction number, 0 = none */
	bool nil;			/* si_addr = the access's offset in its page */
	bool armed, hit, done;
	uc_context *ctx;		/* registers before the instruction being stepped */
	uint64_t insn, pc, addr;	/* the faulting instruction and its first access */
	uint64_t insn0, access_pc;	/* stop_at_blocks: the slice's first instruction, the access's */
	uint64_t siaddr;		/* the si_addr the fault was delivered with */
	bool write;
	int nundo;
	struct memundo undo[INJECT_UNDO];
};

/* Pipes and epoll instances (uc_files.c, uc_pipe.c): fds FD_FIRST to FD_FIRST + NFILES - 1. */
#define FD_FIRST	4
#define NFILES		16
#define PIPE_CAP	256
#define EPOLL_REGS	8
#define LX_O_NONBLOCK	0x800
#define LX_O_CLOEXEC	0x80000
enum fkind { FK_FREE, FK_EPOLL, FK_PIPE_R, FK_PIPE_W };

struct epreg {
	int fd;
	uint32_t events;
	unsigned char data[8];		/* epoll_data, as the guest wrote it */
};

struct ucfile {
	enum fkind kind;
	int flags;			/* O_NONBLOCK */
	int peer;			/* a pipe's other end, -1 once closed */
	uint32_t nbuf;			/* a read end: bytes written, not yet read */
	unsigned char buf[PIPE_CAP];
	int nreg;			/* an epoll instance: the fds it watches */
	struct epreg reg[EPOLL_REGS];
};

#define CTR_FILTER_BITS 1024
#define NRLIMIT 16
struct rlim {
	uint64_t cur, max;
};

#define PROBE_FILTER_BITS 4096	/* probe entries hashed by (addr >> 1) */

struct ucrun {
	uc_engine *uc;
	const struct archdesc *arch;
	const struct ucarch *ua;
	const struct run_opts *o;
	const struct elfimage *img;
	const struct probeset *ps;
	struct hitlog *hits;
	struct strbuf *records;
	struct run_result *res;
	uint64_t probe_filter[PROBE_FILTER_BITS / 64];

	/* counting: the first UC_HOOK_CODE hook sees every instruction */
	uint64_t insns;			/* instructions retired, all threads */
	uint64_t stop_at;		/* the counting hook stops the engine here */
	uint64_t budget;
	uint64_t quantum_end;
	uint64_t last_pc;
	bool stop_pending;		/* stop_at_blocks: at the next block */
	bool replaying;			/* exact stops, no probe hits: inject_taken's replay */
	uint64_t stop_pc;		/* where the limit stopped the engine */
	uint64_t slice_start;		/* insns when the current thread was loaded */
	uint64_t next_wallcheck;	/* insns at which to look at the host clock */
	uint64_t wall_deadline_ns;	/* host CLOCK_MONOTONIC, 0 = none */

	enum ucstop stop;
	struct ucfault fault;
	struct ucinject inj;

	/* memory */
	struct span *vma;		/* the guest's areas, exact, sorted, page-aligned */
	int nvma, capvma;
	struct window *win;
	int nwin;
	struct span *ureg;		/* Unicorn's regions, sorted (uc_backing.c) */
	int nureg, capureg;
	int compact_at;			/* merge regions when there are more than this */
	bool absorb_guards;
	uint64_t brk_start, brk_cur;
	uint64_t mmap_next, mmap_min;	/* mmap without a usable hint: first fit from mmap_next up */
	uint64_t sigpage;		/* the sigreturn trampoline (ucarch sigtramp), 0 if none */

	/* threads */
	struct ucthread **threads;	/* by creation order; dead ones stay for tid lookup */
	int nthreads, capthreads;
	struct ucthread *cur;		/* its registers are in the engine */
	int next_tid;
	uint64_t wait_seq;
	uint64_t rng;
	uint64_t vskew;			/* virtual ns added while every thread slept */

	/* signals, process-wide */
	struct sigact act[NSIG_LINUX + 1];

	/* counter reads in the program (uc_counter.c), sorted */
	uint64_t *ctr;
	int nctr, capctr;
	uint64_t ctr_filter[CTR_FILTER_BITS / 64];
	uint64_t ctr_pass;		/* a site that is not a counter read any more: run it once */

	/* files and limits (uc_files.c, uc_rlimit.c) */
	unsigned closed_fds, cloexec_fds;	/* bit fd */
	struct ucfile files[NFILES];
	struct rlim rlim[NRLIMIT];

	bool done;
	bool thread_limit_noted;	/* clone refused for the thread limit, said once */
};

/* uc_arch.c: registers */
uint64_t reg_get(struct ucrun *r, int id);
void regs_read(struct ucrun *r, uint64_t *regs);
void xstate_read(struct ucrun *r, struct xstate *x);
void reg_set(struct ucrun *r, int id, uint64_t v);
uint64_t uc_pc(struct ucrun *r);
void uc_set_pc(struct ucrun *r, uint64_t pc);
int cpu_init(struct ucrun *r);

/* uc_mem.c: the guest's address space */
int vm_index(struct ucrun *r, uint64_t addr);
int vm_map(struct ucrun *r, uint64_t lo, uint64_t len, int prot);
int vm_unmap(struct ucrun *r, uint64_t lo, uint64_t len);
int vm_protect(struct ucrun *r, uint64_t lo, uint64_t len, int prot);
bool vm_free(struct ucrun *r, uint64_t lo, uint64_t len);
bool vm_ok(struct ucrun *r, uint64_t addr, uint64_t len, int prot);
const struct span *vm_find(struct ucrun *r, uint64_t addr);
int vm_peek(struct ucrun *r, uint64_t addr, void *buf, size_t len);
int vm_poke(struct ucrun *r, uint64_t addr, const void *buf, size_t len);
int vm_read(struct ucrun *r, uint64_t addr, void *buf, size_t len);
int vm_write(struct ucrun *r, uint64_t addr, const void *buf, size_t len);
/* guest words in the ISA's byte order */
#define VM_WORDS 8
int vm_read_words(struct ucrun *r, uint64_t addr, uint64_t *w, int n);
int vm_write_words(struct ucrun *r, uint64_t addr, const uint64_t *w, int n);
int vm_read64(struct ucrun *r, uint64_t addr, uint64_t *v);
int vm_write64(struct ucrun *r, uint64_t addr, uint64_t v);
int vm_read32(struct ucrun *r, uint64_t addr, uint32_t *v);
int vm_write32(struct ucrun *r, uint64_t addr, uint32_t v);
int64_t sys_mmap(struct ucrun *r, uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off);
int64_t sys_munmap(struct ucrun *r, uint64_t addr, uint64_t len);
int64_t sys_mprotect(struct ucrun *r, uint64_t addr, uint64_t len, int prot);
int64_t sys_brk(struct ucrun *r, uint64_t addr);
void vm_free_all(struct ucrun *r);

/* uc_backing.c: the guest's areas as Unicorn regions over host memory */
unsigned char *backing_host(struct ucrun *r, uint64_t addr, uint64_t *avail);
void backing_zero(struct ucrun *r, uint64_t lo, uint64_t hi);
bool backing_room(struct ucrun *r);
int backing_sync(struct ucrun *r, uint64_t lo, uint64_t hi);
void backing_free(struct ucrun *r);

/* uc_load.c: the program and its initial stack */
int load_program(struct ucrun *r, char *err, size_t errlen);

/* uc_hooks.c: counting, probes, syscalls and faults seen from inside the engine */
int hooks_install(struct ucrun *r);
void fault_from_stop(struct ucrun *r, uc_err err);
void fault_set(struct ucrun *r, int signo, int code, uint64_t pc, uint64_t addr, uint64_t ctx_pc);

/* uc_inject.c: --inject-fault */
int inject_setup(struct ucrun *r);
uint64_t inject_bound(struct ucrun *r, uint64_t stop_at);
bool inject_taken(struct ucrun *r);
void inject_note(struct ucrun *r);
void inject_free(struct ucrun *r);

/* uc_syscall.c */
void syscall_handle(struct ucrun *r);

/* uc_mapcache.c: uc_emu_start with memory_mapping's lookups cached for the run */
uc_err uc_run_guest(struct ucrun *r, uint64_t begin, uint64_t until);

/* uc_counter.c */
void counters_scan(struct ucrun *r);
bool counter_site(struct ucrun *r, uint64_t addr);
void counter_exec(struct ucrun *r);
void counters_free(struct ucrun *r);

/* uc_files.c */
struct ucfile *file_get(struct ucrun *r, int64_t fd);
bool fd_open(struct ucrun *r, int64_t fd);
int file_new(struct ucrun *r, enum fkind kind, int flags);
int64_t sys_openat(struct ucrun *r, uint64_t path);
int64_t sys_fcntl(struct ucrun *r, int64_t fd, int cmd, uint64_t arg);

/* uc_pipe.c */
int64_t sys_pipe2(struct ucrun *r, uint64_t fds, int flags);
int64_t pipe_read(struct ucrun *r, struct ucfile *f, uint64_t buf, uint64_t n);
int64_t pipe_write(struct ucrun *r, struct ucfile *f, uint64_t buf, uint64_t n);
int64_t sys_close(struct ucrun *r, int64_t fd);
int64_t sys_epoll_create1(struct ucrun *r, int flags);
int64_t sys_epoll_ctl(struct ucrun *r, int epfd, int op, int fd, uint64_t event);
void sys_epoll_wait(struct ucrun *r, int epfd, uint64_t buf, int max, int timeout_ms);

/* uc_rlimit.c */
void rlimit_init(struct ucrun *r);
int64_t sys_prlimit64(struct ucrun *r, int64_t pid, int res, uint64_t nlim, uint64_t olim);

/* uc_thread.c */
struct ucthread *thread_new(struct ucrun *r);
void thread_free_all(struct ucrun *r);
struct ucthread *thread_bytid(struct ucrun *r, int tid);
int64_t sys_clone(struct ucrun *r, uint64_t flags, uint64_t stack, uint64_t ptid, uint64_t ctid,
		  uint64_t tls);
int64_t sys_futex(struct ucrun *r, uint64_t uaddr, int op, uint32_t val, uint64_t timeout,
		  uint64_t uaddr2, uint32_t val3);
int64_t sys_nanosleep(struct ucrun *r, uint64_t req, uint64_t rem);
int64_t sys_clock_nanosleep(struct ucrun *r, int clk, int flags, uint64_t req, uint64_t rem);
void sys_exit_thread(struct ucrun *r, int status);
void sys_yield(struct ucrun *r);
int futex_wake(struct ucrun *r, uint64_t uaddr, int n, uint32_t bits);
void thread_block(struct ucrun *r, enum tstate st, uint64_t deadline);
void thread_interrupt(struct ucrun *r, struct ucthread *t);
void thread_wake(struct ucthread *t, int64_t result);
int sched_next(struct ucrun *r);
bool sched_wanted(struct ucrun *r);
void quantum_start(struct ucrun *r);

/* A signal about to be delivered to the current thread. */
struct sigdelivery {
	int sig;
	const struct siginfo_lite *info;
	const struct sigact *act;
	uint64_t pc;			/* where the interrupted code resumes */
	uint64_t oldmask;		/* restored by rt_sigreturn */
	uint64_t sp;			/* the interrupted code's sp */
	uint64_t stack_top;		/* the alternate stack's top, or 0 to use sp */
	const struct ucfault *fault;	/* for a synchronous fault, else NULL */
	uint64_t ss_sp, ss_size;	/* uc_stack */
	int ss_flags;
};

/* uc_sigframe.c: what every ISA's rt_sigframe is built from (uc_<isa>.c builds its own) */
#define LX_SA_RESTORER	0x04000000
#define UC_STACK	16		/* stack_t in the ucontext */
int sigframe_setup(struct ucrun *r);
int sigpage_map(struct ucrun *r);
uint64_t sigpage_get(struct ucrun *r);
void put16(const struct ucrun *r, unsigned char *p, uint16_t v);
void put32(const struct ucrun *r, unsigned char *p, uint32_t v);
void put64(const struct ucrun *r, unsigned char *p, uint64_t v);
uint16_t get16(const struct ucrun *r, const unsigned char *p);
uint32_t get32(const struct ucrun *r, const unsigned char *p);
uint64_t get64(const struct ucrun *r, const unsigned char *p);
void siginfo_encode(const struct ucrun *r, const struct siginfo_lite *i, unsigned char *b);
void ucontext_common(const struct ucrun *r, const struct sigdelivery *d, unsigned char *uc,
		     uint64_t flags, int sigmask);
uint64_t frame_base(const struct sigdelivery *d, uint64_t redzone);
bool frame_fits(const struct sigdelivery *d, uint64_t lo);
bool memfault_write(const struct ucfault *f);
bool memfault_fetch(const struct ucfault *f);

/* uc_signal.c */
int64_t sys_rt_sigaction(struct ucrun *r, int sig, uint64_t act, uint64_t oact, uint64_t size);
int64_t sys_rt_sigprocmask(struct ucrun *r, int how, uint64_t set, uint64_t oset, uint64_t size);
int64_t sys_sigaltstack(struct ucrun *r, uint64_t ss, uint64_t oss);
int64_t sys_kill(struct ucrun *r, int tgid, int tid, int sig, bool thread);
void sys_rt_sigreturn(struct ucrun *r);
bool signal_fault(struct ucrun *r);
void signal_deliver_pending(struct ucrun *r);
int signal_setup(struct ucrun *r);
const char *signame(int sig);

/* uc_run.c: the run's end, its virtual clock and its seeded generator */
void run_end(struct ucrun *r, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
uint64_t vclock_ns(struct ucrun *r);
void uc_event(struct ucrun *r, const char *kind, const char *detail);
uint64_t splitmix64(uint64_t *state);
uint64_t rng_next(struct ucrun *r);

#endif
