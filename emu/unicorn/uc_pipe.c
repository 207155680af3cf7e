/*
 * Pipes and epoll, as much as Go's network poller uses to sleep until a
 * timer or a wake-up: netpollinit makes an epoll instance and a
 * non-blocking pipe whose read end it watches; netpollBreak writes a byte
 * to the pipe; netpoll waits in epoll_pwait (epoll_wait on s390x) with a
 * timeout in virtual time.  Only pipe ends can be watched (anything else
 * is -EPERM, as Linux says for regular files); events are level-triggered.
 * Closing any fd is here too: it is pipes and epoll that closing changes.
 */
#include <string.h>
#include "unicorn/uc.h"

#define LX_EPOLLIN	0x001
#define LX_EPOLLOUT	0x004
#define LX_EPOLLERR	0x008
#define LX_EPOLLHUP	0x010
#define LX_EPIPE	32

enum { EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3 };

static void file_close(struct ucrun *r, int fd);

static uint32_t pipe_events(struct ucrun *r, const struct ucfile *f)
{
	const struct ucfile *peer = f->peer >= 0 ? file_get(r, f->peer) : NULL;

	if (f->kind == FK_PIPE_R)
		return (f->nbuf ? LX_EPOLLIN : 0) | (peer ? 0 : LX_EPOLLHUP);
	if (!peer)
		return LX_EPOLLERR;
	return peer->nbuf < PIPE_CAP ? LX_EPOLLOUT : 0;
}

/* The ready events of epoll instance ep, written to buf (max of them): how many, or -EFAULT. */
static int64_t epoll_ready(struct ucrun *r, struct ucfile *ep, uint64_t buf, int max)
{
	int esize = r->ua->epoll_packed ? 12 : 16, n = 0;

	for (int i = 0; i < ep->nreg && n < max; i++) {
		struct epreg *g = &ep->reg[i];
		struct ucfile *f = file_get(r, g->fd);
		uint32_t ev = f ? pipe_events(r, f) & (g->events | LX_EPOLLERR | LX_EPOLLHUP) : 0;
		unsigned char e[16];

		if (!ev)
			continue;
		memset(e, 0, sizeof e);
		put32(r, e, ev);
		memcpy(e + esize - 8, g->data, 8);
		if (vm_write(r, buf + (uint64_t)n * (uint64_t)esize, e, (size_t)esize) < 0)
			return -E_FAULT;
		n++;
	}
	return n;
}

/* Something changed on a pipe: wake the threads waiting in epoll for what is now ready. */
static void epoll_notify(struct ucrun *r)
{
	for (int i = 0; i < r->nthreads; i++) {
		struct ucthread *t = r->threads[i];
		struct ucfile *ep = t->state == T_SLEEP && t->epfd ? file_get(r, t->epfd) : NULL;
		int64_t n;

		if (ep && ep->kind == FK_EPOLL && (n = epoll_ready(r, ep, t->ep_buf, t->ep_max)) != 0)
			thread_wake(t, n);
	}
}

int64_t sys_pipe2(struct ucrun *r, uint64_t fds, int flags)
{
	unsigned char b[8];
	int rd, wr;

	if (flags & ~(LX_O_NONBLOCK | LX_O_CLOEXEC))
		return -E_INVAL;
	if (!vm_ok(r, fds, 8, 2))
		return -E_FAULT;
	if ((rd = file_new(r, FK_PIPE_R, flags)) < 0)
		return rd;
	if ((wr = file_new(r, FK_PIPE_W, flags)) < 0) {
		file_close(r, rd);
		return wr;
	}
	file_get(r, rd)->peer = wr;
	file_get(r, wr)->peer = rd;
	put32(r, b, (uint32_t)rd);
	put32(r, b + 4, (uint32_t)wr);
	return vm_write(r, fds, b, 8) < 0 ? -E_FAULT : 0;
}

/* A pipe never blocks here: with nothing to read (or no room) the call is -EAGAIN. */
int64_t pipe_read(struct ucrun *r, struct ucfile *f, uint64_t buf, uint64_t n)
{
	uint32_t k;

	if (!f->nbuf)
		return f->peer >= 0 ? -E_AGAIN : 0;
	k = n < f->nbuf ? (uint32_t)n : f->nbuf;
	if (vm_write(r, buf, f->buf, k) < 0)
		return -E_FAULT;
	memmove(f->buf, f->buf + k, f->nbuf - k);
	f->nbuf -= k;
	epoll_notify(r);
	return k;
}

