/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command contract: each command is described by a table (options,
 * arguments, help text), and one parser handles every command line, so all
 * commands take the global options anywhere, print the same help and refuse
 * bad usage with one "Error:" line and exit status 2.
 */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>
#include <stdio.h>

/* Keys above this have no short option. */
#define CLI_LONG_ONLY	0x100

/* One option of a command. */
struct cli_opt {
	int key;		/* the short option letter, or CLI_LONG_ONLY + n */
	const char *name;	/* the long option */
	const char *arg;	/* the value's name in the help, NULL for a flag */
	const char *help;	/* what it does; '\n' continues on a new line */
};

struct cli_cmd {
	const char *name;
	const char *usage_name;	/* in the usage line, if not name ("[run]") */
	const char *summary;	/* one line, for 'struct_ops help' */
	const char *synopsis;	/* what follows "[OPTIONS]" in the usage line */
	const char *descr;	/* what the command does, for -h */
	const struct cli_opt *opts;	/* ends with {}; may be NULL */
	const char *footer;	/* after the options: exit statuses, examples */
	int max_args;		/* positional arguments accepted */
	/* Apply one option of opts; returns 0, or EXIT_USAGE after p_err(). */
	int (*opt)(void *ctx, int key, const char *arg);
	/* The command itself, given its whole argv (argv[0] is its name). */
	int (*main)(int argc, char **argv);
};

/* cli_parse()'s answer when the command should go on. */
#define CLI_GO	(-1)

/*
 * Parse argv (argv[0] is the command's name) against cmd: global options
 * set g_opts, the command's go to cmd->opt(ctx, ...). Returns CLI_GO with
 * *first the index of the first positional argument, or the exit status
 * the command must end with: EXIT_OK after -h, EXIT_USAGE after one error
 * line for an unknown option, a missing value or too many arguments.
 */
int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, void *ctx,
	      int *first);
void cli_usage(const struct cli_cmd *cmd, FILE *f);
/* The program's usage: every command, the global options, exit statuses. */
void cli_main_usage(FILE *f);
/* Apply a global option given before the command (-j, --json, -jq, ...). */
bool cli_global_arg(const char *arg);
/* main.c: every command, in the order 'struct_ops help' lists them; NULL ends it. */
extern const struct cli_cmd *const cli_cmds[];
const struct cli_cmd *cli_find(const char *name);

extern const struct cli_cmd cmd_run, cmd_trigger, cmd_list, cmd_dump,
	cmd_types, cmd_doctor, cmd_status, cmd_detach, cmd_repair, cmd_swap,
	cmd_new, cmd_help;

#endif /* CLI_H */
