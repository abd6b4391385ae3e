// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops: load, attach and inspect BPF struct_ops implementations of
 * the bpf_testmod_ops type defined by hello.ko, and of any other type.
 */
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "cli.h"
#include "kbtf.h"
#include "struct_ops.h"

const struct cli_cmd *const cli_cmds[] = {
	&cmd_run, &cmd_trigger, &cmd_list, &cmd_dump, &cmd_types, &cmd_doctor,
	&cmd_status, &cmd_detach, &cmd_repair, &cmd_swap, &cmd_new, &cmd_help, NULL
};

const struct cli_cmd *cli_find(const char *name)
{
	const struct cli_cmd *const *c;

	for (c = cli_cmds; *c; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

void cli_main_usage(FILE *f)
{
	const struct cli_cmd *const *c;

	fprintf(f,
		"Usage: %s [GLOBAL OPTIONS] [COMMAND] [OPTIONS]\n"
		"\n"
		"With no COMMAND, or options only, runs 'run'.\n"
		"\n"
		"Commands:\n", PROG_NAME);
	for (c = cli_cmds; *c; c++)
		fprintf(f, "  %-10s %s\n", (*c)->name, (*c)->summary);
	fprintf(f,
		"\n"
		"'%s COMMAND -h' (or 'COMMAND help') describes a command. Global options,\n"
		"before or after COMMAND: -j/--json, -p/--pretty (indented JSON),\n"
		"-v/--verbose, -q/--quiet, -h/--help. Under -j, stdout is one JSON\n"
		"document: the result, null when there is none, or {\"error\": \"...\"}.\n"
		"\n"
		"Exit status: 0 success, 1 failure, 2 bad usage, 3 another implementation\n"
		"is registered, 4 the kernel detached the implementation.\n"
		"libbpf %s\n", PROG_NAME, libbpf_version_string());
}

static int do_help(int argc, char **argv)
{
	int first, r = cli_parse(&cmd_help, argc, argv, NULL, &first);

	if (r != CLI_GO)
		return r;
	if (first < argc) {
		const struct cli_cmd *c = cli_find(argv[first]);

		if (!c) {
			p_err("unknown command '%s' (see '%s help')", argv[first], PROG_NAME);
			return EXIT_USAGE;
		}
		cli_usage(c, out_help());
		return EXIT_OK;
	}
	cli_main_usage(out_help());
	return EXIT_OK;
}

const struct cli_cmd cmd_help = {
	.name = "help",
	.summary = "this text ('help COMMAND': that command's)",
	.synopsis = "[COMMAND]",
	.descr = "List the commands, or describe COMMAND.",
	.max_args = 1,
	.main = do_help,
};

static int dispatch(int argc, char **argv)
{
	const struct cli_cmd *cmd;
	bool help = false;
	int i;

	/* global options before the command, bpftool style */
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			help = true;
		else if (!cli_global_arg(argv[i]))
			break;
	}
	if (i == argc || argv[i][0] == '-') {
		if (help && i == argc) {
			cli_main_usage(out_help());
			return EXIT_OK;
		}
		/* options only: they are run's ("struct_ops -c 3") */
		cmd = &cmd_run;
		i--;
	} else {
		cmd = cli_find(argv[i]);
		if (!cmd) {
			p_err("unknown command '%s' (see '%s help')", argv[i], PROG_NAME);
			return EXIT_USAGE;
		}
	}
	/* "struct_ops CMD help" is "struct_ops CMD -h", as in bpftool */
	if (help || (argc - i == 2 && cmd != &cmd_help && !strcmp(argv[i + 1], "help"))) {
		cli_usage(cmd, out_help());
		return EXIT_OK;
	}
	return cmd->main(argc - i, argv + i);
}

int main(int argc, char **argv)
{
	int status;

	setvbuf(stdout, NULL, _IOLBF, 0);
	out_setup();
	status = out_finish(dispatch(argc, argv));
	kbtf_free_all();
	return status;
}
