/*
 * Loading a static executable the way Linux's binfmt_elf does: PT_LOAD
 * segments page by page, then a stack holding argc, argv, envp and the
 * auxiliary vector.  Nothing depends on the host: addresses are fixed and
 * AT_RANDOM comes from the seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unicorn/uc.h"

#define STACK_SIZE	(8ULL << 20)	/* RLIMIT_STACK's usual 8 MiB, mapped up front */
#define MMAP_MIN	0x10000ULL	/* vm.mmap_min_addr */
#define ARGS_MAX	(256ULL << 10)

enum {
	AUX_NULL = 0, AUX_PHDR = 3, AUX_PHENT = 4, AUX_PHNUM = 5, AUX_PAGESZ = 6, AUX_BASE = 7,
	AUX_FLAGS = 8, AUX_ENTRY = 9, AUX_UID = 11, AUX_EUID = 12, AUX_GID = 13, AUX_EGID = 14,
	AUX_PLATFORM = 15, AUX_HWCAP = 16, AUX_CLKTCK = 17, AUX_SECURE = 23, AUX_RANDOM = 25,
	AUX_HWCAP2 = 26, AUX_EXECFN = 31,
};

/* Map [lo, hi) with at least prot: free pages are mapped, pages shared with
 * an earlier segment get the union of both protections. */
static int map_union(struct ucrun *r, uint64_t lo, uint64_t hi, int prot)
{
	while (lo < hi) {
		const struct span *v = vm_find(r, lo);
		uint64_t end;
		int err;

		if (v) {
			end = v->hi < hi ? v->hi : hi;
			err = vm_protect(r, lo, end - lo, v->prot | prot);
		} else {
			/* up to the next area: a segment may span most of the address space */
			int i = vm_index(r, lo);
			end = i < r->nvma && r->vma[i].lo < hi ? r->vma[i].lo : hi;
			err = vm_map(r, lo, end - lo, prot);
		}
		if (err < 0)
			return err;
		lo = end;
	}
	return 0;
}

/* PF_R/PF_W/PF_X (4/2/1) as UC_PROT_READ/WRITE/EXEC (1/2/4) */
static int seg_prot(int flags)
{
	return (flags & SEG_R ? UC_PROT_READ : 0) | (flags & SEG_W ? UC_PROT_WRITE : 0) |
	       (flags & SEG_X ? UC_PROT_EXEC : 0);
}

static int load_segment(struct ucrun *r, const struct elfseg *s, char *err, size_t errlen)
{
	uint64_t lo = PAGE_DOWN(s->vaddr), hi = PAGE_UP(s->vaddr + s->memsz);
	uint64_t from = s->vaddr, off = s->offset;
	bool fresh = vm_free(r, lo, s->vaddr - lo + 1);

	if (s->filesz > s->memsz || s->offset > r->img->size || s->filesz > r->img->size - s->offset ||
	    hi < lo || hi > r->ua->task_size || lo < MMAP_MIN) {
		snprintf(err, errlen, "bad PT_LOAD segment at 0x%llx", (unsigned long long)s->vaddr);
		return -1;
	}
	if (map_union(r, lo, hi, seg_prot(s->flags)) < 0) {
		snprintf(err, errlen, "cannot map segment at 0x%llx", (unsigned long long)s->vaddr);
		return -1;
	}
	/* The file's bytes before the segment on its first page, as a file mapping shows them
	 * (this is how the ELF and program headers become visible at AT_PHDR). */
	if (fresh && off >= s->vaddr - lo) {
		off -= s->vaddr - lo;
		from = lo;
	}
	if (s->vaddr + s->filesz > from &&
	    vm_poke(r, from, r->img->data + off, s->vaddr + s->filesz - from) < 0) {
		snprintf(err, errlen, "cannot write segment at 0x%llx", (unsigned long long)s->vaddr);
		return -1;
	}
	return 0;
}

/* The initial stack being built in a host buffer that mirrors its top. */
struct stackimg {
	const struct archdesc *arch;	/* its byte order */
	unsigned char *buf;	/* buf[0] is at base */
	uint64_t base, top;
	uint64_t p;		/* grows down from top */
};

static uint64_t push_bytes(struct stackimg *st, const void *p, size_t n)
{
	st->p -= n;
	memcpy(st->buf + (st->p - st->base), p, n);
	return st->p;
}

static uint64_t push_str(struct stackimg *st, const char *s)
{
	return push_bytes(st, s, strlen(s) + 1);
}

static void put_word(struct stackimg *st, uint64_t *at, uint64_t v)
{
	isa_put64(st->arch, st->buf + (*at - st->base), v);
	*at += 8;
}

static size_t count_env(const char *const *envp)
{
	size_t n = 0;

	while (envp && envp[n])
		n++;
	return n;
}

static bool args_fit(const struct run_opts *o, size_t envc)
{
	size_t need = 1024 + strlen(o->prog) + 8 * ((size_t)o->argc + envc);

	for (int i = 0; i < o->argc; i++)
		need += strlen(o->argv[i]) + 1;
	for (size_t i = 0; i < envc; i++)
		need += strlen(o->envp[i]) + 1;
	return need <= ARGS_MAX;
}

/*
 * argc, argv, envp and auxv, laid out as qemu-user 7.2 does (its layout
 * differs from the kernel's only in the platform string's place and
 * alignment), so that the very first probes see the same stack addresses
 * under both engines.  Strings: execfn highest, then the environment,
 * then the arguments; the platform string, 16 AT_RANDOM bytes, then the
 * vectors with argc 16-byte aligned.
 */
