/*
 * Unicorn 2.0.x's slow stores and their cure (uc_fastwrite.c): each
 * uc_<isa>.c says PAGE_COLLECTION_OVERRIDE(target) with the name QEMU's
 * build gives that ISA's target, the suffix of the symbols
 * libunicorn.so.2 exports for it.
 */
#ifndef EMU_UC_FASTWRITE_H
#define EMU_UC_FASTWRITE_H

#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>

extern char uc_fast_token;
bool uc_fast_stores(void);

#define PAGE_COLLECTION_OVERRIDE(target)						\
void *page_collection_lock_##target(void *uc, uint64_t start, uint64_t end);		\
void *page_collection_lock_##target(void *uc, uint64_t start, uint64_t end)		\
{											\
	static void *(*real)(void *, uint64_t, uint64_t);				\
											\
	if (uc_fast_stores())								\
		return &uc_fast_token;							\
	if (!real)									\
		*(void **)&real = dlsym(RTLD_NEXT, "page_collection_lock_" #target);	\
	return real(uc, start, end);							\
}											\
void page_collection_unlock_##target(void *set);					\
void page_collection_unlock_##target(void *set)						\
{											\
	static void (*real)(void *);							\
											\
	if (set == &uc_fast_token)							\
		return;									\
	if (!real)									\
		*(void **)&real = dlsym(RTLD_NEXT, "page_collection_unlock_" #target);	\
	real(set);									\
}

#endif
