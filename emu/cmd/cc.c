/*
 * crossrt cc --arch A [-o OUT] FILE.c... [CFLAGS]: what the Makefile's
 * guest_link does for a scenario, for any program: the ISA's guest_cflags,
 * the runtime's headers, start.o first, libruntime.a and libgcc last, then
 * runtime/functab.sh to fill .functab (without it tracebacks print "?()").
 *
 * The runtime is found from crossrt's own path: installed (PREFIX/bin/crossrt,
 * PREFIX/lib/crossrt/ARCH/, PREFIX/include/crossrt/) or in the build tree
 * (build/host/crossrt, build/ARCH/, the sources above build/).
 */
#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cmd/cc.h"
#include "cmd/cc_guest.h"
#include "cmd/cli.h"
#include "core/util.h"

extern char **environ;

struct rtfiles {
	char inc[2][PATH_MAX];	/* runtime/, arch-ARCH/ */
	char start[PATH_MAX];
	char lib[PATH_MAX];
	char functab[PATH_MAX];
	const char *how;	/* how to get a missing file */
};

/* snprintf for paths: one too long for PATH_MAX is cut, and then not found. */
static void fmt(char *buf, size_t n, const char *f, ...) __attribute__((format(printf, 3, 4)));
static void fmt(char *buf, size_t n, const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vsnprintf(buf, n, f, ap);
	va_end(ap);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* The folder two levels above crossrt's executable: PREFIX, or build/ (build/debug/ ...). */
static int exe_top(char *top, size_t n)
{
	ssize_t len = readlink("/proc/self/exe", top, n - 1);

	if (len < 0)
		return -1;
	top[len] = 0;
	for (int up = 0; up < 2; up++) {
		char *slash = strrchr(top, '/');
		if (!slash)
			return -1;
		*slash = 0;
	}
	return 0;
}

static void installed(const char *top, const char *arch, struct rtfiles *r)
{
	fmt(r->inc[0], PATH_MAX, "%s/include/crossrt", top);
	fmt(r->inc[1], PATH_MAX, "%s/lib/crossrt/%s/include", top, arch);
	fmt(r->start, PATH_MAX, "%s/lib/crossrt/%s/start.o", top, arch);
	fmt(r->lib, PATH_MAX, "%s/lib/crossrt/%s/libruntime.a", top, arch);
	fmt(r->functab, PATH_MAX, "%s/lib/crossrt/functab.sh", top);
	r->how = "make install";
}

/* The build tree: the sources are the nearest folder above build/ that holds runtime/crossrt.h. */
static int build_tree(const char *top, const char *arch, struct rtfiles *r)
{
	char src[PATH_MAX], probe[PATH_MAX + 32];

	fmt(src, sizeof src, "%s", top);
	for (;;) {
		fmt(probe, sizeof probe, "%s/runtime/crossrt.h", src);
		if (!access(probe, F_OK))
			break;
		char *slash = strrchr(src, '/');
		if (!slash || slash == src)
			return -1;
		*slash = 0;
	}
	fmt(r->inc[0], PATH_MAX, "%s/runtime", src);
	fmt(r->inc[1], PATH_MAX, "%s/arch-%s", src, arch);
	fmt(r->start, PATH_MAX, "%s/%s/obj/arch/start.o", top, arch);
	fmt(r->lib, PATH_MAX, "%s/%s/libruntime.a", top, arch);
	fmt(r->functab, PATH_MAX, "%s/runtime/functab.sh", src);
	r->how = "make";
	return 0;
}

static int find_runtime(const char *arch, struct rtfiles *r)
{
	char top[PATH_MAX], lib[PATH_MAX + 16];

	if (exe_top(top, sizeof top)) {
		fprintf(stderr, "crossrt cc: cannot tell where crossrt is: %s\n", strerror(errno));
		return -1;
	}
	fmt(lib, sizeof lib, "%s/lib/crossrt", top);
	if (is_dir(lib))
		installed(top, arch, r);
	else if (build_tree(top, arch, r)) {
		fprintf(stderr, "crossrt cc: no runtime beside crossrt: neither %s nor a source tree above %s\n",
			lib, top);
		return -1;
	}
	const char *need[] = { r->start, r->lib, r->inc[0], r->inc[1], r->functab };
	for (size_t i = 0; i < sizeof need / sizeof *need; i++)
		if (access(need[i], R_OK)) {
			fprintf(stderr, "crossrt cc: missing runtime library %s (%s ARCH=%s makes it)\n", need[i],
				r->how, arch);
			return -1;
		}
	return 0;
}

/* Is the program on PATH (or, named with a slash, there)? */
static bool on_path(const char *prog)
{
	char buf[PATH_MAX];
	const char *path = getenv("PATH");

	if (strchr(prog, '/'))
		return !access(prog, X_OK);
	for (const char *p = path ? path : ""; *p; p += *p == ':') {
		size_t len = strcspn(p, ":");
		fmt(buf, sizeof buf, "%.*s%s%s", (int)len, p, len ? "/" : "", prog);
		if (!access(buf, X_OK))
			return true;
		p += len;
	}
	return false;
}

static int spawn(char **av)
{
	pid_t pid;
	int status, err = posix_spawnp(&pid, av[0], NULL, NULL, av, environ);

	if (err) {
		fprintf(stderr, "crossrt cc: %s: %s\n", av[0], strerror(err));
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int link_prog(const struct guest_cc *g, const struct rtfiles *r, const char *out, char *const *args, int nargs)
{
	char *flags = xstrdup(g->cflags), *save = NULL, inc[2][PATH_MAX + 2];
	char **av = xcalloc(strlen(g->cflags) / 2 + (size_t)nargs + 16, sizeof *av);
	int n = 0;

	av[n++] = (char *)g->cc;
	for (char *f = strtok_r(flags, " ", &save); f; f = strtok_r(NULL, " ", &save))
		av[n++] = f;
	for (int i = 0; i < 2; i++) {
		fmt(inc[i], sizeof inc[i], "-I%s", r->inc[i]);
		av[n++] = inc[i];
	}
	av[n++] = (char *)r->start;
	for (int i = 0; i < nargs; i++)
		av[n++] = args[i];
	av[n++] = (char *)r->lib;
	av[n++] = "-lgcc";
	av[n++] = "-o";
	av[n++] = (char *)out;
	av[n] = NULL;
	int status = spawn(av);
	free(av);
	free(flags);
	return status;
}

int cc_build(const char *arch, const char *out, char *const *args, int nargs)
{
	const struct guest_cc *g = guest_cc(arch);
	struct rtfiles r;
	char nm[256], objcopy[256];

	if (!g) {
		fprintf(stderr, "crossrt cc: unknown ISA '%s': use one of %s, or all\n", arch, guest_arches());
		return -1;
	}
	fmt(nm, sizeof nm, "%snm", g->bin);
	fmt(objcopy, sizeof objcopy, "%sobjcopy", g->bin);
	const char *tools[] = { g->cc, nm, objcopy };
	for (int i = 0; i < 3; i++)
		if (!on_path(tools[i])) {
			fprintf(stderr, "crossrt cc: %s's compiler or binutils '%s' not found on PATH (make deps installs them)\n",
				arch, tools[i]);
			return -1;
		}
	if (find_runtime(arch, &r))
		return -1;
	if (link_prog(g, &r, out, args, nargs)) {
		fprintf(stderr, "crossrt cc: %s: compiling or linking %s failed\n", arch, out);
		return -1;
	}
	char *av[] = { "sh", r.functab, nm, objcopy, (char *)out, NULL };
	if (spawn(av)) {
		fprintf(stderr, "crossrt cc: %s: %s failed\n", out, r.functab);
		return -1;
	}
	return 0;
}

static const char cc_usage[] =
	"usage: crossrt cc --arch A|all [-o OUT] FILE.c... [CFLAGS]\n"
	"  compile and link a program against the runtime as the scenarios are;\n"
	"  --arch all builds OUT.ISA for every ISA; OUT defaults to the first FILE without .c\n";

/* OUT without -o: the first .c file's name, without .c and its folder. */
static void default_out(char *const *args, int nargs, char *out, size_t n)
{
	for (int i = 0; i < nargs; i++) {
		size_t len = strlen(args[i]);
		if (len > 2 && !strcmp(args[i] + len - 2, ".c")) {
			const char *base = strrchr(args[i], '/');
			base = base ? base + 1 : args[i];
			fmt(out, n, "%.*s", (int)strlen(base) - 2, base);
			return;
		}
	}
	fmt(out, n, "a.out");
}

int cmd_cc(int argc, char **argv)
{
	const char *arch = NULL, *out = NULL;
	char **rest = xcalloc((size_t)argc, sizeof *rest), defout[PATH_MAX], path[PATH_MAX + 16];
	int nrest = 0, status = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cc_usage, stdout);
			free(rest);
			return 0;
		}
		if ((!strcmp(argv[i], "--arch") || !strcmp(argv[i], "-o")) && i + 1 < argc) {
			*(argv[i][1] == 'o' ? &out : &arch) = argv[i + 1];
			i++;
		} else
			rest[nrest++] = argv[i];
	}
	if (!arch || !nrest) {
		fprintf(stderr, "crossrt cc: %s\n%s", arch ? "no FILE.c" : "no --arch", cc_usage);
		free(rest);
		return 2;
	}
	if (!out) {
		default_out(rest, nrest, defout, sizeof defout);
		out = defout;
	}
	if (strcmp(arch, "all")) {
		status = cc_build(arch, out, rest, nrest) ? 1 : 0;
	} else {
		char names[256], *save = NULL;
		fmt(names, sizeof names, "%s", guest_arches());
		for (char *a = strtok_r(names, " ", &save); a && !status; a = strtok_r(NULL, " ", &save)) {
			fmt(path, sizeof path, "%s.%s", out, a);
			status = cc_build(a, path, rest, nrest) ? 1 : 0;
		}
	}
	free(rest);
	return status;
}
