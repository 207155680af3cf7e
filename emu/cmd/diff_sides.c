/* The traces a diff walks (diff_sides.h). */
#include <stdio.h>
#include <string.h>
#include "cmd/diff_sides.h"

int sides_open(struct side *sd, char *const *files, int n)
{
	char err[512];

	for (int k = 0; k < n; k++) {
		memset(&sd[k], 0, sizeof sd[k]);
		sd[k].path = files[k];
	}
	for (int k = 0; k < n; k++) {
		if (!(sd[k].s = trace_stream_open(files[k], err, sizeof err))) {
			fprintf(stderr, "crossrt diff: %s\n", err);
			return -1;
		}
		sd[k].t = trace_stream_trace(sd[k].s);
	}
	return 0;
}

int side_next(struct side *sd, const char *only)
{
	char err[512];
	size_t len;
	int rc;

	if (!sd->s)
		return 0;
	do
		rc = trace_stream_next(sd->s, &sd->cur, err, sizeof err);
	while (rc == 1 && only && strcmp(sd->cur->probe, only));
	if (rc < 0) {
		fprintf(stderr, "crossrt diff: %s\n", err);
		return -1;
	}
	if (rc == 0) {
		sd->cur = NULL;
		return 0;
	}
	sd->n++;
	len = strnlen(sd->cur->probe, sizeof sd->lastprobe - 1);
	memcpy(sd->lastprobe, sd->cur->probe, len);
	sd->lastprobe[len] = 0;
	return 1;
}

bool hold_take(struct hold *h, const struct side *sd, int n, size_t at, struct strpool *pool)
{
	h->taken = true;
	h->at = at;
	for (int k = 0; k < n; k++) {
		h->has[k] = sd[k].cur != NULL;
		if (h->has[k] && !trace_rec_hold(&h->r[k], h->regs[k], sd[k].cur, pool))
			return false;
	}
	return true;
}

void sides_close(struct side *sd, int n)
{
	for (int k = 0; k < n; k++)
		trace_stream_close(sd[k].s);
}
