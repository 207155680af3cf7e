/*
 * Page allocator.  All runtime memory comes from one arena at a fixed
 * address, handed out in order, so the same program puts its stacks and
 * objects at the same addresses under every engine.
 *
 * The arena is mapped as it is handed out, ARENACHUNK at a time: not all
 * of it up front, as an emulator counts what is mapped against the memory
 * it lends the guest, and not piece by piece, as a mmap for each stack
 * was most of the system time of starting a million goroutines.
 * Mappings are MAP_NORESERVE and nothing is touched here, so a page costs
 * memory only once it is used: a parked goroutine holds the top page or
 * two of its stack, not the whole stack.
 */
#include "runtime.h"

#define PAGESIZE	4096UL
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	0x02
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000

#define ARENACHUNK	(64UL << 20)

static uintptr arenanext = ARENA_BASE;		/* handed out below here */
static uintptr arenamapped = ARENA_BASE;	/* mapped below here */
static uint32_t arenalock;

static uintptr roundup(uintptr n, uintptr a)
{
	return (n + a - 1) & ~(a - 1);
}

/*
 * Map the arena up to end or beyond, ARENACHUNK at a time.  A spin lock:
 * m0's g0 stack comes from here before there is a g to hold a mutex.
 */
static void arenamap(uintptr end)
{
	uintptr at, n;
	void *p;

	while (__atomic_exchange_n(&arenalock, 1, __ATOMIC_ACQUIRE))
		osyield();
	while ((at = arenamapped) < end) {
		n = ARENA_BASE + ARENA_SIZE - at < ARENACHUNK ? ARENA_BASE + ARENA_SIZE - at : ARENACHUNK;
		p = mmap((void *)at, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if ((uintptr)p >= (uintptr)-4095)	/* -errno: the kernel or an emulator refuses more */
			throw("out of memory: mmap failed");
		if ((uintptr)p != at)
			throw("sysAlloc: arena address not available");
		__atomic_store_n(&arenamapped, at + n, __ATOMIC_RELEASE);
	}
	__atomic_store_n(&arenalock, 0, __ATOMIC_RELEASE);
}

void *sysAlloc(uintptr n)
{
	uintptr want;

	n = roundup(n, PAGESIZE);
	want = __atomic_fetch_add(&arenanext, n, __ATOMIC_SEQ_CST);
	if (want + n > ARENA_BASE + ARENA_SIZE)
		throw("out of memory: arena exhausted");
	if (want + n > __atomic_load_n(&arenamapped, __ATOMIC_ACQUIRE))
		arenamap(want + n);
	return (void *)want;
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
