/*
 * The guest's address space: a sorted list of page-aligned areas, exactly
 * as the guest mapped them (uc_backing.c derives Unicorn's regions from
 * it), checked guest accesses, and the memory system calls (mmap, munmap,
 * mprotect, brk).
 */
#include <stdlib.h>
#include <string.h>
#include "unicorn/uc.h"

#define LX_PROT_MASK		7
#define LX_MAP_TYPE		0x0f
#define LX_MAP_FIXED		0x10
#define LX_MAP_ANONYMOUS	0x20
#define LX_MAP_FIXED_NOREPLACE	0x100000

/* As under RLIMIT_AS: guest memory is host memory, and the host is shared. */
#define MAX_MAPPED		(4ULL << 30)

/* Index of the first area with hi > addr (nvma if none). */
int vm_index(struct ucrun *r, uint64_t addr)
{
	return span_index(r->vma, r->nvma, addr);
}

const struct span *vm_find(struct ucrun *r, uint64_t addr)
{
	return span_find(r->vma, r->nvma, addr);
}

bool vm_free(struct ucrun *r, uint64_t lo, uint64_t len)
{
	int i = vm_index(r, lo);

	return i == r->nvma || r->vma[i].lo >= lo + len;
}

/* Every byte of [addr, addr+len) is mapped with at least prot. */
bool vm_ok(struct ucrun *r, uint64_t addr, uint64_t len, int prot)
{
	uint64_t end = addr + len;
	int i;

	if (len == 0)
		return true;
	if (end < addr)
		return false;
	for (i = vm_index(r, addr); i < r->nvma && addr < end; i++) {
		if (r->vma[i].lo > addr || (r->vma[i].prot & prot) != prot)
			return false;
		addr = r->vma[i].hi;
	}
	return addr >= end;
}

static void vma_insert_at(struct ucrun *r, int i, struct span v)
{
	if (r->nvma == r->capvma) {
		r->capvma = r->capvma ? 2 * r->capvma : 64;
		r->vma = xreallocarray(r->vma, (size_t)r->capvma, sizeof *r->vma);
	}
	memmove(&r->vma[i + 1], &r->vma[i], (size_t)(r->nvma - i) * sizeof *r->vma);
	r->vma[i] = v;
	r->nvma++;
}

static void vma_remove_at(struct ucrun *r, int i)
{
	memmove(&r->vma[i], &r->vma[i + 1], (size_t)(r->nvma - i - 1) * sizeof *r->vma);
	r->nvma--;
}

/* Split the area containing addr (if any) so that an area starts at addr. */
static void vma_split(struct ucrun *r, uint64_t addr)
{
	int i = vm_index(r, addr);
	struct span v;

	if (i == r->nvma || r->vma[i].lo >= addr)
		return;
	v = r->vma[i];
	r->vma[i].hi = addr;
	v.lo = addr;
	vma_insert_at(r, i + 1, v);
}

/* The architecture's implied permissions: writable pages are readable, on some ISAs executable ones too. */
static int effective_prot(struct ucrun *r, int prot)
{
	if (prot & UC_PROT_WRITE)
		prot |= UC_PROT_READ;
	if (r->ua->exec_reads && (prot & UC_PROT_EXEC))
		prot |= UC_PROT_READ;
	return prot;
}

/* Bytes the guest has mapped, whatever their protection. */
static uint64_t vm_mapped(struct ucrun *r)
{
	uint64_t n = 0;

	for (int i = 0; i < r->nvma; i++)
		n += r->vma[i].hi - r->vma[i].lo;
	return n;
}

/* Map a free, page-aligned range, zero-filled. */
int vm_map(struct ucrun *r, uint64_t lo, uint64_t len, int prot)
{
	struct span v = { lo, lo + len, effective_prot(r, prot) };

	if (len == 0 || !vm_free(r, lo, len))
		return -E_INVAL;
	if (!backing_room(r) || len > MAX_MAPPED || vm_mapped(r) > MAX_MAPPED - len)
		return -E_NOMEM;
	vma_insert_at(r, vm_index(r, lo), v);
	return backing_sync(r, lo, lo + len);
}

