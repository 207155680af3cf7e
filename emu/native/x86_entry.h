/*
 * The instructions that open Go's runtime functions on amd64, done by the
 * native engine itself at a probe so that the thread need not step them
 * with the other threads held.
 */
#ifndef EMU_NATIVE_X86_ENTRY_H
#define EMU_NATIVE_X86_ENTRY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

typedef int x86_read_fn(void *ctx, uint64_t addr, uint64_t *v);

/*
 * Do the instruction in insn (n bytes, at r->rip) on r: its length, with
 * r->rip past it; 0 if it is not one of those done here or the memory it
 * reads cannot be read (the thread then steps it).
 */
size_t x86_entry_do(const unsigned char *insn, size_t n, struct user_regs_struct *r, x86_read_fn *read, void *ctx);

#endif
