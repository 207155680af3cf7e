/*
 * .go.buildinfo as Go 1.13-1.20 write it (debug/buildinfo): a 32-byte
 * header, the 14-byte magic "\xff Go buildinf:", the pointer size, a
 * flags byte (1: big-endian, 2: the strings follow inline), then either
 * two pointers to Go string headers (runtime.buildVersion and
 * runtime.modinfo) or, from Go 1.18 on, zero there and after the header
 * each string as a uvarint length and its bytes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "core/gobuildinfo.h"
#include "core/util.h"

#define MAGIC "\xff Go buildinf:"
#define MAGIC_LEN 14
#define HDR_SIZE 32
#define FLAG_BIG 1
#define FLAG_INLINE 2

/* A uvarint at p, of at most n bytes: its length in bytes, 0 if malformed or cut. */
static size_t uvarint(const unsigned char *p, size_t n, uint64_t *v)
{
	*v = 0;
	for (size_t i = 0; i < n && i < 10; i++) {
		*v |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80))
			return i + 1;
	}
	return 0;
}

static int inline_version(const unsigned char *p, size_t n, struct gobuildinfo *bi, char *err, size_t errlen)
{
	uint64_t len;
	size_t k = uvarint(p, n, &len);

	if (k == 0 || len > n - k)
		return errorf(err, errlen, ".go.buildinfo: the version string runs past the section's end");
	if (len == 0 || len >= sizeof bi->version)
		return errorf(err, errlen, ".go.buildinfo: a version string of %llu bytes", (unsigned long long)len);
	for (uint64_t i = 0; i < len; i++)
		if (p[k + i] < 0x21 || p[k + i] > 0x7e)
			return errorf(err, errlen, ".go.buildinfo: the version string is not printable");
	memcpy(bi->version, p + k, len);
	bi->version[len] = 0;
	return 0;
}

int go_buildinfo_parse(const unsigned char *sec, size_t n, struct gobuildinfo *bi, char *err, size_t errlen)
{
	memset(bi, 0, sizeof *bi);
	if (n < HDR_SIZE)
		return errorf(err, errlen, ".go.buildinfo: truncated header (%zu bytes)", n);
	if (memcmp(sec, MAGIC, MAGIC_LEN) != 0)
		return errorf(err, errlen, ".go.buildinfo: bad magic");
	bi->ptr_size = sec[14];
	bi->big = sec[15] & FLAG_BIG;
	if (bi->ptr_size != 4 && bi->ptr_size != 8)
		return errorf(err, errlen, ".go.buildinfo: pointer size %d", bi->ptr_size);
	if (sec[15] & FLAG_INLINE)
		return inline_version(sec + HDR_SIZE, n - HDR_SIZE, bi, err, errlen);
	for (int i = 0; i < bi->ptr_size; i++)
		bi->version_ptr |= (uint64_t)sec[16 + (bi->big ? bi->ptr_size - 1 - i : i)] << (8 * i);
	if (bi->version_ptr == 0)
		return errorf(err, errlen, ".go.buildinfo: no version");
	return 0;
}
