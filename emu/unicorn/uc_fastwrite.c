/*
 * Unicorn 2.0.1 sends every guest store down a slow path: its
 * cpu_physical_memory_is_clean() always answers true, so every store to a
 * writable page goes through notdirty_write, and there
 * page_collection_lock/unlock build and free a GTree of page locks that a
 * single-threaded engine never needs (~80-90 ns a store).  Unicorn 2.1.0
 * made both no-ops (its ChangeLog: "Faster (up to 40x) write performance
 * by not always doing store_helper and cleaning page locks").
 * libunicorn.so.2 calls them through its PLT, so definitions here, exported
 * from the executable (the Makefile's --export-dynamic-symbol), take their
 * place: with 2.0.x lock hands out a token that only unlock ever sees and
 * unlock does nothing; with any other version both pass through to the
 * library's own.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <unicorn/unicorn.h>

static char token;

static bool uc_fast_stores(void)
{
	static int fast = -1;
	unsigned int major, minor;

	if (fast < 0) {
		uc_version(&major, &minor);
		fast = major == 2 && minor == 0;
	}
	return fast;
}

#define OVERRIDE(target)								\
void *page_collection_lock_##target(void *uc, uint64_t start, uint64_t end);		\
void *page_collection_lock_##target(void *uc, uint64_t start, uint64_t end)		\
{											\
	static void *(*real)(void *, uint64_t, uint64_t);				\
											\
	if (uc_fast_stores())								\
		return &token;								\
	if (!real)									\
		*(void **)&real = dlsym(RTLD_NEXT, "page_collection_lock_" #target);	\
	return real(uc, start, end);							\
}											\
void page_collection_unlock_##target(void *set);					\
void page_collection_unlock_##target(void *set)						\
{											\
	static void (*real)(void *);							\
											\
	if (set == &token)								\
		return;									\
	if (!real)									\
		*(void **)&real = dlsym(RTLD_NEXT, "page_collection_unlock_" #target);	\
	real(set);									\
}

OVERRIDE(x86_64)
OVERRIDE(aarch64)
OVERRIDE(riscv64)
