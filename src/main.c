// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops: load, attach and inspect BPF struct_ops implementations of
 * the bpf_testmod_ops type defined by hello.ko, and of any other type.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kbtf.h"
#include "struct_ops.h"

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
