/*
 * Files, as far as a guest without a file system needs them: fds 0-2 (and
 * RECORD_FD, write-only) exist from the start, pipes and epoll instances
 * (uc_pipe.c, which also closes fds) are made from FD_FIRST on, every open finds nothing (ENOENT:
 * Go's runtime then takes /sys's huge page size as 0), and fcntl answers
 * for the fds there are.  A closed fd 0-2 or RECORD_FD stays closed: there
 * is no dup to open it again.
 */
#include <string.h>
#include "unicorn/uc.h"

#define LX_O_RDONLY	0
#define LX_O_WRONLY	1
#define LX_O_RDWR	2
#define LX_FD_CLOEXEC	1

enum { F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4 };

struct ucfile *file_get(struct ucrun *r, int64_t fd)
{
	if (fd < FD_FIRST || fd >= FD_FIRST + NFILES || r->files[fd - FD_FIRST].kind == FK_FREE)
		return NULL;
	return &r->files[fd - FD_FIRST];
}

bool fd_open(struct ucrun *r, int64_t fd)
{
	if (fd >= 0 && fd <= RECORD_FD)
		return !(r->closed_fds & (1u << fd));
	return file_get(r, fd);
}

/* The lowest free fd, as Linux gives it, or -EMFILE. */
int file_new(struct ucrun *r, enum fkind kind, int flags)
{
	for (int i = 0; i < NFILES; i++) {
		struct ucfile *f = &r->files[i];
		if (f->kind != FK_FREE)
			continue;
		memset(f, 0, sizeof *f);
		f->kind = kind;
		f->peer = -1;
		f->flags = flags & LX_O_NONBLOCK;
		if (flags & LX_O_CLOEXEC)
			r->cloexec_fds |= 1u << (FD_FIRST + i);
		else
			r->cloexec_fds &= ~(1u << (FD_FIRST + i));
		return FD_FIRST + i;
	}
	return -E_MFILE;
}

int64_t sys_openat(struct ucrun *r, uint64_t path)
{
	unsigned char c;

	return vm_read(r, path, &c, 1) < 0 ? -E_FAULT : -E_NOENT;
}

static int64_t getfl(struct ucrun *r, int64_t fd)
{
	struct ucfile *f = file_get(r, fd);

	if (f)
		return (f->kind == FK_PIPE_W ? LX_O_WRONLY : LX_O_RDONLY) | f->flags;
	return fd == 0 ? LX_O_RDONLY : fd == RECORD_FD ? LX_O_WRONLY : LX_O_RDWR;
}

int64_t sys_fcntl(struct ucrun *r, int64_t fd, int cmd, uint64_t arg)
{
	struct ucfile *f = file_get(r, fd);

	if (!fd_open(r, fd))
		return -E_BADF;
	switch (cmd) {
	case F_GETFD:
		return (r->cloexec_fds >> fd) & 1 ? LX_FD_CLOEXEC : 0;
	case F_SETFD:
		if (arg & LX_FD_CLOEXEC)
			r->cloexec_fds |= 1u << fd;
		else
			r->cloexec_fds &= ~(1u << fd);
		return 0;
	case F_GETFL:
		return getfl(r, fd);
	case F_SETFL:
		if (f)
			f->flags = (int)(arg & LX_O_NONBLOCK);
		return 0;	/* on fds 0-2, O_NONBLOCK and O_APPEND change nothing here */
	case F_DUPFD:
		return -E_MFILE;
	default:
		return -E_INVAL;
	}
}
