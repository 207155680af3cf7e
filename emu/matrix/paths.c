/*
 * The programs a matrix runs, as named on its command line: a scenario's
 * NAME (its files in --scenarios, its programs in BUILD/ARCH/tests or
 * --bin), a FILE.c anywhere (its NAME.out and the rest beside it), or a
 * folder of them.  A FILE.c is built with crossrt cc into OUT/bin/ARCH/NAME.
 * Before anything runs, every program and every NAME.out must exist: one
 * error for what is missing rather than a row of failed cells.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd/cc.h"
#include "core/util.h"
#include "matrix/mx.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

static struct mx_scenario *new_scenario(struct matrix *mx)
{
	mx->scen = xreallocarray(mx->scen, (size_t)mx->nscen + 1, sizeof *mx->scen);
	return &mx->scen[mx->nscen++];
}

/* FILE.c: its name without folder and .c, its folder for NAME.out and the rest. */
static int add_file(struct matrix *mx, const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	char dir[MX_PATH], name[64];

	if (access(path, R_OK)) {
		fprintf(stderr, "crossrt matrix: %s: not found\n", path);
		return -1;
	}
	if (strlen(base) - 2 >= sizeof name || strlen(path) >= MX_PATH - 16) {
		fprintf(stderr, "crossrt matrix: %s: name too long\n", path);
		return -1;
	}
	mx_fmt(name, sizeof name, "%.*s", (int)(strlen(base) - 2), base);
	mx_fmt(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	if (!dir[0])
		mx_fmt(dir, sizeof dir, "/");
	for (int s = 0; s < mx->nscen; s++)
		if (!strcmp(mx->scen[s].name, name)) {
			fprintf(stderr, "crossrt matrix: two programs named %s (%s/%s.c and %s)\n", name,
				mx->scen[s].dir, name, path);
			return -1;
		}
	struct mx_scenario *s = new_scenario(mx);
	if (mx_load_scenario(dir, s, name))
		return -1;
	mx_fmt(s->prog, sizeof s->prog, "%s/bin/%%a/%s", mx->out, name);
	return 0;
}

static int add_dir(struct matrix *mx, const char *dir)
{
	char pat[MX_PATH];
	glob_t g;
	int err = 0;

	mx_fmt(pat, sizeof pat, "%s/*.c", dir);
	if (glob(pat, 0, NULL, &g)) {
		fprintf(stderr, "crossrt matrix: %s: no .c files\n", dir);
		return -1;
	}
	for (size_t i = 0; i < g.gl_pathc && !err; i++)
		err = add_file(mx, g.gl_pathv[i]);
	globfree(&g);
	return err;
}

int mx_add_programs(struct matrix *mx, int nargs, char **args)
{
	struct stat st;

	for (int i = 0; i < nargs; i++) {
		const char *a = args[i];
		int err;
		if (!stat(a, &st) && S_ISDIR(st.st_mode))
			err = add_dir(mx, a);
		else if (ends_with(a, ".c"))
			err = add_file(mx, a);
		else if (strchr(a, '/')) {
			fprintf(stderr, "crossrt matrix: %s: neither a FILE.c nor a folder\n", a);
			err = -1;
		} else {
			err = mx_load_scenario(mx->scendir, new_scenario(mx), a);
		}
		if (err)
			return -1;
	}
	return 0;
}

/* A FILE.c's program: the scenario's pattern; else --bin ARCH=DIR, --bin DIR with %a for the ISA, BUILD/ARCH/tests. */
void mx_prog_path(const struct matrix *mx, const struct mx_scenario *s, const char *arch, char *prog)
{
	const char *pat = s->prog[0] ? s->prog : mx->binpat, *at = pat ? strstr(pat, "%a") : NULL;
	const struct archdesc *a = arch_byname(arch);

	if (s->prog[0] && at)
		mx_fmt(prog, MX_PATH, "%.*s%s%s", (int)(at - pat), pat, arch, at + 2);
	else if (a && mx->bin[a->id])
		mx_fmt(prog, MX_PATH, "%s/%s", mx->bin[a->id], s->name);
	else if (at)
		mx_fmt(prog, MX_PATH, "%.*s%s%s/%s", (int)(at - pat), pat, arch, at + 2, s->name);
	else if (pat)
		mx_fmt(prog, MX_PATH, "%s/%s", pat, s->name);
	else
		mx_fmt(prog, MX_PATH, "%s/%s/tests/%s", mx->build, arch, s->name);
}

static int build(const struct matrix *mx, const struct mx_scenario *s)
{
	char src[MX_PATH + 72], prog[MX_PATH], dir[MX_PATH + 80];

	mx_fmt(src, sizeof src, "%s/%s.c", s->dir, s->name);
	for (int a = 0; a < mx->narch; a++) {
		mx_fmt(dir, sizeof dir, "%s/bin/%s", mx->out, mx->arches[a]);
		mkdir(dir, 0777);	/* an error shows as the build's */
		mx_prog_path(mx, s, mx->arches[a], prog);
		char *args[] = { src };
		if (cc_build(mx->arches[a], prog, args, 1))
			return -1;
	}
	return 0;
}

static int has_expectation(const struct mx_scenario *sc)
{
	char path[MX_PATH + 80];

	mx_fmt(path, sizeof path, "%s/%s.out", sc->dir, sc->name);
	if (!access(path, R_OK))
		return 0;
	fprintf(stderr, "crossrt matrix: %s: no expected output %s: write the stdout it must print there\n",
		sc->name, path);
	return -1;
}

static int has_programs(const struct matrix *mx, const struct mx_scenario *sc)
{
	char path[MX_PATH];

	for (int a = 0; a < mx->narch; a++) {
		mx_prog_path(mx, sc, mx->arches[a], path);
		if (access(path, X_OK)) {
			fprintf(stderr, "crossrt matrix: %s: program %s not found (make builds the scenarios; "
				"name a FILE.c to have it built)\n", sc->name, path);
			return -1;
		}
	}
	return 0;
}

/* Build the FILE.c programs (OUT exists), then check that every program and NAME.out is there. */
int mx_ready(struct matrix *mx)
{
	char bin[MX_PATH + 8];

	mx_fmt(bin, sizeof bin, "%s/bin", mx->out);
	mkdir(bin, 0777);
	for (int s = 0; s < mx->nscen; s++) {
		const struct mx_scenario *sc = &mx->scen[s];
		int err = sc->prog[0] ? has_expectation(sc) || build(mx, sc) : has_programs(mx, sc) || has_expectation(sc);
		if (err)
			return -1;
	}
	return 0;
}
