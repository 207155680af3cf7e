/*
 * Page allocator.  All runtime memory comes from one arena at a fixed
 * address, handed out in order, so the same program puts its stacks and
 * objects at the same addresses under every engine.
 *
 * Each piece is mapped when it is handed out, not the whole arena up
 * front: an emulator counts what is mapped against the memory it lends
 * the guest.  Mappings are MAP_NORESERVE and nothing is touched here, so
 * a page costs memory only once it is used: a parked goroutine holds the
 * top page or two of its stack, not the whole stack.
 */
#include "runtime.h"

#define PAGESIZE	4096UL
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	0x02
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000

static uintptr arenanext = ARENA_BASE;

static uintptr roundup(uintptr n, uintptr a)
{
	return (n + a - 1) & ~(a - 1);
}

void *sysAlloc(uintptr n)
{
	uintptr want;
	void *p;

	n = roundup(n, PAGESIZE);
	want = __atomic_fetch_add(&arenanext, n, __ATOMIC_SEQ_CST);
	if (want + n > ARENA_BASE + ARENA_SIZE)
		throw("out of memory: arena exhausted");
	p = mmap((void *)want, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if ((uintptr)p >= (uintptr)-4095)	/* -errno: the kernel or an emulator refuses more */
		throw("out of memory: mmap failed");
	if ((uintptr)p != want)
		throw("sysAlloc: arena address not available");
	return p;
}

static struct mutex persistentlock;

/*
 * Objects that are never freed (g, m, p, channels, sudogs, timers),
 * carved in order from 64 KiB chunks; fresh arena memory is zero.
 */
void *persistentalloc(uintptr n)
{
	static uintptr chunk, off, end;
	uintptr p;

	n = roundup(n, 16);
	lock(&persistentlock);
	if (chunk == 0 || off + n > end) {
		uintptr sz = n > 65536 ? roundup(n, PAGESIZE) : 65536;
		chunk = (uintptr)sysAlloc(sz);
		off = chunk;
		end = chunk + sz;
	}
	p = off;
	off += n;
	unlock(&persistentlock);
	return (void *)p;
}

/* Go's allocator for objects: without a collector, persistent and zeroed. */
void *mallocgc(uintptr n)
{
	return persistentalloc(n);
}
