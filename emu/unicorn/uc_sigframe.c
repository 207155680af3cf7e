/*
 * What Linux's rt_sigframe is built from on every ISA (DESIGN.md section
 * 6): siginfo, the ucontext's common head, where a frame goes, and guest
 * memory in the ISA's byte order.  Each uc_<isa>.c lays out its own frame,
 * built at delivery and read back by rt_sigreturn.
 */
#include <string.h>
#include "unicorn/uc.h"

#define LX_SS_ONSTACK	1		/* uc_stack.ss_flags: the interrupted code was on it */
#define SIGTRAMP_MAX	4		/* words */

void put16(const struct ucrun *r, unsigned char *p, uint16_t v) { isa_put16(r->arch, p, v); }
void put32(const struct ucrun *r, unsigned char *p, uint32_t v) { isa_put32(r->arch, p, v); }
void put64(const struct ucrun *r, unsigned char *p, uint64_t v) { isa_put64(r->arch, p, v); }
uint16_t get16(const struct ucrun *r, const unsigned char *p) { return isa_get16(r->arch, p); }
uint32_t get32(const struct ucrun *r, const unsigned char *p) { return isa_get32(r->arch, p); }
uint64_t get64(const struct ucrun *r, const unsigned char *p) { return isa_get64(r->arch, p); }

void siginfo_encode(const struct ucrun *r, const struct siginfo_lite *i, unsigned char *b)
{
	put32(r, b + 0, (uint32_t)i->signo);
	put32(r, b + 4, (uint32_t)i->errno_);
	put32(r, b + 8, (uint32_t)i->code);
	if (i->code == LX_SI_USER || i->code == LX_SI_TKILL) {
		put32(r, b + 16, (uint32_t)i->pid);
		put32(r, b + 20, (uint32_t)i->uid);
	} else {
		put64(r, b + 16, i->addr);
	}
}

/* uc_flags, uc_link, uc_stack (the same on every ISA) and uc_sigmask */
void ucontext_common(const struct ucrun *r, const struct sigdelivery *d, unsigned char *uc,
		     uint64_t flags, int sigmask)
{
	put64(r, uc + 0, flags);
	put64(r, uc + UC_STACK, d->ss_sp);
	put32(r, uc + UC_STACK + 8, (uint32_t)d->ss_flags);
	put64(r, uc + UC_STACK + 16, d->ss_size);
	put64(r, uc + sigmask, d->oldmask);
}

uint64_t frame_base(const struct sigdelivery *d, uint64_t redzone)
{
	return d->stack_top ? d->stack_top : d->sp - redzone;
}

/* A frame that would run off the bottom of the alternate stack it is on is not written: Linux kills instead. */
bool frame_fits(const struct sigdelivery *d, uint64_t lo)
{
	return !(d->ss_flags & LX_SS_ONSTACK) || lo >= d->ss_sp;
}

bool memfault_write(const struct ucfault *f)
{
	return f && (f->memtype == UC_MEM_WRITE_UNMAPPED || f->memtype == UC_MEM_WRITE_PROT);
}

bool memfault_fetch(const struct ucfault *f)
{
	return f && (f->memtype == UC_MEM_FETCH_UNMAPPED || f->memtype == UC_MEM_FETCH_PROT);
}

/*
 * The page a handler returns to when there is no sa_restorer: what the
 * vdso's sigreturn trampoline does (ucarch sigtramp).  Mapped at start,
 * or with sigtramp_lazy at the first delivery that needs it (sigpage_get).
 */
int sigframe_setup(struct ucrun *r)
{
	return r->ua->sigtramp_lazy ? 0 : sigpage_map(r);
}

uint64_t sigpage_get(struct ucrun *r)
{
	if (!r->sigpage && r->ua->sigtramp)
		sigpage_map(r);
	return r->sigpage;
}

int sigpage_map(struct ucrun *r)
{
	const struct ucarch *ua = r->ua;
	unsigned char code[4 * SIGTRAMP_MAX];
	int64_t at;

	if (!ua->sigtramp || ua->nsigtramp > SIGTRAMP_MAX)
		return ua->sigtramp ? -1 : 0;
	for (int i = 0; i < ua->nsigtramp; i++)
		put32(r, code + 4 * i, ua->sigtramp[i]);
	at = sys_mmap(r, 0, PAGE, UC_PROT_READ | UC_PROT_EXEC, 0x22, -1, 0);
	if (at < 0 || vm_poke(r, (uint64_t)at, code, 4 * (size_t)ua->nsigtramp) < 0)
		return -1;
	r->sigpage = (uint64_t)at;
	return 0;
}
