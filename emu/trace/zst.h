/*
 * Compressed traces: a trace file whose name ends in ".zst" is written as
 * one zstd frame (docs/trace-format.md), so that `zstdcat F | jq` reads it;
 * readers tell a compressed trace by its first four bytes, whatever its name.
 */
#ifndef EMU_TRACE_ZST_H
#define EMU_TRACE_ZST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define TRACE_ZST_LEVEL 1	/* 11 bytes a hit on bench/gosched; higher levels gain nothing here */

bool trace_zst_named(const char *path);
bool trace_zst_magic(const void *buf, size_t n);

/* A stream for writing the trace at path: compressed if its name ends in ".zst". */
FILE *trace_open_write(const char *path);
/* A stream for reading the trace at path, compressed or not; NULL with errno set.  Bad compressed data: EBADMSG. */
FILE *trace_open_read(const char *path);

/*
 * The whole of a compressed trace, decompressed into memory of its own
 * (free it); NULL with the reason in err.
 */
char *trace_zst_inflate(const void *buf, size_t n, size_t *out, char *err, size_t errlen);

#endif