int64_t pipe_write(struct ucrun *r, struct ucfile *f, uint64_t buf, uint64_t n)
{
	struct ucfile *rd = f->peer >= 0 ? file_get(r, f->peer) : NULL;
	uint32_t k;

	if (!rd)
		return -LX_EPIPE;
	k = n < PIPE_CAP - rd->nbuf ? (uint32_t)n : PIPE_CAP - rd->nbuf;
	if (!k)
		return n ? -E_AGAIN : 0;
	if (vm_read(r, buf, rd->buf + rd->nbuf, k) < 0)
		return -E_FAULT;
	rd->nbuf += k;
	epoll_notify(r);
	return k;
}

/* A pipe end closed: the other end sees end of file or EPOLLERR. */
static void pipe_closed(struct ucrun *r, struct ucfile *f)
{
	struct ucfile *peer = f->peer >= 0 ? file_get(r, f->peer) : NULL;

	if (peer)
		peer->peer = -1;
	epoll_notify(r);
}

int64_t sys_epoll_create1(struct ucrun *r, int flags)
{
	if (flags & ~LX_O_CLOEXEC)
		return -E_INVAL;
	return file_new(r, FK_EPOLL, flags);
}

static struct epreg *epoll_find(struct ucfile *ep, int fd)
{
	for (int i = 0; i < ep->nreg; i++)
		if (ep->reg[i].fd == fd)
			return &ep->reg[i];
	return NULL;
}

int64_t sys_epoll_ctl(struct ucrun *r, int epfd, int op, int fd, uint64_t event)
{
	struct ucfile *ep = file_get(r, epfd), *f = file_get(r, fd);
	struct epreg *g;
	unsigned char e[16];
	int esize = r->ua->epoll_packed ? 12 : 16;

	if (!ep || !fd_open(r, fd))
		return -E_BADF;
	if (ep->kind != FK_EPOLL || fd == epfd)
		return -E_INVAL;
	if (!f || f->kind == FK_EPOLL)
		return -E_PERM;
	g = epoll_find(ep, fd);
	if (op == EPOLL_CTL_DEL) {
		if (!g)
			return -E_NOENT;
		*g = ep->reg[--ep->nreg];
		return 0;
	}
	if (op != EPOLL_CTL_ADD && op != EPOLL_CTL_MOD)
		return -E_INVAL;
	if (vm_read(r, event, e, (size_t)esize) < 0)
		return -E_FAULT;
	if (op == EPOLL_CTL_ADD && g)
		return -E_EXIST;
	if (op == EPOLL_CTL_MOD && !g)
		return -E_NOENT;
	if (!g && ep->nreg == EPOLL_REGS)
		return -E_NOSPC;
	if (!g)
		g = &ep->reg[ep->nreg++];
	g->fd = fd;
	g->events = get32(r, e);
	memcpy(g->data, e + esize - 8, 8);
	return 0;
}

/* Sets the return register itself: the call may block until a pipe is ready or timeout_ms pass. */
void sys_epoll_wait(struct ucrun *r, int epfd, uint64_t buf, int max, int timeout_ms)
{
	struct ucfile *ep = file_get(r, epfd);
	int64_t n;

	if (!ep)
		n = -E_BADF;
	else if (ep->kind != FK_EPOLL || max <= 0)
		n = -E_INVAL;
	else
		n = epoll_ready(r, ep, buf, max);
	if (n != 0 || timeout_ms == 0) {
		reg_set(r, r->ua->ret, (uint64_t)n);
		return;
	}
	r->cur->epfd = epfd;
	r->cur->ep_buf = buf;
	r->cur->ep_max = max;
	r->cur->sleep_rem = 0;
	thread_block(r, T_SLEEP, timeout_ms < 0 ? UINT64_MAX : vclock_ns(r) + (uint64_t)timeout_ms * 1000000);
}

/* Closing an fd takes it out of every epoll instance, as closing its last reference does in Linux. */
static void file_close(struct ucrun *r, int fd)
{
	struct ucfile *f = file_get(r, fd);

	for (int i = 0; i < NFILES; i++) {
		struct ucfile *ep = &r->files[i];
		for (int k = 0; ep->kind == FK_EPOLL && k < ep->nreg; k++)
			if (ep->reg[k].fd == fd)
				ep->reg[k--] = ep->reg[--ep->nreg];
	}
	f->kind = FK_FREE;
	if (f->peer >= 0)
		pipe_closed(r, f);
}

int64_t sys_close(struct ucrun *r, int64_t fd)
{
	if (!fd_open(r, fd))
		return -E_BADF;
	if (fd <= RECORD_FD)
		r->closed_fds |= 1u << fd;
	else
		file_close(r, (int)fd);
	return 0;
}
