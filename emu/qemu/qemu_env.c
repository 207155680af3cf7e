/*
 * The guest environment through qemu-user's command line: used by the qemu
 * engine and by `crossrt debug`, so that a program rerun under the gdbstub
 * sees exactly the environment of its traced run.
 */
#include <stdio.h>
#include <string.h>
#include "qemu/qemu.h"

/* qemu reads QEMU_* itself, and the dynamic loader and libc read these. */
static bool qemu_reads(const char *var)
{
	return !strncmp(var, "QEMU_", 5) || !strncmp(var, "LD_", 3) || !strncmp(var, "GLIBC_", 6) ||
	       !strncmp(var, "MALLOC_", 7);
}

/*
 * qemu builds the guest environment by pushing its own environment and then
 * each -E onto the front of a list, so the guest sees -E options reversed,
 * then qemu's environment reversed.  -E splits its argument at commas: the
 * variables from the first one with a comma on go through qemu's environment.
 */
int qemu_env(const char *const *e, const char **argv, int *argc, int maxargs, const char **envp, int maxenv,
	     char *err, size_t errlen)
{
	int n = 0, k, ne = 0;

	for (; e && e[n]; n++)
		if (!strchr(e[n], '=') || e[n][0] == '=') {
			snprintf(err, errlen, "environment entry \"%s\" is not NAME=VALUE", e[n]);
			return -1;
		}
	for (k = 0; k < n && !strchr(e[k], ','); k++)
		;
	for (int i = k; i < n; i++)
		if (qemu_reads(e[i])) {
			snprintf(err, errlen, "cannot pass %s to the guest through qemu's environment", e[i]);
			return -1;
		}
	if (*argc + 2 * k + 8 >= maxargs || n - k + 1 >= maxenv) {
		snprintf(err, errlen, "too many environment variables");
		return -1;
	}
	for (int i = k - 1; i >= 0; i--) {
		argv[(*argc)++] = "-E";
		argv[(*argc)++] = e[i];
	}
	for (int i = n - 1; i >= k; i--)
		envp[ne++] = e[i];
	envp[ne] = NULL;
	return 0;
}
