/*
 * zstd streams behind stdio (fopencookie): the trace writer and the line
 * readers keep their FILE and do not know whether the file is compressed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>
#include "trace/zst.h"

bool trace_zst_named(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && !strcmp(path + n - 4, ".zst");
}

bool trace_zst_magic(const void *buf, size_t n)
{
	static const unsigned char magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };

	return n >= 4 && !memcmp(buf, magic, 4);
}

struct zw {
	FILE *f;
	ZSTD_CCtx *cx;
	char out[1 << 16];
};

/* Compress in, or with end set finish the frame, and write what comes out. */
static int zw_push(struct zw *z, const char *in, size_t n, ZSTD_EndDirective end)
{
	ZSTD_inBuffer ib = { in, n, 0 };
	size_t left;

	do {
		ZSTD_outBuffer ob = { z->out, sizeof z->out, 0 };
		left = ZSTD_compressStream2(z->cx, &ob, &ib, end);
		if (ZSTD_isError(left) || fwrite(z->out, 1, ob.pos, z->f) != ob.pos)
			return -1;
	} while (end == ZSTD_e_end ? left != 0 : ib.pos < ib.size);
	return 0;
}

static ssize_t zw_write(void *cookie, const char *buf, size_t n)
{
	if (zw_push(cookie, buf, n, ZSTD_e_continue) != 0) {
		errno = EIO;
		return -1;
	}
	return (ssize_t)n;
}

static int zw_close(void *cookie)
{
	struct zw *z = cookie;
	int rc = zw_push(z, NULL, 0, ZSTD_e_end);

	ZSTD_freeCCtx(z->cx);
	if (fclose(z->f) != 0)
		rc = -1;
	free(z);
	return rc;
}

FILE *trace_open_write(const char *path)
{
	cookie_io_functions_t io = { .write = zw_write, .close = zw_close };
	struct zw *z;
	FILE *f = fopen(path, "w");

	if (!f || !trace_zst_named(path))
		return f;
	if (!(z = malloc(sizeof *z)) || !(z->cx = ZSTD_createCCtx())) {
		free(z);
		fclose(f);
		errno = ENOMEM;
		return NULL;
	}
	z->f = f;
	ZSTD_CCtx_setParameter(z->cx, ZSTD_c_compressionLevel, TRACE_ZST_LEVEL);
	ZSTD_CCtx_setParameter(z->cx, ZSTD_c_checksumFlag, 1);	/* damage found, not read as other JSON */
	if (!(f = fopencookie(z, "w", io))) {
		zw_close(z);
		return NULL;
	}
	return f;
}

struct zr {
	FILE *f;
	ZSTD_DCtx *dx;
	ZSTD_inBuffer ib;
	size_t left;		/* 0: at the end of a frame */
	bool eof;
	char in[1 << 17];
};

/* Bad or cut-short data reads as an error, EBADMSG. */
static ssize_t zr_read(void *cookie, char *buf, size_t n)
{
	struct zr *z = cookie;
	ZSTD_outBuffer ob = { buf, n, 0 };

	while (ob.pos == 0) {
		if (z->ib.pos == z->ib.size) {
			if (z->eof && z->left) {
				errno = EBADMSG;
				return -1;
			}
			if (z->eof)
				return 0;
			z->ib.size = fread(z->in, 1, sizeof z->in, z->f);
			z->ib.pos = 0;
			z->eof = z->ib.size < sizeof z->in;
			if (ferror(z->f))
				return -1;
			continue;
		}
		z->left = ZSTD_decompressStream(z->dx, &ob, &z->ib);
		if (ZSTD_isError(z->left)) {
			errno = EBADMSG;
			return -1;
		}
	}
	return (ssize_t)ob.pos;
}

static int zr_close(void *cookie)
{
	struct zr *z = cookie;
	int rc = fclose(z->f);

	ZSTD_freeDCtx(z->dx);
	free(z);
	return rc;
}

FILE *trace_open_read(const char *path)
{
	cookie_io_functions_t io = { .read = zr_read, .close = zr_close };
	unsigned char head[4];
	struct zr *z;
	FILE *f = fopen(path, "r"), *c;
	size_t n;

	if (!f)
		return NULL;
	n = fread(head, 1, sizeof head, f);
	rewind(f);
	if (!trace_zst_magic(head, n))
		return f;
	if (!(z = calloc(1, sizeof *z)) || !(z->dx = ZSTD_createDCtx())) {
		free(z);
		fclose(f);
		errno = ENOMEM;
		return NULL;
	}
	z->f = f;
	z->ib.src = z->in;
	if (!(c = fopencookie(z, "r", io)))
		zr_close(z);
	return c;
}

char *trace_zst_inflate(const void *buf, size_t n, size_t *out, char *err, size_t errlen)
{
	ZSTD_DCtx *dx = ZSTD_createDCtx();
	ZSTD_inBuffer ib = { buf, n, 0 };
	unsigned long long size = ZSTD_getFrameContentSize(buf, n);
	size_t cap = size < (1ull << 40) ? (size_t)size + 1 : 4 * n + 4096, left = 1;
	ZSTD_outBuffer ob = { malloc(cap), cap, 0 };
	char *p;

	while (dx && ob.dst && (ib.pos < ib.size || left != 0)) {
		if (ob.pos == ob.size) {
			if (!(p = realloc(ob.dst, 2 * ob.size)))
				break;
			ob.dst = p;
			ob.size *= 2;
		}
		left = ZSTD_decompressStream(dx, &ob, &ib);
		if (ZSTD_isError(left)) {
			snprintf(err, errlen, "bad zstd data: %s", ZSTD_getErrorName(left));
			goto fail;
		}
		if (ib.pos == ib.size && left != 0 && ob.pos < ob.size) {
			snprintf(err, errlen, "bad zstd data: the compressed trace is cut short");
			goto fail;
		}
	}
	if (!dx || !ob.dst || ib.pos < ib.size || left != 0) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	ZSTD_freeDCtx(dx);
	*out = ob.pos;
	return ob.dst;
fail:
	ZSTD_freeDCtx(dx);
	free(ob.dst);
	return NULL;
}