/* Unmap whatever is mapped in [lo, lo+len); holes are fine, as in munmap. */
int vm_unmap(struct ucrun *r, uint64_t lo, uint64_t len)
{
	uint64_t hi = lo + len;
	int i;

	if (!backing_room(r))
		return -E_NOMEM;
	vma_split(r, lo);
	vma_split(r, hi);
	i = vm_index(r, lo);
	while (i < r->nvma && r->vma[i].lo < hi) {
		backing_zero(r, r->vma[i].lo, r->vma[i].hi);
		vma_remove_at(r, i);
	}
	return backing_sync(r, lo, hi);
}

/* Change the protection of a fully mapped range; -ENOMEM if any page is not mapped. */
int vm_protect(struct ucrun *r, uint64_t lo, uint64_t len, int prot)
{
	uint64_t hi = lo + len;

	if (!vm_ok(r, lo, len, 0) || !backing_room(r))
		return -E_NOMEM;
	prot = effective_prot(r, prot);
	vma_split(r, lo);
	vma_split(r, hi);
	for (int i = vm_index(r, lo); i < r->nvma && r->vma[i].lo < hi; i++)
		r->vma[i].prot = prot;
	return backing_sync(r, lo, hi);
}

void vm_free_all(struct ucrun *r)
{
	backing_free(r);
	free(r->vma);
	r->vma = NULL;
	r->nvma = r->capvma = 0;
}

/* Copy between the guest's memory and buf, page protections aside; -EFAULT where nothing is mapped. */
static int vm_copy(struct ucrun *r, uint64_t addr, void *buf, size_t len, bool out)
{
	unsigned char *b = buf;

	if (!vm_ok(r, addr, len, 0))
		return -E_FAULT;
	while (len) {
		uint64_t avail;
		unsigned char *h = backing_host(r, addr, &avail);
		size_t n = len < avail ? len : (size_t)avail;
		if (!h) {
			/* mapped but never accessible: no host memory yet, reads as zero */
			n = len < PAGE - (addr & (PAGE - 1)) ? len : (size_t)(PAGE - (addr & (PAGE - 1)));
			if (out)
				return -E_FAULT;
			memset(b, 0, n);
		} else if (out) {
			memcpy(h, b, n);
		} else {
			memcpy(b, h, n);
		}
		addr += n, b += n, len -= n;
	}
	return 0;
}

int vm_peek(struct ucrun *r, uint64_t addr, void *buf, size_t len)
{
	return vm_copy(r, addr, buf, len, false);
}

int vm_poke(struct ucrun *r, uint64_t addr, const void *buf, size_t len)
{
	return vm_copy(r, addr, (void *)buf, len, true);
}

int vm_read(struct ucrun *r, uint64_t addr, void *buf, size_t len)
{
	if (!vm_ok(r, addr, len, UC_PROT_READ))
		return -E_FAULT;
	return vm_peek(r, addr, buf, len);
}

int vm_write(struct ucrun *r, uint64_t addr, const void *buf, size_t len)
{
	if (!vm_ok(r, addr, len, UC_PROT_WRITE))
		return -E_FAULT;
	return vm_poke(r, addr, buf, len);
}

/* Words in the guest's byte order (isa_get64): n of them, at most VM_WORDS. */
int vm_read_words(struct ucrun *r, uint64_t addr, uint64_t *w, int n)
{
	unsigned char b[8 * VM_WORDS];
	int err;

	if (n < 0 || n > VM_WORDS)
		return -E_FAULT;
	if ((err = vm_read(r, addr, b, 8 * (size_t)n)) < 0)
		return err;
	for (int i = 0; i < n; i++)
		w[i] = isa_get64(r->arch, b + 8 * i);
	return 0;
}

int vm_write_words(struct ucrun *r, uint64_t addr, const uint64_t *w, int n)
{
	unsigned char b[8 * VM_WORDS];

	if (n < 0 || n > VM_WORDS)
		return -E_FAULT;
	for (int i = 0; i < n; i++)
		isa_put64(r->arch, b + 8 * i, w[i]);
	return vm_write(r, addr, b, 8 * (size_t)n);
}

int vm_read64(struct ucrun *r, uint64_t addr, uint64_t *v)
{
	return vm_read_words(r, addr, v, 1);
}

int vm_write64(struct ucrun *r, uint64_t addr, uint64_t v)
{
	return vm_write_words(r, addr, &v, 1);
}

int vm_read32(struct ucrun *r, uint64_t addr, uint32_t *v)
{
	unsigned char b[4];
	int err = vm_read(r, addr, b, 4);

	if (err == 0)
		*v = isa_get32(r->arch, b);
	return err;
}

