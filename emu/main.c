/* crossrt: run guest programs under emulators, capture and compare register traces. */
#include <stdio.h>
#include <string.h>
#include "cmd/cli.h"

static const char usage[] =
	"usage:\n"
	"  crossrt run    --arch A --engine qemu|unicorn|native [--procs N] [--seed S]\n"
	"                 [--trace F] [--budget INSNS] [--timeout SECS] [--env NAME=VALUE]...\n"
	"                 [--inject-fault N [--fault-addr accessed|nil]] PROG [ARGS]\n"
	"  crossrt diff   [--across arch|engine] [--probe NAME | --at SEQ] [--strict] [--ignore REG,..]\n"
	"                 TRACE TRACE [TRACE...]   exit 0 equal, 1 different, 2 error\n"
	"  crossrt show   TRACE [--probe NAME] [--elf PROG] [--limit N]\n"
	"  crossrt matrix [--arch A,..] [--engine E[/E..],..] [--procs N] [--jobs N] [--timeout SECS]\n"
	"                 [--out DIR] [--build DIR] [--bin [ARCH=]DIR] [--scenarios DIR] [--mutants FILE]\n"
	"                 [--repeat N] [--retry N] [--budget INSNS] [--no-diff] [--prune] [PROG...]\n"
	"  crossrt expect [--scenarios DIR] NAME STATUS STDOUT STDERR\n"
	"  crossrt arch   NAME\n"
	"  crossrt export --format chrome TRACE [-o OUT]\n";

int main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "diff"))
		return cmd_diff(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return cmd_show(argc - 1, argv + 1);
	if (!strcmp(argv[1], "matrix"))
		return cmd_matrix(argc - 1, argv + 1);
	if (!strcmp(argv[1], "expect"))
		return cmd_expect(argc - 1, argv + 1);
	if (!strcmp(argv[1], "arch"))
		return cmd_arch(argc - 1, argv + 1);
	if (!strcmp(argv[1], "export"))
		return cmd_export(argc - 1, argv + 1);
	fprintf(stderr, "crossrt: unknown command '%s'\n%s", argv[1], usage);
	return 2;
}
