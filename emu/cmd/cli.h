/* The crossrt subcommands. */
#ifndef EMU_CLI_H
#define EMU_CLI_H

int cmd_run(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_matrix(int argc, char **argv);
int cmd_expect(int argc, char **argv);
int cmd_arch(int argc, char **argv);
int cmd_cc(int argc, char **argv);
int cmd_debug(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
