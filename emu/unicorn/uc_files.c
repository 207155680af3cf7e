/*
 * Files, as far as a guest without a file system needs them: fds 0-2 are
 * the only ones that exist (and RECORD_FD, write-only), every open finds
 * nothing (ENOENT: Go's runtime then takes /sys's huge page size as 0),
 * fcntl answers for the fds there are, and close closes fds 0-2 for good.
 */
#include "unicorn/uc.h"

#define LX_O_RDONLY	0
#define LX_O_WRONLY	1
#define LX_O_RDWR	2
#define LX_FD_CLOEXEC	1

enum { F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4 };

/* fds 0-3 only, so a bit each */
bool fd_open(const struct ucrun *r, int64_t fd)
{
	if (fd >= 0 && fd <= 2)
		return !(r->closed_fds & (1u << fd));
	return fd == RECORD_FD;
}

int64_t sys_openat(struct ucrun *r, uint64_t path)
{
	unsigned char c;

	return vm_read(r, path, &c, 1) < 0 ? -E_FAULT : -E_NOENT;
}

int64_t sys_close(struct ucrun *r, int64_t fd)
{
	if (!fd_open(r, fd))
		return -E_BADF;
	if (fd <= 2)
		r->closed_fds |= 1u << fd;
	return 0;
}

int64_t sys_fcntl(struct ucrun *r, int64_t fd, int cmd, uint64_t arg)
{
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
		return fd == 0 ? LX_O_RDONLY : fd == RECORD_FD ? LX_O_WRONLY : LX_O_RDWR;
	case F_SETFL:
		return 0;	/* O_NONBLOCK and O_APPEND change nothing here */
	case F_DUPFD:
		return -E_MFILE;
	default:
		return -E_INVAL;
	}
}
