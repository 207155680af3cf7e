/*
 * Resource limits: a fixed table, the same on every run (not the host's),
 * that the guest may lower, or raise up to the hard limit, as Linux lets
 * an unprivileged process.  Go's os package raises RLIMIT_NOFILE's soft
 * limit to the hard one at start-up.
 */
#include "unicorn/uc.h"

#define INF	UINT64_MAX

static const struct rlim initial[NRLIMIT] = {
	[0] = { INF, INF },			/* CPU */
	[1] = { INF, INF },			/* FSIZE */
	[2] = { INF, INF },			/* DATA */
	[3] = { 8ULL << 20, INF },		/* STACK */
	[4] = { 0, INF },			/* CORE */
	[5] = { INF, INF },			/* RSS */
	[6] = { 4096, 4096 },			/* NPROC: the engine's thread limit */
	[7] = { 1024, 4096 },			/* NOFILE */
	[8] = { 8ULL << 20, 8ULL << 20 },	/* MEMLOCK */
	[9] = { 4ULL << 30, 4ULL << 30 },	/* AS: the engine's mapping limit */
	[10] = { INF, INF },			/* LOCKS */
	[11] = { 0, 0 },			/* SIGPENDING */
	[12] = { 819200, 819200 },		/* MSGQUEUE */
	[13] = { 0, 0 },			/* NICE */
	[14] = { 0, 0 },			/* RTPRIO */
	[15] = { INF, INF },			/* RTTIME */
};

void rlimit_init(struct ucrun *r)
{
	for (int i = 0; i < NRLIMIT; i++)
		r->rlim[i] = initial[i];
}

int64_t sys_prlimit64(struct ucrun *r, int64_t pid, int res, uint64_t nlim, uint64_t olim)
{
	uint64_t n[2], o[2];

	if (pid != 0 && pid != GUEST_PID)
		return -E_SRCH;
	if (res < 0 || res >= NRLIMIT)
		return -E_INVAL;
	if (nlim && vm_read_words(r, nlim, n, 2) < 0)
		return -E_FAULT;
	if (nlim && (n[0] > n[1] || n[1] > r->rlim[res].max))
		return n[0] > n[1] ? -E_INVAL : -E_PERM;
	o[0] = r->rlim[res].cur, o[1] = r->rlim[res].max;
	if (olim && vm_write_words(r, olim, o, 2) < 0)
		return -E_FAULT;
	if (nlim)
		r->rlim[res].cur = n[0], r->rlim[res].max = n[1];
	return 0;
}
