/*
 * One address mapped twice: read-write and written, then unmapped and,
 * after another mapping elsewhere, mapped again read-only.  The write after that must fault however the
 * engine remembers what is mapped where (under Unicorn, uc_mapcache.c
 * keeps a page's region for one run of the guest only).
 */
#include "hostile.h"
#include "backend.h"

static void handler(int sig, void *info, void *uc)
{
	(void)sig, (void)info, (void)uc;
	printf("the write to the read-only page faulted\n");
	exit(0);
}

static long map(long at, int prot)
{
	return __syscall6(SYS_mmap, at, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS | (at ? MAP_FIXED : 0), -1, 0);
}

void main_main(void)
{
	long p = map(0, PROT_READ | PROT_WRITE), q;
	volatile long *w = (volatile long *)p;

	if (p < 0 && p > -4096) {
		report("mmap", p);
		exit(1);
	}
	for (long i = 0; i < 3; i++)
		w[i] = 40 + i;
	printf("read-write: %ld %ld %ld\n", w[0], w[1], w[2]);
	report("munmap", sys(SYS_munmap, p, 4096, 0, 0));
	/* another mapping first, which may well take what described the old one */
	report("mmap elsewhere", map(0, PROT_READ | PROT_WRITE));
	q = map(p, PROT_READ);
	printf("read-only at the same address: %s, reads %ld\n", q == p ? "yes" : "no", w[0]);
	report("rt_sigaction", setsig(SIGSEGV, handler));
	w[1] = 1;
	printf("the write survived: %ld\n", w[1]);
	exit(1);
}
