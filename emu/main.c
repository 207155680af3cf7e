/* crossrt: run guest programs under emulators, capture and compare register traces. */
#include <stdio.h>
#include <stdbool.h>
#include <string.h>
#include "cmd/cli.h"

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
} commands[] = {
	{ "run", cmd_run,
	  "  crossrt run    --arch A --engine qemu|unicorn|native [--procs N] [--seed S]\n"
	  "                 [--trace F] [--budget INSNS] [--timeout SECS] [--env NAME=VALUE]...\n"
	  "                 [--inject-fault N [--fault-addr accessed|nil]] PROG [ARGS]\n" },
	{ "diff", cmd_diff,
	  "  crossrt diff   [--across arch|engine|impl] [--probe NAME | --at SEQ] [--strict] [--ignore REG,..]\n"
	  "                 TRACE TRACE [TRACE...]   exit 0 equal, 1 different, 2 error\n" },
	{ "show", cmd_show, "  crossrt show   TRACE [--probe NAME] [--elf PROG] [--limit N]\n" },
	{ "matrix", cmd_matrix,
	  "  crossrt matrix [--arch A,..] [--engine E[/E..],..] [--procs N] [--jobs N] [--timeout SECS]\n"
	  "                 [--out DIR] [--build DIR] [--bin [ARCH=]DIR] [--scenarios DIR] [--mutants FILE]\n"
	  "                 [--repeat N] [--retry N] [--budget INSNS] [--no-diff] [--prune] [--shard I/N]\n"
	  "                 [NAME | FILE.c | DIR]...\n" },
	{ "report", cmd_report, "  crossrt report --merge DIR... [--out DIR]\n" },
	{ "debug", cmd_debug,
	  "  crossrt debug  TRACE (--at SEQ | --first-divergence OTHER.trace) [--prog PATH] [--gdb PATH]\n"
	  "                 [--port N] [--batch CMDFILE] [--exec CMD]... [--timeout SECS]\n" },
	{ "cc", cmd_cc, "  crossrt cc     --arch A|all [-o OUT] FILE.c... [CFLAGS]\n" },
	{ "expect", cmd_expect, "  crossrt expect [--scenarios DIR] NAME STATUS STDOUT STDERR\n" },
	{ "arch", cmd_arch, "  crossrt arch   NAME\n" },
	{ "export", cmd_export, "  crossrt export --format chrome TRACE [-o OUT]\n" },
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *f)
{
	fputs("usage:\n", f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fputs(commands[i].usage, f);
}

static bool is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

int main(int argc, char **argv)
{
	if (argc < 2 || is_help(argv[1])) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		if (argc > 2 && is_help(argv[2])) {
			printf("usage:\n%s", commands[i].usage);
			return 0;
		}
		return commands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "crossrt: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
