/* The process's arguments, environment and auxiliary vector. */
#include "runtime.h"

int argc;
char **argv;
char **envp;
uintptr *auxv;

void goargs(uintptr *sp)
{
	char **e;

	argc = (int)sp[0];
	argv = (char **)(sp + 1);
	envp = argv + argc + 1;
	for (e = envp; *e; e++)
		;
	auxv = (uintptr *)(e + 1);
}

const char *gogetenv(const char *name)
{
	size_t n = strlen(name);
	char **e;

	for (e = envp; *e; e++)
		if (memcmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

int64_t atoi64(const char *s, bool *ok)
{
	int64_t v = 0;
	bool neg = false;

	*ok = false;
	if (!s || !*s)
		return 0;
	if (*s == '-')
		neg = true, s++;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	*ok = true;
	return neg ? -v : v;
}