static uint64_t build_stack(struct ucrun *r, struct stackimg *st)
{
	const struct run_opts *o = r->o;
	size_t argc = (size_t)o->argc, envc = count_env(o->envp), i;
	uint64_t argv0, env0, execfn, platform = 0, random, sp, at, seed = o->seed;
	unsigned char rnd[16];
	uint64_t aux[48];
	int na = 0;

	execfn = push_str(st, o->prog);
	for (i = envc; i-- > 0;)
		push_str(st, o->envp[i]);
	env0 = st->p;
	for (i = argc; i-- > 0;)
		push_str(st, o->argv[i]);
	argv0 = st->p;
	if (r->ua->platform) {
		size_t len = strlen(r->ua->platform) + 1;
		st->p -= (len + 7) & ~7ULL;
		platform = st->p;
		memcpy(st->buf + (platform - st->base), r->ua->platform, len);
	}
	st->p &= ~15ULL;
	isa_put64(r->arch, rnd, splitmix64(&seed));
	isa_put64(r->arch, rnd + 8, splitmix64(&seed));
	random = push_bytes(st, rnd, 16);

#define AUX(k, v) (aux[na++] = (k), aux[na++] = (v))
	AUX(AUX_PHDR, r->img->phdr_vaddr);
	AUX(AUX_PHENT, (uint64_t)r->img->phentsize);
	AUX(AUX_PHNUM, (uint64_t)r->img->phnum);
	AUX(AUX_PAGESZ, PAGE);
	AUX(AUX_BASE, 0);
	AUX(AUX_FLAGS, 0);
	AUX(AUX_ENTRY, r->img->entry);
	AUX(AUX_UID, GUEST_UID);
	AUX(AUX_EUID, GUEST_UID);
	AUX(AUX_GID, GUEST_UID);
	AUX(AUX_EGID, GUEST_UID);
	AUX(AUX_HWCAP, 0);
	AUX(AUX_CLKTCK, 100);
	AUX(AUX_RANDOM, random);
	AUX(AUX_SECURE, 0);
	AUX(AUX_EXECFN, execfn);
	if (r->ua->hwcap2)
		AUX(AUX_HWCAP2, 0);
	if (platform)
		AUX(AUX_PLATFORM, platform);
	AUX(AUX_NULL, 0);
#undef AUX

	sp = (st->p - 8 * (1 + (argc + 1) + (envc + 1) + (uint64_t)na)) & ~15ULL;
	at = sp;
	put_word(st, &at, argc);
	for (i = 0; i < argc; i++) {
		put_word(st, &at, argv0);
		argv0 += strlen(o->argv[i]) + 1;
	}
	put_word(st, &at, 0);
	for (i = 0; i < envc; i++) {
		put_word(st, &at, env0);
		env0 += strlen(o->envp[i]) + 1;
	}
	put_word(st, &at, 0);
	for (i = 0; i < (size_t)na; i++)
		put_word(st, &at, aux[i]);
	return sp;
}

/* A guard page, then the stack; the strings start 8 bytes below its top. */
static int map_stack(struct ucrun *r, uint64_t *spp, char *err, size_t errlen)
{
	uint64_t guard = r->ua->stack_base, top = guard + PAGE + STACK_SIZE;
	uint64_t cpu_pages = PAGE * (uint64_t)r->ua->cpu_pages;
	struct stackimg st = { .arch = r->arch, .top = top, .base = top - ARGS_MAX, .p = top - 8 };
	int ok;

	if (!args_fit(r->o, count_env(r->o->envp))) {
		snprintf(err, errlen, "arguments and environment too large");
		return -1;
	}
	st.buf = xcalloc(1, ARGS_MAX);
	*spp = build_stack(r, &st);
	/* qemu-user's pages for the CPU's tables come next (ucarch cpu_pages): the
	 * guest's own mmaps start where they start under qemu */
	ok = vm_map(r, guard, PAGE, 0) == 0 &&
	     vm_map(r, guard + PAGE, STACK_SIZE, UC_PROT_READ | UC_PROT_WRITE) == 0 &&
	     vm_poke(r, st.base, st.buf, ARGS_MAX) == 0 &&
	     (!cpu_pages || vm_map(r, top, cpu_pages, UC_PROT_READ | UC_PROT_WRITE) == 0);
	free(st.buf);
	if (!ok) {
		snprintf(err, errlen, "cannot map the stack at 0x%llx", (unsigned long long)guard);
		return -1;
	}
	r->mmap_next = top + cpu_pages;
	return 0;
}

int load_program(struct ucrun *r, char *err, size_t errlen)
{
	uint64_t end = 0, sp;

	for (int i = 0; i < r->img->nseg; i++) {
		const struct elfseg *s = &r->img->seg[i];
		if (load_segment(r, s, err, errlen) < 0)
			return -1;
		if (s->vaddr + s->memsz > end)
			end = s->vaddr + s->memsz;
	}
	r->brk_start = r->brk_cur = PAGE_UP(end);
	r->mmap_min = MMAP_MIN;
	if (map_stack(r, &sp, err, errlen) < 0)
		return -1;
	cpu_init(r);
	reg_set(r, r->ua->sp, sp);
	uc_set_pc(r, r->img->entry);
	return 0;
}
