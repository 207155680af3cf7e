/*
 * Unicorn 2.0.1 sends every guest store down a slow path: its
 * cpu_physical_memory_is_clean() always answers true, so every store to a
 * writable page goes through notdirty_write, and there
 * page_collection_lock/unlock build and free a GTree of page locks that a
 * single-threaded engine never needs (~80-90 ns a store).  Unicorn 2.1.0
 * made both no-ops (its ChangeLog: "Faster (up to 40x) write performance
 * by not always doing store_helper and cleaning page locks").
 * libunicorn.so.2 calls them through its PLT, so definitions in the
 * executable (uc_<isa>.c's PAGE_COLLECTION_OVERRIDE, exported by the
 * Makefile's --export-dynamic-symbol) take their place: with 2.0.x lock
 * hands out a token that only unlock ever sees and unlock does nothing;
 * with any other version both pass through to the library's own.
 */
#include <unicorn/unicorn.h>
#include "unicorn/uc_fastwrite.h"

char uc_fast_token;

bool uc_fast_stores(void)
{
	static int fast = -1;
	unsigned int major, minor;

	if (fast < 0) {
		uc_version(&major, &minor);
		fast = major == 2 && minor == 0;
	}
	return fast;
}
