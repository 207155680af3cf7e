/* A scenario's files beside NAME.c: .exit .procs .nodiff .vtime .env .ignore (README.md, Layout). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/util.h"
#include "matrix/mx.h"

static char *slurp_line(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return NULL;
	if (!fgets(buf, (int)n, f))
		buf[0] = 0;
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return buf;
}

static void load_env(struct mx_scenario *s, const char *path)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof line, f) && s->nenv + 2 <= 32) {
		line[strcspn(line, "\n")] = 0;
		if (!line[0])
			continue;
		s->envopts[s->nenv++] = xstrdup("--env");
		s->envopts[s->nenv++] = xstrdup(line);
	}
	fclose(f);
}

/*
 * NAME.ignore: words as diff --ignore takes them (cmd/ignore.h), separated
 * by blanks, commas or lines; # starts a comment.  Checked here, so that a
 * typo is one error, not a failed diff per ISA.
 */
static int load_ignore(struct mx_scenario *s, const char *path)
{
	char line[256], err[160];
	struct ignorelist l;
	size_t n = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "#\n")] = 0;
		for (char *w = strtok(line, " \t,"); w; w = strtok(NULL, " \t,")) {
			if (n + strlen(w) + 2 > sizeof s->ignore) {
				fclose(f);
				fprintf(stderr, "crossrt matrix: %s: too many words\n", path);
				return -1;
			}
			n += (size_t)snprintf(s->ignore + n, sizeof s->ignore - n, "%s%s", n ? "," : "", w);
		}
	}
	fclose(f);
	if (ignore_parse(s->ignore, &l, err, sizeof err) != 0) {
		fprintf(stderr, "crossrt matrix: %s: %s\n", path, err);
		return -1;
	}
	return 0;
}

int mx_load_scenario(const char *scendir, struct mx_scenario *s, const char *name)
{
	char path[MX_PATH], buf[256];

	memset(s, 0, sizeof *s);
	mx_fmt(s->name, sizeof s->name, "%s", name);
	mx_fmt(s->dir, sizeof s->dir, "%s", scendir);
	mx_fmt(path, sizeof path, "%s/%s.exit", scendir, name);
	if (slurp_line(path, buf, sizeof buf))
		s->want_exit = atoi(buf);
	mx_fmt(path, sizeof path, "%s/%s.procs", scendir, name);
	if (slurp_line(path, buf, sizeof buf)) {
		for (char *p = strtok(buf, " \t"); p && s->nprocs < 4; p = strtok(NULL, " \t"))
			s->procs[s->nprocs++] = atoi(p);
	}
	if (!s->nprocs)
		s->procs[s->nprocs++] = 1;
	mx_fmt(path, sizeof path, "%s/%s.nodiff", scendir, name);
	s->nodiff = slurp_line(path, s->nodiff_reason, sizeof s->nodiff_reason) != NULL;
	mx_fmt(path, sizeof path, "%s/%s.vtime", scendir, name);
	s->vtime = slurp_line(path, s->vtime_reason, sizeof s->vtime_reason) != NULL;
	mx_fmt(path, sizeof path, "%s/%s.env", scendir, name);
	load_env(s, path);
	mx_fmt(path, sizeof path, "%s/%s.ignore", scendir, name);
	return load_ignore(s, path);
}

void mx_free_scenario(struct mx_scenario *s)
{
	for (int k = 0; k < s->nenv; k++)
		free(s->envopts[k]);
	free(s->out);
}