int vm_write32(struct ucrun *r, uint64_t addr, uint32_t v)
{
	unsigned char b[4];

	isa_put32(r->arch, b, v);
	return vm_write(r, addr, b, 4);
}

/* The first free range of len bytes at or above from (first fit, as qemu-user allocates); 0 if none. */
static uint64_t vm_find_free(struct ucrun *r, uint64_t from, uint64_t len)
{
	uint64_t at = from < r->mmap_min ? r->mmap_min : from;

	for (int i = vm_index(r, at); i < r->nvma; i++) {
		if (r->vma[i].lo >= at + len)
			break;
		at = r->vma[i].hi;
	}
	return at + len >= at && at + len <= r->ua->task_size ? at : 0;
}

static bool in_user_space(struct ucrun *r, uint64_t addr, uint64_t len)
{
	return addr >= r->mmap_min && addr + len >= addr && addr + len <= r->ua->task_size;
}

int64_t sys_mmap(struct ucrun *r, uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
	int type = flags & LX_MAP_TYPE;
	uint64_t at = 0;
	int err;

	(void)fd;
	if (len == 0 || (off & (PAGE - 1)) || (prot & ~LX_PROT_MASK))
		return -E_INVAL;
	if (type < 1 || type > 3)
		return -E_INVAL;
	if (PAGE_UP(len) < len || PAGE_UP(len) > r->ua->task_size)
		return -E_NOMEM;
	len = PAGE_UP(len);
	if (!(flags & LX_MAP_ANONYMOUS))
		return -E_BADF;		/* no files: no fd can be mapped */
	if (flags & (LX_MAP_FIXED | LX_MAP_FIXED_NOREPLACE)) {
		if (addr & (PAGE - 1))
			return -E_INVAL;
		if (!in_user_space(r, addr, len))
			return addr < r->mmap_min ? -E_PERM : -E_NOMEM;
		if (!vm_free(r, addr, len)) {
			if (!(flags & LX_MAP_FIXED))
				return -E_EXIST;
			if ((err = vm_unmap(r, addr, len)) < 0)
				return err;
		}
		at = addr;
	} else {
		/* a usable hint is taken as it is, else the search starts there */
		uint64_t hint = PAGE_DOWN(addr);
		if (hint && in_user_space(r, hint, len) && vm_free(r, hint, len))
			at = hint;
		else if (hint && in_user_space(r, hint, len))
			at = vm_find_free(r, hint, len);
		if (!at && !(at = vm_find_free(r, r->mmap_next, len)) &&
		    !(at = vm_find_free(r, r->mmap_min, len)))
			return -E_NOMEM;
		if (!hint)
			r->mmap_next = at + len;
	}
	if ((err = vm_map(r, at, len, prot)) < 0)
		return err;
	return (int64_t)at;
}

int64_t sys_munmap(struct ucrun *r, uint64_t addr, uint64_t len)
{
	if ((addr & (PAGE - 1)) || len == 0)
		return -E_INVAL;
	len = PAGE_UP(len);
	if (addr + len < addr || addr + len > r->ua->task_size)
		return -E_INVAL;
	return vm_unmap(r, addr, len);
}

int64_t sys_mprotect(struct ucrun *r, uint64_t addr, uint64_t len, int prot)
{
	if ((addr & (PAGE - 1)) || (prot & ~LX_PROT_MASK))
		return -E_INVAL;
	if (len == 0)
		return 0;
	len = PAGE_UP(len);
	if (len == 0 || addr + len < addr)
		return -E_NOMEM;
	return vm_protect(r, addr, len, prot);
}

/* brk: grow or shrink the area after the program's last segment; on failure return the old break. */
int64_t sys_brk(struct ucrun *r, uint64_t addr)
{
	uint64_t oldtop = PAGE_UP(r->brk_cur), newtop = PAGE_UP(addr);

	if (addr < r->brk_start || newtop < addr || newtop > r->ua->task_size)
		return (int64_t)r->brk_cur;
	if (newtop > oldtop) {
		if (!vm_free(r, oldtop, newtop - oldtop) ||
		    vm_map(r, oldtop, newtop - oldtop, UC_PROT_READ | UC_PROT_WRITE) < 0)
			return (int64_t)r->brk_cur;
	} else if (newtop < oldtop) {
		vm_unmap(r, newtop, oldtop - newtop);
	}
	r->brk_cur = addr;
	return (int64_t)r->brk_cur;
}
